"""The scheduled digest refreshes the atlas: a real Prefect run (conftest's temporary server) of the
digest flow with ``report`` rewrites the atlas after delivering, and links it from the run; ``serve``
carries ``--report`` to the digest deployment as an absolute folder and refuses a file for it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT
from seeded_store import ingest_seeds

from store import Store

pytestmark = pytest.mark.prefect


def test_digest_flow_refreshes_the_atlas_and_links_it_as_an_artifact(prefect_server, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    from flows.digest import digest_flow

    db = ingest_seeds(tmp_path / "pw.db")
    atlas = tmp_path / "atlas"
    state = digest_flow(db_url=db, out=str(tmp_path / "out") + "/", report=str(atlas), return_state=True)
    assert state.is_completed()
    result = state.result()
    assert result["recorded"] and result["atlas"] == (atlas / "index.html").resolve().as_uri()
    html = (atlas / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="atlas-data" type="application/json">(.*?)</script>', html, re.S)[1])
    with Store(db) as store:  # the atlas shows the whole store, whatever the digest delivered
        assert len(data["pairings"]) == store.counts()["pairings"] > 0
    with get_client(sync_client=True) as client:
        run = ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id])
        artifacts = {a.key: a for a in client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=run))}
    assert set(artifacts) == {"digest", "atlas"}
    assert result["atlas"] in artifacts["atlas"].data  # Prefect stores a link artifact as Markdown
    assert f"{len(data['pairings'])} pairings" in artifacts["atlas"].description


def _serve(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "PAIRWATCH_DB"))}
    return subprocess.run([sys.executable, "-m", "flows.cli", "serve", "--seeds", str(ROOT / "seeds"),
                           "--db", str(tmp_path / "pw.db"), "--dry-run", *args],
                          capture_output=True, text=True, cwd=tmp_path, env=env | {"PYTHONPATH": str(ROOT)},
                          timeout=120)


def test_serve_gives_the_digest_deployment_the_atlas_folder(tmp_path):
    done = _serve(tmp_path, "--report", "atlas")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["digest"]["report"] == str(tmp_path / "atlas")
    (tmp_path / "file").write_text("x")
    done = _serve(tmp_path, "--report", "file")
    assert done.returncode == 2 and "--report file: is a file" in done.stderr
