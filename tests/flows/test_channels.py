"""Digest channels run without Prefect (flows/channels.py): a file channel delivers once and a failed
write loses nothing, --since and dry runs record nothing, overlapping file digests deliver each item
once, and the channels planned from the settings.  Every test uses a real SQLite file under tmp_path;
the places and sentences are made up."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from digest_helpers import fill, ids

from store import Store

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
    from flows.channels import plan_channels, run_channel

    fill(db)
    [ch] = plan_channels("json", str(tmp_path / "adhoc.json"))
    outcome, _ = run_channel(db.url, ch, since="2000-01-01")
    assert not outcome.recorded and json.loads(Path(outcome.written).read_text(encoding="utf-8"))["adhoc"]
    outcome, _ = run_channel(db.url, ch, dry_run=True)
    assert not outcome.recorded and outcome.pairings == 3
    assert ids(db.pending(ch.id)) == ([1, 2, 3], [1, 2])


def test_overlapping_file_digests_each_item_once(db: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.channels
    from flows.channels import plan_channels, run_channel

    fill(db)
    real = flows.channels.write_file

    def slow_write(*args: object) -> str:
        time.sleep(0.3)  # both runs are delivering at the same time
        return real(*args)

    monkeypatch.setattr(flows.channels, "write_file", slow_write)
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
    from flows.channels import Channel, plan_channels

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
