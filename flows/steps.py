"""The ingest steps as plain functions, so they are tested without Prefect and the flow stays thin."""

from __future__ import annotations

import logging
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


def fetch_all(sources: list[Source], db_url: str,
              log: logging.Logger | logging.LoggerAdapter | None = None) -> tuple[list[RawDocument], list[ParseFailure]]:
    """Every source's new articles, with one session for the run; a source that fails never stops the others."""
    log = log or logging.getLogger(__name__)
    state = FetchState(db_url)
    fetcher = Fetcher(state=state)
    docs: list[RawDocument] = []
    failures: list[ParseFailure] = []
    try:
        with Store(db_url) as store:
            for source in sources:
                try:
                    result = fetch_source(source, fetcher, known=store.known_locations, state=state)
                except Exception as exc:  # noqa: BLE001 - a bug on one site's pages must not stop the run
                    log.exception("source %s: fetch crashed", source.name)
                    reason = f"fetch failed: {type(exc).__name__}: {exc}"[:2000]
                    failures += [ParseFailure(location=u, source=source.name, reason=reason)
                                 for u in source.start_urls]
                    store.record_source_fetch(source.name, ok=False, error=reason)
                    continue
                docs += result.docs
                failures += result.failures
                store.resolve(result.read)
                store.record_source_fetch(source.name, ok=bool(result.read), error=_listing_error(source, result))
                log.info("source %s: %s", source.name, result.summary())
                for url, reason in result.skipped:
                    log.info("source %s: skipped %s (%s)", source.name, url, reason)
    finally:
        fetcher.close()
    return docs, failures


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
    counts = dict.fromkeys(SUMMARY_KEYS, 0)
    kept, away = (extractions, []) if keep_all else split_on_topic(extractions)
    with Store(db_url) as store:
        store.record_failures(failures)
        counts["failed"] += len(failures)
        store.record_off_topic([ex.article for ex in away], OFF_TOPIC_REASON)
        counts["off_topic"] = len(away)
        new_by_source: dict[str, int] = {}
        for ex, outcome in zip(kept, store.save_many(kept), strict=True):
            if isinstance(outcome, SaveResult):
                new_by_source[ex.article.source] = new_by_source.get(ex.article.source, 0) + int(outcome.new_article)
                counts["new_articles"] += int(outcome.new_article)
                counts["duplicates"] += int(outcome.duplicate)
                counts["new_pairings"] += outcome.new_pairings
                counts["new_funding"] += outcome.new_funding
            else:
                counts["failed"] += 1
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
