"""Peak memory on hostile HTML: a live ingest of 10 MB pages of nested <div>s, against the same
process's peak on ordinary pages.

    .venv/bin/python bench/hostile_memory.py            # every case, each in a fresh process
    .venv/bin/python bench/hostile_memory.py --json F   # also the figures as JSON (bench/run_all.py)

Each case runs in a process of its own (peak RSS only grows): it imports everything, serves a
loopback site from a thread (the hostile page built before anything is measured), ingests an
ordinary source through flows.steps.ingest_sources (fetch, parse, store: the baseline, its peak
RSS), then the hostile source the same way, and reports the peak after it, the ratio (budget:
1.5x, issue 17), the time taken and what was recorded.

Cases: the 10 MB page as an article, as a listing (a start URL), and the worst page allowed
through: just under the element cap (149,000 nested <div>s) padded with text to 10 MB; and
`ingest --path`'s way, the 10 MB page parsed from a file.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = 10 * 1024 * 1024
BUDGET = 1.5
CASES = ("article_nested_10mb", "listing_nested_10mb", "article_under_cap_10mb", "file_nested_10mb")
ORDINARY = ("<html><head><meta charset='utf-8'><title>杭州市对口帮扶恩施州工作推进会召开</title></head><body>"
            "<h1>杭州市对口帮扶恩施州工作推进会召开</h1><p>发布时间：2024-05-06 10:00</p>"
            "<p>会上，杭州市向恩施州捐赠帮扶资金500万元，用于乡村道路建设。</p>"
            "<p>杭州市对口帮扶恩施州以来，两地在产业和教育方面合作不断加深，群众得到了实惠。</p></body></html>").encode()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def hostile_page(case: str) -> bytes:
    """10 MB of nested <div>s (about 2 million), or 149,000 of them padded with text to 10 MB."""
    head = b"<html><head><meta charset='utf-8'></head><body>"
    if case == "article_under_cap_10mb":
        divs = 149_000
        text = "杭州市对口帮扶恩施州。".encode() * ((SIZE - divs * 11 - 1000) // 33)
        return head + b"<div>" * divs + text + b"</div>" * divs + b"</body></html>"
    return (head + b"<div>" * (SIZE // 5))[:SIZE]


def run_case(case: str) -> dict:
    """In this process: the baseline ingest, then the hostile one; the figures."""
    from fetching.sources import parse_sources
    from flows import steps
    from store import Store

    page = hostile_page(case)
    listing = b"<html><body><a href='/a/ordinary.html'>o</a><a href='/a/hostile.html'>h</a></body></html>"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            body = {"/ordinary/list.html": listing.replace(b"<a href='/a/hostile.html'>h</a>", b""),
                    "/hostile/list.html": page if case.startswith("listing") else listing,
                    "/a/ordinary.html": ORDINARY, "/a/hostile.html": page}.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory(prefix="pairwatch-hostile-") as tmp:
        db = f"sqlite:///{tmp}/pw.db"

        def source(name: str) -> list:
            return parse_sources(f'[[source]]\nname = "{name}"\nstart_urls = ["{base}/{name}/list.html"]\n'
                                 'article_pattern = "/a/"\ntimeout = 30\ndelay = 0\n')

        steps.ingest_sources(source("ordinary"), db)
        path = Path(tmp) / "hostile.html"
        if case.startswith("file"):  # the baseline reads an ordinary file the same way
            (Path(tmp) / "ordinary.html").write_bytes(ORDINARY)
            steps.store_batch(db, *steps.parse_docs(steps.read_local([f"{tmp}/ordinary.html"])[0]))
            path.write_bytes(page)
        baseline = _peak_mb()
        started = time.perf_counter()
        if case.startswith("file"):
            docs, _ = steps.read_local([str(path)])
            parsed, failures = steps.parse_docs(docs)
            steps.store_batch(db, parsed, failures)
        else:
            steps.ingest_sources(source("hostile"), db)
        spent = time.perf_counter() - started
        with Store(db) as store:
            recorded = [f.reason for f in store.failures_since(None)]
    server.shutdown()
    return {"case": case, "bytes": len(page), "baseline_mb": round(baseline), "peak_mb": round(_peak_mb()),
            "ratio": round(_peak_mb() / baseline, 2), "seconds": round(spent, 2), "recorded": recorded[:1]}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", choices=CASES, help="run one case in this process (used by the parent)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    args = ap.parse_args(argv)
    if args.case:
        print(json.dumps(run_case(args.case), ensure_ascii=False))
        return
    rows = []
    for case in CASES:
        proc = subprocess.run([sys.executable, __file__, "--case", case], capture_output=True, text=True,
                              cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                              timeout=900)
        if proc.returncode != 0:
            sys.exit(f"{case} failed:\n{proc.stderr[-3000:]}")
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(f"{'case':<26} {'MB':>5} {'baseline':>9} {'peak':>6} {'ratio':>6} {'s':>6}  recorded")
    for r in rows:
        print(f"{r['case']:<26} {r['bytes'] / 2**20:>5.1f} {r['baseline_mb']:>7} MB {r['peak_mb']:>3} MB "
              f"{r['ratio']:>5.2f}x {r['seconds']:>6.2f}  {(r['recorded'] or ['(stored)'])[0][:110]}")
    worst = max(r["ratio"] for r in rows)
    print(f"budget: peak <= {BUDGET}x the baseline process: {'met' if worst <= BUDGET else 'NOT met'} "
          f"(worst {worst:.2f}x)")
    if args.json:
        args.json.write_text(json.dumps({"cases": rows, "budget": BUDGET}), encoding="utf-8")
    if worst > BUDGET:
        sys.exit(1)


if __name__ == "__main__":
    main()
