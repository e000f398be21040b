"""Shared test set-up: paths to the seeds, probes and ../shared, a Prefect-free default environment,
`pairwatch extract` run as a user runs it, and the session fixtures (a Prefect server, the shared
scorer, a fresh database)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PROBES = ROOT / "tests" / "fixtures" / "probes"
SHARED = ROOT.parent / "shared"

# Flow tests start a temporary Prefect server; keep its state out of the user's home.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
if "PREFECT_HOME" not in os.environ:
    import tempfile

    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="pairwatch-prefect-")


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("0*.txt"))


def run_extract(*paths: str, code: int = 0) -> list[dict]:
    """`pairwatch extract` on ``paths`` in a fresh process, which must not import Prefect: its JSON lines.

    ``code`` is the exit status expected: 0 when every file parses, 3 when some fail, 1 when all do.
    """
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from flows.cli import main; rc = main(sys.argv[1:]); "
         "assert 'prefect' not in sys.modules, 'extract imported prefect'; sys.exit(rc)", "extract", *paths],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared, or skip the test with a message saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: tests that read other people's pages need ../shared beside the repo")
    return path


@pytest.fixture(scope="session")
def prefect_server():
    """One temporary Prefect server for the whole session (starting one costs 10-30 s); yields its API URL."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield PREFECT_API_URL.value()


@pytest.fixture(scope="session")
def scorer():
    """The shared scorer (../shared/tools/score_extract.py) as a module, or skip saying why."""
    import importlib.util

    path = shared_dir("tools") / "score_extract.py"
    if not path.exists():
        pytest.skip(f"{path} is absent: extraction is scored with the shared scorer")
    spec = importlib.util.spec_from_file_location("score_extract", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# PostgreSQL for the store tests when set: a server URL whose user may create databases.
PG_URL = os.environ.get("PAIRWATCH_TEST_PG_URL")


@pytest.fixture(params=["sqlite"] + (["postgresql"] if PG_URL else []))
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A fresh, empty database: an SQLite file, or a new PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        yield str(tmp_path / "db" / "pairwatch.db")
        return
    import uuid

    from sqlalchemy import create_engine, make_url

    name = f"pairwatch_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(admin, name)
        admin.dispose()


def _drop_database(admin, name: str) -> None:  # noqa: ANN001 - an Engine
    """DROP ... WITH (FORCE) ends our own leftover connections, but not an autovacuum worker that
    happens to be in the database (a superuser's process): wait for it to finish."""
    import time

    from sqlalchemy.exc import ProgrammingError

    for attempt in range(40):
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            return
        except ProgrammingError:
            if attempt == 39:
                raise
            time.sleep(0.25)


@pytest.fixture
def db(tmp_path: Path):
    """A fresh store in an SQLite file under tmp_path (modules that test the store itself define their own)."""
    from store import Store

    with Store(str(tmp_path / "pw.db")) as s:
        yield s


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list:
    """The store's clock, stopped at 2024-06-01 08:00 UTC; a test moves it by setting ``clock[0]``."""
    from datetime import UTC, datetime

    import store.repository

    now = [datetime(2024, 6, 1, 8, 0, tzinfo=UTC)]
    monkeypatch.setattr(store.repository, "now", lambda: now[0])
    return now
