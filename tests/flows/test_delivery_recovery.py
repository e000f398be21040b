"""Deliveries that survive a crash (flows/channels.py): a digest killed between writing its file and
recording it is recognised by the delivery id written into the file, recorded once and never
written again; one killed before writing is written again under its own id; a run that meets
items held by a delivery in progress says so. Real SQLite files; the kill is a real SIGKILL of a
real process at the moment after delivery and before the ledger records it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import ROOT
from digest_helpers import fill, ids

from flows.channels import plan_channels, run_channel
from store import Store

# Run one digest of the channel in a fresh process and SIGKILL it at ``point``: "confirm" (the
# file is written, the ledger not yet told) or "write" (the claim is made, nothing written).
CHILD = """
import os, signal, sys
import flows.channels as channels
import store.repository as repository
from flows.channels import Settings, plan_channels, run_channel

db, out, point = sys.argv[1:4]
die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
if point == "confirm":
    repository.Store.confirm = die
else:
    channels.write_file = die
[ch] = plan_channels("md", out)
run_channel(db, ch, settings=Settings(backfill="all"))
"""


def _killed_run(db: str, out: str, point: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", CHILD, db, out, point], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr


def _digests(folder: Path) -> list[Path]:
    return sorted(folder.glob("digest-*.md"))


def test_a_digest_killed_after_writing_is_recorded_once_and_never_written_again(db: Store, tmp_path: Path,
                                                                              clock) -> None:
    fill(db)
    out = f"{tmp_path / 'out'}/"
    [ch] = plan_channels("md", out)
    clock[0] = datetime.now(UTC)
    _killed_run(db.url, out, "confirm")
    [written] = _digests(tmp_path / "out")
    assert "pairwatch-delivery:" in written.read_text(encoding="utf-8") and "西岭县" in written.read_text(encoding="utf-8")

    # at once: the items are held by the dead run's lease, and the digest says so instead of sending them
    now, _ = run_channel(db.url, ch)
    assert (now.pairings, now.funding) == (0, 0) and "held by another delivery in progress" in now.note

    # after the lease: the file holds the delivery's id, so it is recorded, not written again
    clock[0] = datetime.now(UTC) + timedelta(minutes=31)
    later, _ = run_channel(db.url, ch)
    assert "had gone out: recorded" in later.note and (later.pairings, later.funding) == (0, 0)
    assert ids(db.pending(ch.id)) == ([], [])
    bodies = [p.read_text(encoding="utf-8") for p in _digests(tmp_path / "out")]
    assert sum("西岭县" in b for b in bodies) == 1  # the items went out exactly once


def test_a_digest_killed_before_writing_is_written_again_under_its_own_id(db: Store, tmp_path: Path, clock) -> None:
    fill(db)
    out = f"{tmp_path / 'out'}/"
    [ch] = plan_channels("md", out)
    _killed_run(db.url, out, "write")
    assert _digests(tmp_path / "out") == []
    clock[0] = datetime.now(UTC) + timedelta(minutes=31)
    outcome, _ = run_channel(db.url, ch)
    assert "sent again under their own id" in outcome.note
    bodies = [p.read_text(encoding="utf-8") for p in _digests(tmp_path / "out")]
    assert sum("西岭县" in b for b in bodies) == 1
    assert ids(db.pending(ch.id)) == ([], [])


def test_a_delivery_id_makes_an_e_mail_the_same_message_when_sent_again(db: Store) -> None:
    from digests.deliver import build_message

    fill(db)
    items = db.pending("email:analyst@example.org")
    first = build_message(items, [], "digest@example.org", "analyst@example.org", delivery_id="abc123")
    again = build_message(items, [], "digest@example.org", "analyst@example.org", delivery_id="abc123")
    other = build_message(items, [], "digest@example.org", "analyst@example.org")
    assert first["Message-ID"] == again["Message-ID"] == "<abc123.pairwatch@example.org>"
    assert other["Message-ID"] != first["Message-ID"]
