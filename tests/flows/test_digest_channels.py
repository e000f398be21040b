"""Digests without Prefect: the delivery ledger (exactly once per channel), rendering, the Atom feed, file channels.

Every test uses a real SQLite file under tmp_path. The places, companies and sentences are made up.
flows.digest (which imports Prefect) is imported inside the tests that use it, so the processes
the overlap test spawns, which import this module, start in a second rather than several.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from digest_helpers import CORP, EAST, NORTH, SOUTH, WEST, fill, make_doc
from sqlalchemy import delete, func, insert, select

import store.repository
from digests import atom
from digests.render import render_html, render_json, render_markdown, render_text
from parsers.records import ParseFailure
from store import FundingItem, Store
from store import models as m
from store.delivery import ledger


@pytest.fixture
def db(tmp_path: Path) -> Store:
    with Store(str(tmp_path / "pw.db")) as s:
        yield s


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    now = [datetime(2024, 6, 1, 8, 0, tzinfo=UTC)]
    monkeypatch.setattr(store.repository, "now", lambda: now[0])
    return now


def ids(items) -> tuple[list[int], list[int]]:
    return sorted(p.id for p in items.pairings), sorted(f.id for f in items.funding)


# -- the ledger ----------------------------------------------------------------------------------

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


# -- rendering -----------------------------------------------------------------------------------

def test_markdown_groups_by_province_and_sorts_funding_by_amount(db: Store) -> None:
    fill(db)
    db.record_failure(ParseFailure(location="https://down.example.cn/list.html", source="down", reason="timeout"))
    items = db.pending("x")
    md = render_markdown(items, db.failures_since(None))
    assert md.index("### 高原省") < md.index("### 河谷省")  # provinces in division-code order
    gaoyuan = md[md.index("### 高原省"):md.index("### 河谷省")]
    assert "→ 西岭县" in gaoyuan and "→ 北坡县" in gaoyuan and "→ 南溪县" not in gaoyuan
    assert md.index("**2.5亿元** (250,000,000 yuan)") < md.index("**300万元** (3,000,000 yuan)")
    assert "1 source(s) failed since the last digest: https://down.example.cn/list.html (timeout)" in md
    assert "3 new pairings, 2 funding items" in md.splitlines()[0]
    # the pairing reported by two articles is one item with both links
    assert ("(https://news.example.cn/a/1.html), 2024-03-05T09:00:00+00:00; "
            "[东川市与西岭县签订协](https://paper.example.cn/b/2.html)") in md


def test_empty_digest_is_one_line(db: Store) -> None:
    for render in (render_markdown, render_text):
        text = render(db.pending("x"))
        assert text.strip().count("\n") == 0 and "Nothing new since the last digest." in text
    assert "Nothing first stored since" in render_markdown(db.since(datetime(2024, 1, 1, tzinfo=UTC)), adhoc=True)


def test_html_escapes_article_text(db: Store) -> None:
    db.save(make_doc("东川市对口帮扶西岭县，<b>加粗</b>的说法 & 其他。", "https://news.example.cn/a/1.html",
                     title='<script>alert("x")</script>标题', amounts=(1_200_000,)))
    db.save(make_doc("东川市对口帮扶南溪县。", "javascript:alert(1)", pairings=((EAST, SOUTH),)))
    html = render_html(db.pending("x"))
    assert "<script>" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;标题" in html
    assert "&lt;b&gt;加粗&lt;/b&gt;的说法 &amp; 其他" in html and "<b>" not in html
    assert 'href="https://news.example.cn/a/1.html"' in html and 'href="javascript' not in html
    assert "120万元" in html and "1,200,000 yuan" in html


def test_likely_repeat_is_shown_when_the_store_marks_it(db: Store) -> None:
    fill(db)
    items = db.pending("x")

    @dataclass(frozen=True)
    class Marked(FundingItem):
        likely_repeat: bool = True

    marked = dataclasses.replace(items, funding=[Marked(**{f.name: getattr(items.funding[0], f.name)
                                                           for f in dataclasses.fields(FundingItem)
                                                           if f.name != "likely_repeat"})])
    assert "likely repeat" in render_markdown(marked) and "likely repeat" in render_html(marked)
    assert json.loads(render_json(marked))["funding"][0]["likely_repeat"] is True
    assert "likely repeat" not in render_markdown(dataclasses.replace(items, funding=items.funding[1:]))


def test_json_lists_every_source_of_every_item(db: Store) -> None:
    fill(db)
    data = json.loads(render_json(db.pending("x")))
    assert data["counts"] == {"pairings": 3, "funding": 2}
    [twice] = [p for p in data["pairings"] if p["recipient"]["name"] == "西岭县"]
    assert [s["url"] for s in twice["sources"]] == ["https://news.example.cn/a/1.html",
                                                   "https://paper.example.cn/b/2.html"]
    assert all(s["title"] and s["published"].startswith("2024-03-05") for s in twice["sources"])
    assert [f["amount_yuan"] for f in data["funding"]] == [250_000_000, 3_000_000]


# -- Atom ----------------------------------------------------------------------------------------

def test_atom_feed_appends_with_stable_ids(db: Store, tmp_path: Path, clock: list[datetime]) -> None:
    feed = tmp_path / "feed" / "pairwatch.atom"
    db.save(make_doc("东川市对口帮扶西岭县，<i>斜体</i>。", "https://news.example.cn/a/1.html", amounts=(3_000_000,),
                     title="<script>x</script>"))
    first = db.pending("atom")
    assert atom.append_to_feed(feed, first, clock[0]) == 2
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo and len(parsed.entries) == 2
    old_ids = [e.id for e in parsed.entries]
    assert all(i.startswith("tag:pairwatch,2024:") for i in old_ids)
    assert "<script>" not in feed.read_text(encoding="utf-8")
    before = feed.read_bytes()
    assert atom.append_to_feed(feed, first, clock[0] + timedelta(hours=1)) == 0  # same items again: nothing added
    assert feed.read_bytes() == before

    clock[0] += timedelta(hours=2)
    db.save(make_doc("东川市对口帮扶南溪县。", "https://news.example.cn/a/2.html", pairings=((EAST, SOUTH),)))
    assert atom.append_to_feed(feed, db.since(clock[0]), clock[0]) == 1
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo and [e.id for e in parsed.entries][1:] == old_ids  # old entries kept, new on top
    assert parsed.entries[0].link == "https://news.example.cn/a/2.html"

    with Store(str(tmp_path / "rebuilt.db")) as rebuilt:  # same items in a new database: same ids
        rebuilt.save(make_doc("东川市对口帮扶西岭县，<i>斜体</i>。", "https://news.example.cn/a/1.html",
                              amounts=(3_000_000,)))
        assert sorted(e.id for e in atom.entries_for(rebuilt.pending("atom"))) == sorted(old_ids)


def test_atom_feed_is_bounded(db: Store, tmp_path: Path) -> None:
    feed = tmp_path / "f.atom"
    for i in range(5):
        db.save(make_doc(f"第{i}篇：东川市对口帮扶西岭县，投入{i + 1}万元。", f"https://n.example.cn/{i}.html",
                         amounts=((i + 1) * 10_000,)))
    assert atom.append_to_feed(feed, db.pending("atom"), datetime.now(UTC), max_entries=4) == 6
    assert len(feedparser.parse(feed.read_bytes()).entries) == 4


def test_atom_channel_keeps_items_when_the_feed_is_unreadable(db: Store, tmp_path: Path) -> None:
    from flows.digest import plan_channels, run_channel

    fill(db)
    feed = tmp_path / "broken.atom"
    feed.write_text("<feed><entry>cut in the mid", encoding="utf-8")
    [ch] = plan_channels("atom", str(feed))
    with pytest.raises(atom.FeedError, match="left unchanged"):
        run_channel(db.url, ch)
    assert feed.read_text(encoding="utf-8") == "<feed><entry>cut in the mid"
    assert ids(db.pending(ch.id)) == ([1, 2, 3], [1, 2])
    feed.unlink()
    outcome, _ = run_channel(db.url, ch)
    assert outcome.recorded and (outcome.pairings, outcome.funding) == (3, 2)
    assert len(feedparser.parse(feed.read_bytes()).entries) == 5
    outcome, _ = run_channel(db.url, ch)
    assert not outcome.recorded and len(feedparser.parse(feed.read_bytes()).entries) == 5


# -- file channels -------------------------------------------------------------------------------

def test_file_channel_delivers_once_and_a_failed_write_loses_nothing(db: Store, tmp_path: Path) -> None:
    from flows.digest import plan_channels, run_channel

    fill(db)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the digest folder should be", encoding="utf-8")
    [bad] = plan_channels("md", f"{blocker}/sub/")
    with pytest.raises(OSError):
        run_channel(db.url, bad)
    assert ids(db.pending(bad.id)) == ([1, 2, 3], [1, 2])

    [ch] = plan_channels("html", f"{tmp_path / 'out'}/")
    first, markdown = run_channel(db.url, ch)
    assert first.recorded and first.written.endswith(".html") and "2.5亿元" in markdown
    assert "西岭县" in Path(first.written).read_text(encoding="utf-8")
    second, _ = run_channel(db.url, ch)
    assert second.written != first.written and (second.pairings, second.funding) == (0, 0)
    assert "Nothing new since the last digest." in Path(second.written).read_text(encoding="utf-8")


def test_since_and_dry_run_record_nothing(db: Store, tmp_path: Path) -> None:
    from flows.digest import plan_channels, run_channel

    fill(db)
    [ch] = plan_channels("json", str(tmp_path / "adhoc.json"))
    outcome, _ = run_channel(db.url, ch, since="2000-01-01")
    assert not outcome.recorded and json.loads(Path(outcome.written).read_text(encoding="utf-8"))["adhoc"]
    outcome, _ = run_channel(db.url, ch, dry_run=True)
    assert not outcome.recorded and outcome.pairings == 3
    assert ids(db.pending(ch.id)) == ([1, 2, 3], [1, 2])


def test_overlapping_file_digests_each_item_once(db: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.digest
    from flows.digest import plan_channels, run_channel

    fill(db)
    real = flows.digest.write_file

    def slow_write(*args: object) -> str:
        time.sleep(0.3)  # both runs are delivering at the same time
        return real(*args)

    monkeypatch.setattr(flows.digest, "write_file", slow_write)
    [ch] = plan_channels("json", f"{tmp_path / 'out'}/")
    results: list = []
    runs = [threading.Thread(target=lambda: results.append(run_channel(db.url, ch)[0])) for _ in range(3)]
    for t in runs:
        t.start()
    for t in runs:
        t.join()
    files = sorted((tmp_path / "out").glob("digest-*.json"))
    assert len(files) == 3 and all(r.recorded for r in results)  # three digests, none overwritten
    pairings = [p["id"] for f in files for p in json.loads(f.read_text(encoding="utf-8"))["pairings"]]
    funding = [x["id"] for f in files for x in json.loads(f.read_text(encoding="utf-8"))["funding"]]
    assert sorted(pairings) == [1, 2, 3] and sorted(funding) == [1, 2]


def test_plan_channels() -> None:
    from digests.deliver import ConfigError
    from flows.digest import Channel, plan_channels

    assert [c.kind for c in plan_channels()] == ["file"]
    assert [c.kind for c in plan_channels("md", None, ["b@example.org", "A@example.org"])] == ["email"]
    both = plan_channels("md", "-", ["b@example.org, A@example.org"])
    assert [c.kind for c in both] == ["stdout", "email"]
    assert both[1] == Channel("email", "email:a@example.org,b@example.org", "b@example.org, A@example.org")
    assert plan_channels("atom", "feeds/")[0].target.endswith("feeds/pairwatch.atom")
    with pytest.raises(ConfigError):
        plan_channels("atom", "-")
    with pytest.raises(ConfigError):
        plan_channels("md", None, ["not-an-address"])
