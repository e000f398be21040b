"""Townships and villages of a county, from ``parsers/data/townships.tsv`` and ``villages.zip``.

Built by ``tools/build_subcounty.py`` (the 2023 统计用区划代码, plus older names from jionlp
without a code).  Standard library only.  The township table (~45k rows) is read once per
process; a county's villages are read from its own member of ``villages.zip`` the first time
that county is asked for, and kept in a bounded cache, so that an article touching a few
counties costs a few small reads and memory stays flat however many counties a run meets.

Names are not unique (城关镇 is in 99 counties, 和平村 in several hundred), so nothing here
looks a name up across the country: callers name the county first.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from parsers.extraction.wording.parties import ETHNIC_TOWNSHIP, LOCAL_TOWNSHIP_TYPES, LOCAL_VILLAGE_TYPES

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
COUNTY_CACHE = 256  # counties kept with their villages and name index (a few hundred KB each)


_ETHNIC = re.compile(ETHNIC_TOWNSHIP)


def _without_people(name: str) -> str:
    """A township's name as the press often writes it, without the people it is named for (百纳彝族乡 -> 百纳乡)."""
    return _ETHNIC.sub(r"\1\3", name)


class Unit(NamedTuple):
    """A township or village: its statistical code (9 or 12 digits, or None for a unit only in
    older lists), its name, and its township's name (itself for a township)."""

    code: str | None
    name: str
    township: str

    @property
    def is_village(self) -> bool:
        return self.name != self.township


