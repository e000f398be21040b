"""Publication dates as Chinese pages print them, read without inventing precision.

A page that gives no zone is in China Standard Time (Asia/Shanghai); a page that
gives only a day is recorded with day precision, not as midnight of a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Named groups y, m, d and optionally H, M, S.  Order matters: the most specific first.
DATE_PATTERNS: tuple[str, ...] = (
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?P<H>\d{1,2})\s*[时:]\s*(?P<M>\d{1,2})\s*分?(?:\s*(?P<S>\d{1,2})\s*秒?)?",
    r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})[\sT]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?",
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日",
    r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)",
)
_COMPILED = tuple(re.compile(p) for p in DATE_PATTERNS)


@dataclass(frozen=True)
class FoundDate:
    value: datetime
    precision: str  # "day" | "minute" | "second"
    start: int
    end: int


def parse_date(text: str, patterns: tuple[re.Pattern[str], ...] = _COMPILED) -> FoundDate | None:
    """The first valid date in ``text`` (earliest position; the most specific form at that position)."""
    best: FoundDate | None = None
    for rx in patterns:
        for m in rx.finditer(text):
            found = _to_found(m)
            if found is None:
                continue
            if best is None or found.start < best.start or (
                found.start == best.start and found.end > best.end
            ):
                best = found
            break
    return best


def compile_patterns(patterns: list[str] | tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _to_found(m: re.Match[str]) -> FoundDate | None:
    g = m.groupdict()
    try:
        hour = int(g["H"]) if g.get("H") else 0
        minute = int(g["M"]) if g.get("M") else 0
        second = int(g["S"]) if g.get("S") else 0
        value = datetime(int(g["y"]), int(g["m"]), int(g["d"]), hour, minute, second, tzinfo=SHANGHAI)
    except (ValueError, TypeError):
        return None
    if value.year < 1990 or value.year > 2100:
        return None
    precision = "second" if g.get("S") else "minute" if g.get("H") else "day"
    return FoundDate(value, precision, m.start(), m.end())
