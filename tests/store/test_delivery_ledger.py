"""The delivery ledger (store/delivery.py): each item delivered exactly once per channel - claims, confirm
and release, stale reads, expired claims, items committed late, and overlapping claims in threads
and processes.  Every test uses a real SQLite file under tmp_path; the places and sentences are made up.  flows.digest (which
imports Prefect) is never imported here, so the processes the overlap test spawns, which import this
module, start in a second rather than several.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from digest_helpers import CORP, EAST, NORTH, SOUTH, WEST, fill, ids, make_doc
from sqlalchemy import delete, func, insert, select

from store import Store
from store import models as m
from store.models import ledger


def test_claim_confirm_then_nothing_more(db: Store) -> None:
    fill(db)
    claim = db.claim("file:/x/")
    assert ids(claim.items) == ([1, 2, 3], [1, 2])
    assert db.pending("file:/x/").empty  # claimed items are not offered to another run
    assert db.confirm(claim) == 5
    assert db.pending("file:/x/").empty and db.claim("file:/x/").items.empty
    assert ids(db.pending("email:a@example.org")) == ([1, 2, 3], [1, 2])  # channels are independent


def test_released_claim_leaves_the_items_for_the_next_digest(db: Store) -> None:
    fill(db)
    claim = db.claim("atom:/feed")
    db.release(claim)
    again = db.claim("atom:/feed")
    assert ids(again.items) == ids(claim.items) == ([1, 2, 3], [1, 2])
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(m.deliveries)).scalar_one() == 0


def test_the_unique_key_keeps_claims_disjoint_even_after_a_stale_read(db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were two runs ever to read the same pending items (no write lock), the second claims none of them."""
    import store.delivery

    fill(db)
    stale = db.pending("c")
    first = db.claim("c")
    monkeypatch.setattr(store.delivery, "pending_items", lambda conn, channel, at: stale)
    second = db.claim("c")
    assert ids(first.items) == ids(stale) == ([1, 2, 3], [1, 2]) and second.items.empty


def test_a_claim_whose_run_died_expires(db: Store, clock: list[datetime]) -> None:
    fill(db)
    dead = db.claim("file:/x/", lease=timedelta(minutes=10))
    clock[0] += timedelta(minutes=9)
    assert db.claim("file:/x/").items.empty  # still held
    clock[0] += timedelta(minutes=2)
    taken = db.claim("file:/x/")
    assert ids(taken.items) == ids(dead.items)
    assert db.confirm(dead) == 0  # the dead run's rows were taken over: it holds nothing
    assert db.confirm(taken) == 5 and db.pending("file:/x/").empty


def test_an_item_committed_after_a_higher_id_was_delivered_is_not_lost(db: Store) -> None:
    """Watermarks would skip pairing 1 here: it 'commits' after pairing 2 was delivered."""
    db.save(make_doc("东川市对口帮扶西岭县。", "https://news.example.cn/a/1.html"))
    db.save(make_doc("东川市对口帮扶南溪县。", "https://news.example.cn/a/2.html", pairings=((EAST, SOUTH),)))
    with db.engine.begin() as conn:  # take pairing 1 out, as if its transaction had not committed yet
        row = conn.execute(select(m.pairings).where(m.pairings.c.id == 1)).mappings().one()
        links = conn.execute(select(m.pairing_sources).where(m.pairing_sources.c.pairing_id == 1)).mappings().all()
        conn.execute(delete(m.pairing_sources).where(m.pairing_sources.c.pairing_id == 1))
        conn.execute(delete(m.pairings).where(m.pairings.c.id == 1))
    first = db.claim("file:/x/")
    assert ids(first.items) == ([2], [])
    db.confirm(first)
    with db.engine.begin() as conn:  # ... and now it commits, with its lower id
        conn.execute(insert(m.pairings).values(**row))
        conn.execute(insert(m.pairing_sources), [dict(r) for r in links])
    late = db.pending("file:/x/")
    assert [p.recipient for p in late.pairings] == [WEST]


