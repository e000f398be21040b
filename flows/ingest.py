"""The ingest flow: sources → parse → store, in batches of documents per task.

Orchestration only: the steps are plain functions in flows/steps.py.  I/O tasks
retry; parsing does not (a page that fails to parse fails the same way again).
Tasks take a database URL, never a connection, and never cache.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import UTC, datetime
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from fetching.fetch import RawDocument
from fetching.sources import load_sources
from flows import dask_address as cluster
from flows import steps
from flows.ingest_guard import one_run_per_source
from flows.progress import progress
from parsers.records import Extraction, ParseFailure
from store import resolve_db_url
from store.db import mask_url

BATCH_SIZE = 50


@task(retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def read_local_batch(locations: list[str]) -> tuple[list[RawDocument], list[ParseFailure]]:
    return steps.read_local(locations)


@task(retries=1, retry_delay_seconds=5, cache_policy=NO_CACHE)
def fetch_sources(sources_file: str, db_url: str, keep_all: bool = False) -> dict[str, int]:
    """Fetch, parse and store as pages arrive: a killed run keeps what it stored."""
    return steps.ingest_sources(load_sources(sources_file), db_url, log=get_run_logger(), keep_all=keep_all)


@task(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def source_health_warnings(sources_file: str, db_url: str) -> list[str]:
    return steps.health_warnings(db_url, load_sources(sources_file))


@task(cache_policy=NO_CACHE)
def parse_batch(docs: list[RawDocument]) -> tuple[list[Extraction], list[ParseFailure]]:
    return steps.parse_docs(docs)


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def store_batch(db_url: str, extractions: list[Extraction], failures: list[ParseFailure],
                keep_all: bool = False) -> dict[str, int]:
    return steps.store_batch(db_url, extractions, failures, keep_all)


@flow(name="ingest", log_prints=False)
@one_run_per_source  # several workers, one PostgreSQL: one run at a time per source (flows/ingest_guard.py)
def ingest_flow(paths: list[str] | None = None, sources_file: str | None = None,
                db_url: str | None = None, batch_size: int = BATCH_SIZE, workers: int = 1,
                keep_all: bool = False, dask_address: str | None = None) -> dict[str, int]:
    """Read local documents and/or fetch the sources' new articles; parse; store; summarise.

    Off-topic articles are recorded as seen and counted (``off_topic``) unless ``keep_all``.
    Ends Failed (steps.IngestFailed) when every document and source failed; Completed with a
    warning and a Markdown artifact of the failures when some did.  With ``dask_address`` (or
    PAIRWATCH_DASK_ADDRESS) the parse tasks run on that Dask cluster; storing stays here.
    """
    log = get_run_logger()
    started = datetime.now(UTC)
    db_url = resolve_db_url(db_url)
    total = dict.fromkeys(steps.SUMMARY_KEYS, 0)
    locations = steps.local_locations(paths or [])
    groups: list[tuple[list[RawDocument], list[ParseFailure]]] = [
        read_local_batch(batch) for batch in steps.batches(locations, batch_size)
    ]
    if sources_file:
        total = steps.add_counts(total, fetch_sources(sources_file, db_url, keep_all))
    work = [(batch, read_failures if j == 0 else []) for docs, read_failures in groups
            for j, batch in enumerate(steps.batches(docs, batch_size) or [[]])]
    address = cluster.configured(dask_address)
    # workers > 1: every batch goes to the task runner at once (Dask: flows/backfill.py); stored in order;
    # on a running Dask cluster (dask_address), to its runner. (Not quoted: prefect-dask hands a quoted
    # list's items to the task as plain tuples.)
    with cluster.runner(address) if address else nullcontext() as remote:
        ahead = [(remote.submit(parse_batch, {"docs": batch}) if remote else parse_batch.submit(batch))
                 if batch and (remote or workers > 1) else None for batch, _ in work]
        total = _store_in_order(work, ahead, db_url, keep_all, total, len(locations))
    failures = steps.run_failures(db_url, started) if total["failed"] else []
    how = steps.outcome(total, failures, load_sources(sources_file) if sources_file else [])
    steps.record_run(db_url, started, how, total)
    if failures:
        create_markdown_artifact(key="ingest-failures", markdown=steps.failures_markdown(failures),
                                 description=f"{len(failures)} documents or sources failed")
    log.info("ingest into %s: %s", mask_url(db_url), total)
    if sources_file:  # a listing that moved fails quietly run after run: say so where the runs are read
        warnings = source_health_warnings(sources_file, db_url)
        for warning in warnings:
            log.warning(warning)
        if warnings:
            create_markdown_artifact(key="source-health", markdown="# Sources to look at\n\n" + "".join(
                f"- {w}\n" for w in warnings), description=f"{len(warnings)} sources need a look")
    if how == "failed":
        raise steps.IngestFailed(total)
    if how == "partial":
        log.warning("%d documents or sources failed; the rest were stored (see the ingest-failures artifact)",
                    total["failed"])
    return total


def _store_in_order(work: list[tuple[list[RawDocument], list[ParseFailure]]], ahead: list[Any],
                    db_url: str, keep_all: bool, total: dict[str, int], n_local: int) -> dict[str, int]:
    """Parse (or take the batch parsed ahead) and store each batch in order: one writer, in this process."""
    with progress(n_local) as advance:
        for i, (batch, read_failures) in enumerate(work):
            parsing, ahead[i] = ahead[i], None  # let each parsed batch go once stored: a backfill holds one
            if parsing is not None:
                extractions, failures = parsing.result()
            else:
                extractions, failures = parse_batch(quote(batch)) if batch else ([], [])
            # quote(): Prefect would otherwise walk every field of every document looking for
            # futures, which cost a third of a backfill's time in the flow's process.
            counts = store_batch(db_url, quote(extractions), quote(failures + read_failures), keep_all)
            counts["fetched"] = len(batch)
            total = steps.add_counts(total, counts)
            advance(len(batch))
    return total


def ingest(paths: list[str] | None = None, sources_file: str | None = None,
           db_url: str | None = None, keep_all: bool = False, dask_address: str | None = None,
           batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Run the flow once, as a manual run (Prefect's local ephemeral mode when no server is set)."""
    return ingest_flow(paths=paths, sources_file=sources_file, db_url=db_url, keep_all=keep_all,
                       dask_address=dask_address, batch_size=batch_size)