@lru_cache(maxsize=1)
def _townships() -> dict[str, tuple[Unit, ...]]:
    """County code -> its townships, from townships.tsv (read once)."""
    out: dict[str, list[Unit]] = {}
    with open(DATA_DIR / "townships.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, name, county = line.rstrip("\n").split("\t")
            out.setdefault(county, []).append(Unit(code or None, name, name))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _township_counties() -> dict[str, tuple[str, ...]]:
    """Township name -> the codes of the counties that have one of that name."""
    out: dict[str, list[str]] = {}
    for county, units in _townships().items():
        for u in units:
            out.setdefault(u.name, []).append(county)
    return {k: tuple(v) for k, v in out.items()}


def counties_with_township(name: str) -> tuple[str, ...]:
    """The county codes whose lists hold a township of this name (城关镇: 99 of them; 霍童镇: one)."""
    return _township_counties().get(name, ())


@lru_cache(maxsize=1)
def _short_township_names() -> frozenset[str]:
    """Township names written without the people a township is named for (百纳乡 for 百纳彝族乡)."""
    return frozenset(short for name in _township_counties() if (short := _without_people(name)) != name)


def is_township_name(name: str) -> bool:
    """Some county in the land has a township of this name, written in full or without its people
    (天鹅小镇 is none).  Only for a township written alone: after its county, an older name the lists
    have lost (a township merged before 2023) must still be read."""
    return name in _township_counties() or name in _short_township_names()


def has_units(county: str) -> bool:
    """True if the table lists townships under this code (a county, or 东莞市 and the like)."""
    return county in _townships()


def units_code(code: str, lineage: str = "") -> str | None:
    """The code a division's units are filed under: its own, else today's code of its line
    (an article's 米林县 540422 -> 米林市 540481); None when the lists have no units for it."""
    if code in _townships():
        return code
    return lineage if lineage and lineage in _townships() else None


def townships_of(county: str) -> tuple[Unit, ...]:
    """The townships of a county (six-digit code from the gazetteer); () if none are known."""
    return _townships().get(county, ())


@lru_cache(maxsize=1)
def _archive() -> zipfile.ZipFile:
    return zipfile.ZipFile(DATA_DIR / "villages.zip")


@lru_cache(maxsize=COUNTY_CACHE)
def villages_of(county: str) -> tuple[Unit, ...]:
    """The villages and communities of a county, read from its member of villages.zip."""
    try:
        raw = _archive().read(f"{county}.tsv")
    except KeyError:
        return ()
    out: list[Unit] = []
    for line in raw.decode("utf-8").splitlines():
        code, name, town = line.split("\t")
        out.append(Unit(code or None, name, town))
    return tuple(out)


_UNIT_END = re.compile("|".join(LOCAL_TOWNSHIP_TYPES + LOCAL_VILLAGE_TYPES))


def unit_ends(text: str) -> list[int]:
    """Where a unit type ends in ``text`` (after 镇, 村, 街道 ...): the only places a unit name
    can end, found once per text and shared by every county looked at."""
    return [m.end() for m in _UNIT_END.finditer(text)]


@dataclass(frozen=True)
class CountyUnits:
    """Every township and village of one county, indexed by name, with the names to look for."""

    county: str
    by_name: dict[str, tuple[Unit, ...]]
    wanted: dict[str, Unit]  # names a text may name bare: typed, a stem of 2+, one unit
    lengths: tuple[int, ...]  # lengths of the wanted names, longest first

    def official(self, path: tuple[str, ...]) -> tuple[str, ...]:
        """The path with each unit under its name in the lists (百纳乡 -> 百纳彝族乡) where the county
        has exactly one unit of the written name."""
        units = [_one(self.by_name.get(name, ())) for name in path]
        return tuple(u.name if u is not None else name for u, name in zip(units, path, strict=True))

    def code_of(self, path: tuple[str, ...]) -> str | None:
        """The code of the unit a written path names: (镇,), (镇, 村) or a village alone (村,),
        when the county has exactly one such unit."""
        last = self.by_name.get(path[-1], ())
        if len(path) >= 2:
            town = _one(self.by_name.get(path[-2], ()))  # 百纳乡 written for 百纳彝族乡
            last = tuple(u for u in last if u.township in (path[-2], town.name if town else path[-2]))
        unit = _one(last)
        return unit.code if unit else None

    def find(self, text: str, ends: list[int] | None = None) -> list[tuple[int, int, Unit]]:
        """The county's unit names written in ``text``: at each place a unit type ends
        (``unit_ends``), the longest name that ends there; overlaps are the caller's to settle."""
        out: list[tuple[int, int, Unit]] = []
        for end in unit_ends(text) if ends is None else ends:
            for n in self.lengths:
                unit = self.wanted.get(text[end - n : end]) if end >= n else None
                if unit is not None:
                    out.append((end - n, end, unit))
                    break
        return out


def _one(units: tuple[Unit, ...]) -> Unit | None:
    """The unit a name stands for: the only one, or the only one still in the 2023 list (an
    older unit of the same name was mostly merged into it)."""
    if len(units) == 1:
        return units[0]
    current = [u for u in units if u.code]
    return current[0] if len(current) == 1 else None


def _matchable(name: str) -> bool:
    """Names worth looking for in a text: a stem of two characters or more and a unit type."""
    for t in LOCAL_TOWNSHIP_TYPES + LOCAL_VILLAGE_TYPES:
        if name.endswith(t):
            return len(name) - len(t) >= 2
    return False


@lru_cache(maxsize=COUNTY_CACHE)
def county_units(county: str) -> CountyUnits:
    """The units of a county, loaded on first use and cached (bounded)."""
    by_name: dict[str, list[Unit]] = {}
    for u in townships_of(county) + villages_of(county):
        by_name.setdefault(u.name, []).append(u)
    for u in townships_of(county):  # 百纳乡 for 百纳彝族乡: the press often drops the people's name
        short = _without_people(u.name)
        if short != u.name and short not in by_name:
            by_name[short] = [u]
    wanted = {n: u for n, units in by_name.items() if _matchable(n) and (u := _one(tuple(units))) is not None}
    lengths = tuple(sorted({len(n) for n in wanted}, reverse=True))
    return CountyUnits(county, {k: tuple(v) for k, v in by_name.items()}, wanted, lengths)
