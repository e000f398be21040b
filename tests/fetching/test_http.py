"""fetching/http.py and fetching/connection.py under a hostile server, on loopback: redirects that
two URL parsers read differently (a canary server on the other port must receive nothing), a
host name that resolves to a private address, and senders too slow for the deadline.
"""

from __future__ import annotations

import socket
import time
from http.server import BaseHTTPRequestHandler

import pytest
from webserver import serve_site

from fetching.fetch import fetch_source, scope_of
from fetching.http import Fetcher
from fetching.sources import Source, parse_sources
from fetching.webtypes import FetchError, Scope, check_target
from store.fetch_state import FetchState

ARTICLE = ("<html><head><meta charset='utf-8'><title>杭州市对口帮扶恩施州</title></head><body>"
           "<h1>杭州市对口帮扶恩施州</h1><p>会上，杭州市向恩施州捐赠帮扶资金500万元。</p></body></html>").encode()


class Site:
    """What a test site serves (``routes``: path -> handler name) and every path it was asked for."""

    def __init__(self) -> None:
        self.base = ""
        self.asked: list[str] = []
        self.routes: dict[str, str] = {}
        self.location = ""
        self.healed = False


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def _trickle(self, data: bytes) -> None:
            """One byte a second, until the client goes away."""
            try:
                for i in range(len(data)):
                    self.wfile.write(data[i : i + 1])
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            self.close_connection = True

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.asked.append(self.path)
            route = site.routes.get(self.path, "404")
            if route.startswith("slow") and site.healed:
                route = "article"
            if route == "404":
                return self._send(404)
            if route == "listing":
                links = "".join(f"<a href='{p}'>{p}</a>" for p, r in site.routes.items() if r != "listing")
                return self._send(200, links.encode())
            if route == "article":
                return self._send(200, ARTICLE)
            if route == "redirect":
                return self._send(302, Location=site.location)
            if route == "slow_body":  # honest headers, a Content-Length, then a byte a second
                self.send_response(200)
                self.send_header("Content-Length", str(len(ARTICLE)))
                self.end_headers()
                self.wfile.flush()
                return self._trickle(ARTICLE)
            if route == "slow_headers":  # the status line and headers themselves at a byte a second
                return self._trickle(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Padding: " + b"x" * 60 + b"\r\n\r\nhello")
            return self._send(500)

    return Handler


@pytest.fixture()
def site():
    yield from serve_site(Site(), _handler)


@pytest.fixture()
def canary():
    """Another server, on another port: a fetch that reaches it has gone where it must not."""
    yield from serve_site(Site(), _handler)


def _source(base: str, timeout: float = 2) -> Source:
    return parse_sources(f'[[source]]\nname = "t"\nstart_urls = ["{base}/list.html"]\n'
                         f'article_pattern = "/a/"\ntimeout = {timeout}\ndelay = 0\n')[0]


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def test_a_backslash_redirect_never_reaches_the_host_urllib3_would_read(site, canary):
    """``http://127.0.0.1:P2\\@localhost:P1/...``: urlsplit reads localhost:P1 (the source),
    urllib3 would connect to 127.0.0.1:P2 (the canary). Refused; the canary hears nothing."""
    site.base = site.base.replace("127.0.0.1", "localhost")  # the source is localhost:P1
    site.routes = {"/list.html": "listing", "/a/1.htm": "redirect"}
    site.location = f"http://127.0.0.1:{_port(canary.base)}\\@localhost:{_port(site.base)}/a/1.htm"
    canary.routes = {"/a/1.htm": "article"}
    result = fetch_source(_source(site.base), Fetcher(backoff=0.01))
    [failure] = result.failures
    assert "redirect refused" in failure.reason and "backslash" in failure.reason, failure.reason
    assert result.docs == [] and canary.asked == []


def test_a_redirect_to_another_port_of_the_same_host_is_refused(site, canary):
    site.routes = {"/list.html": "listing", "/a/1.htm": "redirect"}
    site.location = f"{canary.base}/a/1.htm"  # 127.0.0.1 as the source, another port
    canary.routes = {"/a/1.htm": "article"}
    result = fetch_source(_source(site.base), Fetcher(backoff=0.01))
    [failure] = result.failures
    assert f"port {_port(canary.base)} is not the source's" in failure.reason, failure.reason
    assert canary.asked == []


@pytest.mark.parametrize(("url", "why"), [
    ("http://127.0.0.1:1\\@s.example/a", "backslash"),
    ("http://169.254.169.254\\@s.example/latest/meta-data/", "backslash"),
    ("http://user:pw@s.example/a", "userinfo"),
    ("http://s.example@169.254.169.254/a", "userinfo"),
    ("http://s.example:8080/a", "port 8080"),
    ("http://s.example/a\r\nX: y", "control character"),
    ("http://s.example:99999/a", "unreadable host or port"),
    ("http://other.example/a", "off-site"),
])
def test_targets_that_parsers_could_read_two_ways_or_that_leave_the_source_are_refused(url: str, why: str):
    scope = Scope(hosts=frozenset({"s.example"}))
    with pytest.raises(FetchError, match=why):
        check_target(url, scope)


def test_the_sources_own_origins_pass_and_http_may_become_https():
    source = parse_sources('[[source]]\nname = "s"\nstart_urls = ["http://s.example/l", "http://t.example:8080/l"]\n'
                           'article_pattern = "a"\nhosts = ["m.s.example"]\n')[0]
    scope = scope_of(source)
    for url in ("http://s.example/a", "https://s.example/a", "https://s.example:443/a", "http://t.example:8080/b",
                "https://m.s.example/c"):
        assert check_target(url, scope)
    for url in ("http://t.example/b", "https://t.example/b", "http://s.example:8080/a"):
        with pytest.raises(FetchError, match="is not the source's"):
            check_target(url, scope)


def _name_for_loopback() -> str:
    """A host name (not 'localhost') that this machine resolves to a loopback address, as a
    rebinding DNS server would answer for a public-looking name."""
    name = socket.gethostname()
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(name, 80, type=socket.SOCK_STREAM)}
    except OSError:
        pytest.skip(f"this machine's name {name!r} does not resolve")
    if name.lower().rstrip(".") in ("localhost", "") or not all(a.startswith("127.") or a == "::1" for a in addresses):
        pytest.skip(f"this machine's name {name!r} does not resolve to loopback only ({addresses})")
    return name


