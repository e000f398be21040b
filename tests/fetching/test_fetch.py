"""Fetching real HTTP on loopback: a fixture site with a listing, a feed, GBK and Big5 articles, an
article in two pages, robots.txt, and every way a fetch goes wrong; then a second run.

Timeouts and backoffs are small (0.5 s, 0.05 s) so the whole file runs in a few seconds.
"""

from __future__ import annotations

import gzip
import socket
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler

import pytest
from webserver import serve_site

from fetching.fetch import USER_AGENT, FetchResult, fetch_source, scope_of
from fetching.http import Fetcher
from fetching.sources import Source, parse_sources
from fetching.webtypes import FetchError, Scope, is_local_host
from flows import steps
from store import Store
from store.fetch_state import FetchEntry, FetchState

TIMEOUT = 0.5
CAP = 1_000_000


def _page(title: str, date: str, *paras: str, extra: str = "", charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    nav, when = ("首頁 > 要聞", "發佈時間") if charset == "big5" else ("首页 > 要闻", "发布时间")
    return (f"<html><head><meta charset='{charset}'><title>{title}</title></head><body>"
            f"<div class='nav'>{nav}</div><h1>{title}</h1><p>{when}：{date}</p>{body}{extra}</body></html>")


GBK_ARTICLE = _page(
    "宁波市与延边州召开对口合作推进会", "2024-04-02 10:00",
    "会上，宁波市向延边州捐赠800万元，用于乡村学校和道路建设。",
    "宁波市对口帮扶延边州以来，两地在产业、教育和医疗方面合作不断加深，群众得到了实惠。",
    charset="gbk",
).encode("gbk")
BIG5_ARTICLE = _page(
    "廈門市對口幫扶臨夏州工作座談會召開", "2024-04-03 09:00",
    "會上，廈門市向臨夏州捐贈300萬元，用於改善當地學校的教學條件。",
    "廈門市對口幫扶臨夏州以來，雙方在產業、教育和醫療等領域開展了廣泛合作，成效明顯。",
    charset="big5",
).encode("big5")
FEED_ARTICLE = _page(
    "杭州市对口支援阿克苏地区项目开工", "2024-04-04 08:30",
    "杭州市对口支援阿克苏地区的十个项目近日集中开工，总投资1.2亿元。",
    "这些项目涉及农业、教育和卫生，将惠及当地数万名群众，也将带动就业。",
).encode("utf-8")
MULTI_PAGE_1 = _page(
    "福州市与定西市开展东西部协作", "2024-04-05 11:00",
    "福州市与定西市在东西部协作框架下签署了新一轮合作协议，第一页到此为止。",
    "双方商定在劳务协作和产业园区建设方面加强合作，并建立定期会商机制。",
    extra="<div class='pages'><a href='multi_2.html'>2</a> <a href='multi_2.html'>下一页</a>"
          "<a href='gbk.html'>下一篇</a></div>",
).encode("utf-8")
MULTI_PAGE_2 = _page(
    "福州市与定西市开展东西部协作", "2024-04-05 11:00",
    "第二页写道：福州市今年向定西市投入帮扶资金5000万元，重点支持马铃薯产业。",
    "两地还将互派干部挂职交流，推动经验共享，巩固脱贫成果。",
    extra="<div class='pages'><a href='multi.html'>上一页</a></div>",
).encode("utf-8")
OTHER_ARTICLE = _page(
    "青岛市对口帮扶陇南市座谈会召开", "2024-04-06 15:00",
    "会上，青岛市向陇南市捐赠600万元，支持陇南市发展特色农业。",
    "青岛市对口帮扶陇南市以来，两地携手推进乡村振兴，合作领域持续拓宽。",
).encode("utf-8")
FLAKY_ARTICLE = _page(
    "济南市与湘西州举行东西部协作工作会议", "2024-04-07 09:30",
    "济南市今年安排财政帮扶资金2000万元，支持湘西州发展茶叶和柑橘产业。",
    "会议要求两地继续做好劳务输出和消费帮扶，让更多农产品走进济南的超市。",
).encode("utf-8")
BUSY_ARTICLE = _page(
    "天津市对口支援和田地区医疗人才", "2024-04-08 14:00",
    "天津市选派的第五批医疗队抵达和田地区，将在当地医院工作一年半。",
    "医疗队成员来自天津多家三甲医院，涵盖心内科、儿科和影像科等专业。",
).encode("utf-8")
LATE_ARTICLE = _page(
    "大连市与六盘水市签订劳务协作协议", "2024-04-09 16:20",
    "大连市与六盘水市签订劳务协作协议，计划帮助两千名务工人员稳定就业。",
    "协议明确由大连市人社部门牵头，定期发布岗位信息并组织专场招聘会。",
).encode("utf-8")

ARTICLES = ["gbk", "big5", "multi", "slow", "flaky", "busy", "big", "bomb", "moved", "missing", "broken"]
LISTING = (
    "<html><body><ul>"
    + "".join(f"<li><a href='/news/{name}.html'>{name}</a></li>" for name in ARTICLES)
    + "<li><a href='/news/multi_2.html'>page two, listed by mistake</a></li>"
    "<li><a href='/private/secret.html'>disallowed by robots.txt</a></li>"
    "<li><a href='http://elsewhere.example/news/3.html'>off-site</a></li>"
    "<li><a href='javascript:alert(1)'>js</a><a href='data:text/html,x'>data</a>"
    "<a href='file:///etc/passwd'>file</a><a href='mailto:a@b.example'>mail</a></li>"
    "<li><a href='/about.html'>not an article</a></li></ul></body></html>"
).encode("utf-8")
FEED_MODIFIED = "Wed, 01 May 2024 00:00:00 GMT"


def _feed(base: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>要闻</title>"
        f"<link>{base}/</link><description>d</description>"
        f"<item><title>杭州</title><link>{base}/news/feed1.html</link></item>"
        "<item><title>elsewhere</title><link>http://elsewhere.example/news/4.html</link></item>"
        f"<item><title>gbk again</title><link>{base}/news/gbk.html?utm_source=rss</link></item>"
        "</channel></rss>"
    ).encode()


_BOMB: list[bytes] = []


def bomb() -> bytes:
    """Gzip of 30 MB of zeros: about 30 KB on the wire."""
    if not _BOMB:
        _BOMB.append(gzip.compress(b"\0" * 30_000_000, compresslevel=9))
    return _BOMB[0]


class Site:
    """The fixture site's state: what it serves, what it was asked, and when."""

    def __init__(self) -> None:
        self.log: list[tuple[float, str, str]] = []  # (time, path, user agent)
        self.hits: dict[str, int] = {}
        self.missing_appears = False
        self.base = ""

    def paths(self) -> list[str]:
        return [p for _, p, _ in self.log]


def _make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None, length: bool = True) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = self.path
            site.log.append((time.monotonic(), path, self.headers.get("User-Agent", "")))
            n = site.hits[path] = site.hits.get(path, 0) + 1
            if path == "/robots.txt":
                return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if path == "/list.html":
                if self.headers.get("If-None-Match") == '"v1"':
                    return self._send(304)
                return self._send(200, LISTING, headers={"ETag": '"v1"'})
            if path == "/feed.xml":
                if self.headers.get("If-Modified-Since") == FEED_MODIFIED:
                    return self._send(304)
                return self._send(200, _feed(site.base), "application/rss+xml",
                                  headers={"Last-Modified": FEED_MODIFIED})
            pages = {"/news/gbk.html": (GBK_ARTICLE, "text/html; charset=gb2312"),
                     "/news/big5.html": (BIG5_ARTICLE, "text/html; charset=big5"),
                     "/news/feed1.html": (FEED_ARTICLE, "text/html"),
                     "/news/multi.html": (MULTI_PAGE_1, "text/html"),
                     "/news/multi_2.html": (MULTI_PAGE_2, "text/html"),
                     "/private/secret.html": (OTHER_ARTICLE, "text/html")}
            if path in pages:
                return self._send(200, pages[path][0], pages[path][1])
            if path == "/news/slow.html":
                time.sleep(TIMEOUT * 3)
                return self._send(200, OTHER_ARTICLE)
            if path == "/news/flaky.html":  # 503 once, then the page
                return self._send(503) if n == 1 else self._send(200, FLAKY_ARTICLE)
            if path == "/news/busy.html":  # 429 with Retry-After once, then the page
                if n == 1:
                    return self._send(429, headers={"Retry-After": "1"})
                return self._send(200, BUSY_ARTICLE)
            if path == "/news/later.html":  # asks for an hour: over the bound, so no waiting
                return self._send(429, headers={"Retry-After": "3600"})
            if path == "/news/big.html":  # declared over the cap
                return self._send(200, b"<p>" + b"x" * (CAP + 10) + b"</p>")
            if path == "/news/bigger.html":  # over the cap, no Content-Length: counted while reading
                return self._send(200, b"<p>" + b"y" * (CAP * 2) + b"</p>", length=False)
            if path == "/news/bomb.html":
                return self._send(200, bomb(), headers={"Content-Encoding": "gzip"})
            if path == "/news/moved.html":  # same server, another host name: off-site
                port = self.server.server_address[1]
                return self._send(302, headers={"Location": f"http://localhost:{port}/news/elsewhere.html"})
            if path == "/news/missing.html" and site.missing_appears:
                return self._send(200, LATE_ARTICLE)
            if path == "/news/broken.html":
                return self._send(500)
            return self._send(404, b"not found")

    return Handler


