"""Fetching one source's new articles: listings and feeds, then each article not yet stored.

Incremental by design: a listing answered 304 (its ETag / Last-Modified kept in the fetch
state) costs one request and no parsing; an article already stored is never fetched again
(compared by canonical URL); an article link found but not stored (a failed fetch, a crash,
the per-run limit) stays in the fetch state and is tried again on the next run, up to
``MAX_ATTEMPTS`` failed attempts.  An attempt is counted before its request goes out and taken
back when the page arrives, so a page that hangs runs until they are killed uses its attempts
up, while one fetched is never counted as failed; links tried before go after fresh ones.  A
link that used its attempts up is reported once as a failure saying so, then left alone.
Every failure is returned as a ParseFailure with its reason, every deliberate skip
(robots.txt) in ``skipped``; nothing here raises for a bad site.  With a ``sink``, documents
(and failures) go to it as they arrive instead of being held until the source is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from fetching.crawl import (
    HostileMarkup,
    NotAListing,
    article_links,
    continuation_links,
    key_of,
    listing_links,
    page_number,
)
from fetching.http import USER_AGENT, Fetcher
from fetching.sources import Source
from fetching.webtypes import DEFAULT_PORTS, FetchError, Page, Scope, is_local_host, origin_of
from parsers.reading.decode import decode_bytes
from parsers.records import ParseFailure
from store.fetch_state import FetchEntry, FetchState

__all__ = ["USER_AGENT", "FetchResult", "Fetcher", "RawDocument", "article_links", "fetch_source", "scope_of"]

DEFAULT_LIMIT = 200  # articles per source per run; the rest wait in the fetch state for the next run
MAX_ATTEMPTS = 5  # runs in which an unstored article link is tried before it is given up
MAX_PAGES = 20  # pages of one article, the first included

Known = Callable[[list[str]], set[str]]
Sink = Callable[["RawDocument | ParseFailure"], None]


@dataclass
class RawDocument:
    """Bytes as read, with where they came from; ``more_pages`` are an article's further pages."""

    location: str
    data: bytes
    source: str
    url: str | None = None
    path: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    parser: str = "auto"
    more_pages: list[bytes] = field(default_factory=list)


@dataclass
class FetchResult:
    """What one source's fetch did: documents to parse, failures to record, and what it left alone."""

    source: str
    docs: list[RawDocument] = field(default_factory=list)
    failures: list[ParseFailure] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, reason): robots.txt
    unchanged: list[str] = field(default_factory=list)  # start URLs answered 304
    read: list[str] = field(default_factory=list)  # start URLs read (or unchanged): their old failures are over
    already_stored: int = 0  # article links not fetched because they are stored
    deferred: list[str] = field(default_factory=list)  # over the per-run limit: next run
    fetched: int = 0  # documents fetched (in ``docs``, or handed to the sink)

    def summary(self) -> dict[str, int]:
        return {"fetched": self.fetched, "failed": len(self.failures), "skipped": len(self.skipped),
                "unchanged": len(self.unchanged), "already_stored": self.already_stored,
                "deferred": len(self.deferred)}


def scope_of(source: Source) -> Scope:
    """The source's hosts and ports; private addresses only for a source that itself starts on one.

    A start URL with an explicit port pins its host to that port; one without allows 80 and 443
    (http upgraded to https); hosts named only under ``hosts`` get 80 and 443.
    """
    local = any(is_local_host(h) for h in source.hosts)
    ports: set[tuple[str, int]] = set()
    for url in source.start_urls:
        host, port = origin_of(url)
        ports |= {(host, port)} if urlsplit(url).port else {(host, p) for p in DEFAULT_PORTS.values()}
    return Scope(hosts=frozenset(source.hosts), allow_private=local, name=source.name, ports=frozenset(ports))


