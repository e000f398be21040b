"""A live ingest (`pairwatch ingest --sources`, the real CLI in a subprocess) killed with SIGKILL
while one very slow page is being sent, run after run: what it fetched before the kill is
stored, the slow page cannot stall every run, and the last run records it as a failure.

The site (loopback) lists the slow page first and ten good articles after it; the slow page
sends its headers and then a byte every half second, past the source's timeout.  A run is
killed (its whole process group: the CLI and the Prefect server it started) two seconds after
the slow page was asked for.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from conftest import ROOT
from webserver import serve_site

pytestmark = pytest.mark.prefect

PAIRS = [("杭州市", "恩施州"), ("宁波市", "凉山州"), ("温州市", "丽江市"), ("青岛市", "陇南市"), ("济南市", "湘西州"),
         ("厦门市", "临夏州"), ("福州市", "定西市"), ("天津市", "和田地区"), ("广州市", "毕节市"), ("苏州市", "铜仁市")]
GOOD = [f"/news/{i}.html" for i in range(len(PAIRS))]
SLOW = "/news/slow.html"
TIMEOUT = 6  # the source's timeout: the slow page would take longer than any run is given
KILL_AFTER = 2.0  # seconds after the slow page was asked for
MAX_KILLED_RUNS = 4


def _article(i: int) -> bytes:
    donor, recipient = PAIRS[i]
    return (f"<html><head><meta charset='utf-8'><title>{donor}对口帮扶{recipient}工作推进会召开</title></head><body>"
            f"<h1>{donor}对口帮扶{recipient}工作推进会召开</h1><p>发布时间：2024-05-{i + 1:02d} 10:00</p>"
            f"<p>会上，{donor}向{recipient}捐赠帮扶资金{100 * (i + 1)}万元，用于第{i}批乡村道路建设。</p>"
            f"<p>{donor}对口帮扶{recipient}以来，两地在产业和教育方面合作不断加深，第{i}个项目已经完工。</p>"
            "</body></html>").encode()


class Site:
    def __init__(self) -> None:
        self.base = ""
        self.asked: list[tuple[float, str]] = []
        self.lock = threading.Lock()

    def times(self, path: str) -> list[float]:
        with self.lock:
            return [t for t, p in self.asked if p == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes = b"") -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            with site.lock:
                site.asked.append((time.monotonic(), self.path))
            if self.path == "/list.html":
                links = "".join(f"<a href='{p}'>{p}</a>" for p in [SLOW, *GOOD])
                return self._send(200, f"<html><body>{links}</body></html>".encode())
            if self.path in GOOD:
                return self._send(200, _article(GOOD.index(self.path)))
            if self.path == SLOW:
                body = _article(0) * 50
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    for i in range(len(body)):
                        self.wfile.write(body[i : i + 1])
                        self.wfile.flush()
                        time.sleep(0.5)
                except OSError:
                    pass
                self.close_connection = True
                return None
            return self._send(404)

    return Handler


@pytest.fixture()
def site():
    yield from serve_site(Site(), _handler)


def _start(sources: Path, db: Path, home: Path, api_url: str) -> subprocess.Popen:
    # the session's Prefect server: a temporary one per run would cost 10-20 s of start-up each time
    env = dict(os.environ, PYTHONPATH=str(ROOT), PREFECT_HOME=str(home), PREFECT_API_URL=api_url)
    return subprocess.Popen([sys.executable, "-m", "flows.cli", "ingest", "--sources", str(sources),
                             "--db", f"sqlite:///{db}", "--json"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stored(db: Path, base: str) -> set[str]:
    if not db.exists():
        return set()
    with sqlite3.connect(db) as conn:
        try:
            rows = conn.execute("SELECT location FROM article_locations").fetchall()
        except sqlite3.OperationalError:  # killed before the tables were made
            return set()
    return {url.removeprefix(base) for (url,) in rows}


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()


def test_killed_live_ingests_keep_what_they_fetched_and_the_slow_page_cannot_stall_them(site, tmp_path,
                                                                                         prefect_server):
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "slowsite"\nstart_urls = ["{site.base}/list.html"]\n'
                       f'article_pattern = "/news/"\ntimeout = {TIMEOUT}\ndelay = 0\n', encoding="utf-8")
    db, home = tmp_path / "pw.db", tmp_path / "prefect"
    home.mkdir()
    stored_after: list[int] = []
    for run in range(MAX_KILLED_RUNS):
        asked_before = len(site.times(SLOW))
        proc = _start(sources, db, home, prefect_server)
        try:
            deadline = time.monotonic() + 180
            while len(site.times(SLOW)) == asked_before and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert proc.poll() is None, f"run {run} ended before the slow page was asked for: {proc.stderr.read()[-2000:]}"
            assert len(site.times(SLOW)) > asked_before, f"run {run} never asked for the slow page"
            time.sleep(KILL_AFTER)
        finally:
            _kill_group(proc)
        stored_after.append(len(_stored(db, site.base) & set(GOOD)))
        if stored_after[-1] == len(GOOD):
            break
    print(f"\ngood articles stored after each killed run: {stored_after}")
    assert stored_after[-1] == len(GOOD), f"after {len(stored_after)} killed runs: {stored_after}"
    assert len(stored_after) <= 2  # the first run is cut off on the slow page; the next goes round it

    with sqlite3.connect(db) as conn:
        attempts = dict(conn.execute("SELECT url, attempts FROM fetch_state WHERE kind = 'article'").fetchall())
    assert all(attempts[site.base + p] == 0 for p in GOOD), attempts  # a page fetched is no failed attempt
    assert attempts[site.base + SLOW] == len(stored_after)  # each kill cut one attempt at it short

    fetched_good = sum(len(site.times(p)) for p in GOOD)
    proc = _start(sources, db, home, prefect_server)  # the last run goes to its end: the slow page times out
    try:
        out, err = proc.communicate(timeout=240)
    finally:
        _kill_group(proc)
    assert proc.returncode == 3, err[-3000:]  # the CLI's "completed, but some documents failed"
    assert sum(len(site.times(p)) for p in GOOD) == fetched_good  # stored articles are not fetched again
    with sqlite3.connect(db) as conn:
        failures = dict(conn.execute("SELECT location, reason FROM failures WHERE NOT resolved").fetchall())
    assert list(failures) == [site.base + SLOW] and "timeout" in failures[site.base + SLOW], failures
    assert _stored(db, site.base) >= set(GOOD)
