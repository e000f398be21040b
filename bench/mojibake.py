"""Benchmark: find_mojibake's time per page on the texts the pipeline hands it (issue 4).

  pages  the 69 pages of ../shared/benchmarks/zh-web-extraction: the text read_document normalises
  docs   --docs documents from bench/backfill.py's generator: the text parse_document normalises
warm: ms/page, best of --repeat passes after a warm-up pass (a long ingest's steady state);
cold: the first pass in a fresh process, one-time tables included (jieba's lexicon, ~0.3 s).
--baseline FILE times another version of parsers/reading/mojibake.py the same way, interleaved, and checks
that both give identical spans on every text (e.g. `git show HEAD~1:parsers/reading/mojibake.py > /tmp/old.py`).

Usage: .venv/bin/python bench/mojibake.py [--shared DIR] [--docs N] [--repeat N] [--baseline FILE]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

Finder = Callable[[str], list[tuple[int, int]]]


def load(path: Path) -> Finder:
    """find_mojibake from a copy of parsers/reading/mojibake.py anywhere on disk."""
    spec = importlib.util.spec_from_file_location(f"mojibake_{abs(hash(str(path)))}", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.find_mojibake


def collect(shared: Path, docs: int) -> dict[str, list[str]]:
    """The texts normalise_text hands find_mojibake while the pages and documents are read."""
    import backfill

    import parsers.reading.normalise as normalise
    from parsers.document import parse_document, read_document

    seen: list[str] = []
    real = normalise.find_mojibake
    normalise.find_mojibake = lambda text: seen.append(text) or real(text)
    try:
        for path in sorted((shared / "benchmarks" / "zh-web-extraction" / "original").glob("*.html")):
            read_document(path.read_bytes(), url=f"http://bench.invalid/{path.stem}", time_limit=None)
        pages, seen[:] = seen[:], []
        with tempfile.TemporaryDirectory() as tmp:
            backfill.generate(Path(tmp), docs)
            for path in sorted(Path(tmp).glob("*.txt")):
                parse_document(path.read_bytes(), path=str(path), time_limit=None)
    finally:
        normalise.find_mojibake = real
    return {"pages": pages, "docs": seen}


_COLD = """
import importlib.util, json, pickle, sys, time
sys.path.insert(0, sys.argv[3])
spec = importlib.util.spec_from_file_location("mojibake_cold", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
texts = pickle.load(open(sys.argv[2], "rb"))[sys.argv[4]]
start = time.perf_counter()
for text in texts:
    module.find_mojibake(text)
print(json.dumps((time.perf_counter() - start) * 1000 / len(texts)))
"""


def cold(module: Path, texts: Path, group: str) -> float:
    """ms/page of a first pass over one group in a fresh process."""
    run = subprocess.run([sys.executable, "-c", _COLD, str(module), str(texts), str(ROOT), group],
                         capture_output=True, text=True, check=True)
    return float(json.loads(run.stdout))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--docs", type=int, default=800)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--baseline", type=Path, help="another parsers/reading/mojibake.py to compare with")
    args = ap.parse_args()
    groups = collect(args.shared, args.docs)
    versions = {"current": ROOT / "parsers" / "mojibake.py"} | ({"baseline": args.baseline} if args.baseline else {})
    with tempfile.NamedTemporaryFile(suffix=".pkl") as tmp:
        pickle.dump(groups, tmp)
        tmp.flush()
        first = {name: {g: cold(path, Path(tmp.name), g) for g in groups} for name, path in versions.items()}
    finders = {name: load(path) for name, path in versions.items()}
    for group, texts in groups.items():
        results = {name: [f(t) for t in texts] for name, f in finders.items()}  # warm-up, and the spans
        same = "" if len(results) < 2 else f", spans identical: {results['current'] == results['baseline']}"
        best = {name: float("inf") for name in finders}
        for _ in range(args.repeat):
            for name, f in finders.items():
                start = time.perf_counter()
                for t in texts:
                    f(t)
                best[name] = min(best[name], (time.perf_counter() - start) * 1000 / len(texts))
        chars = sum(map(len, texts)) / max(1, len(texts))
        print(f"{group}: {len(texts)} texts, {chars:.0f} characters each{same}")
        for name in finders:
            ratio = f"  (x{best['baseline'] / best[name]:.1f})" if "baseline" in best and name != "baseline" else ""
            print(f"  {name:8} warm {best[name]:.3f} ms/page{ratio}   cold {first[name][group]:.3f} ms/page")


if __name__ == "__main__":
    main()
