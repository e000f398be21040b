"""Townships and villages: the units below a county that a text names (坡洪镇, 郎含村).

Units are read from the writing itself (the lists below the county repeat names too often to
be searched country-wide): a name of two to five characters ending in 镇/乡/街道/苏木
(township) or 村/社区/嘎查 (village),

- right after a division or a unit above it (田阳区坡洪镇郎含村, 黑水县石碉楼乡的丁寨村),
  then its siblings in a list (郎含村、康浮村、天安村);
- or, for townships, standing alone where a word starts (三乡镇作为..., 结对帮扶木岗镇);
- or a unit already read in the article, named again bare (新建村), or as 该村;
- or, from the statistical lists (parsers/extraction/subcounty.py), a known township or village
  of a county the article names, written bare anywhere in it (张家港市结对帮扶沿河县 ... 中界镇 ...
  高峰村).  Names are looked for only inside named counties: 城关镇 is in 99 of them.

The fullest place the article gives a name (坡洪镇 under 百色, later under 田阳区) is
used for every mention of it; a unit read without its county (bare, or under its prefecture:
宁波市黄坛镇) is put in the one named county, or the one county of that prefecture, that has
it.  Codes (9 or 12 digits) come from the lists when the county is known
(parsers/extraction/mentions.py, local_party).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parsers.extraction import subcounty
from parsers.extraction.gazetteer import Region, load_gazetteer
from parsers.extraction.mentions import LEVEL_ORDER, Mention
from parsers.extraction.wording.parties import (
    LOCAL_ANAPHORA,
    LOCAL_BARE_LEFT,
    LOCAL_BARE_STOP_CHARS,
    LOCAL_COUNTED_LIST,
    LOCAL_GENERIC_NAMES,
    LOCAL_GENERIC_PARTS,
    LOCAL_LIST_SEPARATORS,
    LOCAL_LONG_NAMED_TYPE,
    LOCAL_NAME_STOP_CHARS,
    LOCAL_NOT_NAMES,
    LOCAL_PHRASE_NAMES,
    LOCAL_TOWNSHIP_TYPES,
    LOCAL_VILLAGE_TYPES,
    LOCAL_WRITTEN_TYPES,
    PARTY_POSSESSIVE,
    ZONE_SUFFIXES,
    ZONE_WORDS,
)
from parsers.extraction.words import opener_length

_BOUNDARY = set(",。;:!?、,;:!?()()“”\"'《》「」 \n\t—-")
# The first characters of the unit types: a unit can follow a division only where one stands.
_TYPE_CHAR = re.compile("[" + "".join(t[0] for t in LOCAL_TOWNSHIP_TYPES + LOCAL_VILLAGE_TYPES) + "]")
_COUNTED_LIST = re.compile(LOCAL_COUNTED_LIST)


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    name: str  # with its type: 坡洪镇


def _valid(name: str, bare: bool = False) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" and ch not in LOCAL_NAME_STOP_CHARS
               and not (bare and ch in LOCAL_BARE_STOP_CHARS) for ch in name)


# each unit type with the longer ways of writing it (村: 行政村)
_WRITTEN: dict[str, tuple[str, ...]] = {t: tuple(w for w, own in LOCAL_WRITTEN_TYPES.items() if own == t)
                                        for t in set(LOCAL_WRITTEN_TYPES.values())}


@lru_cache(maxsize=16)  # a handful of type tuples
def _forms(types: tuple[str, ...]) -> tuple[str, ...]:
    """Every way of writing these unit types (村 and 行政村): one test tells whether one stands at a position."""
    return tuple(w for t in types for w in (*_WRITTEN.get(t, ()), t))


def read_unit(text: str, pos: int, types: tuple[str, ...], max_len: int = 5, bare: bool = False) -> _Unit | None:
    """The unit written at ``pos`` (shortest name first), or None; ``bare`` when no division is
    written before it."""
    forms = _forms(types)
    for length in range(2, max_len + 1):
        stop = pos + length
        # the name so far was valid: only the character it gains is checked
        if stop > len(text) or not _valid(text[pos:stop] if length == 2 else text[stop - 1], bare):
            return None
        if not text.startswith(forms, stop):
            continue
        for t in types:
            written = next((w for w in _WRITTEN.get(t, ()) if text.startswith(w, stop)), t)
            if text.startswith(written, stop):
                unit = text[pos:stop] + t  # 关庄行政村 is 关庄村
                whole = text[stop : stop + len(written) + 1]
                if (unit in LOCAL_GENERIC_NAMES or any(g in unit for g in LOCAL_GENERIC_PARTS)
                        or any(w in whole for w in LOCAL_NOT_NAMES)):
                    return None
                if t in LOCAL_VILLAGE_TYPES and text.startswith(LOCAL_TOWNSHIP_TYPES, stop + len(written)) \
                        and any(x in types for x in LOCAL_TOWNSHIP_TYPES):
                    break  # 建筑新村街道: the village word is part of a township's name
                return _Unit(pos, stop + len(written), unit)
    return None


def _listed_unit(text: str, pos: int, types: tuple[str, ...], region: Region | None,
                 path: tuple[str, ...]) -> _Unit | None:
    """A unit whose own name holds a word the reader stops at (九和乡, 同和村: 和 also joins lists),
    right after its county: taken when that county's lists have it (under ``path``'s township)."""
    if not any(c in LOCAL_NAME_STOP_CHARS for c in text[pos : pos + 5]):
        return None  # nothing the reader stops at: read_unit has read what there is
    code = subcounty.units_code(region.code, region.lineage) if region is not None and region.level == "county" else None
    if code is None:
        return None
    units = subcounty.county_units(code)
    for length in range(2, 6):
        for t in types:
            name = text[pos : pos + length] + t
            if text.startswith(t, pos + length) and all("\u4e00" <= ch <= "\u9fff" for ch in name) and any(
                    not path or u.township == path[-1] for u in units.by_name.get(name, ())):
                return _Unit(pos, pos + len(name), name)
    return None


def _kind(unit: str) -> tuple[str, ...]:
    return LOCAL_VILLAGE_TYPES if unit.endswith(LOCAL_VILLAGE_TYPES) else LOCAL_TOWNSHIP_TYPES


def _chain(text: str, pos: int, start: int, region: Region | None, path: tuple[str, ...]) -> list[Mention]:
    """Units written from ``pos`` below ``path``: one, its village, then its siblings in a list."""
    if pos < len(text) and text[pos] == PARTY_POSSESSIVE:
        pos += 1
    want = LOCAL_VILLAGE_TYPES if path else LOCAL_TOWNSHIP_TYPES + LOCAL_VILLAGE_TYPES
    unit = read_unit(text, pos, want) or _listed_unit(text, pos, want, region, path)
    if unit is not None and not path and unit.name.endswith(LOCAL_TOWNSHIP_TYPES) \
            and not subcounty.is_township_name(unit.name) and (skip := opener_length(unit.name)):
        # 巧家县实施药山镇…: a township no county has, opened by a verb - the name starts after it
        return _chain(text, pos + skip, pos + skip, region, path)
    if unit is None or path and _verb_not_listed(unit.name, region, path):
        return []
    own = path + (unit.name,)
    below = _chain(text, unit.end, start, region, own) if unit.name.endswith(LOCAL_TOWNSHIP_TYPES) else []
    first = below[0] if below and below[0].start == start else Mention(start, unit.end, text[start:unit.end],
                                                                       kind="local", region=region, path=own)
    out = [first] + [m for m in below if m is not first]
    cursor = max(m.end for m in out)
    while True:
        sep = next((s for s in LOCAL_LIST_SEPARATORS if text.startswith(s, cursor)), None)
        if sep is None:
            break
        at = cursor + len(sep)
        town = read_unit(text, at, LOCAL_TOWNSHIP_TYPES) if path and unit.name.endswith(LOCAL_VILLAGE_TYPES) else None
        village = read_unit(text, town.end, LOCAL_VILLAGE_TYPES) if town is not None else None
        if town is not None and village is not None:  # 官寨乡龙场村、马场镇新华村: the next village has its own township
            path = path[:-1] + (town.name,)
            out.append(Mention(at, village.end, text[at : village.end], kind="local", region=region,
                               path=path + (village.name,)))
            cursor = village.end
            continue
        sib = read_unit(text, at, _kind(unit.name))
        if sib is None:
            break
        out.append(Mention(sib.start, sib.end, sib.name, kind="local", region=region, path=path + (sib.name,)))
        cursor = sib.end
    return out


def _verb_not_listed(name: str, region: Region | None, path: tuple[str, ...]) -> bool:
    """常家河镇建立镇村…: a village name opened by a verb (建立) that its county's lists do not hold
    under its township is the sentence going on, no village (前进村, 联合村 are, where listed)."""
    if not opener_length(name):
        return False
    code = subcounty.units_code(region.code, region.lineage) if region is not None and region.level == "county" else None
    return code is not None and subcounty.county_units(code).code_of(path + (name,)) is None


def _coverage(text: str, spans: list[tuple[int, int]]) -> bytearray:
    cover = bytearray(len(text) + 1)
    for a, b in spans:
        cover[a:b] = b"\x01" * (b - a)
    return cover


def _bare_townships(text: str, taken: bytearray) -> list[Mention]:
    """Townships written alone where a word starts (三乡镇作为..., 结对帮扶木岗镇)."""
    out: list[Mention] = []
    for t in LOCAL_TOWNSHIP_TYPES:
        pos = text.find(t)
        while pos >= 0:
            for length in (2, 3, 4) if t == LOCAL_LONG_NAMED_TYPE else (2, 3):
                s = pos - length
                if s < 0 or taken[s]:
                    continue
                left_ok = s == 0 or text[s - 1] in _BOUNDARY or text.endswith(LOCAL_BARE_LEFT, 0, s) or (
                    text[s - 1] == PARTY_POSSESSIVE and len(subcounty.counties_with_township(text[s : pos + len(t)])) == 1)
                unit = read_unit(text, s, (t,), max_len=length, bare=True) if left_ok else None
                if unit is not None and unit.end == pos + len(t) and subcounty.is_township_name(unit.name):
                    out.append(Mention(s, unit.end, unit.name, kind="local", path=(unit.name,)))
                    break
            pos = text.find(t, pos + 1)
    return out


def find_local_units(text: str, regions: list[Mention], blocked: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Township and village mentions, each with the fullest place the article gives it."""
    found: list[Mention] = []
    for r in regions:
        if r.region is not None and r.region.level in ("prefecture", "county") and _TYPE_CHAR.search(text, r.end, r.end + 8):
            found.extend(_chain(text, r.end, r.start, r.region, ()))
    taken = _coverage(text, [(m.start, m.end) for m in found] + [(r.start, r.end) for r in regions])
    for m in _bare_townships(text, taken):
        found.extend(_chain(text, m.start, m.start, None, ()))
    found = [m for m in found if not any(s < m.end and m.start < e for s, e in blocked or [])]
    found = list({(m.start, m.end): m for m in found}.values())
    counties = _named_counties(regions)
    for m in found:
        _place(m, counties)
    _place_unique(found, regions)
    _place_beside_placed(found)

    registry: dict[str, Mention] = {}
    for m in found:
        for i in range(1, len(m.path) + 1):
            name = m.path[i - 1]
            best = registry.get(name)
            if best is None or _depth(m.region) > _depth(best.region):
                registry[name] = Mention(m.start, m.end, name, kind="local", region=m.region, path=m.path[:i])
    for m in found:
        full = registry.get(m.path[-1])
        if full is not None and _depth(full.region) > _depth(m.region) and _compatible(m, full):
            m.region, m.path = full.region, full.path
    extra: list[Mention] = []
    cover = _coverage(text, [(m.start, m.end) for m in found + regions])
    for name, full in registry.items():
        extra += found_again(text, cover, name, full)
    found += extra
    found += _known_units(text, _with_townships_counties(counties, found), cover, blocked)
    found += _zones(text, regions)
    found += _counted(text, found, regions)
    found += _anaphora(text, found)
    return sorted(found, key=lambda m: (m.start, -m.end))


