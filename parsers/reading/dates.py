"""Publication dates as Chinese pages print them, read without inventing precision.

A page that gives no zone is in China Standard Time (Asia/Shanghai); a page that
gives only a day is recorded with day precision, not as midnight of a guess; a
magazine issue (《刊名》1998年3月号) has month precision.  Dates also come from
meta tags (ISO 8601, converted to Shanghai time) and from URLs (/2023-04/09/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")

_TIME = (
    r"(?P<H>\d{1,2})\s*[时:：]\s*(?P<M>\d{1,2})"
    r"(?:\s*[:：]\s*(?P<S>\d{1,2})|\s*分(?:\s*(?P<S2>\d{1,2})\s*秒)?)?(?:\s*(?P<ampm>[AaPp][Mm])\b)?"
)
_YMD_SEP = r"[-/.]"
# Named groups y, m, d and optionally H, M, S, ampm.  Order matters: the most specific first.
DATE_PATTERNS: tuple[str, ...] = (
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?:[上下]午\s*)?" + _TIME,
    r"(?P<y>(?:19|20)\d{2})" + _YMD_SEP + r"(?P<m>\d{1,2})" + _YMD_SEP + r"(?P<d>\d{1,2})(?:[\sT]+|日)" + _TIME,
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日",
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})" + _YMD_SEP + r"(?P<m>\d{1,2})" + _YMD_SEP + r"(?P<d>\d{1,2})(?![\d.])",
    # year last: 7/5/2005 9:23:57 PM (US, month first) and 22.01.2017 19:01 (day first)
    r"(?<![A-Za-z\d./])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?:\s+" + _TIME + r")?(?![\d./])",
)
_COMPILED = tuple(re.compile(p) for p in DATE_PATTERNS)
_MONTH = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*日)(?:号|份|期)?")
_ISO = re.compile(
    r"(?P<y>(?:19|20)\d{2})-?(?P<m>\d{2})-?(?P<d>\d{2})"
    r"(?:[T\s](?P<H>\d{2}):?(?P<M>\d{2})(?::?(?P<S>\d{2})(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_URL_DATE = re.compile(
    r"(?<![\dA-Za-z])(?:t)?(?P<y>20\d{2}|19\d{2})(?P<s1>[-/_]?)(?P<m>0[1-9]|1[0-2])(?P<s2>[-/_]?)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)
# a year folder, then a column folder suffixed with the month and day: /2021/news_0518/
_URL_COLUMN_DAY = re.compile(r"/(?P<y>20\d{2}|19\d{2})/[A-Za-z]+[_-](?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])/")


@dataclass(frozen=True)
class FoundDate:
    value: datetime
    precision: str  # "month" | "day" | "minute" | "second"
    start: int = 0
    end: int = 0
    ambiguous: bool = False  # 06/02/2022: day and month could be either way round

    def swapped(self) -> FoundDate | None:
        """The other reading of an ambiguous day/month date."""
        if not self.ambiguous:
            return None
        try:
            value = self.value.replace(month=self.value.day, day=self.value.month)
        except ValueError:
            return None
        return FoundDate(value, self.precision, self.start, self.end, True)


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


def find_dates(text: str) -> list[FoundDate]:
    """Every valid date in ``text``, in order, overlapping forms resolved to the longest."""
    found: list[FoundDate] = []
    for rx in _COMPILED:
        for m in rx.finditer(text):
            f = _to_found(m)
            if f is not None and not any(o.start <= f.start < o.end or f.start <= o.start < f.end for o in found):
                found.append(f)
    return sorted(found, key=lambda f: f.start)


def parse_month(text: str) -> FoundDate | None:
    """A year and month with no day (1998年3月号, 2003年5月): month precision."""
    for m in _MONTH.finditer(text):
        try:
            value = datetime(int(m["y"]), int(m["m"]), 1, tzinfo=SHANGHAI)
        except ValueError:
            continue
        return FoundDate(value, "month", m.start(), m.end())
    return None


def parse_iso(value: str) -> FoundDate | None:
    """A machine date (meta tags, <time datetime>): ISO 8601 or close; a zone given is converted to Shanghai."""
    m = _ISO.search(value.strip())
    if not m:
        return parse_date(value)
    try:
        dt = datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"] or 0), int(m["M"] or 0), int(m["S"] or 0))
    except ValueError:
        return None
    tz = m["tz"]
    if tz:
        offset = timedelta(0) if tz == "Z" else _offset(tz)
        dt = (dt - offset).replace(tzinfo=ZoneInfo("UTC")).astimezone(SHANGHAI)
    else:
        dt = dt.replace(tzinfo=SHANGHAI)
    if not _plausible(dt):
        return None
    precision = "second" if m["S"] else "minute" if m["H"] else "day"
    return FoundDate(dt, precision, m.start(), m.end())


def date_from_url(url: str | None) -> FoundDate | None:
    """The day a URL's path spells (/2023-04/09/, /201704/06/, /2024/0331/, t20170406_..., else
    /2021/news_0518/), if any."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I).split("?")[0]
    spelled = (m for m in _URL_DATE.finditer(path)
             if m["s1"] == m["s2"] or not (m["s1"] and m["s2"]) or "/" in m["s1"] + m["s2"])
    for m in (*spelled, *_URL_COLUMN_DAY.finditer(path)):
        try:
            value = datetime(int(m["y"]), int(m["m"]), int(m["d"]), tzinfo=SHANGHAI)
        except ValueError:
            continue
        if _plausible(value):
            return FoundDate(value, "day", m.start(), m.end())
    return None


def compile_patterns(patterns: list[str] | tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _offset(tz: str) -> timedelta:
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))


def _plausible(value: datetime) -> bool:
    return 1990 <= value.year <= datetime.now(SHANGHAI).year + 1


def _to_found(m: re.Match[str]) -> FoundDate | None:
    g = m.groupdict()
    try:
        if g.get("a"):  # year-last form: month first with "/", day first with "."
            a, b = int(g["a"]), int(g["b"])
            month, day = (b, a) if (a > 12 or (g["sep"] == "." and b <= 12)) else (a, b)
        else:
            month, day = int(g["m"]), int(g["d"])
        hour = int(g["H"]) if g.get("H") else 0
        if g.get("ampm") and g["ampm"].lower() == "pm" and hour < 12:
            hour += 12
        elif g.get("ampm") and g["ampm"].lower() == "am" and hour == 12:
            hour = 0
        minute = int(g["M"]) if g.get("M") else 0
        second = int(g.get("S") or g.get("S2") or 0)
        value = datetime(int(g["y"]), month, day, hour, minute, second, tzinfo=SHANGHAI)
    except (ValueError, TypeError):
        return None
    if not _plausible(value):
        return None
    precision = "second" if (g.get("S") or g.get("S2")) else "minute" if g.get("H") else "day"
    ambiguous = bool(g.get("a")) and int(g["a"]) <= 12 and int(g["b"]) <= 12 and g["a"] != g["b"]
    return FoundDate(value, precision, m.start(), m.end(), ambiguous)
