"""robots.txt, read once per host per run (and kept a day in the fetch state), with protego.

Decisions, after RFC 9309: a robots.txt answered 4xx (missing) allows everything; one that
cannot be read (unreachable, timeout, 429, 5xx after retries) makes the whole host
unavailable for this run, so its URLs are recorded as failed and tried again next run rather
than fetched against rules we could not read.  A URL the rules disallow is *skipped*, not
failed: it is the site's choice, retrying cannot change it, and the summary's ``failed``
counts only what went wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from protego import Protego

from fetching.webtypes import FetchError, Page, Scope
from store.fetch_state import FetchEntry, FetchState, now

ROBOTS_TOKEN = "pairwatch"
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB; the rest is ignored
KEEP_FOR = timedelta(hours=24)  # RFC 9309: a cached robots.txt should not be used for longer
MAX_CRAWL_DELAY = 30.0  # a Crawl-delay beyond this would stall a run; we still wait this long

FetchRobots = Callable[[str, Scope, float, float, int], Page]


class RobotsCache:
    """Per origin: the parsed rules, None (allow all), or the FetchError that made it unavailable."""

    def __init__(self, fetch: FetchRobots, state: FetchState | None = None) -> None:
        self._fetch = fetch
        self._state = state
        self._rules: dict[str, Any] = {}

    def check(self, url: str, scope: Scope, timeout: float, delay: float) -> float:
        """The Crawl-delay to respect for this URL; raises FetchError when it must not be fetched."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._rules:
            self._rules[origin] = self._load(origin, scope, timeout, delay)
        rules = self._rules[origin]
        if isinstance(rules, FetchError):
            raise FetchError(f"robots.txt unavailable: {rules.reason}", rules.status)
        if rules is None:
            return 0.0
        if not rules.can_fetch(url, ROBOTS_TOKEN):
            raise FetchError("skipped: robots.txt disallows it", skipped=True)
        return min(float(rules.crawl_delay(ROBOTS_TOKEN) or 0.0), MAX_CRAWL_DELAY)

    def _load(self, origin: str, scope: Scope, timeout: float, delay: float) -> Any:
        url = f"{origin}/robots.txt"
        entry = self._state.get(url) if self._state else None
        if entry and entry.kind == "robots" and entry.fetched_at and now() - entry.fetched_at < KEEP_FOR:
            return Protego.parse(entry.body) if entry.body is not None else None
        try:
            page = self._fetch(url, scope, timeout, delay, ROBOTS_MAX_BYTES)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                self._remember(url, scope, exc.status, None)
                return None
            return exc
        body = page.content.decode("utf-8", errors="replace")
        self._remember(url, scope, page.status, body)
        return Protego.parse(body)

    def _remember(self, url: str, scope: Scope, status: int, body: str | None) -> None:
        if self._state is not None:
            self._state.put(FetchEntry(url=url, source=scope.name or "robots", kind="robots",
                                       status=status, body=body, done=True))
