"""The ingest steps as plain functions, so they are tested without Prefect and the flow stays thin."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterable
from pathlib import Path

from fetching.fetch import Fetcher, RawDocument, fetch_source
from fetching.files import iter_documents
from fetching.sources import Source
from parsers.document import ParseError, parse_document
from parsers.records import Extraction, ParseFailure
from store import SaveResult, Store
from store.fetch_state import FetchState

SUMMARY_KEYS = ("fetched", "new_articles", "duplicates", "failed", "new_pairings", "new_funding")


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

    def __init__(self, db_url: str, size: int) -> None:
        self.db_url = db_url
        self.size = size
        self.counts = dict.fromkeys(SUMMARY_KEYS, 0)
        self._queue: queue.Queue[RawDocument | ParseFailure | None] = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="pairwatch-storer", daemon=True)
        self._thread.start()

    def put(self, item: RawDocument | ParseFailure) -> None:
        if self._error is not None:
            raise RuntimeError(f"storing fetched documents failed: {self._error}") from self._error
        self._queue.put(item)

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
        except BaseException as exc:  # noqa: BLE001 - handed to the fetching thread, which raises it
            self._error = exc

    def _store(self, store: Store, state: FetchState, docs: list[RawDocument], failures: list[ParseFailure]) -> None:
        parsed, parse_failures = parse_docs(docs)
        counts = store_into(store, parsed, failures + parse_failures)
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
                   log: logging.Logger | logging.LoggerAdapter | None = None) -> dict[str, int]:
    """Fetch every source's new articles with one session, parsing and storing them as they arrive
    (at most ``batch_size`` to a batch); a source that fails never stops the others."""
    log = log or logging.getLogger(__name__)
    state = FetchState(db_url)
    fetcher = Fetcher(state=state)
    storer = _Storer(db_url, batch_size)
    try:
        with Store(db_url) as store:
            for source in sources:
                try:
                    result = fetch_source(source, fetcher, known=store.known_locations, state=state, sink=storer.put)
                except Exception as exc:  # noqa: BLE001 - a bug on one site's pages must not stop the run
                    log.exception("source %s: fetch crashed", source.name)
                    for url in source.start_urls:
                        storer.put(ParseFailure(location=url, source=source.name,
                                                reason=f"fetch failed: {type(exc).__name__}: {exc}"[:2000]))
                    continue
                store.resolve(result.read)
                log.info("source %s: %s", source.name, result.summary())
                for url, reason in result.skipped:
                    log.info("source %s: skipped %s (%s)", source.name, url, reason)
    finally:
        fetcher.close()
        counts = storer.close()
    return counts


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


def store_batch(db_url: str, extractions: list[Extraction], failures: list[ParseFailure]) -> dict[str, int]:
    """Save a batch (each document all or nothing) and record its failures; counts for the summary."""
    with Store(db_url) as store:
        return store_into(store, extractions, failures)


def store_into(store: Store, extractions: list[Extraction], failures: list[ParseFailure]) -> dict[str, int]:
    """``store_batch`` on an open store (a live ingest keeps one open for all its batches)."""
    counts = dict.fromkeys(SUMMARY_KEYS, 0)
    store.record_failures(failures)
    counts["failed"] += len(failures)
    for outcome in store.save_many(extractions):
        if isinstance(outcome, SaveResult):
            counts["new_articles"] += int(outcome.new_article)
            counts["duplicates"] += int(outcome.duplicate)
            counts["new_pairings"] += outcome.new_pairings
            counts["new_funding"] += outcome.new_funding
        else:
            counts["failed"] += 1
    return counts


def add_counts(total: dict[str, int], part: dict[str, int]) -> dict[str, int]:
    return {k: total.get(k, 0) + part.get(k, 0) for k in SUMMARY_KEYS}


def batches(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]
