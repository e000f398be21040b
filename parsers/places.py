"""Finding the parties a text names: regions from the gazetteer, and organisations.

Regions are matched with one Aho-Corasick automaton over every official name and
alias (leftmost-longest), ambiguous names are resolved from context, and a province
written just before a place inside it (贵州黔东南州) is folded into that place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick

from parsers.gazetteer import Gazetteer, Region, load_gazetteer
from parsers.patterns import ORG_BARE_PREFIXES, ORG_NAMED_SUFFIXES, ORG_STEMS, ORG_SUFFIXES
from parsers.records import Party

_PUNCT = set(",。;:!?、,;:!?()()“”\"'《》\n")


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    regions: tuple[Region, ...] = ()
    region: Region | None = None
    org: str | None = None  # the organisation's name as written, region prefix included
    org_needs_region: bool = False  # written with a bare 省/市 (or none): its region comes from context
    org_region_len: int = 0  # length of the region written at the start of an organisation's name
    party: Party | None = field(default=None, repr=False)

    @property
    def key(self) -> str:
        return self.party.key if self.party else self.surface


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    gaz = load_gazetteer()
    auto = ahocorasick.Automaton()
    for surface in gaz.surfaces():
        if len(surface) >= 2:
            auto.add_word(surface, surface)
    auto.make_automaton()
    return auto


@lru_cache(maxsize=1)
def _org_re() -> re.Pattern[str]:
    stems = "|".join(sorted(ORG_STEMS, key=len, reverse=True))
    suffixes = "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True))
    prefixes = "|".join(sorted(ORG_BARE_PREFIXES, key=len, reverse=True))
    named = "|".join(sorted(ORG_NAMED_SUFFIXES, key=len, reverse=True))
    return re.compile(
        rf"(?P<prefix>{prefixes})?(?P<dept>(?:{stems})(?:{suffixes}))(?![\u4e00-\u9fff]{{0,1}}(?:长|主任|书记))"
        rf"|(?P<named>[\u4e00-\u9fff]{{2,10}}?(?:{named}))"
    )


def _blocked(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def find_regions(text: str, blocked: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Region mentions, leftmost-longest, outside blocked spans (mojibake)."""
    gaz = load_gazetteer()
    blocked = blocked or []
    out: list[Mention] = []
    for end_idx, surface in _automaton().iter_long(text):
        start, end = end_idx - len(surface) + 1, end_idx + 1
        if _blocked(start, end, blocked) or gaz.is_stop_alias(surface):
            continue
        regions = tuple(gaz.lookup(surface))
        if regions:
            out.append(Mention(start, end, surface, regions))
    return out


def find_orgs(text: str, regions: list[Mention], blocked: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Organisation mentions; one written right after a region mention takes that region."""
    by_end = {m.end: m for m in regions}
    out: list[Mention] = []
    for m in _org_re().finditer(text):
        if _blocked(m.start(), m.end(), blocked or []):
            continue
        if m.group("named"):
            owner = _owner_inside(m, regions)
            if owner is None:
                continue  # a bare "xx大学" without a region is too vague to be a party
            out.append(Mention(owner.start, m.end(), text[owner.start : m.end()], owner.regions,
                               owner.region, org=text[owner.start : m.end()], org_region_len=owner.end - owner.start))
            continue
        owner = by_end.get(m.start())
        if owner is not None and not m.group("prefix"):
            out.append(Mention(owner.start, m.end(), text[owner.start : m.end()], owner.regions,
                               owner.region, org=text[owner.start : m.end()], org_region_len=owner.end - owner.start))
        else:
            out.append(Mention(m.start(), m.end(), m.group(0), org=m.group(0), org_needs_region=True))
    return out


def _owner_inside(m: re.Match[str], regions: list[Mention]) -> Mention | None:
    """The region a named organisation starts with (浙江大学 → 浙江省)."""
    for r in regions:
        if r.start == m.start() and r.end < m.end():
            return r
    return None


def combine(regions: list[Mention], orgs: list[Mention]) -> list[Mention]:
    """Organisations replace the region mentions they contain; sorted by position."""
    kept = [r for r in regions if not any(o.start <= r.start and r.end <= o.end for o in orgs)]
    return sorted(kept + orgs, key=lambda m: (m.start, -m.end))


def resolve(mentions: list[Mention], gaz: Gazetteer | None = None) -> None:
    """Pick one region per mention, using the article's unambiguous places as context."""
    gaz = gaz or load_gazetteer()
    context = list({m.regions[0].code: m.regions[0] for m in mentions if len(m.regions) == 1}.values())
    provinces = Counter(m.regions[0].province for m in mentions if len(m.regions) == 1)
    for i, m in enumerate(mentions):
        if m.region is not None or not m.regions:
            continue
        if len(m.regions) == 1:
            m.region = m.regions[0]
            continue
        prev = mentions[i - 1] if i else None
        ranked = sorted(m.regions, key=lambda r, m=m, prev=prev: _score(r, m, prev, context, provinces, gaz),
                        reverse=True)
        best, runner = ranked[0], ranked[1]
        if (_score(best, m, prev, context, provinces, gaz) == _score(runner, m, prev, context, provinces, gaz)
                and best.province != runner.province):
            continue  # no context tells them apart: better no party than a wrong one
        m.region = best


_LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2}


