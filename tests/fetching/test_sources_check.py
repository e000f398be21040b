"""`pairwatch sources check` against a real loopback site: a healthy listing, a feed, a listing
that moved (404), one whose links no longer match (and the pattern it suggests), one robots.txt
disallows, a slow one; then the command itself, in a fresh process that must not import Prefect,
writing its verdicts into the file with the comments kept."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from conftest import ROOT
from webserver import serving

from fetching.check import check_sources, suggest_pattern, url_shape
from fetching.http import Fetcher
from fetching.sources import load_sources

TIMEOUT = 0.5
HEALTHY = ("<html><body><ul>"
           "<li><a href='/healthy/content/2024-09/20/content_101.htm'>甲</a> <span>2024-09-20</span></li>"
           "<li><a href='/healthy/content/2024-09/18/content_100.htm'>乙</a> <span>2024-09-18</span></li>"
           "<li><a href='/about.html'>关于</a></li><li><a href='http://elsewhere.example/x/1.htm'>外站</a></li>"
           "</ul></body></html>")
CHANGED = ("<html><body><a href='/index.html'>首页</a><a href='/col/col1.html'>栏目</a>"
           "<a href='/art/2024/9/20/art_15461_1113009.html'>一</a>"
           "<a href='/art/2024/9/19/art_15461_1112990.html'>二</a>"
           "<a href='/art/2024/8/30/art_15461_1110001.html'>三</a></body></html>")
FEED = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>要闻</title>"
        "<item><title>a</title><link>{base}/feed/2.html</link><pubDate>Tue, 01 Oct 2024 08:00:00 GMT</pubDate></item>"
        "<item><title>b</title><link>{base}/feed/1.html</link><pubDate>Mon, 30 Sep 2024 08:00:00 GMT</pubDate></item>"
        "</channel></rss>")


class Site:
    def __init__(self) -> None:
        self.base = ""
        self.paths: list[str] = []


@pytest.fixture
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: str = "", ctype: str = "text/html; charset=utf-8") -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            state.paths.append(self.path)
            if self.path == "/robots.txt":
                return self._send(200, "User-agent: *\nDisallow: /private/\n", "text/plain")
            if self.path == "/healthy/list.html":
                return self._send(200, HEALTHY)
            if self.path == "/changed/list.html":
                return self._send(200, CHANGED)
            if self.path == "/feed.xml":
                return self._send(200, FEED.format(base=state.base), "application/rss+xml")
            if self.path == "/slow/list.html":
                time.sleep(TIMEOUT * 3)
                return self._send(200, HEALTHY)
            if self.path == "/private/list.html":
                return self._send(200, HEALTHY)
            return self._send(404, "not here")

    with serving(Handler) as base:
        state.base = base
        yield state


def _write_sources(site: Site, tmp_path: Path) -> Path:
    def entry(name: str, path: str, pattern: str, comment: str) -> str:
        return (f"# {comment}\n[[source]]\nname = \"{name}\"   # {name} inline\n"
                f"start_urls = [\"{site.base}{path}\"]\narticle_pattern = \"{pattern}\"\n"
                f"timeout = {TIMEOUT}\ndelay = 0\nverified = false\n\n")

    text = ("# the check's fixture catalogue: every comment must survive --write\n\n"
            + entry("healthy", "/healthy/list.html", "/content/\\\\d{4}-\\\\d{2}/\\\\d{2}/content_\\\\d+\\\\.htm",
                    "example: /healthy/content/2024-09/20/content_101.htm")
            + entry("feed", "/feed.xml", "/feed/\\\\d+\\\\.html", "a feed")
            + entry("moved", "/moved/list.html", "/content/\\\\d+\\\\.htm", "its column moved")
            + entry("changed", "/changed/list.html", "/content/\\\\d+\\\\.htm", "its URLs changed shape")
            + entry("private", "/private/list.html", "/content/", "robots.txt says no")
            + entry("slow", "/slow/list.html", "/content/", "answers too late"))
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_kind_of_listing_is_reported_as_it_is(site, tmp_path):
    sources = load_sources(_write_sources(site, tmp_path))
    checks = {c.name: c for c in check_sources(sources, Fetcher(retries=0), today=date(2026, 12, 7))}
    healthy = checks["healthy"].listings[0]
    assert checks["healthy"].healthy and healthy.status == 200 and healthy.robots_allowed is True
    assert (healthy.links, healthy.matching, healthy.newest) == (3, 2, "2024-09-20")  # off-site link not counted
    feed = checks["feed"].listings[0]
    assert checks["feed"].healthy and (feed.matching, feed.newest) == (2, "2024-10-01")
    moved = checks["moved"].listings[0]
    assert not checks["moved"].healthy and moved.status == 404 and not moved.reachable and "404" in moved.error
    changed = checks["changed"].listings[0]
    assert not checks["changed"].healthy and changed.reachable and changed.status == 200
    assert changed.matching == 0 and changed.links == 5
    assert changed.suggested_pattern == r"/art/\d{4}/\d+/\d+/art_\d+_\d+\.html$"
    assert sum(bool(re.search(changed.suggested_pattern, f"{site.base}{p}")) for p in
               ("/art/2024/9/20/art_15461_1113009.html", "/art/2024/8/30/art_15461_1110001.html", "/index.html")) == 2
    private = checks["private"].listings[0]
    assert not checks["private"].healthy and private.robots_allowed is False and "robots" in private.error
    assert "/private/list.html" not in site.paths  # never requested
    slow = checks["slow"].listings[0]
    assert not checks["slow"].healthy and not slow.reachable and "timeout" in slow.error


def test_a_suggested_pattern_comes_from_numbered_links_not_navigation():
    links = [f"http://h.example/nav/{n}.html" for n in ("a", "b", "c")] + [
        f"http://h.example/show.php?id={n}" for n in (1, 22, 333)] + ["http://h.example/t/2024/x.html"]
    assert suggest_pattern(links) == r"/show\.php\?id=\d+"
    assert suggest_pattern(["http://h.example/only/1.html"]) is None  # one link is no shape
    assert url_shape("http://h.example/c/20240920/a-1.shtml") == r"/c/\d{8}/a-\d+\.shtml$"


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from flows.cli import main; rc = main(sys.argv[1:]); "
         "assert 'prefect' not in sys.modules, 'sources check imported prefect'; sys.exit(rc)", "sources", "check",
         *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )


def test_the_command_reports_json_exits_1_on_a_bad_source_and_write_keeps_comments(site, tmp_path):
    path = _write_sources(site, tmp_path)
    before = path.read_text(encoding="utf-8")
    proc = _run_cli(str(path), "--json", "--write")
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["healthy"] is False
    assert {s["name"]: s["healthy"] for s in report["sources"]} == {
        "healthy": True, "feed": True, "moved": False, "changed": False, "private": False, "slow": False}
    after = path.read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if "#" in line]
    assert comments and all(line in after.splitlines() for line in comments)
    verified = {s.name: (s.verified, s.verified_on) for s in load_sources(path)}
    today = date.fromisoformat(report["checked_on"])
    assert verified == {"healthy": (True, today), "feed": (True, today), "moved": (False, None),
                        "changed": (False, None), "private": (False, None), "slow": (False, None)}


def test_the_command_exits_0_when_every_source_checked_is_healthy_and_prints_a_table(site, tmp_path):
    path = _write_sources(site, tmp_path)
    proc = _run_cli(str(path), "--only", "healthy", "--only", "feed")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:3] == ["source", "health", "status"]
    assert [line.split()[:2] for line in lines[1:3]] == [["healthy", "ok"], ["feed", "ok"]]
    assert lines[-1] == "2 of 2 sources healthy"


def test_the_command_refuses_an_invalid_file_with_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nname = "x"\nstart_urls = ["http://a.example/"]\narticle_pattern = "("\n')
    proc = _run_cli(str(bad))
    assert proc.returncode == 2 and "not a valid regex" in proc.stderr