def fetch_source(source: Source, fetcher: Fetcher, known: Known | None = None, state: FetchState | None = None,
                 limit: int = DEFAULT_LIMIT, max_attempts: int = MAX_ATTEMPTS, sink: Sink | None = None) -> FetchResult:
    """The source's articles that ``known`` (the store) does not hold yet, fetched politely.

    ``known`` receives URLs (as listed and in canonical form) and returns those already stored.
    Without ``state`` there are no conditional GETs and no retries carried between runs.
    ``sink`` receives each document as it is fetched (then not kept in ``docs``) and each failure.
    """
    result = FetchResult(source=source.name)
    emit = _emitter(result, sink)
    scope = scope_of(source)
    links: list[str] = []
    for start in source.start_urls:
        links += _read_start(start, source, scope, fetcher, state, result, emit)
    retry = state.unfinished(source.name, max_attempts) if state else []
    candidates = _unique(links + retry)
    stored = _stored(candidates, known)
    result.already_stored = len(stored)
    if state and stored:
        state.mark_done(stored)
    if state:
        _report_exhausted(source, state, max_attempts, stored, emit)
    settled = state.settled(candidates, max_attempts) if state else set()
    todo = [u for u in candidates if u not in stored and u not in settled]
    if state:  # links tried before (failed, or cut off by a killed run) after the fresh ones
        tried = state.attempts_of(todo)
        todo.sort(key=lambda u: tried.get(u, 0))
    for url in todo[:limit]:
        _fetch_article(url, source, scope, fetcher, state, max_attempts, result, emit)
    result.deferred = todo[limit:]
    return result


def _emitter(result: FetchResult, sink: Sink | None) -> Sink:
    """Where documents and failures go: the result, and the sink as they arrive."""

    def emit(item: RawDocument | ParseFailure) -> None:
        if isinstance(item, RawDocument):
            result.fetched += 1
            if sink is None:
                result.docs.append(item)
        else:
            result.failures.append(item)
        if sink is not None:
            sink(item)

    return emit


def _report_exhausted(source: Source, state: FetchState, max_attempts: int, stored: set[str], emit: Sink) -> None:
    """Links whose last attempts were cut off (killed runs) become one recorded failure each, never a
    silent "done"; a link counted by an older version for a page it did fetch gets its attempts back."""
    for entry in state.exhausted(source.name, max_attempts):
        if entry.url in stored:
            continue
        if entry.reason is None:  # counted for a fetch that succeeded: not a failed attempt
            state.put(_replace(entry, attempts=0))
            continue
        reason = f"fetch failed: {entry.reason} (given up after {entry.attempts} attempts)"
        emit(ParseFailure(location=entry.url, source=source.name, reason=reason))
        state.give_up(entry.url, reason)


def _read_start(start: str, source: Source, scope: Scope, fetcher: Fetcher, state: FetchState | None,
                result: FetchResult, emit: Sink) -> list[str]:
    """A listing page or feed, conditionally; its article links (none when unchanged or failed)."""
    entry = state.get(start) if state else None
    headers = {}
    if entry and entry.etag:
        headers["If-None-Match"] = entry.etag
    if entry and entry.last_modified:
        headers["If-Modified-Since"] = entry.last_modified
    base = entry or FetchEntry(url=start, source=source.name, kind="listing")
    try:
        page = fetcher.get(start, scope, source.timeout, source.delay, headers)
    except FetchError as exc:
        _note_error(start, source, exc, result, emit)
        if state:  # keep the validators: what the listing showed last time was handled then
            state.put(_replace(base, status=exc.status, reason=exc.reason, attempts=base.attempts + 1))
        return []
    if page.not_modified:
        result.unchanged.append(start)
        result.read.append(start)
        if state:
            state.put(_replace(base, status=304, reason=None, attempts=0))
        return []
    try:
        links = listing_links(page.content, page.final_url, page.headers.get("Content-Type"), source)
    except (NotAListing, HostileMarkup) as exc:  # recorded, and no validators kept: the next run asks again in full
        emit(ParseFailure(location=start, source=source.name, reason=f"listing is {exc}"))
        if state:
            state.put(_replace(base, etag=None, last_modified=None, status=page.status, reason=f"listing is {exc}",
                               attempts=base.attempts + 1))
        return []
    result.read.append(start)
    if state:  # links first: a run that stops now must not lose them behind the next run's 304
        state.discovered(source.name, links)
        state.put(FetchEntry(url=start, source=source.name, kind="listing", etag=page.headers.get("ETag"),
                             last_modified=page.headers.get("Last-Modified"), status=page.status))
    return links


