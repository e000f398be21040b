"""The sources file (TOML): which sites to watch and how to find their articles.

Validated at load, so that a bad URL or regex is refused with the entry's name
before anything is fetched.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_TIMEOUT = 20.0
DEFAULT_DELAY = 1.0
# Beyond these a value is a typo (1e12), not a wish: a request held for days, a crawl that never ends.
MAX_TIMEOUT = 300.0
MAX_DELAY = 600.0
KEYS = {"name", "start_urls", "article_pattern", "parser", "timeout", "delay", "hosts", "verified", "verified_on"}


class SourcesError(ValueError):
    """The sources file is invalid; the message names the entry and the field."""


@dataclass(frozen=True)
class Source:
    name: str
    start_urls: tuple[str, ...]
    article_pattern: str
    parser: str = "auto"
    timeout: float = DEFAULT_TIMEOUT
    delay: float = DEFAULT_DELAY
    hosts: tuple[str, ...] = field(default=())  # the start URLs' hosts, plus any listed under ``hosts``
    verified: bool = False  # a `pairwatch sources check` found its listings healthy ...
    verified_on: date | None = None  # ... on this day (the last day it did)

    @property
    def article_re(self) -> re.Pattern[str]:
        return re.compile(self.article_pattern)


def _check_url(where: str, url: object) -> str:
    if not isinstance(url, str):
        raise SourcesError(f"{where}: start_urls: {url!r} is not a string")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise SourcesError(f"{where}: start_urls: {url!r} is not a valid URL: {exc}") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        raise SourcesError(f"{where}: start_urls: {url!r} is not an http(s) URL with a host")
    return url


def _extra_hosts(where: str, entry: dict) -> set[str]:
    """More hosts the source's articles live on (``hosts = ["news.example.org"]``), as bare host names."""
    extra = entry.get("hosts", [])
    if not isinstance(extra, list) or not all(isinstance(h, str) for h in extra):
        raise SourcesError(f"{where}: hosts must be a list of host names")
    out = set()
    for host in extra:
        parsed = urlsplit(f"//{host.strip()}").hostname
        if not parsed or parsed != host.strip().lower():
            raise SourcesError(f"{where}: hosts: {host!r} is not a bare host name")
        out.add(parsed)
    return out


def _number(where: str, entry: dict, key: str, default: float, low: float, high: float, low_open: bool) -> float:
    value = entry.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SourcesError(f"{where}: {key} must be a number of seconds, not {value!r}")
    if not (low < value <= high if low_open else low <= value <= high):
        bound = f"more than {low:g}" if low_open else f"at least {low:g}"
        raise SourcesError(f"{where}: {key} = {value!r} is out of range (seconds, {bound} and at most {high:g})")
    return float(value)


def _parser_id(where: str, entry: dict) -> str:
    from parsers.reading.registry import parser_ids

    parser = entry.get("parser", "auto")
    known = ["auto", *parser_ids()]
    if parser not in known:
        raise SourcesError(f"{where}: parser {parser!r} is unknown (known: {', '.join(known)})")
    return parser


def _verification(where: str, entry: dict) -> tuple[bool, date | None]:
    """``verified`` (true/false) and ``verified_on`` (a TOML date, 2026-12-07), as a check wrote them."""
    verified = entry.get("verified", False)
    if not isinstance(verified, bool):
        raise SourcesError(f"{where}: verified must be true or false, not {verified!r}")
    on = entry.get("verified_on")
    if on is not None and (not isinstance(on, date) or hasattr(on, "hour")):
        raise SourcesError(f"{where}: verified_on must be a date such as 2026-12-07, not {on!r}")
    return verified, on


def parse_sources(text: str, origin: str = "sources file") -> list[Source]:
    """Sources from TOML text, each validated: URLs, regex, numbers, hosts, no unknown keys."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{origin}: not valid TOML: {exc}") from exc
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{origin}: no [[source]] entries")
    out: list[Source] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise SourcesError(f"{origin}: source #{i} is not a table")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise SourcesError(f"{origin}: source #{i} has no name")
        where = f"{origin}: source {name!r}"
        if name in seen:
            raise SourcesError(f"{where} is defined twice")
        seen.add(name)
        unknown = sorted(set(entry) - KEYS)
        if unknown:
            raise SourcesError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(KEYS))})")
        urls = entry.get("start_urls")
        if not isinstance(urls, list) or not urls:
            raise SourcesError(f"{where}: start_urls must be a non-empty list")
        urls = tuple(_check_url(where, u) for u in urls)
        pattern = entry.get("article_pattern")
        if not isinstance(pattern, str) or not pattern:
            raise SourcesError(f"{where}: article_pattern is missing")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SourcesError(f"{where}: article_pattern {pattern!r} is not a valid regex: {exc}") from exc
        timeout = _number(where, entry, "timeout", DEFAULT_TIMEOUT, 0, MAX_TIMEOUT, low_open=True)
        delay = _number(where, entry, "delay", DEFAULT_DELAY, 0, MAX_DELAY, low_open=False)
        hosts = tuple(sorted({urlsplit(u).hostname.lower() for u in urls} | _extra_hosts(where, entry)))  # type: ignore[union-attr]
        verified, verified_on = _verification(where, entry)
        out.append(Source(name, urls, pattern, _parser_id(where, entry), timeout, delay, hosts, verified, verified_on))
    return out


def load_sources(path: str | Path) -> list[Source]:
    """The sources named in a TOML file; SourcesError (naming the entry) when any is invalid."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"cannot read sources file {p}: {exc}") from exc
    return parse_sources(text, str(p))


SCHEDULE_KEYS = ("ingest", "digest", "timezone")


def load_schedule(path: str | Path) -> dict[str, str]:
    """The optional top-level ``[schedule]`` table (``ingest``/``digest`` cron strings, ``timezone``).

    Only this table is read, so a schedule is checked without validating or fetching any source;
    the cron strings' own syntax is checked where they become Prefect schedules (flows/serve.py).
    """
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesError(f"cannot read sources file {p}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{p}: not valid TOML: {exc}") from exc
    table = data.get("schedule", {})
    if not isinstance(table, dict):
        raise SourcesError(f"{p}: [schedule] must be a table")
    unknown = sorted(set(table) - set(SCHEDULE_KEYS))
    if unknown:
        raise SourcesError(f"{p}: unknown key(s) in [schedule]: {', '.join(unknown)} (known: {', '.join(SCHEDULE_KEYS)})")
    for key, value in table.items():
        if not isinstance(value, str) or not value.strip():
            raise SourcesError(f"{p}: [schedule] {key} must be a non-empty string, not {value!r}")
    return {k: v.strip() for k, v in table.items()}
