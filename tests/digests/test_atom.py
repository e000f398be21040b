"""The Atom feed (digests/atom.py): one entry per story with its items, appended with stable ids,
categories and a rel="self" link, bounded, and a channel that keeps its items when the feed on disk
is unreadable.  The places and sentences are made up.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from digest_helpers import EAST, SOUTH, fill, ids, make_doc

from digests import atom
from store import Store


def test_atom_feed_appends_one_entry_per_story_with_stable_ids(db: Store, tmp_path: Path,
                                                                clock: list[datetime]) -> None:
    feed = tmp_path / "feed" / "pairwatch.atom"
    db.save(make_doc("东川市对口帮扶西岭县，<i>斜体</i>。", "https://news.example.cn/a/1.html", amounts=(3_000_000,),
                     title="<script>x</script>"))
    first = db.pending("atom")
    assert atom.append_to_feed(feed, first, clock[0], self_url="https://feeds.example.org/pw.atom") == 1
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo and len(parsed.entries) == 1  # the pairing and the funding of one story: one entry
    [entry] = parsed.entries
    assert "300万元" in entry.content[0].value and "西岭县" in entry.content[0].value
    assert {"对口帮扶", "海滨省", "高原省"} <= {t.term for t in entry.tags}
    assert any(link.rel == "self" and link.href == "https://feeds.example.org/pw.atom" for link in parsed.feed.links)
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
    assert atom.append_to_feed(feed, db.pending("atom"), datetime.now(UTC), max_entries=4) == 5
    assert len(feedparser.parse(feed.read_bytes()).entries) == 4


def test_atom_channel_keeps_items_when_the_feed_is_unreadable(db: Store, tmp_path: Path) -> None:
    from flows.channels import Settings, plan_channels, run_channel

    fill(db)
    feed = tmp_path / "broken.atom"
    feed.write_text("<feed><entry>cut in the mid", encoding="utf-8")
    [ch] = plan_channels("atom", str(feed))
    backfill = Settings(backfill="all")
    with pytest.raises(atom.FeedError, match="left unchanged"):
        run_channel(db.url, ch, settings=backfill)
    assert feed.read_text(encoding="utf-8") == "<feed><entry>cut in the mid"
    assert ids(db.pending(ch.id)) == ([1, 2, 3], [1, 2])
    feed.unlink()
    outcome, _ = run_channel(db.url, ch, settings=backfill)
    assert outcome.recorded and (outcome.pairings, outcome.funding) == (3, 2)
    assert len(feedparser.parse(feed.read_bytes()).entries) == 2  # two stories (a pairing reported twice is one)
    outcome, _ = run_channel(db.url, ch, settings=backfill)
    assert not outcome.recorded and len(feedparser.parse(feed.read_bytes()).entries) == 2
