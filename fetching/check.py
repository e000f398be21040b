"""Checking a sources file against the live sites: is each listing still there, and does its
``article_pattern`` still find articles on it?

Why: a site moves its columns and renames its URLs without notice, and a monitor whose listing
answers 404, or whose pattern matches nothing, goes silent rather than failing.  Each start URL
is fetched once with the fetcher's manners (robots.txt, the source's delay and timeout, no state
kept) and reported: reachable or the error, HTTP status, links on the page, links the pattern
takes, the newest date seen beside them, robots.txt's answer, and, when nothing matches, a
pattern read off the most common shape of the page's own links.  Plain functions, no Prefect.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from urllib.parse import urlsplit

from fetching.crawl import (
    HostileMarkup,
    NotAListing,
    feed_entries,
    host_links,
    listing_links,
    looks_like_feed,
)
from fetching.fetch import scope_of
from fetching.http import Fetcher
from fetching.sources import Source
from fetching.webtypes import FetchError
from parsers.reading.dates import date_from_url, find_dates
from parsers.reading.decode import decode_bytes

_DIGITS = re.compile(r"\d+")
_SUGGEST_MIN = 2  # links of one shape before it is offered as a pattern


@dataclass
class ListingCheck:
    """One start URL, as the check found it."""

    url: str
    reachable: bool = False
    status: int | None = None
    robots_allowed: bool | None = None  # None: robots.txt could not be read
    links: int = 0  # http(s) links on the source's hosts
    matching: int = 0  # of those, article links by the source's pattern
    newest: str | None = None  # ISO day: the newest date printed beside or in an article link
    error: str | None = None
    suggested_pattern: str | None = None  # only when nothing matched

    @property
    def healthy(self) -> bool:
        return self.reachable and bool(self.robots_allowed) and self.matching > 0


@dataclass
class SourceCheck:
    """A source is healthy when every one of its listings is."""

    name: str
    listings: list[ListingCheck] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return bool(self.listings) and all(lc.healthy for lc in self.listings)

    def to_dict(self) -> dict:
        return {"name": self.name, "healthy": self.healthy,
                "listings": [{**asdict(lc), "healthy": lc.healthy} for lc in self.listings]}


def check_sources(sources: list[Source], fetcher: Fetcher | None = None, today: date | None = None) -> list[SourceCheck]:
    """Every source checked in turn with one fetcher (its pacing spans the run)."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        return [check_source(s, fetcher, today) for s in sources]
    finally:
        if own:
            fetcher.close()


def check_source(source: Source, fetcher: Fetcher, today: date | None = None) -> SourceCheck:
    """Each start URL fetched once and read; nothing raised for a bad site."""
    return SourceCheck(source.name, [check_listing(source, url, fetcher, today) for url in source.start_urls])


def check_listing(source: Source, url: str, fetcher: Fetcher, today: date | None = None) -> ListingCheck:
    """One listing: robots.txt first (so a disallowed page is never requested), then the page."""
    out = ListingCheck(url)
    scope = scope_of(source)
    try:
        fetcher.robots.check(url, scope, source.timeout, source.delay)
        out.robots_allowed = True
    except FetchError as exc:
        out.robots_allowed = False if exc.skipped else None
        out.error, out.status = exc.reason, exc.status
        return out
    try:
        page = fetcher.get(url, scope, source.timeout, source.delay)
    except FetchError as exc:
        out.error, out.status = exc.reason, exc.status
        return out
    out.reachable, out.status = True, page.status
    content_type = page.headers.get("Content-Type")
    try:
        matching = listing_links(page.content, page.final_url, content_type, source)
    except (NotAListing, HostileMarkup) as exc:
        out.error = f"listing is {exc}"
        return out
    if looks_like_feed(page.content, content_type):
        entries = feed_entries(page.content, page.final_url, source.hosts)
        found = [u for u, _ in entries]
        days = [d for u, d in entries if d and u in set(matching)]
    else:
        text = decode_bytes(page.content, content_type).text
        links = host_links(text, page.final_url, source.hosts)
        found = [u for u, _ in links]
        near = dict(links)
        days = [d for u in matching for d in _days(u, near.get(u, ""))]
    out.links, out.matching = len(found), len(matching)
    limit = (today or date.today()) + timedelta(days=1)
    plausible = [d for d in days if d <= limit]
    out.newest = max(plausible).isoformat() if plausible else None
    if not matching:
        out.error = "no link matches article_pattern"
        out.suggested_pattern = suggest_pattern(found)
    return out


def _days(url: str, around: str) -> list[date]:
    """The day an article link spells in its URL and the days printed beside it."""
    days = [f.value.date() for f in find_dates(around)]
    in_url = date_from_url(url)
    return days + ([in_url.value.date()] if in_url else [])


def url_shape(url: str) -> str:
    """A regex for the URL's path and query with every run of digits generalised: the shape that
    an article URL shares with its siblings (/content/2024-09/20/content_1.htm)."""
    parts = urlsplit(url)
    tail = parts.path + (f"?{parts.query}" if parts.query else "")
    pieces = _DIGITS.split(tail)
    runs = _DIGITS.findall(tail)
    out = _escape(pieces[0])
    for run, piece in zip(runs, pieces[1:], strict=True):
        out += (rf"\d{{{len(run)}}}" if len(run) in (4, 8) else r"\d+") + _escape(piece)
    return out + "$" if not parts.query else out


def _escape(text: str) -> str:
    """re.escape, minus the escapes a reader of a sources file trips over (- is literal here)."""
    return re.escape(text).replace("\\-", "-")


def suggest_pattern(urls: list[str]) -> str | None:
    """The most common shape among links that carry digits (articles are numbered; navigation
    mostly is not), when at least two links share it; ties go to the shape seen first."""
    shapes = Counter(url_shape(u) for u in urls if _DIGITS.search(urlsplit(u).path + urlsplit(u).query))
    if not shapes:
        return None
    shape, count = shapes.most_common(1)[0]
    return shape if count >= _SUGGEST_MIN else None


def all_healthy(checks: list[SourceCheck]) -> bool:
    return bool(checks) and all(c.healthy for c in checks)


def format_table(checks: list[SourceCheck]) -> str:
    """One line per listing, aligned; the error or the suggested pattern last."""
    header = ("source", "health", "status", "robots", "links", "match", "newest", "note")
    rows = [header]
    for c in checks:
        for lc in c.listings:
            robots = {True: "allowed", False: "DISALLOWED", None: "unknown"}[lc.robots_allowed]
            note = lc.error or ""
            if lc.suggested_pattern:
                note += f"; try article_pattern = {lc.suggested_pattern!r}"
            if not note and len(c.listings) > 1:
                note = lc.url
            rows.append((c.name, "ok" if lc.healthy else "FAIL", str(lc.status or "-"), robots, str(lc.links),
                         str(lc.matching), lc.newest or "-", note))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
                     for r in rows)