def _fetch_article(url: str, source: Source, scope: Scope, fetcher: Fetcher, state: FetchState | None,
                   max_attempts: int, result: FetchResult, emit: Sink) -> None:
    if state:
        state.begin_attempt(url, source.name)
    try:
        page = fetcher.get(url, scope, source.timeout, source.delay)
        more = _more_pages(page, source, scope, fetcher)
    except FetchError as exc:
        if state:
            attempts = state.end_attempt(url, exc.status, exc.reason, failed=not exc.skipped, done=exc.skipped)
            if attempts >= max_attempts and not exc.skipped:
                exc = FetchError(f"{exc.reason} (given up after {attempts} attempts)", exc.status)
                state.give_up(url, f"fetch failed: {exc.reason}")
        _note_error(url, source, exc, result, emit)
        return
    if state:
        state.end_attempt(url, page.status, None, failed=False)
    emit(RawDocument(location=url, data=page.content, source=source.name, url=url,
                     headers=page.headers, parser=source.parser, more_pages=more))


def _more_pages(first: Page, source: Source, scope: Scope, fetcher: Fetcher) -> list[bytes]:
    """The article's further pages, in order; one that fails fails the article (retried next run)."""
    pages: list[bytes] = []
    seen = {key_of(first.url), key_of(first.final_url)}
    try:
        queue = continuation_links(_text(first), first.final_url, first.final_url)
    except HostileMarkup as exc:
        raise FetchError(f"page is {exc}", first.status) from None
    while queue and len(pages) < MAX_PAGES - 1:
        url = queue.pop(0)
        if key_of(url) in seen:
            continue
        seen.add(key_of(url))
        try:
            page = fetcher.get(url, scope, source.timeout, source.delay)
        except FetchError as exc:
            raise FetchError(f"page {len(pages) + 2} ({url}) of the article: {exc.reason}", exc.status) from None
        pages.append(page.content)
        try:
            later = continuation_links(_text(page), page.final_url, first.final_url)
        except HostileMarkup as exc:
            raise FetchError(f"page {len(pages) + 1} ({url}) of the article is {exc}", page.status) from None
        queue = sorted({key_of(u): u for u in queue + later if key_of(u) not in seen}.values(),
                       key=lambda u: page_number(u, first.final_url) or 10_000)
    return pages


def _text(page: Page) -> str:
    return decode_bytes(page.content, page.headers.get("Content-Type")).text


def _note_error(url: str, source: Source, exc: FetchError, result: FetchResult, emit: Sink) -> None:
    if exc.skipped:
        result.skipped.append((url, exc.reason))
    else:
        emit(ParseFailure(location=url, source=source.name, reason=f"fetch failed: {exc.reason}"))


def _stored(urls: list[str], known: Known | None) -> set[str]:
    """The URLs whose page is stored, asked as listed and in canonical form."""
    if not known or not urls:
        return set()
    found = known(sorted(set(urls) | {key_of(u) for u in urls}))
    return {u for u in urls if u in found or key_of(u) in found}


def _unique(urls: list[str]) -> list[str]:
    """First spelling of each page, by canonical key, in order."""
    seen: dict[str, str] = {}
    for url in urls:
        seen.setdefault(key_of(url), url)
    return list(seen.values())


def _replace(entry: FetchEntry, **changes: object) -> FetchEntry:
    return replace(entry, fetched_at=None, **changes)  # type: ignore[arg-type]