@pytest.fixture()
def site():
    bomb()  # compressed before serving: made on the first request, it ate the client's 0.5 s deadline
    yield from serve_site(Site(), _make_handler)


def _source(base: str, *starts: str, delay: float = 0, name: str = "fixture") -> Source:
    urls = ", ".join(f'"{base}{s}"' for s in (starts or ("/list.html", "/feed.xml")))
    return parse_sources(
        f'[[source]]\nname = "{name}"\nstart_urls = [{urls}]\n'
        f'article_pattern = "/(news|private)/\\\\w+\\\\.html"\ntimeout = {TIMEOUT}\ndelay = {delay}\n'
    )[0]


def _fetcher(state: FetchState | None = None, **kw) -> Fetcher:
    return Fetcher(max_bytes=CAP, backoff=0.05, max_retry_after=5, state=state, **kw)


def _reasons(result: FetchResult, base: str) -> dict[str, str]:
    return {f.location.removeprefix(base): f.reason for f in result.failures}


def test_first_and_second_run(site, tmp_path):
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    source, state = _source(site.base), FetchState(db)
    started = time.monotonic()
    with Store(db) as store:
        first = fetch_source(source, _fetcher(state), known=store.known_locations, state=state)
    assert time.monotonic() - started < 8

    # fetched: GBK, Big5, the feed's article, the two-page article, and the two that needed a retry
    assert sorted(d.url.removeprefix(site.base) for d in first.docs) == [
        "/news/big5.html", "/news/busy.html", "/news/feed1.html", "/news/flaky.html", "/news/gbk.html",
        "/news/multi.html"]
    reasons = _reasons(first, site.base)
    assert sorted(reasons) == ["/news/big.html", "/news/bomb.html", "/news/broken.html", "/news/missing.html",
                               "/news/moved.html", "/news/slow.html"]
    assert all(r.startswith("fetch failed: ") for r in reasons.values())
    assert "timeout" in reasons["/news/slow.html"]
    assert "over-size" in reasons["/news/big.html"] and "Content-Length" in reasons["/news/big.html"]
    assert "after decompression" in reasons["/news/bomb.html"]
    assert "redirect refused" in reasons["/news/moved.html"] and "off-site" in reasons["/news/moved.html"]
    assert "HTTP 404" in reasons["/news/missing.html"]
    assert "HTTP 500 after 3 attempts" in reasons["/news/broken.html"]
    assert first.skipped == [(f"{site.base}/private/secret.html", "skipped: robots.txt disallows it")]

    # what the server saw: robots.txt once, no off-site or non-http link, no _2 page on its own
    paths = site.paths()
    assert paths.count("/robots.txt") == 1 and paths[0] == "/robots.txt"
    assert "/private/secret.html" not in paths and "/news/elsewhere.html" not in paths
    assert paths.count("/news/multi_2.html") == 1 and paths.count("/news/gbk.html") == 1  # the feed's copy is one page
    assert site.hits["/news/flaky.html"] == 2 and site.hits["/news/broken.html"] == 3
    assert site.hits["/news/slow.html"] == 1  # a read timeout is not retried
    busy = [t for t, p, _ in site.log if p == "/news/busy.html"]
    assert len(busy) == 2 and busy[1] - busy[0] >= 0.95  # Retry-After: 1 honoured
    assert {ua for _, _, ua in site.log} == {USER_AGENT} and "pairwatch" in USER_AGENT

    (multi,) = [d for d in first.docs if d.url.endswith("/multi.html")]
    assert multi.more_pages == [MULTI_PAGE_2]
    assert all(d.more_pages == [] for d in first.docs if d is not multi)

    parsed, parse_failures = steps.parse_docs(first.docs)
    counts = steps.store_batch(db, parsed, first.failures + parse_failures)
    titles = {ex.article.url.removeprefix(site.base): ex.article.title for ex in parsed}
    assert titles["/news/gbk.html"] == "宁波市与延边州召开对口合作推进会"
    assert titles["/news/big5.html"] == "厦门市对口帮扶临夏州工作座谈会召开"  # Big5, read as Simplified
    assert counts["new_articles"] == 6 and counts["failed"] == 6 and not parse_failures
    (two,) = [ex for ex in parsed if ex.article.url.endswith("/multi.html")]
    assert "第一页到此为止" in two.article.text and "第二页写道" in two.article.text  # both pages, joined

    # second run: both start URLs answer 304, robots.txt comes from the state, stored pages are not asked
    site.log.clear()
    site.missing_appears = True
    with Store(db) as store:
        second = fetch_source(source, _fetcher(state), known=store.known_locations, state=state)
    assert second.unchanged == [f"{site.base}/list.html", f"{site.base}/feed.xml"]
    asked = site.paths()
    assert asked[:2] == ["/list.html", "/feed.xml"] and "/robots.txt" not in asked
    retried = sorted(set(asked[2:]))
    expected_retries = ["/news/big.html", "/news/bomb.html", "/news/broken.html", "/news/missing.html",
                        "/news/moved.html", "/news/slow.html"]
    assert retried == sorted(expected_retries)  # failures are retried; nothing stored is fetched again
    assert [d.url.removeprefix(site.base) for d in second.docs if "missing" in d.url] == ["/news/missing.html"]
    parsed2, parse_failures2 = steps.parse_docs(second.docs)
    counts2 = steps.store_batch(db, parsed2, second.failures + parse_failures2)
    assert counts2["new_articles"] == 1 and counts2["failed"] == len(second.failures) + len(parse_failures2)
    with Store(db) as store:
        open_failures = {f.location.removeprefix(site.base) for f in store.failures_since(None)}
    assert "/news/missing.html" not in open_failures and "/news/broken.html" in open_failures


