"""The topic gate in the ingest steps, on a real loopback site and a real SQLite file: an
off-topic article is remembered as seen (URL, title, date), counted, never stored, never
fetched again; ``keep_all`` stores it like any other."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest
from webserver import serving

from fetching.fetch import fetch_source
from fetching.http import Fetcher
from fetching.sources import parse_sources
from flows import steps
from store import Store

ON_TOPIC = ("<html><head><meta charset='utf-8'><title>宁波市对口帮扶延边州工作会议召开</title></head><body>"
            "<h1>宁波市对口帮扶延边州工作会议召开</h1><p>发布时间：2024-03-05 09:30</p>"
            "<p>会上，宁波市向延边州捐赠500万元，用于乡村学校建设。</p>"
            "<p>宁波市对口帮扶延边州以来，两地在产业和教育方面的合作不断加深。</p></body></html>")
OFF_TOPIC = ("<html><head><meta charset='utf-8'><title>市区新增三条公交线路</title></head><body>"
             "<h1>市区新增三条公交线路</h1><p>发布时间：2024-03-06 08:00</p>"
             "<p>为方便市民出行，公交公司自下周一起开通三条新线路，途经火车站和体育中心。</p>"
             "<p>新线路首班车六点发车，末班车二十二点发车，票价两元。</p></body></html>")
LISTING = "<html><body><a href='/news/1.html'>一</a><a href='/news/2.html'>二</a></body></html>"


@pytest.fixture
def site():
    hits: dict[str, int] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            hits[self.path] = hits.get(self.path, 0) + 1
            body = {"/list.html": LISTING, "/news/1.html": ON_TOPIC, "/news/2.html": OFF_TOPIC}.get(self.path)
            self.send_response(200 if body else 404)
            data = (body or "").encode("utf-8")
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    with serving(Handler) as base:
        yield base, hits


def _source(base: str):
    (source,) = parse_sources(f'[[source]]\nname = "here"\nstart_urls = ["{base}/list.html"]\n'
                              'article_pattern = "/news/\\\\d+\\\\.html"\ntimeout = 5\ndelay = 0\n')
    return source


def test_an_off_topic_article_is_counted_remembered_and_never_fetched_again(site, tmp_path):
    base, hits = site
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    first = fetch_source(_source(base), Fetcher())
    parsed, _ = steps.parse_docs(first.docs)
    counts = steps.store_batch(db, parsed, first.failures)
    assert counts["new_articles"] == 1 and counts["off_topic"] == 1
    with Store(db) as store:
        assert store.counts()["articles"] == 1 and store.counts()["clusters"] == 1
        assert store.known_locations([f"{base}/news/2.html"]) == {f"{base}/news/2.html"}
        with store.engine.connect() as conn:
            row = conn.exec_driver_sql("select title, published, reason from off_topic").one()
        assert row[0] == "市区新增三条公交线路" and row[2] == "off-topic" and str(row[1]).startswith("2024-03-06")
        again = fetch_source(_source(base), Fetcher(), known=store.known_locations)
    assert again.docs == [] and again.already_stored == 2
    assert hits["/news/2.html"] == 1


def test_keep_all_stores_the_off_topic_article_too(site, tmp_path):
    base, _ = site
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    parsed, _ = steps.parse_docs(fetch_source(_source(base), Fetcher()).docs)
    counts = steps.store_batch(db, parsed, [], keep_all=True)
    assert counts["new_articles"] == 2 and counts["off_topic"] == 0
    with Store(db) as store:
        assert store.known_locations([f"{base}/news/2.html"]) == {f"{base}/news/2.html"}
        assert store.counts()["articles"] == 2
