"""The parties a text names, as the extraction rules see them: a mention (where, what was
written, which division or organisation) and the Party record it stands for.

Below places.py, orgs.py, localunits.py and the pairing and funding rules, so that all of
them share one mention type without importing the finders that make mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache

from parsers.extraction import subcounty
from parsers.extraction.gazetteer import Region
from parsers.extraction.wording.parties import LOCAL_VILLAGE_TYPES, ZONE_SUFFIXES, ZONE_WORDS
from parsers.records import Party

FORMER_GRACE = timedelta(days=365)
LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2, "township": 3, "village": 4}
COUNTY_OR_BELOW = ("county", "township", "village")  # the places a body named after one stands for


@dataclass
class Mention:
    """A party named in the text: a division, a unit below a county, or an organisation."""

    start: int
    end: int
    surface: str
    kind: str = "region"  # region | local | org
    regions: tuple[Region, ...] = ()
    region: Region | None = None  # the division itself, or the one a unit or organisation belongs to
    weak: bool = False  # a bare short form (沿河, 浙江)
    path: tuple[str, ...] = ()  # units below ``region``: ("坡洪镇",) or ("坡洪镇", "郎含村")
    org: str | None = None  # an organisation's name as written; a corps division's own name
    dept: bool = False  # a government department (教育厅): full name = its region's + its own
    bare: str = ""  # 省/市/县 of a department written without its region (省教育厅)
    party: Party | None = field(default=None, repr=False)

    @cached_property
    def key(self) -> str:
        """Identity of the party named (read once the party is built)."""
        return self.party.key if self.party else self.surface

    @property
    def level(self) -> str | None:
        return self.party.level if self.party else None


def region_party(region: Region, written: str | None = None, on: date | None = None) -> Party:
    """The Party of a division; a former official name as written is kept while it was in use on
    the article's date (平泉县 in 2017), or when the article has none; a 2021 article recalling
    毕节地区 in 1996 names 毕节市 as it then was.  A name stays in use for a while after the
    approval that ends it (offices are renamed months later; the press follows): ``FORMER_GRACE``."""
    former = written if written and written in region.former else None
    if former and on is not None:
        until = dict(region.former_until).get(former)
        if until is not None and on >= until + FORMER_GRACE:
            former = None
    return _region_party(region, former)


def written_party(region: Region, written: str) -> Party:
    """A division under a name the article writes and the lists do not hold (香格里拉县 for today's
    香格里拉市): the name as written, the division's code lineage and place."""
    return _region_party(region, written)


@lru_cache(maxsize=8192)
def _region_party(region: Region, former: str | None) -> Party:
    name, full = region.name, region.full_name
    if former:
        name, full = former, full[: len(full) - len(region.name)] + former
    return Party(name=name, full_name=full, code=region.lineage or region.code, level=region.level,
                 province=region.province)


_ZONE_END = re.compile(f"(?:{'|'.join(sorted(set(ZONE_SUFFIXES) | set(ZONE_WORDS), key=len, reverse=True))})$")


def local_party(region: Region | None, path: tuple[str, ...]) -> Party:
    """A township or village: full name = the division's + the units as written; code = its
    9- or 12-digit statistical code when its county is known and the lists have it."""
    level = "village" if path[-1].endswith(LOCAL_VILLAGE_TYPES) else "township"
    prefix = region.full_name if region else ""
    zone = _ZONE_END.search(path[-1])
    if zone is not None:  # a development zone (localunits.py, zones.py) stands for a district
        level = "county"
    units = subcounty.units_code(region.code, region.lineage) if zone is None and region is not None else None
    listed = tuple(p for p in path if not _ZONE_END.search(p))  # a zone is in no list: 汾湖高新区东联村
    lists = subcounty.county_units(units) if units else None
    code = lists.code_of(listed) if lists and listed else None
    name = path[-1]  # as written; the full name as the lists have it (百纳乡 in 百纳彝族乡)
    if lists and listed == path:
        path = lists.official(path)
    written = "".join(_zone_written(part, region) for part in path)
    return Party(name=name, full_name=prefix + written, code=code, level=level,
                 province=region.province if region else None)


def _zone_written(part: str, region: Region | None) -> str:
    """A zone named after its city's short form, inside that city: its zone word (苏州工业园区 ->
    江苏省苏州市工业园区, and so 江苏省苏州市工业园区娄葑街道 for a township in it)."""
    zone = _ZONE_END.search(part)
    if zone is not None and region is not None and region.name.startswith(part[: zone.start()]):
        return zone.group(0)
    return part


def same_or_within(a: Party, b: Party) -> bool:
    """True if the two parties are one place or one lies inside the other (上海市 / 嘉定区)."""
    if a.key == b.key:
        return True
    fa, fb = a.full_name, b.full_name
    if a.code is None and b.code is None and (a.level is None or b.level is None):
        return False  # organisations: only their own names compare
    if _code_within(a, b) or _code_within(b, a):
        return True  # by code: names differ where one is written as it was (那曲地区) and the other as today
    return bool(fa and fb) and (fa.startswith(fb) or fb.startswith(fa))


def within(inner: Party, outer: Party) -> bool:
    """``inner`` is ``outer`` or lies inside it (嘉定区 in 上海市), not the other way round."""
    if inner.key == outer.key:
        return True
    if inner.code is None and outer.code is None and (inner.level is None or outer.level is None):
        return False  # organisations: only their own names compare
    return _code_within(outer, inner) or bool(inner.full_name and outer.full_name
                                              and inner.full_name.startswith(outer.full_name))


_CODE_DIGITS = {"province": 2, "prefecture": 4, "county": 6}


def _code_within(outer: Party, inner: Party) -> bool:
    """``inner`` is a division inside (or the same as) the division ``outer`` by their codes."""
    digits = _CODE_DIGITS.get(outer.level or "")
    return bool(digits and outer.code and inner.code and inner.level in _CODE_DIGITS
                and _CODE_DIGITS[inner.level] >= digits and inner.code[:digits] == outer.code[:digits])

