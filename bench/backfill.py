"""Backfill benchmark: `pairwatch ingest --path DIR` serially and with Dask workers, on generated documents.

    .venv/bin/python bench/backfill.py [--docs 10000] [--workers 1,2] [--keep DIR]

The documents are generated in a temporary folder (never committed) from the project's seeds
and, when ../shared is beside the project, the shared corpus: each keeps its model's header
lines (so the site rules still apply) and gets a new body: sentences drawn at random from all
the models, amounts redrawn, between filler sentences that make it a story of its own; one in
DUP_EVERY is an exact copy of the one before, as in real backfills.  Each run is the real command in a fresh process with a fresh SQLite file,
so the figures include Prefect's start and, with workers, the Dask cluster's.  A run on the
five seeds first measures those fixed costs; from them and the big run's throughput the
script derives the backfill size from which Dask pays off (flows/backfill.py DASK_MIN_DOCS).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
TARGET_10K_S = 60.0
DUP_EVERY = 25
BODY_MIN_CHARS = 40
AMOUNT = re.compile(r"\d+(?:\.\d+)?(?=[万亿]元)")
SENTENCE = re.compile(r"[^。！？]+[。！？]")


def models() -> list[Path]:
    """The documents the generated ones are modelled on: the seeds, plus the shared corpus if present."""
    found = sorted((ROOT / "seeds").glob("0*.txt"))
    if SHARED_CORPUS.is_dir():
        found += sorted(SHARED_CORPUS.glob("*.txt"))
    else:
        print(f"note: {SHARED_CORPUS} is absent; generating from the seeds alone", file=sys.stderr)
    return found


def generate(out: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` documents into ``out``; returns how many are exact duplicates of another."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in models()]
    pool = [s for t in texts for line in t.splitlines() if len(line) >= BODY_MIN_CHARS
            for s in SENTENCE.findall(line)]
    chars = [c for t in texts for c in t if "\u4e00" <= c <= "\u9fff"]  # the models' character frequencies
    out.mkdir(parents=True, exist_ok=True)
    previous, dups = "", 0
    for i in range(n):
        if previous and i % DUP_EVERY == DUP_EVERY - 1:
            text, dups = previous, dups + 1
        else:
            lines = texts[i % len(texts)].splitlines()
            body = [j for j, line in enumerate(lines) if len(line) >= BODY_MIN_CHARS]
            for j in body:
                lines[j] = paragraph(rng, pool, chars)
            text = AMOUNT.sub(lambda _m: f"{rng.randint(1, 9999) / 10:g}", "\n".join(lines))
        (out / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        previous = text
    return dups


def paragraph(rng: random.Random, pool: list[str], chars: list[str]) -> str:
    """Real sentences (what the extractor works on) between filler ones of random characters.

    The filler makes each document a story of its own: with the sentences alone, drawn from a
    pool of a few thousand, most of 10,000 documents would share enough of them with an earlier
    one for the store's near-duplicate check to file them as copies.
    """
    parts = rng.sample(pool, k=min(len(pool), rng.randint(2, 4)))
    parts += ["".join(rng.choices(chars, k=rng.randint(20, 40))) + "。" for _ in range(len(parts))]
    rng.shuffle(parts)
    return "".join(parts)


def run_ingest(docs: Path, db: Path, workers: int, env: dict[str, str]) -> tuple[float, dict[str, int]]:
    """One `pairwatch ingest` in a fresh process: wall seconds and its JSON summary."""
    cmd = [sys.executable, "-m", "flows.cli", "ingest", "--path", str(docs), "--db", f"sqlite:///{db}",
           "--workers", str(workers), "--json"]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return wall, json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts; 1 is the serial baseline")
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON to this file (for bench/run_all.py)")
    args = ap.parse_args()
    counts = sorted({int(w) for w in args.workers.split(",")} | {1})

    tmp = Path(tempfile.mkdtemp(prefix="pairwatch-bench-"))
    docs = Path(args.keep) if args.keep else tmp / "docs"
    env = dict(os.environ, PREFECT_HOME=str(tmp / "prefect"), PREFECT_LOGGING_LEVEL="ERROR",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1", PAIRWATCH_DB_URL="")
    try:
        t = time.perf_counter()
        dups = generate(docs, args.docs)
        print(f"generated {args.docs} documents ({dups} exact duplicates) in {time.perf_counter() - t:.1f} s; "
              f"{os.cpu_count()} CPUs")
        fixed: dict[int, float] = {}
        for w in counts:  # fixed costs: Prefect's start (and the cluster's), on the five seeds
            fixed[w], _ = run_ingest(ROOT / "seeds", tmp / f"fixed-{w}.db", w, env)
        results: dict[int, tuple[float, dict[str, int]]] = {}
        for w in counts:
            results[w] = run_ingest(docs, tmp / f"full-{w}.db", w, env)
        report(args.docs, fixed, results)
        if args.json:
            args.json.write_text(json.dumps({"docs": args.docs, "runs": {
                w: {"fixed_s": round(fixed[w], 2), "wall_s": round(wall, 2), "summary": summary}
                for w, (wall, summary) in results.items()}, "target_10k_s": TARGET_10K_S}), encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def report(n: int, fixed: dict[int, float], results: dict[int, tuple[float, dict[str, int]]]) -> None:
    base_wall, base_summary = results[1]
    base_rate = n / max(base_wall - fixed[1], 1e-9)
    print(f"\n{'workers':>7} {'fixed s':>8} {'wall s':>8} {'docs/s':>8} {'marginal docs/s':>16} {'vs serial':>10}")
    for w, (wall, summary) in results.items():
        marginal = n / max(wall - fixed[w], 1e-9)
        print(f"{w:>7} {fixed[w]:>8.1f} {wall:>8.1f} {n / wall:>8.1f} {marginal:>16.1f} {base_wall / wall:>9.2f}x")
        if summary != base_summary:
            print(f"  !! summary differs from the serial run: {summary} vs {base_summary}")
        if w > 1:
            extra = fixed[w] - fixed[1]
            gain = 1 / base_rate - 1 / marginal
            if gain <= 0:
                line = "never (no faster per document)"
            elif extra <= 0:
                line = "from the first documents (the fixed costs differ by less than their noise)"
            else:
                line = f"{extra / gain:.0f} documents"
            print(f"  break-even with {w} workers: {line} (cluster start {extra:.1f} s)")
    print(f"\nsummary: {json.dumps(base_summary)}")
    if n >= 10_000:
        best = min(wall for wall, _ in results.values())
        verdict = "meets" if best <= TARGET_10K_S else "misses"
        print(f"target: {n} documents into SQLite in <= {TARGET_10K_S:.0f} s: best {best:.1f} s, {verdict} it")


if __name__ == "__main__":
    sys.exit(main())
