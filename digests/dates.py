"""True dates: an article's publication in the reader's time zone at the precision the page gave.

A page that gave only a day is shown as that day (moving a bare date between zones would invent a
time); a page with a time is converted to the digest's zone (Asia/Shanghai unless --timezone). An
undated article says so: the day pairwatch stored it is never shown as the article's date.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TZ = "Asia/Shanghai"


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"--timezone {name!r} is not a time zone (an IANA name such as Asia/Shanghai)") from None


def format_day(d: date, lang: str) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else d.isoformat()


def format_instant(when: datetime, tz: str, lang: str) -> str:
    """An instant in the zone, to the minute: '2024年3月5日 17:00' / '2024-03-05 17:00'."""
    local = when.astimezone(zone(tz))
    return f"{format_day(local.date(), lang)} {local:%H:%M}"


def format_published(published: str | None, tz: str, lang: str, undated: str) -> str:
    """An ISO publication (a bare date or a date-time with its offset) as the reader should see it."""
    if not published:
        return undated
    if "T" not in published:
        return format_day(date.fromisoformat(published[:10]), lang)
    return format_instant(datetime.fromisoformat(published), tz, lang)


def short_day(when: datetime, tz: str, lang: str) -> str:
    """A subject line's day: '12月7日' / '7 Dec'."""
    local = when.astimezone(zone(tz))
    return f"{local.month}月{local.day}日" if lang == "zh" else f"{local.day} {local:%b}"


def instant(published: str | None, tz: str = DEFAULT_TZ) -> datetime | None:
    """An ISO publication as an instant to compare by (a bare date: its start in ``tz``)."""
    if not published:
        return None
    if "T" not in published:
        d = date.fromisoformat(published[:10])
        return datetime(d.year, d.month, d.day, tzinfo=zone(tz))
    return datetime.fromisoformat(published)
