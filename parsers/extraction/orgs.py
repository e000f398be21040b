"""Organisations as parties: government departments, companies, banks, universities,
chambers, foundations, 帮扶集团, national bodies (国家林草局) - each with the region the text gives it.

Two shapes, both read from the tables in parsers/extraction/wording/parties.py:
  department   [region | bare 省/市/县] + stem + suffix      四川省教育厅, 县住建局
  named        a name ending in an organisation word         贵州银行, 中国信达资产管理股份有限公司
A named organisation must start with a place the text names, with 中国/中华/国家, or be a
name of four characters or more standing at a clause start; a bare 协会 / 该商会 / 帮扶集团
later in the text refers back to the one named before.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from parsers.extraction.gazetteer import Region, load_gazetteer
from parsers.extraction.groups import span_party
from parsers.extraction.mentions import Mention
from parsers.extraction.orglexicon import find_known, full_names
from parsers.extraction.wording.pairing import RELATION_VERBS
from parsers.extraction.wording.parties import (
    DEMOCRATIC_PARTIES,
    NUMERALS,
    ORDINAL_PREFIX,
    ORG_AFTER_FIGURE,
    ORG_BARE_ENDINGS,
    ORG_BARE_LEVELS,
    ORG_BARE_PREFIXES,
    ORG_BARE_SELF,
    ORG_BARE_SELF_BEFORE,
    ORG_CONTEXT_LEVELS,
    ORG_COUNT_UNITS,
    ORG_COUNTED,
    ORG_DEPT_GROUP_TAILS,
    ORG_DEPT_NOT_BEFORE,
    ORG_DEPT_SUFFIX_CHAR,
    ORG_FIRST_PERSON,
    ORG_FIRST_PERSON_PREFIXES,
    ORG_GENERIC_WORDS,
    ORG_KIND_STEMS,
    ORG_LEADING_NOISE,
    ORG_LEADING_VERBS,
    ORG_MEMBERS_FROM,
    ORG_MODIFIER_TAILS,
    ORG_NAMED_SUFFIXES,
    ORG_NATIONAL_JOINER,
    ORG_NATIONAL_NAME,
    ORG_NATIONAL_PREFIXES,
    ORG_NATIONAL_SUFFIXES,
    ORG_NATIONWIDE,
    ORG_PROVINCE_PREFIX,
    ORG_PROVINCIAL_SUFFIX,
    ORG_REF_HEADS,
    ORG_REF_PREFIXES,
    ORG_SPLIT_CHARS,
    ORG_STEMS,
    ORG_SUFFIXES,
    ORG_WELL_NAMED,
    ORG_WHOLE_NAMES,
    PARTY_COMMITTEE,
)
from parsers.extraction.words import ends_in_verb, opener_length
from parsers.records import Party

MAX_NAME = 24
MAX_DEPT = 16  # characters of a department's prefix and stem before its suffix character
_SUFFIX_CHAR = re.compile(ORG_DEPT_SUFFIX_CHAR)
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff()()]")
_COUNTED = re.compile(ORG_COUNTED)
# ORG_NATIONAL_JOINER stays inside a national body's name (国家林业和草原局, 国家发展和改革委员会).
_NATIONAL = re.compile(ORG_NATIONAL_NAME.format(breaks="".join(sorted(ORG_SPLIT_CHARS - {ORG_NATIONAL_JOINER})),
                                                suffixes="|".join(ORG_NATIONAL_SUFFIXES)))
_HARD_BOUNDARY = set(",。;:!?、,;:!?“”\"'《》「」 \n\t—")
# The word lists the readers below try longest first, sorted once.
_NOISE_LONGEST_FIRST = tuple(sorted(ORG_LEADING_NOISE, key=len, reverse=True))
_BARE_LONGEST_FIRST = tuple(sorted(ORG_BARE_PREFIXES, key=len, reverse=True))
_SUFFIXES_LONGEST_FIRST = tuple(sorted(ORG_NAMED_SUFFIXES, key=len, reverse=True))
_GENERIC = re.compile("|".join(map(re.escape, ORG_GENERIC_WORDS)))  # one scan of a name for all of them


@lru_cache(maxsize=1)
def _dept_re() -> re.Pattern[str]:
    stems = "|".join(sorted(ORG_STEMS, key=len, reverse=True))
    suffixes = "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True))
    prefixes = "|".join(sorted(ORG_BARE_PREFIXES, key=len, reverse=True))
    whole = "|".join(sorted(ORG_WHOLE_NAMES, key=len, reverse=True))
    # the characters a match can start with, tested first: most positions fail on one character
    # instead of trying every stem
    first = "".join(sorted({w[0] for w in (*ORG_BARE_PREFIXES, *ORG_STEMS, *ORG_WHOLE_NAMES)}))
    return re.compile(rf"(?=[{first}])"
                      rf"(?P<prefix>{prefixes})?(?P<dept>(?:{stems})(?:{suffixes})|{whole})(?!{'|'.join(ORG_DEPT_NOT_BEFORE)})")


@lru_cache(maxsize=1)
def _named_re() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, ORG_NAMED_SUFFIXES), key=len, reverse=True)))


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _dept_matches(text: str) -> list[re.Match[str]]:
    """The department regex, run only just before a suffix character (厅局委办)."""
    found: dict[int, re.Match[str]] = {}
    end = 0  # where the last department found ends: text before it is read (a suffix character that
    #          ended no department, 委 in 省委军民融合办, leaves its window open to the next one)
    for k in _SUFFIX_CHAR.finditer(text):
        for m in _dept_re().finditer(text, max(end, k.start() - MAX_DEPT), k.end() + 3):
            found.setdefault(m.start(), m)
            end = max(end, m.end())
    return [found[s] for s in sorted(found)]


def _departments(text: str, places: list[Mention]) -> list[Mention]:
    by_end = {m.end: m for m in places}
    out: list[Mention] = []
    for m in _dept_matches(text):
        end = m.end()
        tail = next((s for s in ORG_DEPT_GROUP_TAILS if text.startswith(s, end)), "")
        end += len(tail)
        owner = by_end.get(m.start("dept")) or (None if m.group("prefix") else by_end.get(m.start()))
        if owner is not None and owner.kind in ("region", "local"):  # 江宁区商务局: 区 ends the place
            own = owner.path + (text[owner.end : end],)  # the units below the division, then the department
            out.append(Mention(owner.start, end, text[owner.start:end], kind="org", region=owner.region,
                               org=text[owner.start:end], dept=True, path=own))
        elif not m.group("prefix") and text.endswith(ORG_NATIONWIDE, 0, m.start()) and m.group("dept") in ORG_WHOLE_NAMES:
            start = m.start() - len(ORG_NATIONWIDE)  # 全国政协, 全国工商联: the national body, no region's
            out.append(Mention(start, end, text[start:end], kind="org", org=text[start:end]))
        else:
            bare = m.group("prefix") or ""
            out.append(Mention(m.start(), end, text[m.start():end], kind="org", org=text[m.start():end],
                               dept=True, bare=bare or (ORG_PROVINCE_PREFIX if m.group("dept").endswith(ORG_PROVINCIAL_SUFFIX) else "")))
    return out


def _name_start(text: str, suffix_start: int) -> tuple[int, bool]:
    """Where a named organisation's name starts, and whether a hard boundary stands before it."""
    i = suffix_start
    hard = False
    while i > 0 and suffix_start - i < MAX_NAME:
        ch = text[i - 1]
        if ch.isdigit():  # 第180医院: an ordinal's figure is part of the name
            k = i - 1
            while k > 0 and text[k - 1].isdigit():
                k -= 1
            if k == 0 or text[k - 1] != ORDINAL_PREFIX:
                break
            i = k
            continue
        if not ("\u4e00" <= ch <= "\u9fff" or ch in "()()"):  # _NAME_CHARS, tested without a regex call
            break
        if ch in ORG_SPLIT_CHARS or (ch in "((" and not any(c in text[i:suffix_start] for c in "))")):
            hard = True  # a joining word, or an opening bracket not closed inside the name
            break
        i -= 1
    hard = hard or i == 0 or text[i - 1] in _HARD_BOUNDARY or not _NAME_CHARS.match(text[i - 1])
    if i > 0 and text[i - 1].isdigit():  # 2019年宁波市第一人民医院: the date's unit is no part of the name
        i += len(next((u for u in ORG_AFTER_FIGURE if text.startswith(u, i, suffix_start)), ""))
    stem = text[i:suffix_start]
    cut = _last_verb_end(stem)
    if 0 < cut <= len(stem):  # 对接X / 对口支援新疆大学: the name starts after the verb (发挥学校: no name)
        return i + cut + _openers(stem[cut:]), True
    lead = _leading_noise(stem)  # 近年来三峡集团 / 自内蒙古矿业…公司: the name starts after the time phrase
    # 争取宁波市第一人民医院 / 使晴隆县人民医院: and after the words jieba reads as opening no name
    opener = _openers(stem[lead:])
    if lead or opener:
        return i + lead + opener, True
    return i, hard


