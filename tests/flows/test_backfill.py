"""Backfills: `ingest --workers N` stores exactly what a serial run stores; batch sizing; the progress bar.

The documents are generated in tmp_path by bench/backfill.py's generator from the seeds (and
the shared corpus when it is beside the project), plus one page that cannot be parsed.
"""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from conftest import ROOT

from flows import backfill
from flows.backfill import DASK_MIN_DOCS, batch_size_for, worth_dask
from flows.cli import build_parser
from flows.progress import PROGRESS_MIN_DOCS, progress


def bench_module():
    spec = importlib.util.spec_from_file_location("bench_backfill", ROOT / "bench" / "backfill.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_batches_grow_with_the_backfill_and_dask_only_pays_when_big() -> None:
    assert batch_size_for(40, 1) == 50 and batch_size_for(40, 2) == 50
    assert batch_size_for(2_000, 2) == 125  # 8 batches per worker keeps both busy to the end
    assert batch_size_for(10_000, 2) == 500 and batch_size_for(100_000, 4) == 500  # capped: memory, progress
    assert not worth_dask(DASK_MIN_DOCS - 1, 2) and worth_dask(DASK_MIN_DOCS, 2)
    assert not worth_dask(10 * DASK_MIN_DOCS, 1)


def test_workers_must_be_positive(capsys) -> None:
    assert build_parser().parse_args(["ingest", "--seeds", "seeds", "--workers", "3"]).workers == 3
    with pytest.raises(SystemExit):
        build_parser().parse_args(["ingest", "--seeds", "seeds", "--workers", "0"])
    assert "must be at least 1" in capsys.readouterr().err


def test_dask_workers_parse_at_a_lower_priority_than_the_storing_process() -> None:
    """Each worker process preloads flows.backfill, whose dask_setup lowers its priority."""
    assert "flows.backfill" in backfill.dask_runner(2).cluster_kwargs["preload"]
    code = "import os; from flows.backfill import dask_setup; before = os.nice(0); dask_setup(); print(before, os.nice(0))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    before, after = map(int, out.stdout.split())
    assert after == min(19, before + backfill.WORKER_NICENESS)


def test_generated_documents_are_distinct_with_some_exact_copies(tmp_path) -> None:
    bench = bench_module()
    dups = bench.generate(tmp_path, 60)
    texts = [p.read_text(encoding="utf-8") for p in sorted(tmp_path.glob("*.txt"))]
    assert len(texts) == 60 and dups == 60 // bench.DUP_EVERY == 2
    assert len(set(texts)) == 60 - dups
    assert texts[bench.DUP_EVERY - 1] == texts[bench.DUP_EVERY - 2]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_for_long_runs(monkeypatch) -> None:
    fake = Terminal()
    monkeypatch.setattr(sys, "stderr", fake)
    with progress(PROGRESS_MIN_DOCS - 1) as advance:
        advance(10)
    assert fake.getvalue() == ""
    with progress(400, label="backfill") as advance:
        for _ in range(4):
            advance(100)
    assert "backfill" in fake.getvalue() and "400/400" in fake.getvalue()
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a terminal: nothing drawn
    with progress(400) as advance:
        advance(400)
    assert sys.stderr.getvalue() == ""


def stored(db_url: str) -> dict:
    """Everything a digest or a reader sees in a store, without the times of storing."""
    from store import Store

    with Store(db_url) as store:
        items = store.since(datetime(2000, 1, 1, tzinfo=UTC))
        refs = lambda item: [(s.path, s.title, s.published, s.article_id) for s in item.sources]  # noqa: E731
        return {
            "counts": store.counts(),
            "pairings": [(p.id, p.donor, p.recipient, p.relation, p.evidence, refs(p)) for p in items.pairings],
            "funding": [(f.id, f.amount_yuan, f.text, f.kind, f.evidence, refs(f)) for f in items.funding],
            "failures": sorted((f.location, f.reason) for f in store.failures_since(None)),
        }


@pytest.mark.prefect
def test_dask_backfill_stores_the_same_rows_as_a_serial_one(prefect_server, tmp_path) -> None:
    docs = tmp_path / "docs"
    bench_module().generate(docs, 60)
    (docs / "99999.html").write_bytes(b"<html><body><p>\xff\xfe</p></body></html>")  # nothing to parse
    serial_db, dask_db = (f"sqlite:///{tmp_path / name}" for name in ("serial.db", "dask.db"))

    serial = backfill.ingest_parallel(paths=[str(docs)], db_url=serial_db, workers=1, batch_size=7)
    parallel = backfill.ingest_parallel(paths=[str(docs)], db_url=dask_db, workers=2, batch_size=7)

    assert serial == parallel
    assert serial["fetched"] == 61 and serial["failed"] >= 1 and serial["new_articles"] >= 40
    assert serial["duplicates"] >= 2 and serial["new_pairings"] > 0 and serial["new_funding"] > 0
    expected = stored(serial_db)
    assert expected["pairings"] and expected["funding"]
    assert any(loc.endswith("99999.html") for loc, _ in expected["failures"])
    assert stored(dask_db) == expected
