"""fetching/crawl.py on hostile markup: a 10 MB page of nested <div>s, as a listing or as an
article, is refused before any tree is built, with a reason that says so; the rest of the
source goes on.  (Peak memory is measured by bench/hostile_memory.py, not here.)
"""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest
from webserver import serving

from fetching.crawl import HostileMarkup, article_links, continuation_links, listing_links
from fetching.fetch import fetch_source
from fetching.http import Fetcher
from fetching.sources import Source, parse_sources
from parsers.deadline import MAX_ELEMENTS

NESTED = (b"<html><body>" + b"<div>" * (10 * 1024 * 1024 // 5))[: 10 * 1024 * 1024]
ARTICLE = ("<html><head><meta charset='utf-8'><title>杭州市对口帮扶恩施州</title></head><body><h1>杭州市对口帮扶恩施州</h1>"
           "<p>会上，杭州市向恩施州捐赠帮扶资金500万元，用于乡村道路建设。</p></body></html>").encode()
SOURCE = Source("s", ("http://s.example/list",), r"/a/", hosts=("s.example",))


def test_a_page_over_the_element_cap_is_refused_before_it_is_read():
    with pytest.raises(HostileMarkup, match=r"2097152 start tags, over the cap of 150000"):
        listing_links(NESTED, "http://s.example/list", "text/html", SOURCE)
    with pytest.raises(HostileMarkup, match="start tags, over the cap"):
        continuation_links(NESTED.decode(), "http://s.example/a/1.html", "http://s.example/a/1.html")


def test_pages_within_the_cap_are_read_as_before():
    many = "".join(f"<a href='/a/{i}.html'>{i}</a>" for i in range(MAX_ELEMENTS // 2 - 10))
    assert len(article_links(f"<html><body>{many}</body></html>", "http://s.example/list", SOURCE)) == MAX_ELEMENTS // 2 - 10
    deep = "<div>" * 200 + "<a href='/a/deep.html'>deep</a>" + "</div>" * 200
    assert article_links(deep, "http://s.example/list", SOURCE) == ["http://s.example/a/deep.html"]
    assert continuation_links("<p><a href='1_2.html'> 下一页 </a></p>", "http://s.example/a/1.html",
                              "http://s.example/a/1.html") == ["http://s.example/a/1_2.html"]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        pages = {"/list.html": b"<a href='/a/nested.html'>n</a><a href='/a/fine.html'>f</a>",
                 "/nested-list.html": NESTED, "/a/nested.html": NESTED, "/a/fine.html": ARTICLE}
        body = pages.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")


def test_a_hostile_article_or_listing_is_a_recorded_failure_and_the_source_goes_on():
    with serving(Handler) as base:
        (source,) = parse_sources(f'[[source]]\nname = "h"\nstart_urls = ["{base}/list.html", "{base}/nested-list.html"]\n'
                                  'article_pattern = "/a/"\ntimeout = 10\ndelay = 0\n')
        result = fetch_source(source, Fetcher())
    reasons = {f.location.removeprefix(base): f.reason for f in result.failures}
    assert reasons == {
        "/nested-list.html": "listing is hostile markup: 2097152 start tags, over the cap of 150000 (not read)",
        "/a/nested.html": "fetch failed: page is hostile markup: 2097152 start tags, over the cap of 150000 (not read)",
    }
    assert [d.url for d in result.docs] == [f"{base}/a/fine.html"]
