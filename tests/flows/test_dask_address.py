"""`ingest --dask-address`: parsing on a Dask cluster that runs already, as separate processes.

A real `dask scheduler` and `dask worker` are started on loopback (the worker with this checkout
on its PYTHONPATH, as an installed pairwatch would be), and `pairwatch ingest` runs as a user
runs it; the rows it stores must be those of a serial run. Every process started is stopped.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from test_backfill import bench_module, stored

from flows import dask_address

DASK = Path(sys.executable).with_name("dask")


def checkout_env(**extra: str) -> dict[str, str]:
    """This checkout first on PYTHONPATH (the venv's editable install may point at another)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAIRWATCH_", "PREFECT_API"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def start(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
    """A process in a session of its own, so that stopping it stops the children it forks (the nanny's worker)."""
    with open(log, "wb") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env, cwd=log.parent, start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def wait_for(predicate, what: str, timeout: float = 60) -> None:  # noqa: ANN001 - a callable
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"{what} within {timeout:g} s"
        time.sleep(0.2)


def workers_at(address: str) -> int:
    from distributed import Client

    with Client(address, timeout=10, set_as_default=False) as client:
        return len(client.scheduler_info(n_workers=-1)["workers"])


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[str]:
    """A `dask scheduler` on a free loopback port, no dashboard; yields its address."""
    assert DASK.exists(), f"{DASK}: the distributed package's CLI (installed with prefect-dask)"
    info = tmp_path / "scheduler.json"
    proc = start([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                  "--scheduler-file", str(info)], tmp_path / "scheduler.log", checkout_env())
    try:
        wait_for(lambda: info.exists() and info.stat().st_size > 0, "the scheduler wrote its address")
        yield json.loads(info.read_text())["address"]
    finally:
        stop(proc)


def ingest(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", "ingest", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def clusters(db_url: str) -> list[tuple[str, int]]:
    """Each article's path and the cluster it joined: the near-duplicate grouping, exactly."""
    from sqlalchemy import select

    from store import Store
    from store.models import articles

    with Store(db_url) as store, store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(articles.c.path, articles.c.cluster_id).order_by(articles.c.id))]


def test_addresses_are_tcp_host_and_port() -> None:
    assert dask_address.parse("tcp://127.0.0.1:8786") == ("127.0.0.1", 8786)
    assert dask_address.parse("tcp://dask-scheduler:8786") == ("dask-scheduler", 8786)
    assert dask_address.parse("tcp://[::1]:8786") == ("::1", 8786)
    for bad in ("127.0.0.1:8786", "http://h:8786", "tcp://h", "tcp://h:0", "tcp://h:70000", "tcp://:8786", ""):
        with pytest.raises(dask_address.BadAddress):
            dask_address.parse(bad)


def test_the_environment_names_the_cluster_when_the_option_does_not(tmp_path) -> None:
    """PAIRWATCH_DASK_ADDRESS is checked like the option, before Prefect starts; with --workers it is refused."""
    env = checkout_env(PREFECT_HOME=str(tmp_path), PAIRWATCH_DASK_ADDRESS="10.0.0.5:8786")
    args = ["--path", str(ROOT / "seeds"), "--db", str(tmp_path / "pw.db")]
    malformed = ingest(args, tmp_path, env)
    assert malformed.returncode == 2 and "'10.0.0.5:8786' is not a Dask scheduler address" in malformed.stderr
    both = ingest([*args, "--workers", "2"], tmp_path, {**env, "PAIRWATCH_DASK_ADDRESS": "tcp://10.0.0.5:8786"})
    assert both.returncode == 2 and "give one of them" in both.stderr
    assert len(malformed.stderr.strip().splitlines()) == len(both.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "pw.db").exists()


def test_workers_on_other_machines_are_told_from_loopback_ones() -> None:
    """They cannot reach a command's temporary Prefect server on 127.0.0.1: ingest then asks for PREFECT_API_URL."""
    workers = ["tcp://127.0.0.1:40001", "tcp://localhost:40002", "tcp://[::1]:40003", "tcp://10.0.0.7:40004"]
    assert dask_address.off_this_machine(workers) == ["tcp://10.0.0.7:40004"]


@pytest.mark.prefect
def test_ingest_on_a_running_dask_cluster_stores_what_a_serial_run_stores(prefect_server, scheduler, tmp_path) -> None:
    docs = tmp_path / "docs"
    bench_module().generate(docs, 240)
    (docs / "99999.html").write_bytes(b"<html><body><p>\xff\xfe</p></body></html>")  # nothing to parse
    env = checkout_env(PREFECT_API_URL=prefect_server, PREFECT_HOME=os.environ["PREFECT_HOME"])
    serial_db, dask_db, env_db = (f"sqlite:///{tmp_path / name}" for name in ("serial.db", "dask.db", "env.db"))

    # a scheduler without workers would take the tasks and never run them: refused, in one line
    lonely = ingest(["--path", str(docs), "--db", dask_db, "--dask-address", scheduler], tmp_path, env)
    assert lonely.returncode == 1 and "has no workers" in lonely.stderr, lonely.stderr
    assert len(lonely.stderr.strip().splitlines()) == 1

    worker = start([str(DASK), "worker", scheduler, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                    "--host", "127.0.0.1", "--local-directory", str(tmp_path / "dask-worker")],
                   tmp_path / "worker.log", {**env, "PREFECT_LOGGING_LEVEL": "INFO"})
    try:
        wait_for(lambda: workers_at(scheduler) == 1, "the worker registered")
        on_dask = ingest(["--path", str(docs), "--db", dask_db, "--dask-address", scheduler, "--json"], tmp_path, env)
        # as a deployment's run: the flow alone, the address read from the worker's environment at run time
        as_deployed = subprocess.run(
            [sys.executable, "-c", "import json, sys; from flows.ingest import ingest_flow; "
             "print(json.dumps(ingest_flow(paths=[sys.argv[1]], db_url=sys.argv[2])))", str(docs), env_db],
            cwd=tmp_path, env={**env, dask_address.ENV_VAR: scheduler}, capture_output=True, text=True, timeout=300)
        worker_log = (tmp_path / "worker.log").read_text(errors="replace")
    finally:
        stop(worker)
    assert on_dask.returncode == 3, on_dask.stderr  # 3: the unparseable page failed, the rest was stored
    assert as_deployed.returncode == 0, as_deployed.stderr[-3000:]
    assert worker_log.count("parse_batch") >= 2 * 5  # both runs' parse tasks ran on the worker (5 batches each)
    assert "Starting temporary server" not in worker_log  # ... reporting to the flow's Prefect API

    serial = ingest(["--path", str(docs), "--db", serial_db, "--json"], tmp_path, env)
    assert serial.returncode == 3, serial.stderr
    summary = json.loads(on_dask.stdout.splitlines()[-1])
    assert summary == json.loads(serial.stdout.splitlines()[-1])
    assert summary["fetched"] == 241 and summary["failed"] == 1 and summary["new_articles"] >= 150
    expected = stored(serial_db)
    assert expected["pairings"] and expected["funding"]
    assert stored(dask_db) == expected and stored(env_db) == expected
    assert json.loads(as_deployed.stdout.splitlines()[-1]) == summary
    assert clusters(dask_db) == clusters(serial_db)
    assert len({c for _, c in clusters(serial_db)}) < 240  # the copies joined their originals' clusters