def _openers(stem: str) -> int:
    """How many characters of words that never open a name (by jieba's tags: 争取, 咱们, 以) open
    ``stem``; at least two characters of it stay."""
    k = 0
    while k < len(stem) - 2:
        n = opener_length(stem[k:])
        if not n:
            break
        k += n
    return k if k <= len(stem) - 2 else 0


def _leading_noise(stem: str) -> int:
    """How many characters of time phrases, prepositions and pronouns open ``stem``."""
    k = 0
    while True:
        word = None
        if stem.startswith(_NOISE_LONGEST_FIRST, k):  # mostly not: one test before looking for which
            word = next(w for w in _NOISE_LONGEST_FIRST if stem.startswith(w, k))
        if word is None or len(stem) - k - len(word) < 2:
            return k
        k += len(word)


@lru_cache(maxsize=1)
def _verbs_by_last_char() -> dict[str, tuple[str, ...]]:
    verbs = tuple(ORG_LEADING_VERBS) + tuple(v for v in RELATION_VERBS if len(v) >= 2)
    out: dict[str, list[str]] = {}
    for v in verbs:
        out.setdefault(v[-1], []).append(v)
    return {c: tuple(vs) for c, vs in out.items()}


def _last_verb_end(stem: str) -> int:
    """Where the last verb written in ``stem`` ends (0: none), read from the right."""
    by_last = _verbs_by_last_char()
    for end in range(len(stem), 0, -1):
        if any(stem.endswith(v, 0, end) for v in by_last.get(stem[end - 1], ())):
            return end
    return 0