def _named_counties(regions: list[Mention]) -> dict[str, tuple[Region, list[int]]]:
    """The counties (and cities without counties: 东莞市) the article names, with where."""
    out: dict[str, tuple[Region, list[int]]] = {}
    for r in regions:
        code = subcounty.units_code(r.region.code, r.region.lineage) if r.region is not None else None
        if code is not None:
            out.setdefault(code, (r.region, []))[1].append(r.start)
    return out


def _with_townships_counties(counties: dict[str, tuple[Region, list[int]]],
                              found: list[Mention]) -> dict[str, tuple[Region, list[int]]]:
    """The named counties, and the county of each township read and placed without its county
    being written (怀化市 ... 菁芜洲镇 placed in 通道县): that county's villages are as likely in
    the article (车控村), and are looked for from where its township is named."""
    out = dict(counties)  # the named counties' own entries are only read
    for m in found:
        if m.region is None or m.region.level != "county" or len(m.path) != 1:
            continue
        code = subcounty.units_code(m.region.code, m.region.lineage)
        if code is not None and code not in counties:
            out.setdefault(code, (m.region, []))[1].append(m.start)
    return out


def _place(m: Mention, counties: dict[str, tuple[Region, list[int]]]) -> None:
    """A unit read without its county (bare, or under its prefecture: 宁波市黄坛镇) is put in the
    one county that has it: a county the article names, else one of the prefecture's."""
    if m.region is not None and (m.region.level not in ("province", "prefecture") or subcounty.has_units(m.region.code)):
        return
    inside = m.region.full_name if m.region is not None else ""
    fits = [r for code, (r, _) in counties.items() if r.full_name.startswith(inside)
            and subcounty.county_units(code).code_of(m.path) is not None]
    if not fits and m.region is not None and m.region.level == "prefecture" and m.path[0].endswith(LOCAL_TOWNSHIP_TYPES):
        fits = [r for r in _counties_of(m.region.code) if any(u.name == m.path[0] for u in subcounty.townships_of(r.code))]
    if len(fits) == 1:
        m.region = fits[0]


