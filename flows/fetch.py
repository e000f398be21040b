"""Fetching a source's listing pages and articles over HTTP, politely.

One requests session per run with a User-Agent that names pairwatch, a timeout
per request and a delay between requests to one host.  Every failure becomes a
recorded ParseFailure with its reason, never an exception that ends the run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from bs4 import BeautifulSoup

from flows.sources import Source
from parsers.records import ParseFailure

USER_AGENT = "pairwatch/0.1 (scheduled news monitoring of paired-assistance reports)"
MAX_BODY_BYTES = 10 * 1024 * 1024


@dataclass
class RawDocument:
    """Bytes as read, with where they came from."""

    location: str
    data: bytes
    source: str
    url: str | None = None
    path: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    parser: str = "auto"


class Fetcher:
    """A session with per-host pacing."""

    def __init__(self, session: requests.Session | None = None) -> None:
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self._last: dict[str, float] = {}

    def get(self, url: str, timeout: float, delay: float) -> requests.Response:
        host = urlsplit(url).hostname or ""
        wait = self._last.get(host, 0.0) + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            resp = self.session.get(url, timeout=timeout, stream=True)
            body = resp.raw.read(MAX_BODY_BYTES + 1, decode_content=True)
            if len(body) > MAX_BODY_BYTES:
                raise requests.RequestException(f"body over {MAX_BODY_BYTES} bytes")
            resp._content = body
            resp.raise_for_status()
            return resp
        finally:
            self._last[host] = time.monotonic()


def article_links(html: bytes, base_url: str, source: Source) -> list[str]:
    """Links on a listing page that match the source's pattern and stay on its hosts."""
    soup = BeautifulSoup(html, "lxml")
    seen: dict[str, None] = {}
    for a in soup.find_all("a", href=True):
        url = urljoin(base_url, a["href"]).split("#")[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() not in source.hosts:
            continue
        if source.article_re.search(url):
            seen.setdefault(url, None)
    return list(seen)


def fetch_source(source: Source, fetcher: Fetcher, known: Callable[[list[str]], set[str]] | None = None,
                 limit: int = 200) -> tuple[list[RawDocument], list[ParseFailure]]:
    """The source's articles that ``known`` does not already hold; failures are returned, not raised."""
    docs: list[RawDocument] = []
    failures: list[ParseFailure] = []
    links: list[str] = []
    for start in source.start_urls:
        try:
            resp = fetcher.get(start, source.timeout, source.delay)
        except requests.RequestException as exc:
            failures.append(ParseFailure(location=start, source=source.name, reason=f"fetch failed: {exc}"))
            continue
        links += [u for u in article_links(resp.content, resp.url, source) if u not in links]
    stored = known(links) if known and links else set()
    for url in [u for u in links if u not in stored][:limit]:
        try:
            resp = fetcher.get(url, source.timeout, source.delay)
        except requests.RequestException as exc:
            failures.append(ParseFailure(location=url, source=source.name, reason=f"fetch failed: {exc}"))
            continue
        docs.append(RawDocument(location=url, data=resp.content, source=source.name, url=url,
                                headers=dict(resp.headers), parser=source.parser))
    return docs, failures
