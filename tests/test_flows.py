"""A real Prefect run of ingest then digest, into a temporary SQLite file.

One session-scoped prefect_test_harness serves every flow test: starting its
temporary server costs 10-30 s on these machines.
"""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS

from store import Store

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="session")
def prefect_server():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def test_ingest_then_digest_then_nothing_new(prefect_server, tmp_path):
    from flows.digest import digest_flow
    from flows.ingest import ingest_flow

    db = f"sqlite:///{tmp_path / 'pw.db'}"
    out = tmp_path / "out"
    summary = ingest_flow(paths=[str(SEEDS)], db_url=db)
    assert summary == {"fetched": 5, "new_articles": 5, "duplicates": 0, "failed": 0,
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
