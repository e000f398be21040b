"""`pairwatch serve` and deploy/: schedules, parameters, the no-server paths, and a real served run.

The deployments are built with to_deployment and checked without serving; the no-server
paths run the real command with no API and with a dead one; one test serves against the
session's temporary Prefect server, triggers a run and waits for it to complete.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEEDS

from fetching.sources import SourcesError, load_schedule, parse_sources
from flows.cli import build_parser
from flows.serve import (
    DEFAULT_DIGEST_CRON,
    DEFAULT_INGEST_MINUTES,
    DEFAULT_TIMEZONE,
    ServeError,
    build_deployments,
    plan,
    prefect_schedules,
    resolve_schedules,
)

DEPLOY = ROOT / "deploy"
SOURCES = """
[schedule]
ingest = "*/15 6-22 * * *"
digest = "30 7 * * 1-5"

[[source]]
name = "example"
start_urls = ["https://news.example.org/list.html"]
article_pattern = "/a/\\\\d+\\\\.html"
"""


def serve_args(*argv: str):
    return build_parser().parse_args(["serve", *argv])


def schedule_of(deployment):
    (only,) = deployment.schedules
    return only.schedule


def test_defaults_ingest_every_30_minutes_and_digest_at_8_05_shanghai_after_the_ingest(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PAIRWATCH_DB_URL", raising=False)
    (tmp_path / "docs").mkdir()
    schedules, ingest_params, digest_params = plan(serve_args("--path", "docs"))
    ingest, digest = build_deployments(schedules, ingest_params, digest_params)

    assert (ingest.name, ingest.flow_name, ingest.entrypoint) == ("served", "ingest", "flows.ingest.ingest_flow")
    assert (digest.name, digest.flow_name, digest.entrypoint) == ("served", "digest", "flows.digest.digest_flow")
    every = schedule_of(ingest)
    assert every.interval == timedelta(minutes=DEFAULT_INGEST_MINUTES) == timedelta(minutes=30)
    assert every.timezone == DEFAULT_TIMEZONE == "Asia/Shanghai"
    assert every.anchor_date.minute == 0 and every.anchor_date.utcoffset() == timedelta(hours=8)
    daily = schedule_of(digest)
    assert (daily.cron, daily.timezone) == (DEFAULT_DIGEST_CRON, "Asia/Shanghai") == ("5 8 * * *", "Asia/Shanghai")

    from flows.digest import digest_flow
    from flows.ingest import ingest_flow

    for deployment, flow in ((ingest, ingest_flow), (digest, digest_flow)):  # the flows take these parameters
        assert set(deployment.parameters) <= set(inspect.signature(flow.fn).parameters)
    db = f"sqlite:///{tmp_path / 'data' / 'pairwatch.db'}"
    assert ingest.parameters == {"paths": [str(tmp_path / "docs")], "sources_file": None, "db_url": db}
    assert digest.parameters == {"db_url": db, "fmt": "md", "out": f"{tmp_path / 'out'}/",
                                 "wait_for_ingest_minutes": 20.0}


def test_a_dask_address_goes_into_the_ingest_deployment_and_a_malformed_one_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    schedules, ingest_params, digest_params = plan(serve_args("--path", "docs", "--dask-address", "tcp://10.0.0.5:8786"))
    ingest, digest = build_deployments(schedules, ingest_params, digest_params)
    assert ingest.parameters["dask_address"] == "tcp://10.0.0.5:8786" and "dask_address" not in digest.parameters

    from flows.ingest import ingest_flow

    assert set(ingest.parameters) <= set(inspect.signature(ingest_flow.fn).parameters)
    with pytest.raises(ServeError, match="not a Dask scheduler address"):
        plan(serve_args("--path", "docs", "--dask-address", "10.0.0.5:8786"))


def test_options_override_the_sources_file_which_overrides_the_defaults(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources.toml").write_text(SOURCES, encoding="utf-8")
    assert len(parse_sources(SOURCES)) == 1  # the [schedule] table does not disturb the sources
    assert load_schedule(tmp_path / "sources.toml") == {"ingest": "*/15 6-22 * * *", "digest": "30 7 * * 1-5"}

    from_file, params, _ = plan(serve_args("--sources", "sources.toml", "--db", "postgresql+psycopg://u@h/pw"))
    assert (from_file.ingest_cron, from_file.ingest_minutes, from_file.digest_cron) == (
        "*/15 6-22 * * *", None, "30 7 * * 1-5")
    assert params == {"paths": None, "sources_file": str(tmp_path / "sources.toml"),
                      "db_url": "postgresql+psycopg://u@h/pw"}

    opts, _, digest = plan(serve_args("--sources", "sources.toml", "--ingest-interval", "10",
                                      "--digest-cron", "0 18 * * *", "--timezone", "Europe/Berlin",
                                      "--email", "a@example.org"))
    assert (opts.ingest_cron, opts.ingest_minutes, opts.digest_cron, opts.timezone) == (
        None, 10, "0 18 * * *", "Europe/Berlin")
    assert "out" not in digest and digest["emails"] == ["a@example.org"]  # mail only, as `digest --email`
    ingest, _ = prefect_schedules(opts)
    assert ingest.interval == timedelta(minutes=10) and ingest.timezone == "Europe/Berlin"


def test_bad_schedules_are_refused_by_name(tmp_path) -> None:
    with pytest.raises(ServeError, match="ingest schedule '61 \\* \\* \\* \\*'"):
        prefect_schedules(resolve_schedules(ingest_cron="61 * * * *"))
    with pytest.raises(ServeError, match="digest schedule"):
        prefect_schedules(resolve_schedules(from_file={"digest": "every morning"}))
    with pytest.raises(ServeError, match="time zone 'Mars/Olympus'"):
        resolve_schedules(timezone="Mars/Olympus")
    with pytest.raises(ServeError, match="positive"):
        resolve_schedules(ingest_minutes=0)
    bad = tmp_path / "bad.toml"
    bad.write_text('[schedule]\ningest = "0 * * * *"\nweekly = "0 0 * * 0"\n', encoding="utf-8")
    with pytest.raises(SourcesError, match="unknown key.*weekly"):
        load_schedule(bad)
    bad.write_text("[schedule]\ningest = 30\n", encoding="utf-8")
    with pytest.raises(SourcesError, match="ingest must be a non-empty string"):
        load_schedule(bad)
    assert load_schedule(SEEDS / "sources.toml") == {}  # no [schedule]: the defaults apply


def pairwatch(*argv: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *argv], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "PAIRWATCH_"))}
    return {**env, "PREFECT_HOME": str(tmp_path / "prefect-home"), **extra}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_without_a_server_serve_says_how_to_start_one(tmp_path) -> None:
    started = time.monotonic()
    done = pairwatch("serve", "--seeds", str(SEEDS), env=clean_env(tmp_path))
    assert done.returncode == 1, done.stderr
    assert "no Prefect API is configured" in done.stderr and "    prefect server start\n" in done.stderr

    url = f"http://127.0.0.1:{closed_port()}/api"
    done = pairwatch("serve", "--seeds", str(SEEDS), "--api-timeout", "1",
                     env=clean_env(tmp_path, PREFECT_API_URL=url))
    assert done.returncode == 1, done.stderr
    assert f"the Prefect API at {url} does not answer" in done.stderr and "prefect server start" in done.stderr
    assert time.monotonic() - started < 45  # it never waits for a server that is not there


def test_dry_run_prints_the_plan_and_bad_cron_exits_2(tmp_path) -> None:
    import json

    done = pairwatch("serve", "--seeds", str(SEEDS), "--ingest-cron", "0 * * * *", "--dry-run",
                     "--db", str(tmp_path / "pw.db"), env=clean_env(tmp_path))
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["schedules"] == {"ingest": "cron 0 * * * *", "digest": "cron 5 8 * * *", "timezone": "Asia/Shanghai"}
    assert shown["ingest"]["paths"] == [str(SEEDS)] and shown["ingest"]["db_url"] == f"sqlite:///{tmp_path}/pw.db"
    done = pairwatch("serve", "--seeds", str(SEEDS), "--digest-cron", "8 o'clock", env=clean_env(tmp_path))
    assert done.returncode == 2 and "digest schedule \"8 o'clock\" is not a valid cron string" in done.stderr


def test_a_database_password_never_reaches_the_deployments(tmp_path) -> None:
    """Parameters are stored by the Prefect server and shown in its UI: the URL goes to the runs' environment."""
    import json

    from flows.serve import withhold_password

    url = "postgresql+psycopg://pw:s3cret@db.internal:5432/pairwatch"
    done = pairwatch("serve", "--seeds", str(SEEDS), "--db", url, "--dry-run", env=clean_env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "s3cret" not in done.stdout + done.stderr
    shown = json.loads(done.stdout)
    assert shown["ingest"]["db_url"] is None and shown["digest"]["db_url"] is None
    assert shown["PAIRWATCH_DB_URL"] == "postgresql+psycopg://pw:***@db.internal:5432/pairwatch"

    ingest, digest = {"db_url": url}, {"db_url": url}
    assert withhold_password(ingest, digest) == url and ingest["db_url"] is None and digest["db_url"] is None
    sqlite = {"db_url": f"sqlite:///{tmp_path}/pw.db"}
    assert withhold_password(sqlite) is None and sqlite["db_url"] == f"sqlite:///{tmp_path}/pw.db"


def test_prefect_yaml_matches_serve_and_the_flows() -> None:
    """deploy/prefect.yaml: the same flows, schedules and parameters as serve, on a process pool."""
    import importlib

    for name, pool in (("prefect.yaml", "pairwatch-process"), ("prefect.docker.yaml", "pairwatch-docker")):
        spec = yaml.safe_load((DEPLOY / name).read_text(encoding="utf-8"))
        (pull,) = spec["pull"]
        assert "prefect.deployments.steps.set_working_directory" in pull, name
        by_flow = {}
        for d in spec["deployments"]:
            path, func = d["entrypoint"].split(":")
            module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
            flow = getattr(module, func)
            assert set(d["parameters"]) <= set(inspect.signature(flow.fn).parameters), d["entrypoint"]
            assert d["work_pool"]["name"] == pool
            by_flow[flow.name] = d
        assert set(by_flow) == {"ingest", "digest"}
        (ingest,) = by_flow["ingest"]["schedules"]
        (digest,) = by_flow["digest"]["schedules"]
        assert ingest["interval"] == DEFAULT_INGEST_MINUTES * 60 and ingest["timezone"] == DEFAULT_TIMEZONE
        assert (digest["cron"], digest["timezone"]) == (DEFAULT_DIGEST_CRON, DEFAULT_TIMEZONE)
        assert (ROOT / by_flow["ingest"]["parameters"]["sources_file"]).is_file()


def test_compose_starts_a_server_postgres_and_a_worker() -> None:
    """No Docker engine here: the structure is checked, and every file it refers to exists."""
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"postgres", "prefect-server", "worker"} <= set(services)
    assert services["postgres"]["image"].startswith("postgres:") and "healthcheck" in services["postgres"]
    server, worker = services["prefect-server"], services["worker"]
    # the server in the image runs the Prefect release the project installs (client and server agree)
    prefect_minor = ".".join(importlib.metadata.version("prefect").split(".")[:2])
    assert server["image"].startswith(f"prefecthq/prefect:{prefect_minor}.")
    assert server["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "postgresql+asyncpg://" in server["environment"]["PREFECT_SERVER_DATABASE_CONNECTION_URL"]
    assert worker["depends_on"]["prefect-server"]["condition"] == "service_healthy"
    assert worker["environment"]["PREFECT_API_URL"] == "http://prefect-server:4200/api"
    assert worker["environment"]["PAIRWATCH_DB_URL"].startswith("postgresql+psycopg://")
    assert "pairwatch-process" in " ".join(worker["command"]) and "deploy/prefect.yaml" in " ".join(worker["command"])
    assert all(p.startswith("127.0.0.1:") for p in server.get("ports", []))  # the UI stays on loopback
    build = worker["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).resolve().is_file()
    for volume in services["postgres"].get("volumes", []):
        host = volume.split(":")[0]
        if host.startswith("."):
            assert (DEPLOY / host).exists(), volume


@pytest.mark.prefect
def test_serve_registers_both_deployments_and_a_triggered_run_completes(prefect_server, tmp_path) -> None:
    from prefect import get_client
    from prefect.deployments import run_deployment

    from store import Store

    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs, ignore=shutil.ignore_patterns("*.json", "*.toml"))
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    env = clean_env(tmp_path, PREFECT_API_URL=prefect_server, PREFECT_RUNNER_POLL_FREQUENCY="1")
    env["PREFECT_HOME"] = os.environ["PREFECT_HOME"]
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--path", str(docs), "--db", db,
                             "--digest-out", f"{tmp_path / 'out'}/", "--ingest-interval", "60"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        with get_client(sync_client=True) as client:
            deadline = time.monotonic() + 90
            while True:
                try:
                    ingest = client.read_deployment_by_name("ingest/served")
                    digest = client.read_deployment_by_name("digest/served")
                    break
                except Exception:  # noqa: BLE001 - not registered yet
                    assert proc.poll() is None, proc.stdout.read()
                    assert time.monotonic() < deadline, "serve did not register its deployments"
                    time.sleep(0.5)
            assert ingest.parameters == {"paths": [str(docs)], "sources_file": None, "db_url": db}
            assert ingest.schedules[0].schedule.interval == timedelta(hours=1)
            assert digest.schedules[0].schedule.cron == "5 8 * * *"
            assert digest.schedules[0].schedule.timezone == "Asia/Shanghai"

            run = run_deployment("ingest/served", timeout=90, poll_interval=0.5)
            assert run.state.is_completed(), run.state
            with Store(db) as store:
                assert store.counts()["articles"] == 5
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            pytest.fail("serve did not stop on SIGTERM")
    with get_client(sync_client=True) as client:
        assert client.read_deployment_by_name("ingest/served").paused, proc.stdout.read()  # stopping pauses them


def test_the_digest_s_own_options_reach_the_served_digest_as_the_digest_command_passes_them(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    argv = ("--lang", "en", "--backfill", "2026-01-01", "--province", "贵州", "--min-amount", "1亿",
            "--timezone", "Europe/Berlin", "--digest-format", "atom", "--feed-url", "https://example.org/feed.xml")
    _, _, digest = plan(serve_args("--path", "docs", *argv))
    assert (digest["lang"], digest["backfill"], digest["timezone"], digest["feed_url"]) == (
        "en", "2026-01-01", "Europe/Berlin", "https://example.org/feed.xml")
    from flows.cli import digest_filters

    same = digest_filters(build_parser().parse_args(["digest", "--province", "贵州", "--min-amount", "1亿"]))
    assert digest["filters"] == same.as_dict()  # the same filters: the same channel as `pairwatch digest`

    from flows.digest import digest_flow

    assert set(digest) <= set(inspect.signature(digest_flow.fn).parameters)
    with pytest.raises(ServeError, match="amount"):
        plan(serve_args("--path", "docs", "--min-amount", "lots"))