def _place_unique(found: list[Mention], regions: list[Mention]) -> None:
    """A bare township only one county in the land has (霍童镇) is put in that county when the
    article names its province or prefecture."""
    named = {r.region.code for r in regions if r.region is not None}
    gaz = load_gazetteer()
    for m in found:
        if m.region is None and m.path[0].endswith(LOCAL_TOWNSHIP_TYPES):
            only = subcounty.counties_with_township(m.path[0])
            county = gaz.by_code(only[0]) if len(only) == 1 else None
            if county is not None and (county.parent in named or county.code[:2] + "0000" in named):
                m.region = county


def _place_beside_placed(found: list[Mention]) -> None:
    """A bare township several counties have (赤溪镇) goes in the one county of the article's other
    units that has it (霍童镇 placed in 蕉城区, which has a 赤溪镇 too)."""
    placed = {m.region.code: m.region for m in found if m.region is not None and m.region.level == "county"}
    for m in found:
        if m.region is None and m.path[0].endswith(LOCAL_TOWNSHIP_TYPES):
            fits = [placed[c] for c in subcounty.counties_with_township(m.path[0]) if c in placed]
            if len(fits) == 1:
                m.region = fits[0]


_PREFECTURE_COUNTIES: dict[str, list[Region]] = {}


def _counties_of(prefecture: str) -> list[Region]:
    if not _PREFECTURE_COUNTIES:
        for r in load_gazetteer():
            if r.level == "county" and r.parent and r.valid_to is None:
                _PREFECTURE_COUNTIES.setdefault(r.parent, []).append(r)
    return _PREFECTURE_COUNTIES.get(prefecture, [])




