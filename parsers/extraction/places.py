"""Finding the parties a text names: divisions from the gazetteer, the townships and villages
below them, and organisations.

Divisions are matched with one Aho-Corasick automaton over every official name and alias
(leftmost-longest).  A bare two-character short form must stand as a word of its own in
jieba's reading (长白 inside 长白山 is no county); ambiguous names are resolved from
context; a place written just before a place inside it (贵州黔东南州, 承德市的承德县) is
folded into that place.  Townships and villages (parsers/extraction/localunits.py) and organisations
(parsers/extraction/orgs.py) are found next to them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date
from functools import lru_cache

import ahocorasick

from parsers.extraction.aliases import with_aliases
from parsers.extraction.gazetteer import Gazetteer, Region, load_corps_divisions, load_gazetteer
from parsers.extraction.legalnames import unify_legal_names
from parsers.extraction.localunits import find_local_units, units_in_zones
from parsers.extraction.mentions import LEVEL_ORDER, Mention, local_party, region_party, written_party
from parsers.extraction.orgs import combine, find_orgs, org_context, org_party
from parsers.extraction.wording.parties import (
    BYLINE_AFTER,
    CORPS_BETWEEN,
    CORPS_DIVISION,
    CORPS_DIVISION_LIST,
    CORPS_NAME,
    CORPS_WHOLE,
    COUNTY_UNIT_TYPES,
    DATELINE_AFTER,
    DIVISION_UNIT_ENDINGS,
    INSTITUTE_AFTER_SHORT_FORM,
    LOCAL_LIST_SEPARATORS,
    LOCAL_NOT_NAMES,
    LOCAL_TOWNSHIP_TYPES,
    LOCAL_VILLAGE_TYPES,
    NOT_AFTER_UNIT_TYPE,
    NOT_TYPED_NAMES,
    PARTY_BRANCHES,
    PARTY_POSSESSIVE,
    PERSON_ROLES,
    PLACE_JOINED_AFTER,
    PLACE_JOINER_CHARS,
    SELF_REFERENCE,
    SELF_REFERENCE_LEVELS,
    SELF_REFERENCE_REGION,
    UNNAMED_FIRM_AFTER_PLACE,
)
from parsers.extraction.words import all_on_word_boundaries, bounded, frequency
from parsers.extraction.zones import find_zones, zones_named_again
from parsers.records import Party
from parsers.surnames import surnames

_PUNCT = set(",。;:!?、,;:!?()()“”\"'《》\n")
# A weak short form right before one of these is the name of a village or township (朝阳村,
# 新建村, 光明街道) - unless the two characters make an ordinary word (恩施乡村振兴).
_LOCAL_AFTER = LOCAL_TOWNSHIP_TYPES + LOCAL_VILLAGE_TYPES


@lru_cache(maxsize=1)
def _automaton() -> tuple[ahocorasick.Automaton, re.Pattern[str]]:
    """Every surface of two characters or more, with what the matcher needs to know about it:
    (surface, its divisions, is it a bare short form); stop aliases are left out.

    pyahocorasick looks a character up among a node's children one by one, and the root has
    about a thousand; so the text is matched with every character that occurs in no name
    replaced by NUL, the root's first child (offsets do not move).  The second pattern does
    that replacement.  Children are kept in the order they were added: the surfaces whose first
    character is common in Chinese text (jieba's counts: building the automaton loads the
    tokenizer, which find_regions needs anyway) go in first, so the root's children a text visits
    most are found first."""
    gaz = load_gazetteer()
    auto = ahocorasick.Automaton()
    auto.add_word("\x00\x01", None)  # makes NUL the root's first child; never matches
    alphabet: set[str] = set()
    surfaces = [s for s in gaz.all_surfaces() if len(s) >= 2 and not gaz.is_stop_alias(s)]
    for surface in sorted(surfaces, key=lambda s: -frequency(s[0])):
        regions = tuple(gaz.resolve(surface))
        auto.add_word(surface, (surface, regions, is_weak(surface, regions)))
        alphabet.update(surface)
    auto.make_automaton()
    others = re.compile("[^" + "".join(re.escape(c) for c in sorted(alphabet)) + "]")
    return auto, others


def _blocked(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def is_weak(surface: str, regions: tuple[Region, ...]) -> bool:
    """A short form without its unit (沿河, 浙江), as opposed to 沿河县 or an official name."""
    return not surface.endswith(DIVISION_UNIT_ENDINGS) and all(surface != r.name for r in regions)


def _names_a_local_unit(text: str, end: int) -> bool:
    return text.startswith(_LOCAL_AFTER, end) and not text.startswith(LOCAL_NOT_NAMES, end)


def find_regions(text: str, blocked: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Division mentions, leftmost-longest, outside blocked spans (mojibake)."""
    out: list[Mention] = []
    doubtful: list[int] = []  # bare two-character short forms jieba must confirm
    auto, others = _automaton()
    for end_idx, (surface, regions, weak) in auto.iter_long(others.sub("\x00", text)):
        start, end = end_idx - len(surface) + 1, end_idx + 1
        if blocked and _blocked(start, end, blocked):
            continue
        if weak and _names_a_local_unit(text, end):
            continue
        if weak and _given_name(text, start):
            continue
        if weak and len(surface) == 2 and not bounded(text, start, end):
            typed = (text[end : end + 1] in COUNTY_UNIT_TYPES and any(r.level == "county" for r in regions)
                     and text[start : end + 1] not in NOT_TYPED_NAMES)
            doubtful.append((len(out), (start, end + 1) if typed else (start, end)))  # 江宁县: one word with its type
        out.append(Mention(start, end, surface, regions=regions, weak=weak))
    verdicts = all_on_word_boundaries(text, [span for _, span in doubtful])
    drop = {i for (i, _), ok in zip(doubtful, verdicts, strict=True) if not ok}
    kept = [m for i, m in enumerate(out) if i not in drop and not _joined_bare_level(text, m)]
    if drop:
        kept = sorted(kept + _shadowed(text, [out[i] for i in drop], kept, blocked), key=lambda m: m.start)
    return kept