def _leading_region(stem: str) -> Region | None:
    """The province a name starts with when the matcher left it inside the name (新疆大学); a
    city's short form is not trusted there (中山大学 is no university of 中山市)."""
    gaz = load_gazetteer()
    for n in (3, 2):
        hits = [r for r in gaz.lookup(stem[:n]) if r.level == "province"] if len(stem) >= n else []
        if len(hits) == 1:
            return hits[0]
    return None


def _bare_prefix(stem: str, start: int, hard: bool, by_start: dict[int, Mention]) -> str:
    """The bare 市/县/区 a named organisation's name opens with, when a place's name follows it
    (市温州商会, 县福建商会): the body is the article's own city's (county's), as a bare
    department is; "" otherwise."""
    if not hard:
        return ""
    bare = next((b for b in _BARE_LONGEST_FIRST if stem.startswith(b)), "")
    follows = by_start.get(start + len(bare)) if bare else None
    if follows is None or follows.kind != "region" or follows.end > start + len(stem):
        return ""
    return bare


def _after_verb_before_place(text: str, start: int, end: int, places: list[Mention]) -> int:
    """专家组前往贵州省晴隆县医院: where a place inside a candidate name follows a word jieba tags a
    verb, the name starts at the place (a one-character 驻 stays: 晋江驻红寺堡办事处 is a name)."""
    for p in places:
        if start < p.start < end and p.end <= end and ends_in_verb(text[start : p.start]):
            return p.start
    return start


