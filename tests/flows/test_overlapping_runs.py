"""Several workers, one database: overlapping ingests of the same sources, and overlapping digests.

Both run `pairwatch ingest` as a user (or two Prefect workers) would, against one Prefect server,
started together on the same documents. Nothing may be doubled: the store holds exactly what one
serial run stores (written here without Prefect, by the flow's own steps). On PostgreSQL the
guard is explicit (a session advisory lock per source, store/ingest_locks.py): the runs overlap
in Prefect, yet one waits, says so in its log, and then finds every article stored. Digests are
exactly-once by the delivery ledger's claims: two digest commands, and three processes claiming one
channel at one moment, deliver each item once.
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


def run_together(cmds: list[list[str]], env: dict[str, str]) -> list[tuple[str, str]]:
    """Start every command at once, wait for all (killing any left after 300 s); each must exit 0."""
    procs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for cmd in cmds]
    try:
        outs = [p.communicate(timeout=300) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    assert [p.returncode for p in procs] == [0] * len(procs), [err for _, err in outs]
    return outs


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
    outs = run_together([cmd, cmd], env)
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


@pytest.mark.prefect
def test_two_digest_commands_started_together_deliver_every_item_once(prefect_server, db_url, tmp_path) -> None:
    """Two workers starting the digest together, end to end. Short digests need not overlap in time (the
    claims racing at one moment are the next test's); what is checked is the outcome: each item once."""
    from sqlalchemy import func, select

    from store.models import ledger

    docs = tmp_path / "docs"
    bench_module().generate(docs, 40)
    url = db_url if "://" in db_url else f"sqlite:///{db_url}"
    reference(docs, url)
    env = checkout_env(PREFECT_API_URL=prefect_server, PREFECT_HOME=str(tmp_path / "prefect"))
    cmd = [sys.executable, "-m", "flows.cli", "digest", "--db", url, "--format", "json", "--backfill", "--json"]
    outs = run_together([[*cmd, "--out", f"{tmp_path / 'out'}/"]] * 2, env)
    channels = [ch for out, _ in outs for ch in json.loads(out.splitlines()[-1])["channels"]]
    delivered = sum(ch["pairings"] + ch["funding"] for ch in channels)
    with Store(url) as store, store.engine.connect() as conn:
        rows = conn.execute(select(ledger.c.kind, ledger.c.item_id, ledger.c.state, func.count())
                            .group_by(ledger.c.kind, ledger.c.item_id, ledger.c.state)).all()
        counts = store.counts()
    assert rows and all(state == "delivered" and n == 1 for _, _, state, n in rows)  # each item once
    assert delivered == len(rows) == counts["pairings"] + counts["funding"]  # ... and none left out


def _claim_in_child(url: str, channel: str, barrier, out: str) -> None:  # noqa: ANN001 - a multiprocessing barrier
    """One digest run's claim, at the barrier with the others; still delivering while they claim."""
    import time

    from digest_helpers import ids

    store = Store(url)
    barrier.wait()
    claim = store.claim(channel)
    time.sleep(0.2)
    Path(out).write_text(json.dumps(ids(claim.items)), encoding="utf-8")
    store.confirm(claim)


def test_digest_claims_at_the_same_moment_from_three_processes_take_each_item_once(db_url, tmp_path) -> None:
    """The race itself, on this database: three processes claim one channel at one barrier, then confirm."""
    import multiprocessing

    from digest_helpers import fill

    url = db_url if "://" in db_url else f"sqlite:///{db_url}"
    with Store(url) as store:
        fill(store)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(3)
    outs = [tmp_path / f"run{i}.json" for i in range(3)]
    procs = [ctx.Process(target=_claim_in_child, args=(url, "atom:/f", barrier, str(o))) for o in outs]
    for p in procs:
        p.start()
    try:
        for p in procs:
            p.join(120)
            assert p.exitcode == 0
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()
                p.join()
    got = [json.loads(o.read_text(encoding="utf-8")) for o in outs]
    assert sorted(i for pairings, _ in got for i in pairings) == [1, 2, 3]
    assert sorted(i for _, funding in got for i in funding) == [1, 2]


def _prefect_home_in_child(home: str, barrier) -> None:  # noqa: ANN001 - a multiprocessing barrier
    import os

    from flows.preflight import prefect_environment

    os.environ["PREFECT_HOME"] = home
    barrier.wait()
    prefect_environment(debug=False)


def test_commands_started_together_share_a_fresh_prefect_home(tmp_path) -> None:
    """Two workers' first commands at one moment: neither fails on the folder the other just made."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    for attempt in range(5):
        home = tmp_path / f"prefect-{attempt}"
        barrier = ctx.Barrier(8)
        procs = [ctx.Process(target=_prefect_home_in_child, args=(str(home), barrier)) for _ in range(8)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert [p.exitcode for p in procs] == [0] * 8
        assert home.stat().st_mode & 0o777 == 0o700