def _shadowed(text: str, dropped: list[Mention], kept: list[Mention],
              blocked: list[tuple[int, int]] | None) -> list[Mention]:
    """如东丽区 (如, "such as", then 东丽区): a short form jieba rejected (如东) hid, leftmost-longest,
    a division's name with its unit starting inside it; that name is read after all."""
    auto, others = _automaton()
    found: list[Mention] = []
    for d in dropped:
        hi = min(len(text), d.end + _SHADOW_REACH)
        for end_idx, (surface, regions, weak) in auto.iter_long(others.sub("\x00", text[d.start + 1 : hi])):
            start = d.start + 1 + end_idx - len(surface) + 1
            end = start + len(surface)
            if start >= d.end or weak:
                continue
            if (blocked and _blocked(start, end, blocked)) or any(m.start < end and start < m.end for m in kept + found):
                continue
            found.append(Mention(start, end, surface, regions=regions, weak=weak))
    return found


_SHADOW_REACH = 12  # how far past a rejected short form a name starting inside it may run


def _given_name(text: str, start: int) -> bool:
    """带头人谢明光: a role, a surname, then the short form - a person's given name."""
    return start > 0 and text[start - 1] in surnames() and text.endswith(PERSON_ROLES, 0, start - 1)


def _joined_bare_level(text: str, m: Mention) -> bool:
    """和县 right after a place or a body (苏州市和县里, 市纪委和县委宣传部): 和 joins a bare 县 to it."""
    return (len(m.surface) == 2 and m.surface[0] in PLACE_JOINER_CHARS and m.start > 0
            and text[m.start - 1] in PLACE_JOINED_AFTER)


