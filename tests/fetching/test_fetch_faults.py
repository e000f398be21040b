"""Faults in the middle of a body, which tests/fetching/test_fetch.py does not cover: a connection reset after
half the body, a body that stalls past the timeout after half of it, and a 429 with Retry-After, on
one loopback site.  The run completes, every fault is recorded with its reason, and the next run
(the site healed) fetches and stores what failed, and nothing else.
"""

from __future__ import annotations

import socket
import struct
import time
from http.server import BaseHTTPRequestHandler

import pytest
from webserver import serve_site

from fetching.fetch import fetch_source
from fetching.http import Fetcher
from fetching.sources import Source, parse_sources
from flows import steps
from store import Store
from store.fetch_state import FetchState

TIMEOUT = 0.5


def _article(donor: str, recipient: str, amount: int, day: int, story: str) -> bytes:
    paras = (f"会上，{donor}向{recipient}捐赠帮扶资金{amount}万元。", story)
    return (f"<html><head><meta charset='utf-8'><title>{donor}对口帮扶{recipient}推进会召开</title></head><body>"
            f"<h1>{donor}对口帮扶{recipient}推进会召开</h1><p>发布时间：2024-05-{day:02d} 10:00</p>"
            + "".join(f"<p>{p}</p>" for p in paras) + "</body></html>").encode("utf-8")


PAGES = {
    "/news/reset.html": _article("苏州市", "铜仁市", 700, 3, "这笔钱将修通三条村道，并给两所小学换上新的课桌椅。"
                                 "铜仁的干部说，去年雨季山路塌方，孩子们绕行两个小时才能到校。"),
    "/news/stall.html": _article("广州市", "毕节市", 900, 4, "毕节的刺梨加工车间新添了两条灌装线，订单排到了年底。"
                                 "广州的超市专柜每周从这里进货，价格比往年高出一成。"),
    "/news/busy.html": _article("青岛市", "陇南市", 300, 5, "陇南的花椒合作社今年第一次通过网店卖到了海外。"
                                "青岛派来的电商讲师在村里住了三个月，手把手教农户拍视频。"),
    "/news/fine.html": _article("杭州市", "恩施州", 500, 6, "恩施州医院的远程会诊室已经接通杭州的三家医院。"
                                "上个月一位重症患者在会诊后转往杭州，手术很顺利。"),
}
LISTING = "".join(f"<a href='{p}'>{p}</a>" for p in PAGES).encode()
JUNK = bytes(range(256)) * 64  # a start URL that serves no text at all


class Site:
    def __init__(self) -> None:
        self.healed = False
        self.hits: dict[str, int] = {}
        self.base = ""


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def _head(self, status: int, length: int, **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(length))
            for k, v in headers.items():
                self.send_header(k.replace("_", "-"), v)
            self.end_headers()

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = self.path
            n = site.hits[path] = site.hits.get(path, 0) + 1
            if path == "/robots.txt":
                self._head(404, 0)
                return
            junk = JUNK if not site.healed else LISTING  # once healed, the start URL is a listing again
            body = LISTING if path == "/list.html" else junk if path == "/junk.html" else PAGES.get(path)
            if body is None:
                self._head(404, 0)
                return
            if path == "/news/busy.html" and n == 1:
                self._head(429, 0, Retry_After="1")
                return
            if not site.healed and path == "/news/reset.html":  # half the body, then RST
                self._head(200, len(body))
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
                return
            if not site.healed and path == "/news/stall.html":  # half the body, then nothing past the timeout
                self._head(200, len(body))
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                time.sleep(TIMEOUT * 4)
                self.close_connection = True
                return
            self._head(200, len(body))
            self.wfile.write(body)

    return Handler


@pytest.fixture()
def site():
    yield from serve_site(Site(), _handler)


def _source(base: str, start: str = "/list.html") -> Source:
    return parse_sources(f'[[source]]\nname = "faults"\nstart_urls = ["{base}{start}"]\n'
                         f'article_pattern = "/news/\\\\w+\\\\.html"\ntimeout = {TIMEOUT}\ndelay = 0\n')[0]


