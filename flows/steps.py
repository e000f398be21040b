"""The ingest steps as plain functions, so they are tested without Prefect and the flow stays thin."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from fetching.fetch import Fetcher, FetchResult, RawDocument, fetch_source
from fetching.files import iter_documents
from fetching.sources import Source
from parsers.document import ParseError, parse_document
from parsers.extraction.topic import topic_verdict
from parsers.extraction.wording.topic import OFF_TOPIC_REASON
from parsers.records import Extraction, ParseFailure
from store import FailureItem, SaveResult, Store
from store.fetch_state import FetchState

SUMMARY_KEYS = ("fetched", "new_articles", "duplicates", "failed", "new_pairings", "new_funding", "off_topic")
ARTIFACT_ROWS = 200


class IngestFailed(RuntimeError):
    """Nothing could be read: every document and every source failed. Carries the run's summary."""

    def __init__(self, summary: dict[str, int]) -> None:
        super().__init__(f"every document and source failed ({summary['failed']} failures); nothing was stored")
        self.summary = summary


def local_locations(paths: Iterable[str]) -> list[str]:
    """Every document file under the given files and folders."""
    return [str(p) for p in iter_documents(list(paths))]


def read_local(locations: list[str], source: str = "local") -> tuple[list[RawDocument], list[ParseFailure]]:
    docs, failures = [], []
    for loc in locations:
        try:
            data = Path(loc).read_bytes()
        except OSError as exc:
            failures.append(ParseFailure(location=loc, source=source, reason=f"cannot read: {exc}"))
            continue
        docs.append(RawDocument(location=loc, data=data, source=source, path=loc))
    return docs, failures


LIVE_BATCH = 10  # fetched documents stored together at most: what a kill can cost a live ingest


class _Storer:
    """Parses and stores fetched documents in a thread of its own, in batches of what has arrived.

    Why a thread: the fetcher then never holds a page while it waits for the next (a slow page
    costs its timeout, and what came before it is stored meanwhile), and a kill loses at most
    the batch in flight.  The crawl state goes with each batch: links whose article is stored are
    done; a page fetched but not stored (a parse or save failure) has used an attempt.
    """

    def __init__(self, db_url: str, size: int, keep_all: bool = False) -> None:
        self.db_url = db_url
        self.size = size
        self.keep_all = keep_all
        self.counts = dict.fromkeys(SUMMARY_KEYS, 0)
        self._new: dict[str, int] = {}  # new articles per source, until the source's run is recorded
        self._lock = threading.Lock()
        self._queue: queue.Queue[RawDocument | ParseFailure | None] = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="pairwatch-storer", daemon=True)
        self._thread.start()

    def put(self, item: RawDocument | ParseFailure) -> None:
        if self._error is not None:
            raise RuntimeError(f"storing fetched documents failed: {self._error}") from self._error
        self._queue.put(item)

    def drain(self) -> None:
        """Wait until everything handed over so far is stored (or storing failed)."""
        while self._queue.unfinished_tasks and self._error is None:
            time.sleep(0.01)
        if self._error is not None:
            raise RuntimeError(f"storing fetched documents failed: {self._error}") from self._error

    def new_articles(self, source: str) -> int:
        """New articles stored for ``source`` since last asked."""
        with self._lock:
            return self._new.pop(source, 0)

    def close(self) -> dict[str, int]:
        """Store what is left, stop the thread; the counts of everything stored."""
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise RuntimeError(f"storing fetched documents failed: {self._error}") from self._error
        return self.counts

    def _run(self) -> None:
        try:
            state = FetchState(self.db_url)
            with Store(self.db_url) as store:
                ending = False
                while not ending:
                    items = [self._queue.get()]  # wait for the next arrival, then take what else came
                    while len(items) < self.size and not self._queue.empty():
                        items.append(self._queue.get_nowait())
                    ending = None in items
                    docs = [i for i in items if isinstance(i, RawDocument)]
                    failures = [i for i in items if isinstance(i, ParseFailure)]
                    if docs or failures:
                        self._store(store, state, docs, failures)
                    for _ in items:
                        self._queue.task_done()
        except BaseException as exc:  # noqa: BLE001 - handed to the fetching thread, which raises it
            self._error = exc

    def _store(self, store: Store, state: FetchState, docs: list[RawDocument], failures: list[ParseFailure]) -> None:
        parsed, parse_failures = parse_docs(docs)
        new: dict[str, int] = {}
        counts = store_into(store, parsed, failures + parse_failures, self.keep_all, new)
        with self._lock:
            for source, n in new.items():
                self._new[source] = self._new.get(source, 0) + n
        counts["fetched"] = len(docs)
        self.counts = add_counts(self.counts, counts)
        urls = [d.url for d in docs if d.url]
        kept = store.known_locations(urls)
        state.mark_done(kept)
        why = {f.location: f.reason for f in parse_failures}
        for doc in docs:  # fetched, yet not stored: that attempt failed
            if doc.url and doc.url not in kept:
                state.record_attempt(doc.url, doc.source, 200, why.get(doc.location, "fetched but not stored"))


