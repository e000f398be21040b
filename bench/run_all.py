"""Every benchmark under bench/ in one command, summed up in one table and kept in bench/RESULTS.md.

Each script runs in its own process (so their imports, caches and memory do not mix) and writes
its figures with ``--json``; its full output goes to RESULTS.md below the table.  Ratios are
against a baseline measured in the same run (trafilatura, jieba, the serial backfill, the
smallest dedupe size); rows without a baseline say so.  Peak memory is each benchmark process's
peak resident set (``wait4``'s ``ru_maxrss``, which covers the children it waited for).
Not run here: ``bench/mojibake.py``, a before/after tool for one module that times a change
against an old copy of ``parsers/reading/mojibake.py`` given with ``--baseline`` and checks their spans agree.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"


@dataclass
class Run:
    """One benchmark script's outcome: its figures (None when it failed), output, time and memory."""

    name: str
    figures: dict | None
    output: str
    wall_s: float
    peak_mb: float
    returncode: int


def run_script(name: str, args: list[str], tmp: Path) -> Run:
    """Run bench/<name>.py with ``--json``; a failing script is reported, never fatal to the others."""
    out_json, log = tmp / f"{name}.json", tmp / f"{name}.log"
    cmd = [sys.executable, str(BENCH / f"{name}.py"), *args, "--json", str(out_json)]
    print(f"running {' '.join(cmd[1:])}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    figures = json.loads(out_json.read_text(encoding="utf-8")) if out_json.exists() else None
    return Run(name, figures, log.read_text(encoding="utf-8", errors="replace"), wall, usage.ru_maxrss / 1024,
               proc.returncode)


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x" if base else "-"


def table_rows(runs: dict[str, Run]) -> list[tuple[str, str, str, str]]:
    """(measure, pairwatch, baseline, ratio) for every figure the runs produced."""
    rows: list[tuple[str, str, str, str]] = []
    eq = runs["extract_quality"].figures or {}
    for label, f1 in eq.get("quality", {}).items():
        if label.endswith("pairwatch extract"):
            figures = " / ".join(f"{v:.3f}" for v in f1.values())
            rows.append((f"extraction F1 {label.split()[0]} ({' / '.join(f1)})", figures, "no baseline", "-"))
    if speed := eq.get("speed"):
        rows.append((f"extraction throughput, {speed['article_chars']}-char articles/s (vs jieba.lcut)",
                     f"{speed['extract_articles_per_s']:.0f}", f"{speed['jieba_lcut_articles_per_s']:.0f}",
                     f"{speed['speed_vs_jieba_lcut']:.2f}x"))
    web = (runs["html_extraction"].figures or {}).get("web")
    if web:
        mine, base = web["pairwatch"], web["trafilatura (baseline)"]
        n = web["n_pages"]
        rows.append((f"HTML text F1, {n} pages (vs trafilatura)", f"{mine['text_f1']:.3f}", f"{base['text_f1']:.3f}",
                     _ratio(mine["text_f1"], base["text_f1"])))
        rows.append((f"HTML dates same day /{web['n_date']}", str(mine["date"]), str(base["date"]),
                     _ratio(mine["date"], base["date"])))
        rows.append((f"HTML authors /{web['n_author']}", str(mine["author"]), str(base["author"]),
                     _ratio(mine["author"], base["author"])))
        rows.append(("HTML pages/s, whole parse (vs trafilatura)", f"{mine['pages_per_s']:.1f}",
                     f"{base['pages_per_s']:.1f}", f"{mine['speed_vs_trafilatura']:.2f}x"))
    sizes = (runs["dedupe"].figures or {}).get("sizes", [])
    for s in sizes:
        rows.append((f"dedupe at N={s['n']:,}: docs/s; query ms/doc", f"{s['dedupe_docs_per_s']:,}; {s['query_ms']:.3f}",
                     f"query at N={sizes[0]['n']:,}: {sizes[0]['query_ms']:.3f}",
                     f"query {_ratio(s['query_ms'], sizes[0]['query_ms'])} for {s['n'] / sizes[0]['n']:.0f}x docs"))
        rows.append((f"dedupe at N={s['n']:,}: copies joined; new stories misfiled",
                     f"{s['copies_joined']:,}/{s['copies']:,}; {s['stories_joined_other']:,}/{s['stories']:,}",
                     "no baseline", "-"))
    bf = runs["backfill"].figures
    if bf:
        serial = bf["runs"]["1"]
        for w, r in bf["runs"].items():
            how = f"{w} worker(s)" if w.isdigit() else "on a running Dask cluster of 2 local workers"
            rows.append((f"backfill {bf['docs']:,} docs, {how}: wall s (docs/s)",
                         f"{r['wall_s']:.1f} ({bf['docs'] / r['wall_s']:.0f})",
                         f"serial {serial['wall_s']:.1f}", _ratio(serial["wall_s"], r["wall_s"]) + " faster"))
        rows.append(("backfill summary (serial)", json.dumps(serial["summary"]), "", ""))
    for case in (runs["hostile_memory"].figures or {}).get("cases", []):
        rows.append((f"hostile HTML {case['bytes'] / 2**20:.0f} MB, {case['case']}: peak RSS (budget 1.5x)",
                     f"{case['peak_mb']:,} MB in {case['seconds']:.2f} s", f"same process before: {case['baseline_mb']:,} MB",
                     f"{case['ratio']:.2f}x"))
    for run in runs.values():
        state = "" if run.returncode == 0 else f" (FAILED, exit {run.returncode})"
        rows.append((f"peak RSS, {run.name}{state}", f"{run.peak_mb:,.0f} MB", "", f"{run.wall_s:.0f} s wall"))
    return rows


def render(rows: list[tuple[str, str, str, str]]) -> str:
    head = ("measure", "pairwatch", "baseline", "ratio")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(head, widths, strict=True)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    return "\n".join(lines)


def machine() -> str:
    """nproc, memory, CPU model and Python: what the figures depend on."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem = next((int(line.split()[1]) / 1024**2 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0.0)
    return (f"{os.cpu_count()} CPUs ({cpu}), {mem:.1f} GiB memory, {platform.platform()}, "
            f"Python {platform.python_version()}")


def kept_history(results: Path) -> str:
    """The "## History" section of an earlier RESULTS.md (figures from before this run), kept as written."""
    if not results.exists():
        return ""
    text = results.read_text(encoding="utf-8")
    start = text.find("\n## History\n")
    if start < 0:
        return ""
    end = text.find("\n## ", start + 1)
    return text[start + 1:end + 1 if end >= 0 else len(text)].rstrip("\n") + "\n\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dedupe-sizes", default="10000,50000")
    ap.add_argument("--backfill-docs", type=int, default=10_000)
    ap.add_argument("--backfill-workers", default="1,2")
    ap.add_argument("--results", type=Path, default=BENCH / "RESULTS.md", help="where the table is kept")
    args = ap.parse_args(argv)
    plan = {
        "extract_quality": [],
        "html_extraction": [],
        "dedupe": ["--sizes", args.dedupe_sizes],
        "backfill": ["--docs", str(args.backfill_docs), "--workers", args.backfill_workers, "--start-dask-workers", "2"],
        "hostile_memory": [],
    }
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="pairwatch-bench-all-") as tmp:
        runs = {name: run_script(name, extra, Path(tmp)) for name, extra in plan.items()}
    table = render(table_rows(runs))
    print(table)
    details = "\n\n".join(f"### {r.name} (`bench/{r.name}.py {' '.join(plan[r.name])}`)\n\n```\n{r.output.strip()}\n```"
                          for r in runs.values())
    history = kept_history(args.results)
    args.results.write_text(
        f"# Benchmark results\n\n`make bench` (`python bench/run_all.py`), {started:%Y-%m-%d %H:%M} UTC.\n\n"
        f"Machine: {machine()}.\n\n{table}\n\n{history}## Full output\n\n{details}\n", encoding="utf-8")
    print(f"\nwritten to {args.results}", file=sys.stderr)
    return 0 if all(r.returncode == 0 for r in runs.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
