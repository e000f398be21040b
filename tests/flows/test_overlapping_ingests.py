"""Several workers, one database: two ingests of the same sources at once, from two processes.

Both run `pairwatch ingest` as a user (or two Prefect workers) would, against one Prefect server,
started together on the same documents. Nothing may be doubled: the store holds exactly what one
serial run stores (written here without Prefect, by the flow's own steps). On PostgreSQL the
guard is explicit (a session advisory lock per source, store/ingest_locks.py): the runs overlap
in Prefect, yet one waits, says so in its log, and then finds every article stored.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_backfill import bench_module
from test_dask_address import checkout_env

from flows import steps
from store import Store
from store.ingest_locks import LOCK_CLASS, holding_sources, lock_key

N_DOCS = 200


def reference(docs: Path, url: str) -> dict[str, int]:
    """One serial ingest with the flow's steps, in its batches, without Prefect; its summary."""
    total = dict.fromkeys(steps.SUMMARY_KEYS, 0)
    for batch in steps.batches(steps.local_locations([str(docs)]), 50):
        raw, unreadable = steps.read_local(batch)
        extractions, failures = steps.parse_docs(raw)
        total = steps.add_counts(total, steps.store_batch(url, extractions, failures + unreadable))
    return total


def content(url: str) -> dict:
    """What is stored, without ids or times: counts, items, and which articles share a cluster."""
    from sqlalchemy import select

    from store.models import articles, funding, pairings, parties

    with Store(url) as store, store.engine.connect() as conn:
        names = dict(conn.execute(select(parties.c.id, parties.c.key)).all())
        by_cluster: dict[int, set[str]] = {}
        for path, cluster in conn.execute(select(articles.c.path, articles.c.cluster_id)):
            by_cluster.setdefault(cluster, set()).add(path)
        return {
            "counts": store.counts(),
            "pairings": sorted((names[d], names[r], rel or "") for d, r, rel in conn.execute(
                select(pairings.c.donor_id, pairings.c.recipient_id, pairings.c.relation))),
            "funding": sorted((a, t or "") for a, t in conn.execute(select(funding.c.amount_yuan, funding.c.text))),
            "clusters": sorted(sorted(paths) for paths in by_cluster.values()),
        }


def test_source_lock_ids_are_stable_signed_int4() -> None:
    assert lock_key("source:hangzhou-news") == lock_key("source:hangzhou-news")
    assert lock_key("source:a") != lock_key("source:b")
    assert all(-(2**31) <= lock_key(f"path:/data/{i}") < 2**31 for i in range(1000))
    assert 0 < LOCK_CLASS < 2**31


def test_a_held_source_makes_another_session_wait_and_is_free_after(db_url) -> None:
    if "postgresql" not in db_url:
        pytest.skip("the per-source locks are PostgreSQL's; SQLite keeps one writer by its own lock")
    from store.ingest_locks import SourceBusy

    waited: list[str] = []
    with holding_sources(db_url, ["source:x", "source:y"]) as held:
        assert held == ["source:x", "source:y"]
        with pytest.raises(SourceBusy), holding_sources(db_url, ["source:y"], wait_s=0.6, on_wait=waited.append):
            pass
    assert waited == ["source:y"]
    with holding_sources(db_url, ["source:y"], wait_s=0) as held:  # released at the end of the block
        assert held == ["source:y"]


@pytest.mark.prefect
def test_two_ingests_of_the_same_sources_at_once_store_every_article_once(prefect_server, db_url, tmp_path) -> None:
    from prefect import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    docs = tmp_path / "docs"
    bench_module().generate(docs, N_DOCS)
    url = db_url if "://" in db_url else f"sqlite:///{db_url}"
    expected_url = f"sqlite:///{tmp_path / 'reference.db'}"
    serial = reference(docs, expected_url)
    expected = content(expected_url)

    env = checkout_env(PREFECT_API_URL=prefect_server, PREFECT_HOME=str(tmp_path / "prefect"))
    cmd = [sys.executable, "-m", "flows.cli", "ingest", "--path", str(docs), "--db", url, "--json"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    try:
        outs = [p.communicate(timeout=300) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    summaries = [json.loads(out.splitlines()[-1]) for out, _ in outs]

    assert content(url) == expected  # nothing doubled, nothing lost, the same clusters
    assert sum(s["new_articles"] for s in summaries) == serial["new_articles"]
    assert all(s["fetched"] == N_DOCS for s in summaries)
    if "postgresql" not in url:
        return
    # the guard: one run stored everything, the other waited for it and found it all stored
    assert sorted(s["new_articles"] for s in summaries)[0] == 0
    with get_client(sync_client=True) as client:
        runs = [r for r in client.read_flow_runs(limit=200) if r.parameters.get("paths") == [str(docs)]]
        assert len(runs) == 2 and all(r.state.is_completed() for r in runs)
        first, second = sorted(runs, key=lambda r: r.start_time)
        assert second.start_time < first.end_time  # they did overlap
        logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[r.id for r in runs])))
    waits = [log for log in logs if "is being ingested by another run" in log.message]
    assert len(waits) == 1 and str(docs) in waits[0].message
