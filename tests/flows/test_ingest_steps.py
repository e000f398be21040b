"""The ingest steps without Prefect: sources file validation, link discovery (listings, feeds,
continuation pages), fetching from a loopback server, batches."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest
from conftest import SEEDS
from webserver import serving

from fetching.crawl import continuation_links, drop_continuations, feed_links, listing_links, looks_like_feed
from fetching.fetch import Fetcher, article_links, fetch_source
from fetching.http import retry_after_seconds
from fetching.sources import Source, SourcesError, load_sources, parse_sources
from flows import steps
from store import Store
from store.fetch_state import FetchState

ARTICLE = (
    "<html><head><meta charset='gbk'><title>示例</title></head><body>"
    "<div class='nav'>首页 > 新闻</div><h1>宁波市对口帮扶延边州工作会议召开</h1>"
    "<p>发布时间:2024-03-05 09:30</p>"
    "<p>会上,宁波市向延边州捐赠500万元,用于乡村道路和学校建设。双方表示将继续深化合作。</p>"
    "<p>宁波市对口帮扶延边州以来,两地在产业、教育、医疗等领域开展了广泛合作,成效显著。</p>"
    "</body></html>"
).encode("gbk")
LISTING = (b"<html><body><a href='/news/1.html'>one</a><a href='/news/2.html'>two</a>"
           b"<a href='http://elsewhere.example/news/3.html'>off-site</a><a href='/about.html'>about</a></body></html>")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        pages = {"/list.html": LISTING, "/news/1.html": ARTICLE}
        body = pages.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=gb2312" if self.path.startswith("/news") else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def site():
    with serving(Handler) as base:
        yield base


def _source(base: str) -> Source:
    return parse_sources(
        f'[[source]]\nname = "local"\nstart_urls = ["{base}/list.html"]\n'
        'article_pattern = "/news/\\\\d+\\\\.html"\ntimeout = 5\ndelay = 0\n'
    )[0]


def test_seed_sources_file_loads():
    sources = load_sources(SEEDS / "sources.toml")
    assert len(sources) == 5 and all(s.start_urls and s.timeout == 20 and s.delay == 1 for s in sources)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[source]]\nname = "bad-url"\nstart_urls = ["ftp//x"]\narticle_pattern = "a"\n', "bad-url"),
        ('[[source]]\nname = "bad-re"\nstart_urls = ["https://a.example/"]\narticle_pattern = "(["\n', "bad-re"),
        ('[[source]]\nname = "no-urls"\nstart_urls = []\narticle_pattern = "a"\n', "no-urls"),
        ("not toml at all [", "TOML"),
        ('[[source]]\nname = "typo"\nstart_urls = ["https://a.example/"]\narticle_pattern = "a"\ntimout = 3\n',
         "typo.*unknown key.*timout"),
        ('[[source]]\nname = "js"\nstart_urls = ["javascript:alert(1)"]\narticle_pattern = "a"\n', "js"),
        ('[[source]]\nname = "port"\nstart_urls = ["http://a.example:99999/"]\narticle_pattern = "a"\n', "port"),
        ('[[source]]\nname = "forever"\nstart_urls = ["https://a.example/"]\narticle_pattern = "a"\ntimeout = inf\n',
         "forever"),
        ('[[source]]\nname = "hosty"\nstart_urls = ["https://a.example/"]\narticle_pattern = "a"\n'
         'hosts = ["https://b.example/x"]\n', "hosty.*bare host"),
        ('[[source]]\nname = "unsure"\nstart_urls = ["https://a.example/"]\narticle_pattern = "a"\nverified = "yes"\n',
         "unsure.*verified must be true or false"),
        ('[[source]]\nname = "when"\nstart_urls = ["https://a.example/"]\narticle_pattern = "a"\n'
         'verified_on = "last week"\n', "when.*verified_on must be a date"),
        ('[[source]]\nname = "instant"\nstart_urls = ["https://a.example/"]\narticle_pattern = "a"\n'
         'verified_on = 2026-12-07T10:00:00\n', "instant.*verified_on must be a date"),
    ],
)
def test_invalid_sources_are_refused_naming_the_entry(body, message):
    with pytest.raises(SourcesError, match=message):
        parse_sources(body)


def test_verification_keys_are_read_as_a_check_writes_them():
    (source,) = parse_sources('[[source]]\nname = "ok"\nstart_urls = ["https://a.example/"]\narticle_pattern = "a"\n'
                              'verified = true\nverified_on = 2026-12-07\n')
    assert source.verified and source.verified_on.isoformat() == "2026-12-07"


def test_extra_hosts_widen_the_source():
    (source,) = parse_sources('[[source]]\nname = "two"\nstart_urls = ["https://www.a.example/list"]\n'
                              'article_pattern = "/c/"\nhosts = ["news.a.example"]\n')
    assert source.hosts == ("news.a.example", "www.a.example")


def test_listing_links_stay_on_the_source_and_match_the_pattern(site):
    links = article_links(LISTING, f"{site}/list.html", _source(site))
    assert links == [f"{site}/news/1.html", f"{site}/news/2.html"]


def test_fetch_records_failures_and_parses_what_arrived(site, tmp_path):
    result = fetch_source(_source(site), Fetcher())
    docs, failures = result.docs, result.failures
    assert [d.url for d in docs] == [f"{site}/news/1.html"]
    assert [f.location for f in failures] == [f"{site}/news/2.html"] and "404" in failures[0].reason
    parsed, parse_failures = steps.parse_docs(docs)
    assert not parse_failures
    (ex,) = parsed
    assert ex.article.title == "宁波市对口帮扶延边州工作会议召开"
    assert ex.article.published.isoformat() == "2024-03-05T09:30:00+08:00"
    assert [(f.amount_yuan, f.kind, f.donor.name) for f in ex.funding] == [(5_000_000, "捐赠", "宁波市")]
    assert "首页" not in ex.article.text


def test_stored_articles_are_not_fetched_again(site, tmp_path):
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    first = fetch_source(_source(site), Fetcher())
    parsed, _ = steps.parse_docs(first.docs)
    steps.store_batch(db, parsed, first.failures)
    with Store(db) as store:
        again = fetch_source(_source(site), Fetcher(), known=store.known_locations)
    assert again.docs == [] and again.already_stored == 1
    assert [f.location for f in again.failures] == [f"{site}/news/2.html"]  # the failed one is tried again


def test_ingest_sources_runs_every_source_stores_and_keeps_state(site, tmp_path):
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    sources = parse_sources(
        f'[[source]]\nname = "here"\nstart_urls = ["{site}/list.html"]\n'
        'article_pattern = "/news/\\\\d+\\\\.html"\ntimeout = 5\ndelay = 0\n'
        '[[source]]\nname = "nowhere"\nstart_urls = ["http://127.0.0.1:9/list.html"]\n'
        'article_pattern = "/a/"\ntimeout = 1\ndelay = 0\n'
    )
    counts = steps.ingest_sources(sources, db)
    assert counts["fetched"] == 1 and counts["new_articles"] == 1
    with Store(db) as store:
        assert store.known_locations([f"{site}/news/1.html"]) == {f"{site}/news/1.html"}
        failures = store.failures_since(None)
    assert {f.location: f.source for f in failures} == {f"{site}/news/2.html": "here",
                                                        "http://127.0.0.1:9/list.html": "nowhere"}
    state = FetchState(db)
    assert state.get(f"{site}/list.html").status == 200
    stored = state.get(f"{site}/news/1.html")
    assert stored.done and stored.attempts == 0  # fetched and stored: no attempt counted against it


def test_store_batch_counts_and_is_idempotent(tmp_path):
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    docs, read_failures = steps.read_local(steps.local_locations([str(SEEDS)]) + [str(tmp_path / "gone.txt")])
    parsed, parse_failures = steps.parse_docs(docs)
    first = steps.store_batch(db, parsed, parse_failures + read_failures)
    assert first["new_articles"] == 5 and first["failed"] == 1
    second = steps.store_batch(db, parsed, [])
    assert second["new_articles"] == 0 and second["duplicates"] == 5 and second["new_pairings"] == 0


def test_ingest_sources_survives_a_crash_on_one_source(site, tmp_path, monkeypatch):
    import fetching.fetch

    real = fetching.fetch.listing_links

    def fragile(data, url, content_type, source):
        if source.name == "first":
            raise RuntimeError("listing made the crawler trip")
        return real(data, url, content_type, source)

    monkeypatch.setattr(fetching.fetch, "listing_links", fragile)
    toml = "".join(
        f'[[source]]\nname = "{name}"\nstart_urls = ["{site}/list.html"]\n'
        'article_pattern = "/news/1\\\\.html"\ntimeout = 5\ndelay = 0\n'
        for name in ("first", "second")
    )
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    counts = steps.ingest_sources(parse_sources(toml), db)
    assert counts["fetched"] == 1 and counts["new_articles"] == 1
    with Store(db) as store:
        # recorded with its reason (then resolved: the second source read the same listing fine)
        (failure,) = store.failures_since(None, include_resolved=True)
        (article,) = [a for a in map(store.get_article, (1, 2)) if a]
    assert article.source == "second"
    assert failure.source == "first" and "RuntimeError: listing made the crawler trip" in failure.reason


def test_retry_after_bound_and_forms():
    assert retry_after_seconds("3") == 3
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # a date in the past: now


def test_links_on_listings_and_feeds():
    source = Source("s", ("https://news.example.cn/list.html",), r"/a/\d+\.html", hosts=("news.example.cn",))
    html = ("<base href='https://news.example.cn/sub/'><a href='../a/1.html'>1</a> <a href=' a/2.html '>2</a>"
            "<a href='https://news.example.cn/a/1.html?utm_source=x#c'>1 again</a>"
            "<a href='javascript:go(\"/a/3.html\")'>js</a><a href='data:text/html,/a/4.html'>data</a>"
            "<a href='file:///a/5.html'>file</a><a href='https://evil.example/a/6.html'>off</a>")
    assert article_links(html, "https://news.example.cn/list.html", source) == [
        "https://news.example.cn/a/1.html", "https://news.example.cn/sub/a/2.html"]
    atom = (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>"
            b"<entry><title>x</title><link rel='alternate' href='https://news.example.cn/a/7.html'/></entry>"
            b"<entry><title>y</title><link href='https://other.example/a/8.html'/></entry></feed>")
    assert looks_like_feed(atom) and not looks_like_feed(html.encode())
    assert feed_links(atom, "https://news.example.cn/feed", source) == ["https://news.example.cn/a/7.html"]


def test_continuation_pages_are_found_and_next_article_is_not():
    first = "https://n.example/c/2024/123.html"
    html = ("<a href='123_3.html'>3</a><a href='123_2.html'>2</a><a href='124.html'>下一篇</a>"
            "<a href='/list_2.html'>下一页</a><a href='123.html?page=4'>下一页</a>")
    assert continuation_links(html, first, first) == [
        "https://n.example/c/2024/123_2.html", "https://n.example/c/2024/123_3.html",
        "https://n.example/c/2024/123.html?page=4"]
    assert drop_continuations([first, "https://n.example/c/2024/123_2.html", "https://n.example/c/2024/9_2.html"]) == [
        first, "https://n.example/c/2024/9_2.html"]


def test_gbk_listing_with_chinese_paths():
    source = Source("s", ("http://a.example/list",), r"/新闻/\d+\.html", hosts=("a.example",))
    listing = "<html><body><a href='/新闻/12.html'>十二</a><a href='/其他/13.html'>十三</a></body></html>"
    assert listing_links(listing.encode("gbk"), "http://a.example/list", "text/html; charset=gbk", source) == [
        "http://a.example/%E6%96%B0%E9%97%BB/12.html"]