def _phrase(name: str) -> bool:
    return name in LOCAL_PHRASE_NAMES or name in LOCAL_GENERIC_NAMES or any(g in name for g in LOCAL_GENERIC_PARTS)


def _known_units(text: str, counties: dict[str, tuple[Region, list[int]]], cover: bytearray,
                 blocked: list[tuple[int, int]] | None) -> list[Mention]:
    """Townships and villages of the named counties written bare (not after their division, not
    read by the rules above), by their names in the statistical lists; a name two named counties
    share goes to the county named nearest before it."""
    hits: dict[tuple[int, int], list[tuple[int, Region, subcounty.Unit]]] = {}
    ends = subcounty.unit_ends(text) if counties else []
    for code, (region, starts) in counties.items():
        for s, e, unit in subcounty.county_units(code).find(text, ends):
            if any(cover[s:e]) or text.startswith(LOCAL_NOT_NAMES, e - 1) or _phrase(unit.name):
                continue
            before = [s - p for p in starts if p <= s]
            hits.setdefault((s, e), []).append((min(before) if before else len(text) + min(p - s for p in starts),
                                                region, unit))
    out: list[Mention] = []
    end = -1
    for (s, e), options in sorted(hits.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if s < end or (blocked and any(a < e and s < b for a, b in blocked)):
            continue
        _, region, unit = min(options, key=lambda o: o[0])
        path = (unit.township, unit.name) if unit.is_village else (unit.name,)
        below = [] if unit.is_village else _chain(text, e, s, region, path)  # 清水铺镇橙满园村: its village too
        out += below or [Mention(s, e, text[s:e], kind="local", region=region, path=path)]
        end = max(m.end for m in out)
    return out


_ZONE = re.compile("|".join(ZONE_SUFFIXES))
_ALIAS_OPEN = ("（", "(")


def _zones(text: str, regions: list[Mention]) -> list[Mention]:
    """A development zone named after its city's short form (苏州工业园区, 成都高新区) is a party of
    its own, inside that city; one written with its district in brackets (广州开发区（黄埔区）) is
    that district.  Zones after a full name (石阡县工业园区) are places inside the county."""
    out: list[Mention] = []
    by_start = {m.start: m for m in regions}
    for r in regions:
        if r.region is None or r.surface == r.region.name or r.region.level not in ("prefecture", "county"):
            continue
        z = _ZONE.match(text, r.end)
        if z is None:
            continue
        alias = by_start.get(z.end() + 1) if text.startswith(_ALIAS_OPEN, z.end()) else None
        if alias is not None and alias.region is not None and alias.region.level == "county":
            out.append(Mention(r.start, z.end(), text[r.start : z.end()], regions=(alias.region,), region=alias.region))
        else:
            out.append(Mention(r.start, z.end(), text[r.start : z.end()], kind="local", region=r.region,
                               path=(text[r.start : z.end()],)))
    return out


def _counted(text: str, found: list[Mention], regions: list[Mention]) -> list[Mention]:
    """军乐镇朝阳、华光两村 / 坡洪镇天安、郎含、康浮3个村: names listed, then their count and type,
    right after the unit or division they belong to."""
    out: list[Mention] = []
    for parent in regions + found:
        m = _COUNTED_LIST.match(text, parent.end)
        if m is None or parent.region is None:
            continue
        kind = m.group(2)
        names = m.group(1).split("、")
        if not all(_valid(n) and n + kind not in LOCAL_GENERIC_NAMES for n in names):
            continue
        path = parent.path if parent.kind == "local" and parent.path[-1].endswith(LOCAL_TOWNSHIP_TYPES) else ()
        pos = m.start()
        for n in names:
            out.append(Mention(pos, pos + len(n), n, kind="local", region=parent.region, path=path + (n + kind,)))
            pos += len(n) + 1
    return out


def _depth(region: Region | None) -> int:
    return -1 if region is None else LEVEL_ORDER[region.level]


def _compatible(m: Mention, full: Mention) -> bool:
    """A bare or higher-placed mention agrees with the fuller one (坡洪镇 under 百色 / 田阳区)."""
    if m.region is None:
        return True
    return full.region is not None and full.region.full_name.startswith(m.region.full_name)


def _anaphora(text: str, found: list[Mention]) -> list[Mention]:
    """该村 / 该镇: the nearest unit of that kind named before."""
    out: list[Mention] = []
    for word, types in LOCAL_ANAPHORA.items():
        pos = text.find(word)
        while pos >= 0:
            before = [m for m in found if m.end <= pos and m.path[-1].endswith(types)]
            if before:
                ref = max(before, key=lambda m: m.end)
                out.append(Mention(pos, pos + len(word), word, kind="local", region=ref.region, path=ref.path))
            pos = text.find(word, pos + 1)
    return out


_ZONE_WORD_END = re.compile(f"(?:{'|'.join(sorted(set(ZONE_SUFFIXES) | set(ZONE_WORDS), key=len, reverse=True))})$")


def is_zone(name: str) -> bool:
    """The unit is a development zone or special area (汾湖高新区, 梅山保税港区)."""
    return _ZONE_WORD_END.search(name) is not None


def units_in_zones(text: str, found: list[Mention], regions: list[Mention]) -> list[Mention]:
    """Townships and villages written right after a zone (汾湖高新区东联村、黎花村) lie inside it:
    one mention each, below the zone, so that a list of them maps one-to-one (…分别与…结对)
    instead of the zone heading the list.  Their names must do without the words of a sentence
    (向, 对, 为...), as units standing alone do.  A unit read before by the statistical lists keeps the
    county it was put in."""
    by_span = {(m.start, m.end): m for m in found}
    out: list[Mention] = []
    drop: set[tuple[int, int]] = set()
    for z in found:
        if z.kind != "local" or len(z.path) != 1 or not is_zone(z.path[0]) or not _TYPE_CHAR.search(text, z.end, z.end + 8):
            continue
        below = _chain(text, z.end, z.start, z.region, ())
        if not all(_valid(unit, bare=True) for b in below for unit in b.path):
            continue  # 汾湖高新区向龙津街道: a verb's word, so the unit is the zone's partner, not in it
        for b in below:
            own = b.start if b.start != z.start else z.end
            known = by_span.get((own, b.end))
            region = known.region if known is not None and known.region is not None else z.region
            out.append(Mention(b.start, b.end, b.surface, kind="local", region=region, path=z.path + b.path))
            drop.update(s for s in by_span if s[0] < b.end and b.start < s[1])
    kept = [m for m in found if (m.start, m.end) not in drop] + out
    cover = _coverage(text, [(m.start, m.end) for m in kept + regions])
    for m in out:  # named again bare (东联村、黎花村分别向…捐助): the same unit in the zone
        kept += found_again(text, cover, m.path[-1], m)
    return kept


def found_again(text: str, cover: bytearray, name: str, full: Mention) -> list[Mention]:
    """Every place outside ``cover`` where a unit found in full (``full``) is written again by its own
    name alone: the same unit (marked covered as it goes)."""
    out: list[Mention] = []
    pos = text.find(name)
    while pos >= 0:
        if not any(cover[pos : pos + len(name)]):
            out.append(Mention(pos, pos + len(name), name, kind="local", region=full.region, path=full.path))
            cover[pos : pos + len(name)] = b"\x01" * len(name)
        pos = text.find(name, pos + 1)
    return out
