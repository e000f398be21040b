"""Development zones and special areas written by their own names (梅山保税港区, 汾湖高新区,
金普新区, 泰州港经济开发区): parties of their own, as helpers and as the helped.

The rules in localunits.py read a zone written after its city's short form (苏州工业园区) or
after a county (石阡县工业园区).  Most zones are named otherwise: a place name of two to four
characters that is no division, then a zone word.  The name starts where a word can start - after
punctuation, a function word or a time phrase - or at a division's short form it grows out of
(泰州 + 港经济开发区); the zone belongs to that division, else to no division (the nearest one
named before it is as often its partner as its own).
"""

from __future__ import annotations

import re
from functools import lru_cache

from parsers.extraction.mentions import Mention
from parsers.extraction.wording.parties import (
    DIVISION_UNIT_ENDINGS,
    ZONE_NAME_BREAKS,
    ZONE_NAME_LEADS,
    ZONE_WORDS,
)

MIN_NAME, MAX_NAME = 2, 4  # characters of a zone's own name before its zone word
_CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _zone_word() -> re.Pattern[str]:
    return re.compile("|".join(sorted(ZONE_WORDS, key=len, reverse=True)))


def _own_name_start(text: str, end: int) -> int | None:
    """Where the zone's own name starts, reading back from its zone word at ``end``."""
    lo = max(0, end - MAX_NAME)
    window = text[lo:end]
    bounded = False
    for lead in ZONE_NAME_LEADS:  # 今年梅山保税港区: the time phrase is no part of the name
        k = window.rfind(lead)
        if k >= 0:
            lo, window, bounded = lo + k + len(lead), window[k + len(lead) :], True
    cut = max((i for i, c in enumerate(window) if c in ZONE_NAME_BREAKS or not _CJK.match(c)), default=-1)
    if cut >= 0:
        lo, window = lo + cut + 1, window[cut + 1 :]
    elif not bounded and lo > 0 and _CJK.match(text[lo - 1]) and text[lo - 1] not in ZONE_NAME_BREAKS:
        return None  # no word start within reach: the name may run further back than we can tell
    return lo if MIN_NAME <= len(window) <= MAX_NAME else None


def _owner(text: str, at: int, regions: list[Mention]) -> Mention | None:
    """The division written in full right before a zone's own name (大连市 in 大连市金普新区): a
    division's full name ends a word, so the name between it and the zone word is the zone's and
    the zone lies in that division.  A short form (大连金普新区) is no such end."""
    for r in regions:
        gap = text[r.end : at]
        if (r.region is not None and r.end < at and MIN_NAME <= len(gap) <= MAX_NAME
                and r.surface.endswith(DIVISION_UNIT_ENDINGS) and _CJK.fullmatch(gap[0])
                and not any(c in ZONE_NAME_BREAKS or not _CJK.match(c) for c in gap)
                and not any(lead in gap for lead in ZONE_NAME_LEADS)):
            return r
    return None


def find_zones(text: str, regions: list[Mention], taken: list[Mention]) -> list[Mention]:
    """Zone mentions (kind ``local``, a one-unit path) outside the units already found."""
    out: list[Mention] = []
    spans = [(m.start, m.end) for m in taken]
    for z in _zone_word().finditer(text):
        if any(s < z.end() and z.start() < e for s, e in spans):
            continue
        if any(r.start <= z.start() and z.end() <= r.end for r in regions):
            continue  # part of a division's own name (两江新区)
        grown = next((r for r in regions if r.start < z.start() <= r.end + 1 and r.region is not None
                      and z.start() - r.start <= MAX_NAME + 1), None)
        owner = _owner(text, z.start(), regions)
        if grown is not None:
            start, region = grown.start, grown.region
        elif owner is not None:  # 大连市金普新区: the division written right before is the zone's own
            out.append(Mention(owner.start, z.end(), text[owner.start : z.end()], kind="local",
                               region=owner.region, path=(text[owner.end : z.end()],)))
            spans.append((owner.start, z.end()))
            continue
        else:
            start = _own_name_start(text, z.start())
            if start is None or any(r.start < z.start() and start < r.end for r in regions):
                continue
            region = None  # the nearest division named before may be the helped one: no guess
        name = text[start : z.end()]
        out.append(Mention(start, z.end(), name, kind="local", region=region, path=(name,)))
        spans.append((start, z.end()))
    return out


def zones_named_again(text: str, regions: list[Mention], found: list[Mention]) -> list[Mention]:
    """The zone word alone (高新区作为…, 在高新区党工委…) after the article has named one zone with
    that word (清远高新区): that zone, as a unit named again bare is the unit named before.  Two
    zones with the word leave it to nobody."""
    by_word: dict[str, list[Mention]] = {}
    for m in found:
        if m.kind == "local" and len(m.path) == 1:
            w = _zone_word().search(m.path[0])
            if w is not None and w.end() == len(m.path[0]) and w.start() > 0:
                by_word.setdefault(w.group(0), []).append(m)
    taken = [(m.start, m.end) for m in regions + found]
    out: list[Mention] = []
    for word, zones in by_word.items():
        if len({z.path for z in zones}) != 1:
            continue
        first = min(z.start for z in zones)
        pos = text.find(word, first)
        while pos >= 0:
            end = pos + len(word)
            free = not any(s < end and pos < e for s, e in taken)
            if free and (pos == 0 or text[pos - 1] in ZONE_NAME_BREAKS or not _CJK.match(text[pos - 1])
                         or text.endswith(ZONE_NAME_LEADS, 0, pos)):
                z = zones[0]
                out.append(Mention(pos, end, word, kind="local", region=z.region, path=z.path))
            pos = text.find(word, end)
    return out
