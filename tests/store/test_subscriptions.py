"""Channel subscriptions (store/subscriptions.py), on SQLite and, where PAIRWATCH_TEST_PG_URL names a
server, PostgreSQL: a new channel starts from now, from the beginning or from a date; a new channel id
continues the deliveries of the pre-issue-15 ids it replaces (a folder, a recipient list) so nothing is
sent again; a filtered claim settles what it leaves out; two stores subscribing at once make one
subscription.  The places and sentences are made up."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from digest_helpers import CORP, NORTH, fill, ids, make_doc

from store import Store
from store.subscriptions import ALL, DATE, INHERITED, NOW, Start


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as s:
        yield s


def later(store: Store) -> None:
    store.save(make_doc("北辰集团定点帮扶北坡县，捐赠800万元。", "https://news.example.cn/a/9.html",
                        pairings=((CORP, NORTH),), amounts=(8_000_000,)))


def test_a_new_channel_starts_from_now_and_its_first_claim_says_so(store: Store) -> None:
    fill(store)
    first = store.claim("file:/x/|md", start=Start())
    assert first.items.empty and first.subscribed
    store.confirm(first)
    later(store)
    second = store.claim("file:/x/|md", start=Start())
    assert ids(second.items) == ([4], [3]) and not second.subscribed
    assert store.subscription("file:/x/|md").start == NOW


def test_backfill_starts_with_everything_or_from_a_date(store: Store, clock: list) -> None:
    fill(store)
    clock[0] += timedelta(days=3)
    later(store)
    assert ids(store.claim("all|md", start=Start(ALL)).items) == ([1, 2, 3, 4], [1, 2, 3])
    dated = store.claim("dated|md", start=Start(DATE, since=clock[0] - timedelta(days=1)))
    assert ids(dated.items) == ([4], [3]) and store.subscription("dated|md").start == (
        clock[0] - timedelta(days=1)).date().isoformat()


def test_new_ids_continue_the_deliveries_of_the_old_ones(store: Store) -> None:
    fill(store)
    store.confirm(store.claim("file:/out/"))  # delivered before issue 15, under the folder's old id
    store.confirm(store.claim("email:a@example.org,b@example.org"))
    later(store)
    for fmt in ("md", "html"):  # both formats in the folder continue it: neither re-sends the history
        claim = store.claim(f"file:/out/|{fmt}", start=Start(inherits=lambda old: old == "file:/out/"))
        assert ids(claim.items) == ([4], [3]) and not claim.subscribed
        assert store.subscription(f"file:/out/|{fmt}").start == INHERITED

    def on_list(address: str):
        return lambda old: old.startswith("email:") and address in old[6:].split(",")

    assert ids(store.claim("email:b@example.org", start=Start(inherits=on_list("b@example.org"))).items) == ([4], [3])
    newcomer = store.claim("email:c@example.org", start=Start(inherits=on_list("c@example.org")))
    assert newcomer.items.empty and newcomer.subscribed


def test_a_filtered_claim_takes_its_items_and_settles_the_rest(store: Store) -> None:
    fill(store)
    later(store)

    def keep(item) -> bool:
        return item.recipient is not None and item.recipient.name == "北坡县"

    claim = store.claim("file:/f/|md|recipients=北坡", keep=keep, start=Start(ALL))
    assert ids(claim.items) == ([2, 4], [])  # 东川市 and 北辰集团 → 北坡县; the funding goes to 西岭县
    store.confirm(claim)
    assert store.pending("file:/f/|md|recipients=北坡").empty  # the rest is settled, not waiting forever


def test_two_stores_subscribing_one_channel_at_once_make_one_subscription(db_url: str) -> None:
    with Store(db_url) as s:
        fill(s)
    claims: list = []

    def run() -> None:
        with Store(db_url) as s:
            claims.append(s.claim("email:x@example.org", start=Start(ALL)))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    got = sorted(p.id for c in claims for p in c.items.pairings)
    assert got == [1, 2, 3]  # each item in exactly one claim
    with Store(db_url) as s:
        assert s.subscription("email:x@example.org").start == ALL