def _run(site: Site, db: str) -> tuple[list[str], dict[str, str], dict[str, int]]:
    """One fetch-parse-store run: the URLs fetched, the failures by path, the store's counts."""
    state = FetchState(db)
    fetcher = Fetcher(backoff=0.05, max_retry_after=5, state=state)
    try:
        with Store(db) as store:
            result = fetch_source(_source(site.base), fetcher, known=store.known_locations, state=state)
    finally:
        fetcher.close()
    parsed, parse_failures = steps.parse_docs(result.docs)
    counts = steps.store_batch(db, parsed, result.failures + parse_failures)
    fetched = sorted(d.url.removeprefix(site.base) for d in result.docs)
    return fetched, {f.location.removeprefix(site.base): f.reason for f in result.failures}, counts


def test_mid_body_faults_are_recorded_and_picked_up_next_run(site, tmp_path):
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    started = time.monotonic()
    fetched, reasons, counts = _run(site, db)
    assert time.monotonic() - started < 20  # the stall cost its timeout, not a hang
    assert fetched == ["/news/busy.html", "/news/fine.html"]  # the 429 waited its second and got the page
    assert site.hits["/news/busy.html"] == 2
    assert sorted(reasons) == ["/news/reset.html", "/news/stall.html"]
    assert all(r.startswith("fetch failed: ") for r in reasons.values()), reasons
    assert "timeout" in reasons["/news/stall.html"].lower(), reasons
    assert counts["new_articles"] == 2 and counts["failed"] == 2
    with Store(db) as store:
        recorded = {f.location.removeprefix(site.base): f.reason for f in store.failures_since(None)}
    assert recorded == reasons  # every fault is in the store, with its reason

    site.healed = True
    before = dict(site.hits)
    fetched2, reasons2, counts2 = _run(site, db)
    assert fetched2 == ["/news/reset.html", "/news/stall.html"] and reasons2 == {}
    assert counts2["new_articles"] == 2
    assert site.hits["/news/fine.html"] == before["/news/fine.html"]  # stored pages are not fetched again
    with Store(db) as store:
        assert store.failures_since(None) == []  # both failures resolved by the stored articles
        titles = {a.title for a in map(store.get_article, range(1, 5)) if a}
    assert {"苏州市对口帮扶铜仁市推进会召开", "广州市对口帮扶毕节市推进会召开"} <= titles


def test_a_start_url_that_serves_no_text_is_a_recorded_failure_and_is_asked_again(site, tmp_path):
    state = FetchState(f"sqlite:///{tmp_path / 'pw.db'}")
    fetcher = Fetcher(backoff=0.05, state=state)
    try:
        for run in (1, 2):
            result = fetch_source(_source(site.base, "/junk.html"), fetcher, state=state)
            [failure] = result.failures
            assert failure.location == f"{site.base}/junk.html" and failure.reason.startswith("listing is not text")
            assert result.docs == [] and site.hits["/junk.html"] == run  # never a 304: no validators kept
    finally:
        fetcher.close()


def test_a_start_url_that_works_again_is_no_longer_a_failure(site, tmp_path):
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    counts = steps.ingest_sources([_source(site.base, "/junk.html")], db)
    assert counts["failed"] == 1 and counts["fetched"] == 0
    with Store(db) as store:
        [failure] = store.failures_since(None)
    assert failure.location == f"{site.base}/junk.html" and failure.reason.startswith("listing is not text")

    site.healed = True
    counts = steps.ingest_sources([_source(site.base, "/junk.html")], db)
    assert counts["fetched"] == len(PAGES)
    with Store(db) as store:
        assert failure.location not in {f.location for f in store.failures_since(None)}
        resolved = [f for f in store.failures_since(None, include_resolved=True) if f.location == failure.location]
    assert [f.resolved for f in resolved] == [True]
