"""Real Prefect runs: ingest then digest into a temporary SQLite file; digests by e-mail to a loopback server.

Every flow test uses conftest's session-scoped ``prefect_server`` (one prefect_test_harness:
starting its temporary server costs 10-30 s on these machines).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SEEDS

from store import Store

pytestmark = pytest.mark.prefect


def test_ingest_then_digest_then_nothing_new(prefect_server, tmp_path):
    from flows.digest import digest_flow
    from flows.ingest import ingest_flow

    db = f"sqlite:///{tmp_path / 'pw.db'}"
    out = tmp_path / "out"
    summary = ingest_flow(paths=[str(SEEDS)], db_url=db)
    assert summary == {"fetched": 5, "new_articles": 5, "duplicates": 0, "failed": 0, "off_topic": 0,
                       "new_pairings": summary["new_pairings"], "new_funding": summary["new_funding"]}
    assert summary["new_pairings"] >= 7 and summary["new_funding"] >= 8

    first = digest_flow(db_url=db, fmt="md", out=f"{out}/", backfill="all", lang="en")
    text = (out / first["written"].split("/")[-1]).read_text(encoding="utf-8")
    for line in ("张家港市", "沿河土家族自治县", "黔东南苗族侗族自治州", "恩施土家族苗族自治州", "四川省教育厅",
                 "永寿县", "2.28亿元", "146亿元", "420余万元", "6594万元", "603万元", "1.5亿元", "200万元", "1.14亿元"):
        assert line in text, line
    assert first["pairings"] == summary["new_pairings"] and first["recorded"]

    with Store(db) as store:
        before = store.counts()
    again = ingest_flow(paths=[str(SEEDS)], db_url=db)
    assert again["new_articles"] == 0 and again["duplicates"] == 5
    assert again["new_pairings"] == 0 and again["new_funding"] == 0
    with Store(db) as store:
        after = store.counts()
    assert {k: v for k, v in after.items() if k != "deliveries"} == {k: v for k, v in before.items() if k != "deliveries"}

    second = digest_flow(db_url=db, fmt="md", out=f"{out}/", lang="en")
    assert second["written"] != first["written"]  # the first digest is not overwritten
    assert "Nothing new since the last digest." in (out / second["written"].split("/")[-1]).read_text(encoding="utf-8")


def test_digest_since_records_nothing_and_json_lists_sources(prefect_server, tmp_path):
    from flows.digest import digest_flow
    from flows.ingest import ingest_flow

    db = f"sqlite:///{tmp_path / 'pw.db'}"
    ingest_flow(paths=[str(SEEDS)], db_url=db)
    result = digest_flow(db_url=db, fmt="json", out=str(tmp_path / "adhoc.json"), since="2000-01-01")
    assert not result["recorded"]
    data = json.loads((tmp_path / "adhoc.json").read_text(encoding="utf-8"))
    hangzhou = [p for p in data["pairings"] if p["recipient"]["name"] == "黔东南苗族侗族自治州"]
    assert len(hangzhou) == 1 and len(hangzhou[0]["sources"]) == 2  # two seed articles report it: one item
    assert all("path" in s and s["title"] for s in hangzhou[0]["sources"])
    with Store(db) as store:
        assert store.counts()["deliveries"] == 0
        assert not store.pending(f"file:{tmp_path / 'adhoc.json'}").empty


def test_an_ingest_whose_every_source_failed_ends_failed_and_records_why(prefect_server, tmp_path):
    from flows.ingest import ingest_flow

    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nname = "nowhere"\nstart_urls = ["http://127.0.0.1:9/list.html"]\n'
        'article_pattern = "/a/\\\\d+\\\\.html"\ntimeout = 2\ndelay = 0\n',
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    state = ingest_flow(sources_file=str(sources), db_url=db, return_state=True)
    assert state.is_failed() and "every document and source failed" in state.message
    with Store(db) as store:
        (failure,) = store.failures_since(None)
        assert store.last_run("ingest").outcome == "failed"
    assert failure.location == "http://127.0.0.1:9/list.html" and "fetch failed" in failure.reason


def test_an_ingest_with_some_failures_completes_with_an_artifact_and_exit_status_3(prefect_server, tmp_path,
                                                                                    monkeypatch, capsys):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    from flows.cli import main
    from flows.ingest import ingest_flow

    docs = tmp_path / "docs"
    docs.mkdir()
    for seed in sorted(SEEDS.glob("0*.txt"))[:2]:
        (docs / seed.name).write_bytes(seed.read_bytes())
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.html").write_bytes(bytes(range(256)) * 8)
    db = f"sqlite:///{tmp_path / 'pw.db'}"

    state = ingest_flow(paths=[str(docs)], db_url=db, return_state=True)
    assert state.is_completed()
    summary = state.result()
    assert summary["new_articles"] == 2 and summary["failed"] == 2
    with get_client(sync_client=True) as client:
        run = ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id])
        [artifact] = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=run))
    assert artifact.key == "ingest-failures" and "empty.txt" in artifact.data and "binary.html" in artifact.data

    capsys.readouterr()
    assert main(["ingest", "--path", str(docs), "--db", db]) == 3
    out, err = capsys.readouterr()
    assert "failed=2" in out and "duplicates=2" in out
    assert "2 failed:" in err and "empty.txt: document is empty" in err and "Traceback" not in err

    assert main(["failures", "--db", db, "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {Path(r["location"]).name for r in rows} == {"empty.txt", "binary.html"}
    assert all(r["attempts"] == 2 and r["first_failed_at"] <= r["failed_at"] for r in rows)

    assert main(["status", "--db", db, "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["counts"]["articles"] == 2 and status["counts"]["failures"] == 2
    assert status["last_ingest"]["outcome"] == "partial" and status["last_ingest"]["summary"]["duplicates"] == 2

    assert main(["digest", "--db", db, "--out", f"{tmp_path}/out/", "--json", "--backfill"]) == 0
    summary = json.loads(capsys.readouterr().out)
    [channel] = summary["channels"]
    assert summary["failed"] == [] and channel["recorded"] and channel["pairings"] > 0
    from digests.files import current_umask

    assert Path(channel["written"]).stat().st_mode & 0o777 == 0o666 & ~current_umask()
    assert main(["digest", "--db", db, "--out", f"{tmp_path}/out/", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == ""


# -- digests by e-mail: a real flow run against a real SMTP server on loopback ------------------

def test_email_digest_flow_sends_once_and_attaches_an_artifact(prefect_server, tmp_path, monkeypatch):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
    from smtp_helpers import Sink, free_port, smtp_env, start

    from flows.digest import digest_flow
    from flows.ingest import ingest_flow

    db = f"sqlite:///{tmp_path / 'pw.db'}"
    ingest_flow(paths=[str(SEEDS)], db_url=db)
    port = free_port()
    smtp_env(monkeypatch, port)
    sink = Sink()
    ctrl = start(sink, port)
    try:
        state = digest_flow(db_url=db, emails=["analyst@example.org"], return_state=True, backfill="all", lang="en")
        again = digest_flow(db_url=db, emails=["analyst@example.org"])
    finally:
        ctrl.stop()
    result = state.result()
    assert state.is_completed() and result["kind"] == "email" and result["recorded"]
    assert not again["recorded"] and len(sink.received) == 1  # the second digest sends nothing
    [msg] = sink.messages()
    # the subject counts the sure items (those to check are in the digest, not in its headline)
    assert re.fullmatch(r"pairwatch \d+ \w{3}: \d+ new pairings?, \d+ funding items? \(.*省.*\)", msg["Subject"])
    assert "沿河土家族自治县" in msg.get_body(("html",)).get_content()
    assert not (tmp_path / "out").exists()  # --email alone writes no file

    with get_client(sync_client=True) as client:
        flow_run_id = ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id])
        [artifact] = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=flow_run_id))
    assert artifact.key == "digest" and artifact.type == "markdown"
    assert "张家港市" in artifact.data and "6594万元" in artifact.data


def test_cli_exits_non_zero_while_the_server_is_down_then_delivers_once(prefect_server, tmp_path, monkeypatch,
                                                                        capsys):
    from digest_helpers import fill
    from smtp_helpers import Sink, free_port, smtp_env, start

    from flows.cli import main

    db = f"sqlite:///{tmp_path / 'pw.db'}"
    with Store(db) as store:
        fill(store)
    port = free_port()
    smtp_env(monkeypatch, port)
    args = ["digest", "--db", db, "--email", "analyst@example.org", "officer@example.net", "--backfill"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "not delivered to email analyst@example.org" in err and "wait for the next" in err
    assert "not delivered to email officer@example.net" in err  # each recipient is a channel
    assert len(err.strip().splitlines()) <= 3 and "Traceback" not in err
    with Store(db) as store:
        assert store.counts()["deliveries"] == 0
    sink = Sink()
    ctrl = start(sink, port)
    try:
        assert main(args) == 0
        assert main(args) == 0
    finally:
        ctrl.stop()
    assert [e.rcpt_tos for e in sink.received] == [["analyst@example.org"], ["officer@example.net"]]
    assert "nothing new: no e-mail sent" in capsys.readouterr().out


def test_smtp_settings_from_a_prefect_block(prefect_server, tmp_path, monkeypatch):
    from digest_helpers import fill
    from prefect_email import EmailServerCredentials
    from smtp_helpers import Sink, free_port, start

    from flows.digest import digest_flow

    db = str(tmp_path / "pw.db")
    with Store(db) as store:
        fill(store)
    port = free_port()
    monkeypatch.delenv("PAIRWATCH_SMTP_HOST", raising=False)  # the block alone says where mail goes
    EmailServerCredentials(smtp_server="127.0.0.1", smtp_port=port, smtp_type="INSECURE").save(
        "pairwatch-test-smtp", overwrite=True)
    sink = Sink()
    ctrl = start(sink, port)
    try:
        result = digest_flow(db_url=db, emails=["analyst@example.org"], smtp_block="pairwatch-test-smtp",
                             backfill="all")
        with pytest.raises(Exception, match="no EmailServerCredentials block named 'missing'"):
            digest_flow(db_url=db, emails=["other@example.org"], smtp_block="missing")
    finally:
        ctrl.stop()
    assert result["recorded"] and len(sink.received) == 1


def test_a_database_password_reaches_neither_the_logs_nor_the_run_parameters(prefect_server, db_url, monkeypatch,
                                                                             capsys, caplog):
    """On PostgreSQL (CI): a manual run passes the URL by environment; Prefect stores and logs it masked."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.sorting import FlowRunSort
    from sqlalchemy import make_url

    from flows.cli import main

    password = make_url(db_url).password if "://" in db_url else None
    if not password:
        pytest.skip("needs a database URL with a password: PostgreSQL (PAIRWATCH_TEST_PG_URL)")
    monkeypatch.delenv("PAIRWATCH_DB_URL", raising=False)
    caplog.set_level("DEBUG")
    assert main(["ingest", "--seeds", str(SEEDS), "--db", db_url, "--debug"]) == 0
    out, err = capsys.readouterr()
    assert "new_articles=5" in out
    with get_client(sync_client=True) as client:
        [run] = client.read_flow_runs(sort=FlowRunSort.START_TIME_DESC, limit=1)
        logs = client.read_logs()
    assert run.parameters.get("db_url") is None
    assert password not in out + err + caplog.text + "".join(log.message for log in logs)
