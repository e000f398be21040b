"""Event dates and periods written relative to the article (8月23日晚, 去年, 今年上半年),
resolved against its publication date so a digest can say when the money was announced.
"""

from __future__ import annotations

import re
from datetime import date

_RELATIVE_YEARS = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
_MONTH_DAY = re.compile(r"(?:(?P<year>(?:19|20)\d{2})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]")


def resolve_period(phrase: str | None, published: date | None) -> str | None:
    """The period as written, with 今年/去年/前年 turned into years when the date is known
    (今年上半年 in a 2024 article -> 2024年上半年)."""
    if not phrase:
        return phrase
    if published is None:
        return phrase
    for word, delta in _RELATIVE_YEARS.items():
        if phrase.startswith(word):
            return f"{published.year + delta}年{phrase[len(word):]}"
    if phrase.startswith(("上半年", "下半年", "前三季度")):
        return f"{published.year}年{phrase}"
    return phrase


def event_date(phrase: str, published: date | None) -> date | None:
    """A day written as 8月23日 (晚) or 2019年3月28日: the year from the text, else the
    publication year - or the year before, when the day would fall after publication."""
    m = _MONTH_DAY.search(phrase)
    if m is None:
        return None
    month, day = int(m.group("month")), int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else (published.year if published else None)
    if year is None:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not m.group("year") and published is not None and found > published:
        try:
            found = date(year - 1, month, day)
        except ValueError:
            return None
    return found
