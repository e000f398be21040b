"""Shared test set-up: paths to the seeds and ../shared, and a Prefect-free default environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
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