def test_gzip_bomb_and_oversize_stop_at_the_cap(site):
    source = _source(site.base)
    fetcher = _fetcher()
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="after decompression"):
            fetcher.get(f"{site.base}/news/bomb.html", scope_of(source), TIMEOUT, 0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * CAP  # 30 MB inflated would show here
    with pytest.raises(FetchError, match="over the 1000000-byte cap"):
        fetcher.get(f"{site.base}/news/bigger.html", scope_of(source), TIMEOUT, 0)


def test_retry_after_over_the_bound_fails_at_once(site):
    started = time.monotonic()
    with pytest.raises(FetchError, match="Retry-After 3600 s, over the 5 s bound"):
        _fetcher().get(f"{site.base}/news/later.html", scope_of(_source(site.base)), TIMEOUT, 0)
    assert site.hits["/news/later.html"] == 1 and time.monotonic() - started < 1


def test_per_host_delay_is_kept(site):
    source = _source(site.base, "/list.html", delay=0.3)
    fetcher = _fetcher()
    for name in ("gbk", "big5", "multi_2"):
        fetcher.get(f"{site.base}/news/{name}.html", scope_of(source), TIMEOUT, source.delay)
    times = [t for t, _, _ in site.log]  # robots.txt, then three pages
    assert len(times) == 4
    assert all(b - a >= 0.28 for a, b in zip(times, times[1:], strict=False))


def test_private_addresses_refused_for_public_sources(site):
    port = int(site.base.rsplit(":", 1)[1])
    public = Scope(hosts=frozenset({"127.0.0.1"}), allow_private=False, ports=frozenset({("127.0.0.1", port)}))
    with pytest.raises(FetchError, match="127.0.0.1 is a non-public address"):
        _fetcher().get(f"{site.base}/news/gbk.html", public, TIMEOUT, 0)
    assert site.log == []  # refused before anything was sent, robots.txt included
    assert is_local_host("127.0.0.1") and is_local_host("10.1.2.3") and is_local_host("localhost")
    assert not is_local_host("www.gov.cn") and not is_local_host("8.8.8.8")
    assert scope_of(_source(site.base)).allow_private
    seeds = parse_sources('[[source]]\nname = "p"\nstart_urls = ["https://www.sc.gov.cn/a.shtml"]\narticle_pattern = "x"\n')
    assert not scope_of(seeds[0]).allow_private


def test_unreachable_source_is_recorded_and_the_run_goes_on(site, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"  # closed when the block ends: connection refused
    fetcher = _fetcher()
    gone = fetch_source(_source(dead, "/list.html", name="gone"), fetcher)
    (failure,) = gone.failures
    assert failure.location == f"{dead}/list.html" and failure.source == "gone"
    assert "robots.txt unavailable: unreachable" in failure.reason and not gone.docs
    alive = fetch_source(_source(site.base, "/feed.xml", name="alive"), fetcher)
    assert [d.url for d in alive.docs] == [f"{site.base}/news/feed1.html", f"{site.base}/news/gbk.html"]


def test_limit_defers_links_to_the_next_run(site, tmp_path):
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    source, state = _source(site.base, "/feed.xml"), FetchState(db)
    with Store(db) as store:
        first = fetch_source(source, _fetcher(state), known=store.known_locations, state=state, limit=1)
        assert len(first.docs) == 1 and len(first.deferred) == 1
        steps.store_batch(db, steps.parse_docs(first.docs)[0], [])
        # the feed answers 304, yet the deferred link is not lost; the stored one is not fetched again
        second = fetch_source(source, _fetcher(state), known=store.known_locations, state=state)
    assert second.unchanged == [f"{site.base}/feed.xml"]
    assert [d.url for d in second.docs] == first.deferred and second.already_stored == 1


def test_a_link_that_keeps_failing_is_given_up_after_max_attempts(site, tmp_path):
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    state = FetchState(db)
    (source,) = parse_sources(f'[[source]]\nname = "m"\nstart_urls = ["{site.base}/list.html"]\n'
                              f'article_pattern = "/news/missing\\\\.html"\ntimeout = {TIMEOUT}\ndelay = 0\n')
    for _ in range(2):
        run = fetch_source(source, _fetcher(state), state=state, max_attempts=2)
        assert [f.location for f in run.failures] == [f"{site.base}/news/missing.html"]
    assert run.unchanged == [f"{site.base}/list.html"]  # the second run found it through the state
    assert state.get(f"{site.base}/news/missing.html").attempts == 2
    state.put(FetchEntry(url=f"{site.base}/list.html", source="m", kind="listing"))  # forget the ETag
    site.log.clear()
    third = fetch_source(source, _fetcher(state), state=state, max_attempts=2)
    assert site.paths() == ["/list.html"] and not third.failures and not third.docs


def test_a_link_whose_runs_were_all_killed_on_it_is_given_up_as_a_recorded_failure(site, tmp_path):
    """Attempts cut off by kills (begun, never ended) count; used up, the link is reported once,
    with the reason, and then left alone, never silently done."""
    state = FetchState(f"sqlite:///{tmp_path / 'pw.db'}")
    (source,) = parse_sources(f'[[source]]\nname = "k"\nstart_urls = ["{site.base}/list.html"]\n'
                              f'article_pattern = "/news/gbk\\\\.html"\ntimeout = {TIMEOUT}\ndelay = 0\n')
    url = f"{site.base}/news/gbk.html"
    for _ in range(2):
        state.begin_attempt(url, "k")  # two runs killed while this page was in flight
    run = fetch_source(source, _fetcher(state), state=state, max_attempts=2)
    [failure] = run.failures
    assert failure.location == url and "interrupted" in failure.reason and "given up after 2 attempts" in failure.reason
    assert run.docs == [] and site.hits.get("/news/gbk.html") is None
    assert state.get(url).done
    again = fetch_source(source, _fetcher(state), state=state, max_attempts=2)
    assert again.failures == [] and again.docs == []  # reported once


def test_a_fetched_page_is_not_a_failed_attempt(site, tmp_path):
    state = FetchState(f"sqlite:///{tmp_path / 'pw.db'}")
    source = _source(site.base, "/feed.xml")
    for _ in range(3):  # fetched three times, stored never (as a run killed before storing)
        run = fetch_source(source, _fetcher(state), state=state, max_attempts=2)
        assert len(run.docs) == 2 and run.failures == []
        state.put(FetchEntry(url=f"{site.base}/feed.xml", source="fixture", kind="listing"))  # forget the validators
    assert state.get(f"{site.base}/news/feed1.html").attempts == 0