def _score(r: Region, m: Mention, prev: Mention | None, context: list[Region], provinces: Counter,
           gaz: Gazetteer) -> tuple[int, int]:
    """How well a candidate fits: inside the place written just before it, named elsewhere, or in a
    province the article keeps naming; higher levels win ties (恩施 is the prefecture)."""
    s = 0
    if prev and prev.region and prev.end >= m.start - 1 and gaz.is_within(r, prev.region):
        s += 100
    s += 10 if any(c.code == r.code for c in context) else 0  # 恩施 after 恩施州: the same place
    s += sum(5 for c in context if c.code != r.code and gaz.is_within(r, c))
    s += provinces.get(r.province, 0)
    return s, -_LEVEL_ORDER.get(r.level, 9)


def fold_nested(mentions: list[Mention], text: str, gaz: Gazetteer | None = None) -> list[Mention]:
    """贵州黔东南州 / 贵州省14个县之一的沿河县: an enclosing region written first is folded in."""
    gaz = gaz or load_gazetteer()
    out: list[Mention] = []
    for m in mentions:
        if out and m.region and out[-1].region and out[-1].org is None and m.org is None:
            prev = out[-1]
            gap = text[prev.end : m.start]
            joined = gap == "" or (len(gap) <= 15 and gap.endswith("的") and not (_PUNCT & set(gap)))
            if joined and prev.region.code != m.region.code and gaz.is_within(m.region, prev.region):
                m.start = prev.start
                out[-1] = m
                continue
        out.append(m)
    return out


def party_of(m: Mention, context_province: str | None) -> Party | None:
    """The Party a mention names; a bare 省教育厅 takes the province the context gives."""
    if m.org:
        if m.region is not None:
            suffix = m.org[m.org_region_len:]
            return Party(name=m.region.name + suffix, full_name=m.region.full_name + suffix,
                         province=m.region.province)
        provincial = m.org.startswith(("省", "自治区")) or (m.org.endswith("厅") and not m.org.startswith(("市", "县", "区", "州")))
        if provincial and context_province:
            bare = m.org.removeprefix("自治区").removeprefix("省")
            return Party(name=context_province + bare, full_name=context_province + bare, province=context_province)
        return Party(name=m.org, full_name=m.org, province=None)
    if m.region is None:
        return None
    r = m.region
    return Party(name=r.name, full_name=r.full_name, code=r.code, level=r.level, province=r.province)


def find_parties(text: str, blocked: list[tuple[int, int]] | None = None,
                 context_province: str | None = None) -> list[Mention]:
    """All party mentions of ``text``, resolved, folded, with their Party built."""
    gaz = load_gazetteer()
    regions = find_regions(text, blocked)
    mentions = combine(regions, find_orgs(text, regions, blocked))
    resolve(mentions, gaz)
    mentions = fold_nested(mentions, text, gaz)
    province = context_province or dominant_province(mentions)
    for m in mentions:
        m.party = party_of(m, province)
    return [m for m in mentions if m.party is not None]


def dominant_province(mentions: list[Mention]) -> str | None:
    """The province below province level most often named: where a bare 省教育厅 belongs."""
    counts = Counter(m.region.province for m in mentions if m.region and m.region.level != "province")
    return counts.most_common(1)[0][0] if counts else None
