"""The sources file (TOML): which sites to watch and how to find their articles.

Validated at load, so that a bad URL or regex is refused with the entry's name
before anything is fetched.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_TIMEOUT = 20.0
DEFAULT_DELAY = 1.0


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
    hosts: tuple[str, ...] = field(default=())

    @property
    def article_re(self) -> re.Pattern[str]:
        return re.compile(self.article_pattern)


def _check_url(name: str, url: object) -> str:
    if not isinstance(url, str):
        raise SourcesError(f"source {name!r}: start URL {url!r} is not a string")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourcesError(f"source {name!r}: start URL {url!r} is not an http(s) URL with a host")
    return url


def parse_sources(text: str, origin: str = "sources file") -> list[Source]:
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
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise SourcesError(f"{origin}: source #{i} has no name")
        if name in seen:
            raise SourcesError(f"{origin}: source {name!r} is defined twice")
        seen.add(name)
        urls = entry.get("start_urls")
        if not isinstance(urls, list) or not urls:
            raise SourcesError(f"source {name!r}: start_urls must be a non-empty list")
        urls = tuple(_check_url(name, u) for u in urls)
        pattern = entry.get("article_pattern")
        if not isinstance(pattern, str) or not pattern:
            raise SourcesError(f"source {name!r}: article_pattern is missing")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SourcesError(f"source {name!r}: article_pattern {pattern!r} is not a valid regex: {exc}") from exc
        try:
            timeout = float(entry.get("timeout", DEFAULT_TIMEOUT))
            delay = float(entry.get("delay", DEFAULT_DELAY))
        except (TypeError, ValueError) as exc:
            raise SourcesError(f"source {name!r}: timeout and delay must be numbers") from exc
        if timeout <= 0 or delay < 0:
            raise SourcesError(f"source {name!r}: timeout must be > 0 and delay >= 0")
        hosts = tuple(sorted({urlsplit(u).hostname.lower() for u in urls}))  # type: ignore[union-attr]
        out.append(Source(name, urls, pattern, str(entry.get("parser", "auto")), timeout, delay, hosts))
    return out


def load_sources(path: str | Path) -> list[Source]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"cannot read sources file {p}: {exc}") from exc
    return parse_sources(text, str(p))
