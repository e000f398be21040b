"""Backfill benchmark: `pairwatch ingest --path DIR` serially and with Dask workers, on generated documents.

    .venv/bin/python bench/backfill.py [--docs 10000] [--workers 1,2] [--keep DIR]
    .venv/bin/python bench/backfill.py --start-dask-workers 2    # ... and on a running Dask cluster
    .venv/bin/python bench/backfill.py --dask-address tcp://HOST:PORT

The documents are generated in a temporary folder (never committed) from the project's seeds
and, when ../shared is beside the project, the shared corpus: each keeps its model's header
lines (so the site rules still apply) and gets a new body: sentences drawn at random from all
the models, amounts redrawn, between filler sentences that make it a story of its own; one in
DUP_EVERY is an exact copy of the one before, as in real backfills.  Each run is the real command in a fresh process with a fresh SQLite file,
so the figures include Prefect's start and, with workers, the Dask cluster's.  A run on the
five seeds first measures those fixed costs; from them and the big run's throughput the
script derives the backfill size from which Dask pays off (flows/backfill.py DASK_MIN_DOCS).

With ``--dask-address`` (a cluster that runs already) or ``--start-dask-workers N`` (this script
starts `dask scheduler` and N `dask worker` processes on loopback, at the same niceness as the
LocalCluster's workers, and warms each with one parse, as a cluster in use would be), the same
two runs go to that cluster with `ingest --dask-address`: its fixed cost is connecting, not starting.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
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


def run_ingest(docs: Path, db: Path, workers: int | str, env: dict[str, str]) -> tuple[float, dict[str, int]]:
    """One `pairwatch ingest` in a fresh process: wall seconds and its JSON summary.

    ``workers`` is a number of LocalCluster workers, or the address of a running Dask scheduler.
    """
    how = ["--dask-address", workers] if isinstance(workers, str) else ["--workers", str(workers)]
    cmd = [sys.executable, "-m", "flows.cli", "ingest", "--path", str(docs), "--db", f"sqlite:///{db}",
           *how, "--json"]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return wall, json.loads(done.stdout.strip().splitlines()[-1])


def _warm() -> str:
    """Run on each Dask worker (pickled by value from this script): import and parse once, as in use."""
    import os as _os

    from parsers.document import parse_document

    seed = sorted((Path(_os.environ["PAIRWATCH_BENCH_ROOT"]) / "seeds").glob("0*.txt"))[0]
    return parse_document(seed.read_bytes(), path=str(seed)).article.title


@contextmanager
def local_dask_cluster(n_workers: int, tmp: Path, env: dict[str, str]) -> Iterator[str]:
    """`dask scheduler` and ``n_workers`` single-threaded `dask worker` processes on loopback; its address.

    Each worker preloads flows.backfill (nice 10, as the LocalCluster's) and is warmed with one parse.
    """
    from distributed import Client

    dask = Path(sys.executable).with_name("dask")
    info = tmp / "scheduler.json"
    env = dict(env, PAIRWATCH_BENCH_ROOT=str(ROOT),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])))
    procs = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(info)], env=env, cwd=tmp, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        t = time.perf_counter()
        while not (info.exists() and info.stat().st_size):
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        for i in range(n_workers):
            procs.append(subprocess.Popen(
                [str(dask), "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                 "--host", "127.0.0.1", "--preload", "flows.backfill", "--local-directory", str(tmp / f"w{i}")],
                env=env, cwd=tmp, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        with Client(address, set_as_default=False) as client:
            client.wait_for_workers(n_workers, timeout=120)
            client.run(_warm)
        print(f"Dask cluster at {address}: scheduler and {n_workers} workers started and warmed in "
              f"{time.perf_counter() - t:.1f} s (not counted in its runs: it runs already)")
        yield address
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=30)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts; 1 is the serial baseline")
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON to this file (for bench/run_all.py)")
    ap.add_argument("--dask-address", metavar="tcp://HOST:PORT", help="also run on this running Dask cluster")
    ap.add_argument("--start-dask-workers", type=int, metavar="N",
                    help="also run on a Dask cluster of N workers that this script starts as local processes")
    args = ap.parse_args()
    counts: list[int | str] = sorted({int(w) for w in args.workers.split(",")} | {1})

    tmp = Path(tempfile.mkdtemp(prefix="pairwatch-bench-"))
    docs = Path(args.keep) if args.keep else tmp / "docs"
    env = dict(os.environ, PREFECT_HOME=str(tmp / "prefect"), PREFECT_LOGGING_LEVEL="ERROR",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1", PAIRWATCH_DB_URL="")
    try:
        with ExitStack() as stack:
            if args.start_dask_workers:
                args.dask_address = stack.enter_context(local_dask_cluster(args.start_dask_workers, tmp, env))
            if args.dask_address:
                counts.append(args.dask_address)
            return measure(args, counts, tmp, docs, env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def measure(args: argparse.Namespace, counts: list[int | str], tmp: Path, docs: Path, env: dict[str, str]) -> int:
    """Generate the documents, run every configuration on the seeds then on them, report."""
    t = time.perf_counter()
    dups = generate(docs, args.docs)
    print(f"generated {args.docs} documents ({dups} exact duplicates) in {time.perf_counter() - t:.1f} s; "
          f"{os.cpu_count()} CPUs")
    fixed: dict[int | str, float] = {}
    for i, w in enumerate(counts):  # fixed costs: Prefect's start (and the cluster's), on the five seeds
        fixed[w], _ = run_ingest(ROOT / "seeds", tmp / f"fixed-{i}.db", w, env)
    results: dict[int | str, tuple[float, dict[str, int]]] = {}
    for i, w in enumerate(counts):
        results[w] = run_ingest(docs, tmp / f"full-{i}.db", w, env)
    report(args.docs, fixed, results)
    if args.json:
        args.json.write_text(json.dumps({"docs": args.docs, "runs": {
            w: {"fixed_s": round(fixed[w], 2), "wall_s": round(wall, 2), "summary": summary}
            for w, (wall, summary) in results.items()}, "target_10k_s": TARGET_10K_S}), encoding="utf-8")
    return 0


def report(n: int, fixed: dict[int | str, float], results: dict[int | str, tuple[float, dict[str, int]]]) -> None:
    base_wall, base_summary = results[1]
    base_rate = n / max(base_wall - fixed[1], 1e-9)
    print(f"\n{'workers':>7} {'fixed s':>8} {'wall s':>8} {'docs/s':>8} {'marginal docs/s':>16} {'vs serial':>10}")
    for w, (wall, summary) in results.items():
        marginal = n / max(wall - fixed[w], 1e-9)
        label = w if isinstance(w, int) else "address"
        print(f"{label:>7} {fixed[w]:>8.1f} {wall:>8.1f} {n / wall:>8.1f} {marginal:>16.1f} {base_wall / wall:>9.2f}x")
        if summary != base_summary:
            print(f"  !! summary differs from the serial run: {summary} vs {base_summary}")
        if w != 1:
            extra = fixed[w] - fixed[1]
            gain = 1 / base_rate - 1 / marginal
            if gain <= 0:
                line = "never (no faster per document)"
            elif extra <= 0:
                line = "from the first documents (the fixed costs differ by less than their noise)"
            else:
                line = f"{extra / gain:.0f} documents"
            which = f"with {w} workers" if isinstance(w, int) else f"on the running cluster at {w}"
            cost = "cluster start" if isinstance(w, int) else "connecting"
            print(f"  break-even {which}: {line} ({cost} {extra:.1f} s)")
    print(f"\nsummary: {json.dumps(base_summary)}")
    if n >= 10_000:
        best = min(wall for wall, _ in results.values())
        verdict = "meets" if best <= TARGET_10K_S else "misses"
        print(f"target: {n} documents into SQLite in <= {TARGET_10K_S:.0f} s: best {best:.1f} s, {verdict} it")


if __name__ == "__main__":
    sys.exit(main())