# 那曲、比如、嘉黎三县 / 策勒、于田两县: short names listed, then how many and of what kind
_COUNTED_TAIL = re.compile(r"、[\u4e00-\u9fff]{2,4}等?([两二三四五六七八九十])个?([县区旗市])")
_COUNTED_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,4}、){1,8}[\u4e00-\u9fff]{2,4})等?$")
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def counted_list(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """``mentions`` with the short names of a counted list (那曲、比如、嘉黎三县) read as divisions of
    the kind it counts (那曲县, not 那曲市; 比如, an ordinary word, as 比如县): only when every
    name is one of that kind and as many are listed as it says."""
    out = mentions
    for tail in _COUNTED_TAIL.finditer(text):  # the count first (rare), then the list read back from it
        lo = max(0, tail.start(1) - 45)
        m = _COUNTED_LIST.search(text, lo, tail.start(1))
        if m is None:
            continue
        names = m.group(1).split("、")
        if len(names) != _COUNTS[tail.group(1)]:
            continue
        unit, pos, found = tail.group(2), m.start(1), []
        first = next((names[0][-k:] for k in range(len(names[0]), 1, -1)
                      if any(r.level == "county" for r in gaz.lookup(names[0][-k:] + unit))), names[0])
        pos += len(names[0]) - len(first)  # 那曲地区及那曲、比如…: the list starts at its first name
        names[0] = first
        for name in names:
            regions = tuple(r for r in gaz.lookup(name + unit) if r.level == "county")
            if not regions:
                break
            # the surface is the full name (那曲县): by it the date picks the division and its name as then
            found.append(Mention(pos, pos + len(name), name + unit, regions=regions))
            pos += len(name) + 1
        else:
            span = (found[0].start, m.end(1))
            out = [x for x in out if x.end <= span[0] or x.start >= span[1]] + found
    return sorted(out, key=lambda x: (x.start, -x.end)) if out is not mentions else mentions


def resolve(mentions: list[Mention], gaz: Gazetteer | None = None) -> None:
    """Pick one division per mention, using the article's unambiguous places as context."""
    gaz = gaz or load_gazetteer()
    sure = [m.regions[0] for m in mentions if len(m.regions) == 1]
    context = list({r.code: r for r in sure}.values())
    provinces = Counter(r.province for r in sure)
    for i, m in enumerate(mentions):
        if m.region is not None or not m.regions:
            continue
        if len(m.regions) == 1:
            m.region = m.regions[0]
            continue
        prev = mentions[i - 1] if i else None
        candidates = _outermost(m.regions, gaz)
        if len(candidates) == 1 and not (prev and prev.region and prev.end == m.start):
            m.region = candidates[0]  # 承德 is 承德市, 和田 is 和田地区: the county would be written 承德县
            continue
        scored = sorted(((_score(r, m, prev, context, provinces, gaz), r) for r in m.regions),
                        key=lambda t: t[0], reverse=True)
        (best_score, best), (runner_score, runner) = scored[0], scored[1]
        if best_score == runner_score and best.province != runner.province:
            continue  # no context tells them apart: better no party than a wrong one
        m.region = best


def _outermost(regions: tuple[Region, ...], gaz: Gazetteer) -> list[Region]:
    """The candidates not inside another candidate."""
    return [r for r in regions if not any(o.code != r.code and gaz.is_within(r, o) for o in regions)]


def _score(r: Region, m: Mention, prev: Mention | None, context: list[Region], provinces: Counter,
           gaz: Gazetteer) -> tuple[int, int]:
    """How well a candidate fits: inside the place written just before it, a province's own short
    form, named elsewhere, or in a province the article keeps naming; higher levels win ties."""
    s = 0
    if prev and prev.region and prev.end == m.start and gaz.is_within(r, prev.region):
        s += 100
    if r.level == "province":
        s += 50  # 河北 is the province, unless written after 天津市
    s += 10 if any(c.code == r.code for c in context) else 0  # 恩施 after 恩施州: the same place
    s += sum(5 for c in context if c.code != r.code and gaz.is_within(r, c))
    s += provinces.get(r.province, 0)
    return s, -LEVEL_ORDER.get(r.level, 9)


# 新疆生产建设兵团第一师阿拉尔市: a division of the corps, written between the region and its city.
_CORPS = re.compile(CORPS_BETWEEN)
_DIVISIONS = re.compile(CORPS_DIVISION_LIST)
_DIVISION = re.compile(CORPS_DIVISION)
_WHOLE_CORPS = re.compile(CORPS_WHOLE)


def corps_divisions(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """兵团第四师、第七师 written without their cities: each division is a party under its own name
    (新疆生产建设兵团第四师) with its city's code, and the 新疆 of 新疆生产建设兵团 is no mention of the
    region."""
    if "兵团" not in text:
        return mentions
    added: list[Mention] = []
    leads: dict[int, int] = {}  # where a division's city starts -> where the corps' name before it starts
    for m in _DIVISIONS.finditer(text):
        for k, d in enumerate(_DIVISION.finditer(text, m.start(1), m.end(1))):
            name = load_corps_divisions().get(d.group(0))  # 师市合一: 兵团第四师 = 可克达拉市
            city = next((r for r in gaz.lookup(name) if r.name == name), None) if name else None
            if city is not None and text.startswith(name, d.end()) and k == 0:
                leads[d.end()] = m.start()  # 兵团第五师双河市: the city, written with its division
            if city is None or text.startswith(name, d.end()):
                continue
            start = m.start() if k == 0 else d.start()
            added.append(Mention(start, d.end(), text[start : d.end()], regions=(city,), region=city,
                                 org=CORPS_NAME + d.group(0)))
    xinjiang = next((r for r in gaz.lookup("新疆") if r.level == "province"), None)
    for m in _WHOLE_CORPS.finditer(text) if xinjiang is not None else ():
        if xinjiang is not None and not any(a.start <= m.start() < a.end for a in added) and len(m.group(0)) >= 4:
            added.append(Mention(m.start(), m.end(), m.group(0), regions=(xinjiang,), region=xinjiang, org=CORPS_NAME))
    if not added and not leads:
        return mentions
    kept = [m for m in mentions if not any(a.start <= m.start < a.end for a in added)
            and not any(lead <= m.start and m.end <= city for city, lead in leads.items())]
    kept = [replace(m, start=leads[m.start], surface=text[leads[m.start] : m.end]) if m.start in leads else m for m in kept]
    return sorted(kept + added, key=lambda m: (m.start, -m.end))


def fold_nested(mentions: list[Mention], text: str, gaz: Gazetteer | None = None) -> list[Mention]:
    """贵州黔东南州 / 承德市的承德县: an enclosing division written first is folded in."""
    gaz = gaz or load_gazetteer()
    out: list[Mention] = []
    for m in mentions:
        if out and m.region and out[-1].region and out[-1].kind == m.kind == "region":
            prev = out[-1]
            gap = text[prev.end : m.start]
            joined = gap == "" or (len(gap) <= 15 and gap.endswith(PARTY_POSSESSIVE) and not (_PUNCT & set(gap))
                                   and not gap.startswith(LOCAL_LIST_SEPARATORS)) or bool(  # 日喀则市及其所属的定结县: both
                _CORPS.fullmatch(gap))
            if joined and prev.region.code != m.region.code and gaz.is_within(m.region, prev.region):
                out[-1] = replace(m, start=prev.start)
                continue
        out.append(m)
    return out


# 全市 / 全县 name the reporting place too; not 健全市场, 安全县域, 全市各区 (its units), 全市范围.
_SELF = re.compile(SELF_REFERENCE)


def self_references(text: str, regions: list[Mention]) -> list[Mention]:
    """我区 / 我市 (全区 / 全市) in a body's own report: the place of that kind the title names, else the first
    the text names before it (顺德区2023年东西部协作工作总结 ... 我区与美姑县携手), else the one it names
    most often."""
    out: list[Mention] = []
    title_end = text.find("\n")
    for m in _SELF.finditer(text):
        unit = m.group(1)
        fits = [r for r in regions if r.region and r.region.level in SELF_REFERENCE_LEVELS[unit]
                and r.region.name.endswith(unit) and r.start < m.start()]
        if unit == SELF_REFERENCE_REGION and not any(r.end <= title_end for r in fits):
            fits = [r for r in fits if r.region.level == "province"] or fits  # 我区 in 内蒙古: the autonomous region
        if not fits:  # named only after it: the place of that kind the report names most
            later = [r for r in regions if r.region and r.region.level in SELF_REFERENCE_LEVELS[unit]
                     and r.region.name.endswith(unit)]
            counts = Counter(r.region.code for r in later)
            fits = sorted(later, key=lambda r: -counts[r.region.code])[:1]
        if fits:
            r = fits[0]
            out.append(Mention(m.start(), m.end(), m.group(0), regions=(r.region,), region=r.region))
    return out


_UNNAMED_FIRM = re.compile(UNNAMED_FIRM_AFTER_PLACE)
_INSTITUTE = re.compile(INSTITUTE_AFTER_SHORT_FORM)
_BYLINE = re.compile(BYLINE_AFTER)
_DATELINE = re.compile(DATELINE_AFTER)


def _with_written_type(text: str, m: Mention) -> Mention:
    """香格里拉县 in a 2013 article: a county's short form written with another unit type than its
    present name's (香格里拉市 since 2014) is the name the county then had; the mention takes the
    type and the party keeps the name as written, under the same code lineage."""
    if m.region is None or m.kind != "region" or m.surface == m.region.name:
        return m
    typed = m.surface + text[m.end : m.end + 1]
    if (not _typed_otherwise(m.region, typed) or text[m.end + 1 : m.end + 2] in NOT_AFTER_UNIT_TYPE
            or typed in NOT_TYPED_NAMES):
        return m
    return replace(m, end=m.end + 1, surface=typed)


def _typed_otherwise(region: Region, surface: str) -> bool:
    """``surface`` is a county's short form and a unit type its present name does not end with (香格里拉县)."""
    return (region.level == "county" and len(surface) > 1 and surface[:-1] in region.aliases
            and surface[-1] in COUNTY_UNIT_TYPES and not region.name.endswith(surface[-1]))


def party_of(m: Mention, context: dict[str, Region], on: date | None = None) -> Party | None:
    """The Party a mention names; a bare 省教育厅 takes its region from ``context`` (by 省/市/县);
    ``on`` (the article's date) decides whether a former name is still the division's name."""
    if m.kind == "local":
        return local_party(m.region, m.path)
    if m.kind == "group":  # named as written where it was found (农工党常州、泰州等市委)
        return m.party
    if m.kind == "org":
        return org_party(m, context)
    if m.region is None:
        return None
    if m.org == CORPS_NAME:  # the corps as a whole: no division code of its own; it holds its divisions by name
        return Party(name=CORPS_NAME, full_name=CORPS_NAME, level="province", province=m.region.province)
    if m.org:  # a corps division: its own name, its city's code (师市合一)
        return Party(name=m.org, full_name=m.org, code=m.region.lineage or m.region.code, level=m.region.level,
                     province=m.region.province)
    if _typed_otherwise(m.region, m.surface) and m.surface not in m.region.former:
        return written_party(m.region, m.surface)  # 香格里拉县: the name as written (_with_written_type)
    return region_party(m.region, m.surface, on)


def on_date(mentions: list[Mention], on: date | None, gaz: Gazetteer) -> list[Mention]:
    """The divisions each mention may denote on the article's date (gazetteer validity)."""
    if on is None:
        return mentions
    out = []
    for m in mentions:
        m.regions = tuple(gaz.resolve(m.surface, on))
        if m.regions:
            out.append(m)
    return out


def find_parties(text: str, blocked: list[tuple[int, int]] | None = None,
                 context_province: str | None = None, on: date | None = None) -> list[Mention]:
    """All party mentions of ``text``, resolved, folded, with their Party built; ``on`` (the
    article's date) chooses among divisions by their validity."""
    gaz = load_gazetteer()
    regions = on_date(counted_list(text, find_regions(text, blocked), gaz), on, gaz)
    resolve(regions, gaz)
    regions = corps_divisions(text, fold_nested([m for m in regions if m.region], text, gaz), gaz)
    regions = [_with_written_type(text, m) for m in regions if not _UNNAMED_FIRM.match(text, m.end)
               and not (m.weak and _INSTITUTE.match(text, m.end))]
    regions = sorted(regions + self_references(text, regions), key=lambda m: (m.start, -m.end))
    locals_ = find_local_units(text, regions, blocked)
    locals_ = units_in_zones(text, locals_ + find_zones(text, regions, locals_), regions)
    locals_ += zones_named_again(text, regions, locals_)
    mentions = combine(regions, locals_, find_orgs(text, regions + locals_, blocked))
    context = org_context(mentions, context_province)
    for m in mentions:
        m.party = party_of(m, context, on)
    unify_legal_names(mentions)
    return with_aliases(text, [_with_branch(text, m) for m in mentions if m.party is not None
                               and not (m.kind == "org" and _BYLINE.match(text, m.end))
                               and not (m.kind == "region" and _DATELINE.match(text, m.end))], blocked)


def _with_branch(text: str, m: Mention) -> Mention:
    """A body or village written with its Party branch (X公司党支部, Y村党总支) is that body: the branch
    signs and pairs for it (党建结对, 村企结对)."""
    if m.kind not in ("org", "local"):
        return m
    branch = next((b for b in PARTY_BRANCHES if text.startswith(b, m.end)), None)
    return replace(m, end=m.end + len(branch), surface=m.surface + branch) if branch else m


def dominant_province(mentions: list[Mention]) -> str | None:
    """The province below province level most often named: where a bare 省教育厅 belongs."""
    counts = Counter(m.region.province for m in mentions
                     if m.region and m.region.level != "province" and m.kind != "org")
    return counts.most_common(1)[0][0] if counts else None
