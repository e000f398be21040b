"""Real Prefect runs: ingest then digest into a temporary SQLite file; digests by e-mail to a loopback server.

Every flow test uses conftest's session-scoped ``prefect_server`` (one prefect_test_harness:
starting its temporary server costs 10-30 s on these machines).
"""

from __future__ import annotations

import json

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

    first = digest_flow(db_url=db, fmt="md", out=f"{out}/")
    text = (out / first["written"].split("/")[-1]).read_text(encoding="utf-8")
    for line in ("张家港市", "沿河土家族自治县", "黔东南苗族侗族自治州", "恩施土家族苗族自治州", "四川省教育厅",
                 "永寿县", "2.28亿元", "146亿元", "420万元", "6,594万元", "603万元", "1.5亿元", "200万元", "1.14亿元"):
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

    second = digest_flow(db_url=db, fmt="md", out=f"{out}/")
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


def test_unreachable_sources_fail_gracefully(prefect_server, tmp_path):
    from flows.ingest import ingest_flow

    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[source]]\nname = "nowhere"\nstart_urls = ["http://127.0.0.1:9/list.html"]\n'
        'article_pattern = "/a/\\\\d+\\\\.html"\ntimeout = 2\ndelay = 0\n',
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    summary = ingest_flow(sources_file=str(sources), db_url=db)
    assert summary["failed"] == 1 and summary["new_articles"] == 0
    with Store(db) as store:
        (failure,) = store.failures_since(None)
    assert failure.location == "http://127.0.0.1:9/list.html" and "fetch failed" in failure.reason


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
        state = digest_flow(db_url=db, emails=["analyst@example.org"], return_state=True)
        again = digest_flow(db_url=db, emails=["analyst@example.org"])
    finally:
        ctrl.stop()
    result = state.result()
    assert state.is_completed() and result["kind"] == "email" and result["recorded"]
    assert not again["recorded"] and len(sink.received) == 1  # the second digest sends nothing
    [msg] = sink.messages()
    assert f"{result['pairings']} new pairings, {result['funding']} funding items" in msg["Subject"]
    assert "沿河土家族自治县" in msg.get_body(("html",)).get_content()
    assert not (tmp_path / "out").exists()  # --email alone writes no file

    with get_client(sync_client=True) as client:
        flow_run_id = ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id])
        [artifact] = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=flow_run_id))
    assert artifact.key == "digest" and artifact.type == "markdown"
    assert "张家港市" in artifact.data and "6,594万元" in artifact.data


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
    args = ["digest", "--db", db, "--email", "analyst@example.org", "officer@example.net"]
    assert main(args) == 1
    assert "not delivered, the items stay pending" in capsys.readouterr().err
    with Store(db) as store:
        assert store.counts()["deliveries"] == 0
    sink = Sink()
    ctrl = start(sink, port)
    try:
        assert main(args) == 0
        assert main(args) == 0
    finally:
        ctrl.stop()
    assert len(sink.received) == 1 and sink.received[0].rcpt_tos == ["analyst@example.org", "officer@example.net"]
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
        result = digest_flow(db_url=db, emails=["analyst@example.org"], smtp_block="pairwatch-test-smtp")
        with pytest.raises(Exception, match="no EmailServerCredentials block named 'missing'"):
            digest_flow(db_url=db, emails=["other@example.org"], smtp_block="missing")
    finally:
        ctrl.stop()
    assert result["recorded"] and len(sink.received) == 1
