"""Digest channels run without Prefect (flows/channels.py): a file channel delivers once and a failed
write loses nothing, --since and dry runs record nothing, overlapping file digests deliver each item
once, and the channels planned from the settings.  Every test uses a real SQLite file under tmp_path;
the places and sentences are made up."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from digest_helpers import CORP, NORTH, SOUTH, fill, ids, make_doc

from flows.channels import Settings
from store import Store

BACKFILL = Settings(backfill="all")

# -- the ledger ----------------------------------------------------------------------------------


# -- rendering -----------------------------------------------------------------------------------


# -- Atom ----------------------------------------------------------------------------------------


# -- file channels -------------------------------------------------------------------------------

def test_file_channel_delivers_once_and_a_failed_write_loses_nothing(db: Store, tmp_path: Path) -> None:
    from flows.channels import plan_channels, run_channel

    fill(db)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the digest folder should be", encoding="utf-8")
    [bad] = plan_channels("md", f"{blocker}/sub/")
    with pytest.raises(OSError):
        run_channel(db.url, bad, settings=BACKFILL)
    assert ids(db.pending(bad.id)) == ([1, 2, 3], [1, 2])

    [ch] = plan_channels("html", f"{tmp_path / 'out'}/")
    first, markdown = run_channel(db.url, ch, settings=BACKFILL)
    assert first.recorded and first.written.endswith(".html") and "25000万元" in markdown
    assert "西岭县" in Path(first.written).read_text(encoding="utf-8")
    second, _ = run_channel(db.url, ch, settings=Settings(lang="en"))
    assert second.written != first.written and (second.pairings, second.funding) == (0, 0)
    assert "Nothing new since the last digest." in Path(second.written).read_text(encoding="utf-8")


def test_since_and_dry_run_record_nothing(db: Store, tmp_path: Path) -> None:
    from flows.channels import plan_channels, run_channel

    fill(db)
    [ch] = plan_channels("json", str(tmp_path / "adhoc.json"))
    outcome, _ = run_channel(db.url, ch, since="2000-01-01")
    assert not outcome.recorded and json.loads(Path(outcome.written).read_text(encoding="utf-8"))["adhoc"]
    outcome, _ = run_channel(db.url, ch, dry_run=True)  # a new channel would start from now: nothing
    assert not outcome.recorded and outcome.pairings == 0 and "subscribed" in outcome.note
    outcome, _ = run_channel(db.url, ch, dry_run=True, settings=BACKFILL)
    assert not outcome.recorded and outcome.pairings == 3
    assert db.subscription(ch.id) is None  # not even subscribed
    assert ids(db.pending(ch.id)) == ([1, 2, 3], [1, 2])


def _slow_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every digest file takes 0.3 s to write: runs started together are delivering at the same time."""
    import flows.channels

    real = flows.channels.write_file

    def slow_write(*args: object) -> str:
        time.sleep(0.3)
        return real(*args)

    monkeypatch.setattr(flows.channels, "write_file", slow_write)


def _three_runs_at_once(db: Store, ch: object, out: Path) -> tuple[list, list[Path], list[int], list[int]]:
    """Three digests of one JSON channel started together: their outcomes, the files written, and the
    pairing and funding ids those files hold."""
    from flows.channels import run_channel

    results: list = []
    runs = [threading.Thread(target=lambda: results.append(run_channel(db.url, ch, settings=BACKFILL)[0]))
            for _ in range(3)]
    for t in runs:
        t.start()
    for t in runs:
        t.join()
    files = sorted(out.glob("digest-*.json"))
    bodies = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    return results, files, [p["id"] for b in bodies for p in b["pairings"]], [x["id"] for b in bodies for x in b["funding"]]


