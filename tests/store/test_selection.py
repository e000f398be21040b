"""Store.select and Store.articles: every stored item the selection (publication dates, confidence)
admits, and none it does not, read from a real SQLite store filled from the seeds, and from
PostgreSQL where PAIRWATCH_TEST_PG_URL names a server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import SEEDS
from seeded_store import ingest_seeds

from flows.steps import local_locations, parse_docs, read_local, store_batch
from store import Store
from store.selection import Selection


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(ingest_seeds(tmp_path_factory.mktemp("sel") / "seeds.db")) as s:
        yield s


def test_no_selection_reads_every_stored_item_with_its_sources(store):
    items = store.select(Selection())
    counts = store.counts()
    assert len(items.pairings) == counts["pairings"] > 0
    assert len(items.funding) == counts["funding"] > 0
    assert all(p.sources for p in items.pairings) and all(f.sources for f in items.funding)


def test_confidence_is_a_lower_bound(store):
    every = store.select(Selection())
    sure = store.select(Selection(min_confidence=0.8))
    assert [p.id for p in sure.pairings] == [p.id for p in every.pairings if p.confidence >= 0.8] != []
    assert [f.id for f in sure.funding] == [f.id for f in every.funding if f.confidence >= 0.8]
    assert len(sure.funding) < len(every.funding)


def test_dates_compare_with_publication(store):
    every = store.select(Selection())
    before = store.select(Selection(until=datetime(2020, 1, 1, tzinfo=UTC)))
    after = store.select(Selection(since=datetime(2020, 1, 1, tzinfo=UTC)))
    assert before.pairings and after.pairings
    assert all(p.first_published < "2020" for p in before.pairings)
    assert all(p.first_published >= "2020" for p in after.pairings)
    assert len(before.pairings) + len(after.pairings) == len(every.pairings)
    assert len(before.funding) + len(after.funding) == len(every.funding)
    assert not store.select(Selection(since=datetime(2030, 1, 1, tzinfo=UTC))).pairings


def test_articles_carry_their_locations_and_item_counts(store):
    arts = store.articles()
    assert len(arts) == 5
    assert sum(a.pairings for a in arts) >= store.counts()["pairings"]
    assert all(len(a.locations) == 1 and a.locations[0].endswith(".txt") for a in arts)
    assert len(store.articles(since=datetime(2021, 1, 1, tzinfo=UTC))) == sum(
        1 for a in arts if a.published and a.published >= "2021")


def test_selection_reads_alike_on_sqlite_and_postgresql(db_url):
    """Date coercion differs between the two: aware datetimes against naive stored UTC."""
    docs, unreadable = read_local(local_locations([str(SEEDS)]))
    extractions, failed = parse_docs(docs)
    store_batch(db_url, extractions, unreadable + failed)
    with Store(db_url) as s:
        every = s.select(Selection())
        assert len(every.pairings) == s.counts()["pairings"] > 0
        since = s.select(Selection(since=datetime(2020, 1, 1, tzinfo=UTC), min_confidence=0.8))
        assert [p.id for p in since.pairings] == [
            p.id for p in every.pairings if p.first_published >= "2020" and p.confidence >= 0.8] != []
        assert len(s.articles(until=datetime(2019, 12, 31, tzinfo=UTC))) == 2
