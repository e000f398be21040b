"""Source health through the ingest steps, against a real loopback site and SQLite file: a
listing that answers 404 run after run is flagged on the third run; a listing that is read and
brings a new article dates the source, and one that then brings nothing for two weeks is flagged
as maybe moved."""

from __future__ import annotations

from datetime import timedelta
from http.server import BaseHTTPRequestHandler

import pytest
from webserver import serving

from fetching.sources import parse_sources
from flows import steps
from store import Store

ARTICLE = ("<html><head><meta charset='utf-8'><title>宁波市对口帮扶延边州工作会议召开</title></head><body>"
           "<h1>宁波市对口帮扶延边州工作会议召开</h1><p>发布时间：2024-03-05 09:30</p>"
           "<p>会上，宁波市向延边州捐赠500万元，用于乡村学校建设。</p>"
           "<p>宁波市对口帮扶延边州以来，两地在产业和教育方面的合作不断加深。</p></body></html>")


@pytest.fixture
def site():
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            pages = {"/list.html": "<a href='/news/1.html'>一</a>", "/news/1.html": ARTICLE}
            data = pages.get(self.path, "").encode("utf-8")
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    with serving(Handler) as base:
        yield base


def _sources(base: str):
    return parse_sources(
        f'[[source]]\nname = "good"\nstart_urls = ["{base}/list.html"]\n'
        'article_pattern = "/news/\\\\d+\\\\.html"\ntimeout = 5\ndelay = 0\n'
        f'[[source]]\nname = "moved"\nstart_urls = ["{base}/old-column/list.html"]\n'
        'article_pattern = "/news/\\\\d+\\\\.html"\ntimeout = 5\ndelay = 0\n'
    )


def _run(sources, db: str) -> list[str]:
    steps.ingest_sources(sources, db)  # fetched, parsed and stored as they arrive
    return steps.health_warnings(db, sources)


def test_a_listing_failing_three_runs_in_a_row_is_flagged_and_a_quiet_one_after_two_weeks(site, tmp_path, clock):
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    sources = _sources(site)
    assert _run(sources, db) == []
    assert _run(sources, db) == []
    (warning,) = _run(sources, db)
    assert warning.startswith("source moved: failed 3 runs in a row") and "404" in warning
    with Store(db) as store:
        good, moved = store.source_health()
    assert good.source == "good" and good.consecutive_failures == 0
    assert good.last_new_article_at == good.tracked_since  # the first run stored its article
    clock[0] += timedelta(days=14)
    warnings = _run(sources, db)  # read fine, nothing new: the article is stored already
    assert [w.split(":")[0] for w in warnings] == ["source good", "source moved"]
    assert "nothing new since 2024-06-01: the listing may have moved" in warnings[0]
