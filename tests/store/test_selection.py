"""Store.select and Store.articles: every stored item a filter admits, and none it does not, read
from a real SQLite store filled from the seeds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from seeded_store import ingest_seeds

from store import Store
from store.selection import Selection


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(ingest_seeds(tmp_path_factory.mktemp("sel") / "seeds.db")) as s:
        yield s


def test_no_filter_selects_every_stored_item(store):
    items = store.select(Selection())
    counts = store.counts()
    assert len(items.pairings) == counts["pairings"] > 0
    assert len(items.funding) == counts["funding"] > 0
    assert all(p.sources for p in items.pairings) and all(f.sources for f in items.funding)


def test_province_matches_either_side_by_a_part_of_its_name(store):
    everything = store.select(Selection())
    picked = store.select(Selection(province="贵州"))
    expected = [p.id for p in everything.pairings if "贵州" in f"{p.donor.province}{p.recipient.province}"]
    assert [p.id for p in picked.pairings] == expected and 0 < len(expected) < len(everything.pairings)
    donors_in_zhejiang = store.select(Selection(province="浙江"))
    assert any(p.donor.province == "浙江省" and p.recipient.province != "浙江省" for p in donors_in_zhejiang.pairings)


def test_donor_and_recipient_match_name_or_full_name(store):
    picked = store.select(Selection(donor="杭州", recipient="黔东南"))
    assert picked.pairings and all("杭州" in p.donor.full_name and "黔东南" in p.recipient.full_name
                                   for p in picked.pairings)
    assert picked.funding and all(f.donor and "杭州" in f.donor.full_name for f in picked.funding)


def test_official_and_new_split_the_pairings(store):
    everything = {p.id for p in store.select(Selection()).pairings}
    official = store.select(Selection(official=True)).pairings
    new = store.select(Selection(official=False)).pairings
    assert all(p.official is not None for p in official) and all(p.official is None for p in new)
    assert {p.id for p in official} | {p.id for p in new} == everything
    assert official and new


def test_amount_and_confidence_are_lower_bounds(store):
    funding = store.select(Selection()).funding
    big = store.select(Selection(min_amount=100_000_000)).funding
    assert [f.id for f in big] == [f.id for f in funding if f.amount_yuan >= 100_000_000] and big
    sure = store.select(Selection(min_confidence=0.8))
    assert sure.pairings and all(p.confidence >= 0.8 for p in sure.pairings)
    assert len(sure.funding) < len(funding)


def test_dates_compare_with_publication(store):
    everything = store.select(Selection())
    before = store.select(Selection(until=datetime(2020, 1, 1, tzinfo=UTC)))
    after = store.select(Selection(since=datetime(2020, 1, 1, tzinfo=UTC)))
    assert before.pairings and after.pairings
    assert all(p.first_published < "2020" for p in before.pairings)
    assert len(before.pairings) + len(after.pairings) == len(everything.pairings)
    assert not store.select(Selection(since=datetime(2030, 1, 1, tzinfo=UTC))).pairings


def test_relation_is_matched_by_a_part(store):
    picked = store.select(Selection(relation="协作")).pairings
    assert picked and all("协作" in p.relation for p in picked)


def test_articles_carry_their_locations_and_item_counts(store):
    arts = store.articles()
    assert len(arts) == 5
    assert sum(a.pairings for a in arts) >= store.counts()["pairings"]
    assert all(len(a.locations) == 1 and a.locations[0].endswith(".txt") for a in arts)
    assert len(store.articles(since=datetime(2021, 1, 1, tzinfo=UTC))) == sum(
        1 for a in arts if a.published and a.published >= "2021")


def test_filters_read_alike_on_sqlite_and_postgresql(db_url, tmp_path):
    """The same seeds, the same questions, on every backend the store supports (PostgreSQL where
    PAIRWATCH_TEST_PG_URL names a server): LIKE escapes, JSON nulls and date coercion differ there."""
    from conftest import SEEDS

    from flows.steps import local_locations, parse_docs, read_local, store_batch

    docs, unreadable = read_local(local_locations([str(SEEDS)]))
    extractions, failed = parse_docs(docs)
    store_batch(db_url, extractions, unreadable + failed)
    with Store(db_url) as s:
        every = s.select(Selection())
        assert len(every.pairings) == s.counts()["pairings"] > 0

        def ids(sel: Selection) -> tuple[list[int], list[int]]:
            got = s.select(sel)
            return [p.id for p in got.pairings], [f.id for f in got.funding]

        assert ids(Selection(province="贵州"))[0] == [
            p.id for p in every.pairings if "贵州" in f"{p.donor.province}{p.recipient.province}"]
        assert ids(Selection(official=False))[0] == [p.id for p in every.pairings if p.official is None]
        assert ids(Selection(donor="100%_"))== ([], [])  # LIKE wildcards in a filter are literal
        assert ids(Selection(min_amount=100_000_000))[1] == [f.id for f in every.funding if f.amount_yuan >= 10**8]
        assert ids(Selection(since=datetime(2020, 1, 1, tzinfo=UTC)))[0] == [
            p.id for p in every.pairings if p.first_published >= "2020"]
        assert len(s.articles(until=datetime(2019, 12, 31, tzinfo=UTC))) == 2
