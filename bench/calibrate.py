"""Calibrate the confidence of extracted items on real articles with hand-made gold.

Runs the whole path (`parse_document`) over ../shared/corpus and ../shared/corpus2, marks every
predicted pairing and funding item right or wrong the way ../shared/tools/score_extract.py
matches them (a pairing is right when its donor and recipient match a gold pairing; a funding
item when its amount and both parties match a gold item), groups them by their *basis*
(parsers/extraction/confidence.py) and gives each basis the lower bound of a 90% Wilson
interval of its share right.

It prints, per basis, the count and share right; then an honest check: calibrated on one set,
the precision of items at >= 0.8 on the other.  With --write it writes
parsers/data/confidence.toml (which extraction reads; delete it to see the bases unscored).

Usage: .venv/bin/python bench/calibrate.py [--write]
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from parsers.document import parse_document  # noqa: E402

TABLE = ROOT / "parsers" / "data" / "confidence.toml"
Z = 1.645  # a 90% two-sided interval: its lower bound is a 95% one-sided guarantee
HIGH = 0.8


def load_scorer():  # noqa: ANN201 - a module
    spec = importlib.util.spec_from_file_location("score_extract", SHARED / "tools" / "score_extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wilson_lower(right: int, n: int, z: float = Z) -> float:
    if n == 0:
        return 0.0
    p = right / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - margin) / (1 + z * z / n))


def judged(scorer, set_name: str) -> list[tuple[str, str, bool, float]]:  # noqa: ANN001 - a module
    """(kind, basis, right, confidence) for every item predicted on one shared set."""
    folder = SHARED / set_name
    gold = scorer.load_gold(str(folder / "gold.jsonl"))
    out = []
    for path in sorted((folder / "articles").glob("*.txt")):
        g = gold.get(path.stem)
        if g is None:
            continue
        ex = parse_document(path.read_bytes(), path=str(path)).to_output()
        pairings = g["pairings"][0] + g["pairings"][1]
        for p in ex["pairings"]:
            right = any(scorer.same_party(p["donor"], x["donor"]) and scorer.same_party(p["recipient"], x["recipient"])
                        for x in pairings)
            out.append(("pairing", p["basis"], right, p["confidence"]))
        funding = g["funding"][0]
        for f in ex["funding"]:
            right = any(abs(f["amount_yuan"] - x["amount_yuan"]) <= 0.01 * x["amount_yuan"]
                        and scorer.same_party(f["donor"], x.get("donor"))
                        and scorer.same_party(f["recipient"], x.get("recipient")) for x in funding)
            out.append(("funding", f["basis"], right, f["confidence"]))
    return out


def calibrate(items: list[tuple[str, str, bool, float]]) -> dict[str, dict[str, tuple[int, int, float]]]:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for kind, basis, right, _ in items:
        counts[kind, basis][0] += right
        counts[kind, basis][1] += 1
    table: dict[str, dict[str, tuple[int, int, float]]] = {"pairing": {}, "funding": {}}
    for (kind, basis), (r, n) in sorted(counts.items()):
        table[kind][basis] = (r, n, round(wilson_lower(r, n), 3))
    return table


def precision_at(items, table, kind: str) -> tuple[int, int]:  # noqa: ANN001
    sel = [right for k, basis, right, _ in items if k == kind and table[kind].get(basis, (0, 0, 0.0))[2] >= HIGH]
    return sum(sel), len(sel)


def write_table(table: dict) -> None:
    lines = ["# Written by bench/calibrate.py from ../shared/corpus and ../shared/corpus2: do not edit by hand.",
             "# confidence = lower bound of a 90% Wilson interval of the share of items on this basis that",
             "# were right (right of n); read by parsers/extraction/confidence.py.", ""]
    for kind in ("pairing", "funding"):
        for basis, (r, n, c) in table[kind].items():
            lines += [f'[{kind}."{basis}"]', f"confidence = {c}", f"right = {r}", f"n = {n}", ""]
    TABLE.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write parsers/data/confidence.toml")
    args = ap.parse_args()
    if not (SHARED / "corpus2").exists() or not (SHARED / "tools" / "score_extract.py").exists():
        print(f"calibrate: skipped ({SHARED} lacks corpus2 or the scorer)")
        return
    scorer = load_scorer()
    sets = {name: judged(scorer, name) for name in ("corpus", "corpus2")}
    table = calibrate(sets["corpus"] + sets["corpus2"])
    for kind in ("pairing", "funding"):
        print(f"{kind}: basis  right/n  confidence")
        for basis, (r, n, c) in sorted(table[kind].items(), key=lambda kv: -kv[1][1]):
            print(f"  {basis:45s} {r:3d}/{n:<3d} {c:.3f}")
    for train, test in (("corpus", "corpus2"), ("corpus2", "corpus")):
        t = calibrate(sets[train])
        for kind in ("pairing", "funding"):
            r, n = precision_at(sets[test], t, kind)
            share = f"{r / n:.3f}" if n else "n/a"
            print(f"held out: calibrated on {train}, {kind} items >= {HIGH} on {test}: {r}/{n} right ({share})")
    if args.write:
        write_table(table)
        print(f"wrote {TABLE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