def ingest_sources(sources: list[Source], db_url: str, batch_size: int = LIVE_BATCH,
                   log: logging.Logger | logging.LoggerAdapter | None = None, keep_all: bool = False) -> dict[str, int]:
    """Fetch every source's new articles with one session, parsing and storing them as they arrive
    (at most ``batch_size`` to a batch; off-topic ones recorded as seen unless ``keep_all``); a
    source that fails never stops the others."""
    log = log or logging.getLogger(__name__)
    state = FetchState(db_url)
    fetcher = Fetcher(state=state)
    storer = _Storer(db_url, batch_size, keep_all)
    try:
        with Store(db_url) as store:
            for source in sources:
                try:
                    result = fetch_source(source, fetcher, known=store.known_locations, state=state, sink=storer.put)
                except Exception as exc:  # noqa: BLE001 - a bug on one site's pages must not stop the run
                    log.exception("source %s: fetch crashed", source.name)
                    reason = f"fetch failed: {type(exc).__name__}: {exc}"[:2000]
                    for url in source.start_urls:
                        storer.put(ParseFailure(location=url, source=source.name, reason=reason))
                    store.record_source_fetch(source.name, ok=False, error=reason)
                    continue
                storer.drain()  # the source's run is recorded, then the new articles it stored
                store.resolve(result.read)
                store.record_source_fetch(source.name, ok=bool(result.read), error=_listing_error(source, result))
                store.record_new_articles({source.name: storer.new_articles(source.name)})
                log.info("source %s: %s", source.name, result.summary())
                for url, reason in result.skipped:
                    log.info("source %s: skipped %s (%s)", source.name, url, reason)
    finally:
        fetcher.close()
        counts = storer.close()
    return counts


def _listing_error(source: Source, result: FetchResult) -> str | None:
    """Why none of the source's listings could be read (the first listing failure), if so."""
    starts = set(source.start_urls)
    return next((f.reason for f in result.failures if f.location in starts), None)


def health_warnings(db_url: str, sources: list[Source]) -> list[str]:
    """One line per configured source that needs a look: failing run after run, or quiet for weeks."""
    with Store(db_url) as store:
        return [h.note for h in store.source_health(sources=[s.name for s in sources]) if h.flagged]


def parse_docs(docs: list[RawDocument]) -> tuple[list[Extraction], list[ParseFailure]]:
    """Parse a batch; a document that fails is returned as a failure with its reason, never raised."""
    parsed, failures = [], []
    for doc in docs:
        try:
            parsed.append(parse_document(doc.data, url=doc.url, path=doc.path, headers=doc.headers,
                                         parser=doc.parser, source=None if doc.source == "local" else doc.source,
                                         more_pages=doc.more_pages or None))
        except ParseError as exc:
            failures.append(ParseFailure(location=doc.location, source=doc.source, reason=str(exc)))
        except Exception as exc:  # noqa: BLE001 - a parser bug on one page must not lose the batch
            failures.append(ParseFailure(location=doc.location, source=doc.source,
                                         reason=f"parser error {type(exc).__name__}: {exc}"))
    return parsed, failures