def _named(text: str, places: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    by_start = {m.start: m for m in places}
    for m in _named_re().finditer(text):
        start, hard = _name_start(text, m.start())
        if start > 0 and text[start - 1] in ORG_SPLIT_CHARS and start - 1 in by_start:
            start = start - 1  # 和田地区人民医院: the joining word begins a place's name (和田), not the name's edge
        start = _after_verb_before_place(text, start, m.start(), places)
        owner = by_start.get(start)
        name = text[start : m.end()]
        stem = text[start : m.start()]
        if len(stem) < 2 or _GENERIC.search(stem) or _COUNTED.search(stem) or stem in ORG_KIND_STEMS:
            continue
        if stem[0] in ORG_COUNT_UNITS and start > 0 and text[start - 1] in NUMERALS:
            continue  # 26家社区股份公司: bodies counted, no name
        bare = _bare_prefix(stem, start, hard, by_start)
        if bare and m.group(0) in ORG_MEMBERS_FROM:  # 市温州商会: the article's own city's chamber of people from 温州
            out.append(Mention(start, m.end(), name, kind="org", org=name, bare=bare))
            continue
        if bare:  # 省江门华立学院: a college of 江门, the bare 省 a stray character of the text
            start += len(bare)
            owner, name, stem = by_start.get(start), text[start : m.end()], text[start : m.start()]
        if owner is not None and owner.end <= m.start():
            region = owner.region
        elif stem.startswith(ORG_NATIONAL_PREFIXES) or (hard and len(stem) >= (2 if m.group(0) in ORG_WELL_NAMED else 4)):
            inner = [p for p in places if start <= p.start and p.end <= m.start()]
            region = inner[0].region if inner else _leading_region(stem)
        else:
            continue
        out.append(Mention(start, m.end(), name, kind="org", region=region, org=name))
    return out


_PARTY_COMMITTEE = re.compile(PARTY_COMMITTEE.format(parties="|".join(sorted(DEMOCRATIC_PARTIES, key=len, reverse=True))))


def _party_committees(text: str) -> list[Mention]:
    """民建中央 / 农工党江苏省委 / 九三学社郑州市委: a democratic party's committee, in the province its
    name gives."""
    out: list[Mention] = []
    for m in _PARTY_COMMITTEE.finditer(text):
        place = m.group("place") or ""
        if "、" in place:  # 农工党常州、泰州等市委: several committees, one group as written
            out.append(Mention(m.start(), m.end(), m.group(0), kind="group", party=span_party(m.group(0))))
            continue
        region = _leading_region(place) if place else None
        if region is None and place:
            hits = load_gazetteer().lookup(place)
            region = hits[0] if len(hits) == 1 else None
        out.append(Mention(m.start(), m.end(), m.group(0), kind="org", region=region, org=m.group(0)))
    return out


def _national(text: str) -> list[Mention]:
    """国家林业和草原局 / 国家林草局 / 国家乡村振兴局: a national body (they do 定点帮扶), named as written."""
    out: list[Mention] = []
    for m in _NATIONAL.finditer(text):
        if (m.start() == 0 or not _NAME_CHARS.match(text[m.start() - 1]) or text[m.start() - 1] in ORG_SPLIT_CHARS) \
                and not _GENERIC.search(m.group(0)):  # 国家二级中医医院: a grade, no body
            name = m.group(0)
            out.append(Mention(m.start(), m.end(), name, kind="org", org=name))
    return out


def _references(text: str, orgs: list[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    """A bare 协会 / 该商会 / 帮扶集团 / 东区组团 refers to the organisation named before it; 该公司 / 该行
    to the company or bank whose legal form ends so."""
    out: list[Mention] = []
    tails: dict[str, Mention] = {}
    for o in sorted(orgs, key=lambda o: o.start):
        suffix = next((s for s in _SUFFIXES_LONGEST_FIRST if o.org and o.org.endswith(s)), None)
        if suffix:
            tails.setdefault(suffix, o)
        own = o.org[len(o.org) - len(o.org.lstrip()):] if o.org else ""
        if o.region is not None and o.org and len(o.org) > 4:
            for short in (o.region.name, *o.region.aliases):
                if own.startswith(short) and len(own) - len(short) >= 3:
                    tails.setdefault(own[len(short):], o)
    heads: dict[str, Mention] = {}
    for suffix, o in tails.items():
        head = next((h for s, h in ORG_REF_HEADS.items() if suffix.endswith(s)), None)
        if head is not None and head not in tails:
            heads.setdefault(head, o)
    for tail, org in [*tails.items(), *heads.items()]:
        pos = text.find(tail, org.end)
        while pos >= 0:
            start = pos
            for p in ORG_REF_PREFIXES:
                if text.startswith(p, pos - len(p)):
                    start = pos - len(p)
            if tail in heads and start == pos:  # a bare 公司: any company
                pos = text.find(tail, pos + 1)
                continue
            before = text[start - 1] if start > 0 else "。"
            if (start < pos or before in _HARD_BOUNDARY or not _NAME_CHARS.match(before)) and not _inside(
                    start, pos + len(tail), taken):
                out.append(Mention(start, pos + len(tail), text[start:pos + len(tail)], kind="org",
                                   region=org.region, org=org.org, dept=org.dept, bare=org.bare))
            pos = text.find(tail, pos + 1)
    return out


def _known_tails(named: list[Mention], known: list[Mention], places: list[Mention]) -> list[Mention]:
    """Named candidates that end in a known organisation's name with no place opening them
    (幸福生活离不开三峡集团): the known name is the organisation, the rest is the sentence."""
    ends = {k.end: k.start for k in known}
    starts = {p.start for p in places}
    return [n for n in named if not (ends.get(n.end, n.start) > n.start and n.start not in starts)]


_FIRST_PERSON = re.compile(f"(?:{'|'.join(ORG_FIRST_PERSON_PREFIXES)})({'|'.join(ORG_FIRST_PERSON)})")


def _first_person(text: str, orgs: list[Mention]) -> list[Mention]:
    """我院 / 我校 / 本公司 in a body's own news: the one body of that kind the page names other than
    those the sentence saying it names (文山州中医医院 in the page's header, not the partner hospital
    named beside 我院); none where the page names no such body or several."""
    out: list[Mention] = []
    for m in _FIRST_PERSON.finditer(text):
        lo = max(text.rfind(c, 0, m.start()) for c in "。\n") + 1
        hi = min((k for k in (text.find(c, m.end()) for c in "。\n") if k >= 0), default=len(text))
        ends = ORG_FIRST_PERSON[m.group(1)]
        here = {o.org for o in orgs if lo <= o.start < hi}
        bodies = {o.org: o for o in orgs if o.org and o.org.endswith(ends)
                  and not any(o.org.endswith(h) or h.endswith(o.org) for h in here if h)}
        if len(bodies) == 1:
            o = next(iter(bodies.values()))
            out.append(Mention(m.start(), m.end(), m.group(0), kind="org", region=o.region, org=o.org, dept=o.dept,
                               bare=o.bare))
    return out


_BARE_SELF = re.compile(rf"(?:^|(?<=[{ORG_BARE_SELF_BEFORE}]))({'|'.join(sorted(ORG_BARE_SELF, key=len, reverse=True))})")


def _bare_self(text: str, orgs: list[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    """A word of ORG_BARE_SELF (集团公司) opening a clause in a body's own news: the one body of that
    kind the page names other than those of the sentence saying it (中国五矿 for 集团公司 in its
    report); none where the page names no such body or several."""
    out: list[Mention] = []
    full = full_names()
    for m in _BARE_SELF.finditer(text):
        start, end = m.span(1)
        if _inside(start, end, taken):
            continue
        lo = max(text.rfind(c, 0, start) for c in "。\n") + 1
        hi = min((k for k in (text.find(c, end) for c in "。\n") if k >= 0), default=len(text))
        ends = ORG_BARE_SELF[m.group(1)]
        here = {o.org for o in orgs if lo <= o.start < hi}
        bodies = {full.get(o.org, o.org): o for o in orgs if o.org and not o.dept and o.org not in here
                  and full.get(o.org, o.org).endswith(ends)}
        if len(bodies) == 1:
            o = next(iter(bodies.values()))
            out.append(Mention(start, end, m.group(1), kind="org", region=o.region, org=o.org))
    return out


def find_orgs(text: str, places: list[Mention], blocked: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Organisation mentions, longest first where they overlap, outside blocked spans."""
    known = find_known(text)
    found = sorted(_departments(text, places) + _known_tails(_named(text, places), known, places) + _national(text)
                   + known + _party_committees(text),
                   key=lambda m: (m.start - m.end, m.start))
    kept: list[Mention] = []
    for m in found:
        if not _inside(m.start, m.end, [(k.start, k.end) for k in kept] + (blocked or [])):
            kept.append(m)
    kept = [m for m in kept if not text.startswith(ORG_MODIFIER_TAILS, m.end)]  # 教育部直属高校: no party
    kept += _references(text, kept, [(k.start, k.end) for k in kept] + (blocked or []))
    kept += _first_person(text, kept)
    kept += _bare_self(text, kept, [(k.start, k.end) for k in kept] + (blocked or []))
    return sorted(kept, key=lambda m: m.start)


def _cover(mentions: list[Mention]) -> bytearray:
    size = max((m.end for m in mentions), default=0)
    cover = bytearray(size + 1)
    for m in mentions:
        cover[m.start : m.end] = b"\x01" * (m.end - m.start)
    return cover


def combine(regions: list[Mention], locals_: list[Mention], orgs: list[Mention]) -> list[Mention]:
    """Units replace the divisions they are written with, organisations both; sorted by position."""
    taken = _cover(locals_)
    kept = [r for r in regions if not any(taken[r.start : r.end])]
    taken = _cover(orgs)
    kept = [m for m in kept + locals_ if not any(taken[m.start : m.end])]
    return sorted(kept + orgs, key=lambda m: (m.start, -m.end))


def org_context(mentions: list[Mention], context_province: str | None) -> dict[str, Region]:
    """Where a bare 省/市/县 department belongs: the province, prefecture and county the article names most."""

    gaz = load_gazetteer()
    out: dict[str, Region] = {}
    counts: dict[str, Counter[str]] = {"province": Counter(), "prefecture": Counter(), "county": Counter()}
    for m in mentions:
        if m.kind == "org" or m.region is None:
            continue
        for r in (m.region, *gaz.ancestors(m.region)):
            if r.level != "province" or m.region.level != "province":
                counts[r.level][r.code] += 1
    for key, level in ORG_CONTEXT_LEVELS:
        if counts[level]:
            out[key] = gaz.by_code(counts[level].most_common(1)[0][0])
    for key, ending in ORG_BARE_ENDINGS.items():
        ended = [(code, n) for code, n in counts["prefecture"].most_common()
                 if gaz.by_code(code).full_name.endswith(ending)]
        if ended:
            out[key] = gaz.by_code(ended[0][0])
        elif "市" in out:
            out[key] = out["市"]
    if context_province:
        prov = next((r for r in gaz.lookup(context_province) if r.level == "province"), None)
        if prov is not None:
            out[ORG_PROVINCE_PREFIX] = prov
    return out


def org_party(m: Mention, context: dict[str, Region]) -> Party:
    """Named organisations keep their name as written; departments take their region's full name."""
    name = m.org or m.surface
    if not m.dept and m.bare:  # 市温州商会: under the article's own city
        home = context.get(ORG_BARE_LEVELS.get(m.bare, ""))
        own = name[len(m.bare):]
        return Party(name=name, full_name=home.full_name + own if home else name,
                     province=home.province if home else None)
    if not m.dept:
        full = full_names().get(name, name)  # a known organisation under its full name (中石化)
        return Party(name=name, full_name=full, province=m.region.province if m.region else None)
    if m.region is not None:
        own = "".join(m.path) if m.path else name
        if not m.path:
            for short in sorted((m.region.name, *m.region.aliases), key=len, reverse=True):
                if name.startswith(short):
                    own = name[len(short):]
                    break
        return Party(name=name, full_name=m.region.full_name + own, province=m.region.province)
    region = context.get(ORG_BARE_LEVELS.get(m.bare, ""))
    if region is None:
        return Party(name=name, full_name=name, province=None)
    own = name[len(m.bare):] if m.bare and name.startswith(m.bare) else name
    return Party(name=region.name + own, full_name=region.full_name + own, province=region.province)