def test_a_channel_delivered_before_the_ledger_keeps_its_watermarks(db: Store, clock: list[datetime]) -> None:
    fill(db)
    with db.engine.begin() as conn:  # what the watermark-only store wrote for an earlier digest
        conn.execute(insert(m.deliveries).values(channel="file:/old/", delivered_at=clock[0], pairing_watermark=3,
                                                 funding_watermark=2, pairings_count=3, funding_count=2))
    assert db.pending("file:/old/").empty
    clock[0] += timedelta(hours=1)
    db.save(make_doc("北辰集团捐赠北坡县100万元。", "https://news.example.cn/a/9.html", pairings=((CORP, NORTH),)))
    claim = db.claim("file:/old/")
    assert [p.donor for p in claim.items.pairings] == [CORP] and claim.items.period_start == clock[0] - timedelta(hours=1)
    db.confirm(claim)
    assert db.pending("file:/old/").empty


def test_record_delivery_without_a_claim(db: Store) -> None:
    fill(db)
    claim = db.claim("x")
    db.record_delivery("x", claim.items)  # what was claimed is now delivered...
    db.release(claim)  # ...so releasing the claim gives nothing back
    assert db.pending("x").empty


def test_overlapping_claims_in_threads_deliver_each_item_once(db: Store, tmp_path: Path) -> None:
    """Four digest runs on one channel while a writer keeps adding items: every item delivered exactly once."""
    url = str(tmp_path / "pw.db")
    delivered: list[tuple[str, int]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def digest_run() -> None:
        with Store(url) as s:
            while not stop.is_set():
                claim = s.claim("email:team@example.org")
                time.sleep(0.01)  # the delivery takes a while: runs overlap
                with lock:
                    delivered.extend([("p", p.id) for p in claim.items.pairings] +
                                     [("f", f.id) for f in claim.items.funding])
                s.confirm(claim)

    runs = [threading.Thread(target=digest_run) for _ in range(4)]
    for t in runs:
        t.start()
    for i in range(40):
        db.save(make_doc(f"第{i}号简报：东川市对口帮扶西岭县，投入{i + 1}0万元。", f"https://news.example.cn/c/{i}.html",
                         amounts=((i + 1) * 100_000,)))
    stop.set()
    for t in runs:
        t.join()
    rest = db.claim("email:team@example.org").items
    delivered += [("p", p.id) for p in rest.pairings] + [("f", f.id) for f in rest.funding]
    assert len(delivered) == len(set(delivered))  # nothing twice
    assert sorted(i for k, i in delivered if k == "f") == list(range(1, 41))  # nothing lost
    assert [i for k, i in delivered if k == "p"] == [1]


def _claim_in_child(url: str, channel: str, barrier, out: str) -> None:  # noqa: ANN001 - a multiprocessing barrier
    s = Store(url)
    barrier.wait()  # claim at the same moment as the other processes
    claim = s.claim(channel)
    time.sleep(0.2)  # still delivering while the others claim
    Path(out).write_text(json.dumps(ids(claim.items)), encoding="utf-8")
    s.confirm(claim)


def test_overlapping_claims_in_processes_deliver_each_item_once(db: Store, tmp_path: Path) -> None:
    fill(db)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(3)
    outs = [tmp_path / f"run{i}.json" for i in range(3)]
    procs = [ctx.Process(target=_claim_in_child, args=(str(tmp_path / "pw.db"), "atom:/f", barrier, str(o)))
             for o in outs]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    got = [json.loads(o.read_text(encoding="utf-8")) for o in outs]
    assert sorted(i for pairings, _ in got for i in pairings) == [1, 2, 3]
    assert sorted(i for _, funding in got for i in funding) == [1, 2]
    with db.engine.connect() as conn:
        states = conn.execute(select(ledger.c.state, func.count()).group_by(ledger.c.state)).all()
    assert dict(states) == {"delivered": 5}
