"""A real SQLite store filled the way ``pairwatch ingest --seeds`` fills it, with the plain ingest
steps (no Prefect): what export and atlas tests compare their output with."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS

from flows.steps import local_locations, parse_docs, read_local, store_batch


def ingest_seeds(db: Path) -> str:
    """Ingest the five seeds into the SQLite file ``db``; its URL."""
    url = f"sqlite:///{db}"
    docs, unreadable = read_local(local_locations([str(SEEDS)]))
    extractions, failed = parse_docs(docs)
    counts = store_batch(url, extractions, unreadable + failed)
    assert counts["new_articles"] == 5 and counts["failed"] == 0, counts
    return url


def add_web_copy(url: str, seed: Path, location: str) -> None:
    """The seed's text found again on a web page: the same story, one more (clickable) source."""
    from fetching.fetch import RawDocument

    extractions, failed = parse_docs([RawDocument(location=location, data=seed.read_bytes(), source="example",
                                                  url=location)])
    counts = store_batch(url, extractions, failed)
    assert counts["duplicates"] == 1, counts


def add_text(url: str, text: str, location: str) -> None:
    """One more article, of text written for a test, stored as ingest stores it."""
    from fetching.fetch import RawDocument

    extractions, failed = parse_docs([RawDocument(location=location, data=text.encode("utf-8"), source="example",
                                                  url=location)])
    counts = store_batch(url, extractions, failed)
    assert counts["new_articles"] == 1 and not failed, counts