def test_overlapping_file_digests_each_item_once(db: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.channels import plan_channels

    fill(db)
    _slow_writes(monkeypatch)
    [ch] = plan_channels("json", f"{tmp_path / 'out'}/")
    results, files, pairings, funding = _three_runs_at_once(db, ch, tmp_path / "out")
    assert len(files) == 3 and all(r.recorded for r in results)  # three digests, none overwritten
    assert sorted(pairings) == [1, 2, 3] and sorted(funding) == [1, 2]


def test_plan_channels_one_per_destination_format_filters_and_recipient() -> None:
    from digests.deliver import ConfigError
    from digests.filters import Filters
    from flows.channels import plan_channels

    assert [c.kind for c in plan_channels()] == ["file"]
    emails = plan_channels("md", None, ["b@example.org", "A@example.org"])
    assert [(c.kind, c.id, c.target) for c in emails] == [("email", "email:b@example.org", "b@example.org"),
                                                         ("email", "email:a@example.org", "A@example.org")]
    both = plan_channels("md", "-", ["b@example.org, A@example.org"])
    assert [c.kind for c in both] == ["stdout", "email", "email"]
    [md], [html] = plan_channels("md", "out/"), plan_channels("html", "out/")
    assert md.id != html.id and md.id.startswith(md.legacy) and md.legacy == html.legacy
    [filtered] = plan_channels("md", "out/", filters=Filters(provinces=("贵州",)))
    assert filtered.id == md.id + "|provinces=贵州" and not filtered.inherits(md.legacy)
    assert plan_channels("atom", "feeds/")[0].target.endswith("feeds/pairwatch.atom")
    with pytest.raises(ConfigError):
        plan_channels("atom", "-")
    with pytest.raises(ConfigError):
        plan_channels("md", None, ["not-an-address"])


# -- channels that behave ------------------------------------------------------------------------

def more(db: Store) -> None:
    """A fourth story, stored after the channels exist."""
    db.save(make_doc("北辰集团定点帮扶北坡县，捐赠800万元。", "https://news.example.cn/a/9.html",
                     pairings=((CORP, NORTH),), amounts=(8_000_000,)))


def test_a_new_channel_starts_from_now_and_says_so(db: Store, tmp_path: Path) -> None:
    from flows.channels import plan_channels, run_channel

    fill(db)
    [ch] = plan_channels("md", f"{tmp_path / 'out'}/")
    first, _ = run_channel(db.url, ch)
    assert first.recorded and (first.pairings, first.funding) == (0, 0) and "subscribed" in first.note
    assert "已订阅" in Path(first.written).read_text(encoding="utf-8")
    more(db)
    second, _ = run_channel(db.url, ch)
    assert (second.pairings, second.funding) == (1, 1)
    assert "北坡县" in Path(second.written).read_text(encoding="utf-8")


def test_backfill_starts_a_new_channel_with_everything_or_from_a_date(db: Store, tmp_path: Path,
                                                                     clock: list) -> None:
    from datetime import timedelta

    from flows.channels import Settings, plan_channels, run_channel

    fill(db)
    clock[0] += timedelta(days=2)
    more(db)
    [everything] = plan_channels("json", f"{tmp_path / 'all'}/")
    outcome, _ = run_channel(db.url, everything, settings=BACKFILL)
    assert (outcome.pairings, outcome.funding) == (4, 3)
    [later] = plan_channels("json", f"{tmp_path / 'later'}/")
    since = (clock[0] - timedelta(days=1)).date().isoformat()
    outcome, _ = run_channel(db.url, later, settings=Settings(backfill=since))
    assert (outcome.pairings, outcome.funding) == (1, 1)
    again, _ = run_channel(db.url, everything, settings=BACKFILL)  # no effect on a channel in use
    assert (again.pairings, again.funding) == (0, 0)


def test_two_formats_in_one_folder_are_two_channels(db: Store, tmp_path: Path) -> None:
    from flows.channels import plan_channels, run_channel

    fill(db)
    folder = f"{tmp_path / 'out'}/"
    [md], [html] = plan_channels("md", folder), plan_channels("html", folder)
    for ch in (md, html):
        run_channel(db.url, ch)
    more(db)
    got = [run_channel(db.url, ch)[0] for ch in (md, html)]
    assert [(o.pairings, o.funding) for o in got] == [(1, 1), (1, 1)]  # the second format is not left empty
    assert got[0].written.endswith(".md") and got[1].written.endswith(".html")


def test_a_new_filter_set_is_a_channel_of_its_own_and_each_gets_its_items_once(db: Store, tmp_path: Path) -> None:
    from digests.filters import Filters
    from flows.channels import plan_channels, run_channel

    folder = f"{tmp_path / 'out'}/"
    [plain] = plan_channels("json", folder)
    [gaoyuan] = plan_channels("json", folder, filters=Filters(provinces=("高原",)))
    for ch in (plain, gaoyuan):
        run_channel(db.url, ch)
    fill(db)
    [hegu] = plan_channels("json", folder, filters=Filters(provinces=("河谷",)))
    run_channel(db.url, hegu)  # subscribed after the three stories: it gets none of them
    more(db)
    got = {ch.id: run_channel(db.url, ch)[0] for ch in (plain, gaoyuan, hegu)}
    assert (got[plain.id].pairings, got[plain.id].funding) == (4, 3)
    assert (got[gaoyuan.id].pairings, got[gaoyuan.id].funding) == (3, 3)  # 南溪县 (河谷省) left out
    assert (got[hegu.id].pairings, got[hegu.id].funding) == (0, 0)
    data = json.loads(Path(got[gaoyuan.id].written).read_text(encoding="utf-8"))
    assert {p["recipient"]["province"] for p in data["pairings"]} == {"高原省"}
    assert data["filters"] == "provinces=高原"
    again = [run_channel(db.url, ch)[0] for ch in (plain, gaoyuan, hegu)]
    assert all((o.pairings, o.funding) == (0, 0) for o in again)

    from flows.status import status_report

    db.save(make_doc("南溪县与北辰集团签约。", "https://news.example.cn/a/10.html", pairings=((CORP, SOUTH),)))
    waiting = {c["channel"]: (c["pending_pairings"], c["pending_funding"]) for c in status_report(db.url)["channels"]}
    assert waiting[plain.id] == (1, 0) and waiting[hegu.id] == (1, 0) and waiting[gaoyuan.id] == (0, 0)


def test_an_existing_deployment_re_sends_nothing_after_the_channel_ids_changed(db: Store, tmp_path: Path) -> None:
    """Channels delivered under the ids of before issue 15 (a folder for all formats, one id for a
    recipient list) are continued by the new ids: no history is sent again, new items still come."""
    from flows.channels import channel_of, plan_channels, run_channel

    fill(db)
    folder = f"{tmp_path / 'out'}/"
    old_folder, old_list = channel_of(folder), "email:a@example.org,b@example.org"
    for old in (old_folder, old_list):  # what the old code did: claim and confirm under the old id
        db.confirm(db.claim(old))
    more(db)
    [md] = plan_channels("md", folder)
    outcome, _ = run_channel(db.url, md)
    assert (outcome.pairings, outcome.funding) == (1, 1) and "subscribed" not in outcome.note
    [a, c] = plan_channels("md", None, ["a@example.org", "c@example.org"])
    assert db.claim(a.id, start=_start(a)).items.pairings[0].id == 4  # continues the list it was on
    assert db.subscription(a.id).inherited_from == [old_list]
    assert db.claim(c.id, start=_start(c)).items.empty  # a new recipient: from now on
    assert db.subscription(c.id).start == "now"


def _start(ch):
    from store.subscriptions import Start

    return Start(inherits=ch.inherits, spec=ch.spec())


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_digest_files_honour_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    """A digest is for reading by a web server or a colleague: its mode is what the umask allows, not 0600."""
    import os

    from flows.channels import write_file

    old = os.umask(umask)
    try:
        folder_file = write_file("# 示例摘要\n", f"{tmp_path}/out/", "md")
        named_file = write_file("# 示例摘要\n", str(tmp_path / "named.md"), "md")
    finally:
        os.umask(old)
    for written in (folder_file, named_file):
        assert Path(written).stat().st_mode & 0o777 == mode, written
    assert not list((tmp_path / "out").glob(".digest-*"))  # no temporary file left behind


def test_overlapping_first_runs_of_a_filtered_channel_subscribe_once_and_deliver_each_item_once(
        db: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from digests.filters import Filters
    from flows.channels import plan_channels

    fill(db)
    more(db)
    _slow_writes(monkeypatch)
    [ch] = plan_channels("json", f"{tmp_path / 'out'}/", filters=Filters(provinces=("高原",)))
    results, files, pairings, funding = _three_runs_at_once(db, ch, tmp_path / "out")
    assert len(results) == 3 and len(pairings) == len(set(pairings)) == 3 and sorted(funding) == [1, 2, 3]
    with Store(db.url) as store:
        gaoyuan = {p.id for p in store.since(datetime(2000, 1, 1, tzinfo=UTC)).pairings
                   if "高原" in (p.recipient.province or "")}
    assert set(pairings) == gaoyuan  # each matching item once, in one of the three digests
    assert db.subscription(ch.id).start == "all"


def test_a_source_failing_run_after_run_is_named_at_the_foot_of_the_digest(db: Store, tmp_path: Path) -> None:
    from flows.channels import plan_channels, run_channel

    fill(db)
    for _ in range(3):
        db.record_source_fetch("county-news", ok=False, error="fetch failed: HTTP 404")
    db.record_source_fetch("city-news", ok=True)
    for fmt in ("md", "html"):
        [ch] = plan_channels(fmt, f"{tmp_path / fmt}/")
        outcome, _ = run_channel(db.url, ch, settings=BACKFILL)
        body = Path(outcome.written).read_text(encoding="utf-8")
        assert "需要查看的来源" in body and "county-news" in body and "HTTP 404" in body
        assert "city-news" not in body  # a healthy source is not named