def test_a_host_name_that_resolves_to_loopback_is_refused_at_the_connection(site):
    """A public source (a host *name*) whose DNS answers 127.0.0.1: the address actually connected
    to is checked, so nothing is sent, robots.txt included, and the reason names the address."""
    name = _name_for_loopback()
    base = f"http://{name}:{_port(site.base)}"
    site.routes = {"/list.html": "listing", "/a/1.htm": "article"}
    source = _source(base)
    assert not scope_of(source).allow_private
    result = fetch_source(source, Fetcher(backoff=0.01))
    [failure] = result.failures
    assert "resolves to non-public address 127." in failure.reason, failure.reason
    assert site.asked == []


@pytest.mark.parametrize("route", ["slow_body", "slow_headers"])
def test_a_one_byte_a_second_sender_ends_at_the_deadline_and_is_not_retried(site, route: str):
    site.routes = {f"/a/{route}": route}
    fetcher = Fetcher(backoff=0.01)
    scope = scope_of(_source(site.base))
    started = time.monotonic()
    with pytest.raises(FetchError, match="timeout") as caught:
        fetcher.get(f"{site.base}/a/{route}", scope, 2, 0)
    elapsed = time.monotonic() - started
    assert elapsed <= 3.2, f"{route}: {elapsed:.1f} s against a 2 s timeout ({caught.value.reason})"
    assert site.asked.count(f"/a/{route}") == 1  # one try: the next run tries again


def test_an_over_deadline_page_is_a_recorded_failure_fetched_on_a_later_run(site, tmp_path):
    site.routes = {"/list.html": "listing", "/a/slow_body": "slow_body", "/a/1.htm": "article"}
    state = FetchState(f"sqlite:///{tmp_path / 'pw.db'}")
    first = fetch_source(_source(site.base, timeout=1), Fetcher(backoff=0.01, state=state), state=state)
    assert [d.url for d in first.docs] == [f"{site.base}/a/1.htm"]
    [failure] = first.failures
    assert failure.location == f"{site.base}/a/slow_body" and "timeout" in failure.reason
    entry = state.get(f"{site.base}/a/slow_body")
    assert entry is not None and entry.attempts == 1 and not entry.done and "timeout" in (entry.reason or "")

    site.healed = True  # the slow page now answers at once
    second = fetch_source(_source(site.base, timeout=1), Fetcher(backoff=0.01, state=state), state=state)
    assert f"{site.base}/a/slow_body" in [d.url for d in second.docs] and second.failures == []


def test_a_proxy_from_the_environment_is_refused_unless_allowed(site, canary, monkeypatch):
    """HTTP_PROXY would carry the request past the address check: refused by default, nothing sent
    to the proxy; with PAIRWATCH_ALLOW_PROXY=1 it goes through the proxy (here a loopback server
    that reads the absolute URL it is asked for)."""
    site.routes = {"/list.html": "listing", "/a/1.htm": "article"}
    monkeypatch.setenv("HTTP_PROXY", canary.base)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("PAIRWATCH_ALLOW_PROXY", raising=False)
    result = fetch_source(_source(site.base), Fetcher(backoff=0.01))
    assert result.docs == [] and canary.asked == [] and site.asked == []
    assert any("proxy" in f.reason and "PAIRWATCH_ALLOW_PROXY" in f.reason for f in result.failures), result.failures

    monkeypatch.setenv("PAIRWATCH_ALLOW_PROXY", "1")
    fetch_source(_source(site.base), Fetcher(backoff=0.01))
    assert canary.asked and all(path.startswith(site.base) for path in canary.asked), canary.asked