def split_on_topic(extractions: list[Extraction]) -> tuple[list[Extraction], list[Extraction]]:
    """(kept, turned away): an article with none of the programme's vocabulary is off-topic."""
    kept, away = [], []
    for ex in extractions:
        (kept if topic_verdict(ex.article.title, ex.article.text).on_topic else away).append(ex)
    return kept, away


def store_batch(db_url: str, extractions: list[Extraction], failures: list[ParseFailure],
                keep_all: bool = False) -> dict[str, int]:
    """Save a batch (each document all or nothing) and record its failures; counts for the summary.

    Off-topic articles are recorded as seen, not saved, unless ``keep_all`` turns the gate off.
    """
    with Store(db_url) as store:
        return store_into(store, extractions, failures, keep_all)


def store_into(store: Store, extractions: list[Extraction], failures: list[ParseFailure],
               keep_all: bool = False, new_by_source: dict[str, int] | None = None) -> dict[str, int]:
    """``store_batch`` on an open store (a live ingest keeps one open for all its batches).

    ``new_by_source``: new articles per source are added to it, for the caller to record once the
    source's run is recorded; without it they are recorded at once."""
    counts = dict.fromkeys(SUMMARY_KEYS, 0)
    kept, away = (extractions, []) if keep_all else split_on_topic(extractions)
    store.record_failures(failures)
    counts["failed"] += len(failures)
    store.record_off_topic([ex.article for ex in away], OFF_TOPIC_REASON)
    counts["off_topic"] = len(away)
    record_now = new_by_source is None
    new_by_source = {} if new_by_source is None else new_by_source
    for ex, outcome in zip(kept, store.save_many(kept), strict=True):
        if isinstance(outcome, SaveResult):
            new_by_source[ex.article.source] = new_by_source.get(ex.article.source, 0) + int(outcome.new_article)
            counts["new_articles"] += int(outcome.new_article)
            counts["duplicates"] += int(outcome.duplicate)
            counts["new_pairings"] += outcome.new_pairings
            counts["new_funding"] += outcome.new_funding
        else:
            counts["failed"] += 1
    if record_now:
        store.record_new_articles(new_by_source)  # only configured sources are tracked
    return counts


def add_counts(total: dict[str, int], part: dict[str, int]) -> dict[str, int]:
    return {k: total.get(k, 0) + part.get(k, 0) for k in SUMMARY_KEYS}


def batches(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def outcome(total: dict[str, int], failures: list[FailureItem], sources: list[Source]) -> str:
    """"ok" (no failures), "partial" (some input was read), or "failed" (every document and source failed).

    A source counts as read when one of its listing pages was: a source with nothing new is healthy.
    """
    if not total.get("failed") and not failures:
        return "ok"
    failed = {f.location for f in failures}
    sources_read = sum(1 for s in sources if any(u not in failed for u in s.start_urls))
    read = total.get("new_articles") or total.get("duplicates") or total.get("off_topic") or sources_read
    return "partial" if read else "failed"


def run_failures(db_url: str, since: datetime) -> list[FailureItem]:
    """The failures recorded (or recorded again) since the run started, oldest first."""
    with Store(db_url) as store:
        return store.failures_since(since)


def record_run(db_url: str, started: datetime, how: str, total: dict[str, int]) -> None:
    with Store(db_url) as store:
        store.record_run("ingest", started, how, total)


def failures_markdown(failures: list[FailureItem], limit: int = ARTIFACT_ROWS) -> str:
    """The run's failures as a Markdown table for the Prefect UI (the store keeps them all)."""
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")[:300]

    lines = [f"# {len(failures)} failed documents or sources", "",
             "| location | source | reason | attempts |", "| --- | --- | --- | --- |"]
    lines += [f"| {cell(f.location)} | {cell(f.source)} | {cell(f.reason)} | {f.attempts} |" for f in failures[:limit]]
    if len(failures) > limit:
        lines += ["", f"and {len(failures) - limit} more: `pairwatch failures`"]
    return "\n".join(lines) + "\n"
