"""The ingest steps without Prefect: sources file validation, fetching from a loopback server, batches."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import SEEDS

from flows import steps
from flows.fetch import Fetcher, article_links, fetch_source
from flows.sources import Source, SourcesError, load_sources, parse_sources
from store import Store

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
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


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
    ],
)
def test_invalid_sources_are_refused_naming_the_entry(body, message):
    with pytest.raises(SourcesError, match=message):
        parse_sources(body)


def test_listing_links_stay_on_the_source_and_match_the_pattern(site):
    links = article_links(LISTING, f"{site}/list.html", _source(site))
    assert links == [f"{site}/news/1.html", f"{site}/news/2.html"]


def test_fetch_records_failures_and_parses_what_arrived(site, tmp_path):
    docs, failures = fetch_source(_source(site), Fetcher())
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
    docs, failures = fetch_source(_source(site), Fetcher())
    parsed, _ = steps.parse_docs(docs)
    steps.store_batch(db, parsed, failures)
    with Store(db) as store:
        again, _ = fetch_source(_source(site), Fetcher(), known=store.known_locations)
    assert again == []


def test_store_batch_counts_and_is_idempotent(tmp_path):
    db = f"sqlite:///{tmp_path / 'pw.db'}"
    docs, read_failures = steps.read_local(steps.local_locations([str(SEEDS)]) + [str(tmp_path / "gone.txt")])
    parsed, parse_failures = steps.parse_docs(docs)
    first = steps.store_batch(db, parsed, parse_failures + read_failures)
    assert first["new_articles"] == 5 and first["failed"] == 1
    second = steps.store_batch(db, parsed, [])
    assert second["new_articles"] == 0 and second["duplicates"] == 5 and second["new_pairings"] == 0
