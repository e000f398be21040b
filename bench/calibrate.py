"""Calibrate the confidence of extracted items on real articles with hand-made gold.

Runs the whole path (`parse_document`) over ../shared/corpus and ../shared/corpus2, marks every
predicted pairing and funding item right or wrong the way ../shared/tools/score_extract.py
matches them (a pairing is right when its donor and recipient match a gold pairing; a funding
item when its amount and both parties match a gold item), groups them by their *basis*
(parsers/extraction/confidence.py) and gives each basis the lower bound of a 90% Wilson
interval of its share right.

It prints, per basis, the count and share right; then honest checks that never score an item
with a table made from its own article: calibrated on one set, the precision of items at >= 0.8
on the other (both ways); and a k-fold cross-validation by article over both sets together (a
near-duplicate copy stays in its original's fold, so no story is both learned and tested).  The
promise is about sites never seen, and almost every article is from a host of its own, so these
are the figures to judge a basis design by; the in-sample table always looks better.  With
--write it writes
parsers/data/confidence.toml (which extraction reads; delete it to see the bases unscored).

Usage: .venv/bin/python bench/calibrate.py [--write] [--extra DIR ...]

``--extra`` adds sets kept outside the repository (blind sets of third-party reports, which may not
be committed): each is also held out in turn, scored with a table from all the other sets.

``--first-seen DIR=PRED`` adds a set's predictions as they were made when the set was first scored,
before anyone read it (``pairwatch extract`` output of the commit of that day).  Items judged on
today's code over articles the rules were since fixed on are right far more often than on a site
never seen (the in-sample table said 54/55 for a basis that was 29/39 on first sight), so where
such predictions exist a basis gets the lower of its two bounds: the in-sample one and the one
from first sight.  This is what the promise "items at >= 0.8 are right 95% of the time on new
sites" needs; held-out checks on sets never read are the test of it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from parsers.document import parse_document  # noqa: E402
from parsers.extraction.confidence import level_span  # noqa: E402

TABLE = ROOT / "parsers" / "data" / "confidence.toml"
Z = 1.645  # a 90% two-sided interval: its lower bound is a 95% one-sided guarantee
HIGH = 0.8
FOLDS = 5
SEED = 20240611  # fixed: the cross-validated figure must not move between runs
RESHUFFLES = 20  # the cross-validation again over this many seeds, pooled: how much one split's luck weighs

Item = tuple[str, str, bool, float]  # (kind, basis, right, confidence)


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


def judged(scorer, set_name: str) -> list[Item]:  # noqa: ANN001 - a module
    """(kind, basis, right, confidence) for every item predicted on one shared set."""
    return [item for items in judged_articles(scorer, set_name).values() for item in items]


def _folder(set_name: str) -> Path:
    """A shared set by name (corpus, corpus2), or a directory of the same layout given by path."""
    return Path(set_name) if "/" in set_name else SHARED / set_name


def _gold_file(folder: Path) -> Path:
    """A set's gold: a blind set keeps the frozen copy it was scored with."""
    frozen = folder / "gold.frozen.jsonl"
    return frozen if frozen.exists() else folder / "gold.jsonl"


def judged_articles(scorer, set_name: str) -> dict[str, list[Item]]:  # noqa: ANN001 - a module
    """The judged items of each article of one set, keyed ``set/id``: the unit a fold holds."""
    folder = _folder(set_name)
    gold = scorer.load_gold(str(_gold_file(folder)))
    by_article: dict[str, list[Item]] = {}
    for path in sorted((folder / "articles").glob("*.txt")):
        g = gold.get(path.stem)
        if g is not None:
            ex = parse_document(path.read_bytes(), path=str(path)).to_output()
            by_article[f"{set_name}/{path.stem}"] = _judged(scorer, ex, g)
    return by_article


def judged_predictions(scorer, folder: Path, predictions: Path) -> list[Item]:  # noqa: ANN001 - a module
    """The judged items of a saved ``pairwatch extract`` output for a set; a pairing basis written
    before bases carried the level span gets it from the parties' levels."""
    gold = scorer.load_gold(str(_gold_file(folder)))
    out: list[Item] = []
    for line in predictions.read_text(encoding="utf-8").splitlines():
        ex = json.loads(line) if line.strip() else None
        g = gold.get(scorer.doc_key(ex)) if ex is not None and "error" not in ex else None
        if g is None:
            continue
        for p in ex["pairings"]:
            span = level_span(p["donor"].get("level"), p["recipient"].get("level"))
            p["basis"] = p["basis"] if p["basis"].endswith(span) else p["basis"] + span
        out += _judged(scorer, ex, g)
    return out


def _judged(scorer, ex: dict, g: dict) -> list[Item]:  # noqa: ANN001 - a module
    """(kind, basis, right, confidence) of one article's items, matched as score_extract matches them."""
    out: list[Item] = []
    pairings = g["pairings"][0] + g["pairings"][1]
    for p in ex["pairings"]:
        right = any(scorer.same_party(p["donor"], x["donor"]) and scorer.same_party(p["recipient"], x["recipient"])
                    for x in pairings)
        out.append(("pairing", p["basis"], right, p["confidence"]))
    for f in ex["funding"]:
        right = any(abs(f["amount_yuan"] - x["amount_yuan"]) <= 0.01 * x["amount_yuan"]
                    and scorer.same_party(f["donor"], x.get("donor"))
                    and scorer.same_party(f["recipient"], x.get("recipient")) for x in g["funding"][0])
        out.append(("funding", f["basis"], right, f["confidence"]))
    return out


def bounded_by_first_sight(table: dict, first_seen: list[Item]) -> dict:
    """Each basis at the lower of its in-sample bound and its bound on first sight (where it was seen then)."""
    seen = calibrate(first_seen)
    out: dict[str, dict[str, tuple[int, int, float]]] = {"pairing": {}, "funding": {}}
    for kind, bases in table.items():
        for basis, (r, n, c) in bases.items():
            first = seen[kind].get(basis)
            out[kind][basis] = (r, n, min(c, first[2])) if first is not None else (r, n, c)
    return out


def story_of(set_name: str) -> dict[str, str]:
    """Each article's story (``set/id`` of the original for a near-duplicate copy, else its own):
    a copy tested against a table learned from its original would flatter the basis."""
    out = {}
    for line in _gold_file(_folder(set_name)).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[f"{set_name}/{d['id']}"] = f"{set_name}/{d.get('duplicate_of') or d['id']}"
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


def cross_validated(by_article: dict[str, list[Item]], story: dict[str, str], folds: int = FOLDS,
                    seed: int = SEED) -> dict[str, tuple[int, int]]:
    """Per kind, (right, count) of the items at >= HIGH when each fold of stories is scored with a
    table calibrated on the other folds only: what a basis promises on articles it never saw."""
    stories = sorted({story.get(a, a) for a in by_article})
    random.Random(seed).shuffle(stories)
    fold_of = {s: i % folds for i, s in enumerate(stories)}
    out = {"pairing": (0, 0), "funding": (0, 0)}
    for f in range(folds):
        train = [it for a, items in by_article.items() if fold_of[story.get(a, a)] != f for it in items]
        test = [it for a, items in by_article.items() if fold_of[story.get(a, a)] == f for it in items]
        table = calibrate(train)
        for kind in out:
            r, n = precision_at(test, table, kind)
            out[kind] = (out[kind][0] + r, out[kind][1] + n)
    return out


def _share(r: int, n: int) -> str:
    return f"{r}/{n} right ({r / n:.3f})" if n else "0/0 (none reaches it)"


def write_table(table: dict, names: list[str], first_seen: list[str] | None = None) -> None:
    extra = [n for n in names if "/" in n]
    lines = [f"# Written by bench/calibrate.py from {', '.join(n for n in names if '/' not in n)}"
             + (f" and sets kept outside the repository ({', '.join(extra)})" if extra else "") + ": do not edit by hand.",
             *([f"# Bounded by first sight (predictions made before the set was read) on {', '.join(first_seen)}."]
               if first_seen else []),
             "# confidence = lower bound of a 90% Wilson interval of the share of items on this basis that",
             "# were right (right of n); read by parsers/extraction/confidence.py.", ""]
    for kind in ("pairing", "funding"):
        for basis, (r, n, c) in table[kind].items():
            lines += [f'[{kind}."{basis}"]', f"confidence = {c}", f"right = {r}", f"n = {n}", ""]
    TABLE.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write parsers/data/confidence.toml")
    ap.add_argument("--extra", action="append", default=[], metavar="DIR",
                    help="a set outside the repository (articles/*.txt and gold.frozen.jsonl or gold.jsonl), such as "
                         "a blind set of third-party reports that may not be committed; repeatable")
    ap.add_argument("--first-seen", action="append", default=[], metavar="DIR=PRED",
                    help="a set (DIR, as for --extra) and its predictions when first scored, unread (PRED, "
                         "pairwatch extract output of that day's commit); repeatable")
    args = ap.parse_args()
    if not (SHARED / "corpus2").exists() or not (SHARED / "tools" / "score_extract.py").exists():
        print(f"calibrate: skipped ({SHARED} lacks corpus2 or the scorer)")
        return
    scorer = load_scorer()
    names = ["corpus", "corpus2", *(str(Path(d).resolve()) for d in args.extra)]
    by_article = {name: judged_articles(scorer, name) for name in names}
    sets = {name: [it for items in arts.values() for it in items] for name, arts in by_article.items()}
    first_seen = {str(Path(d).resolve()): judged_predictions(scorer, Path(d), Path(pred))
                  for d, pred in (entry.split("=", 1) for entry in args.first_seen)}

    def table_without(held_out: str | None = None) -> dict:
        """The table from every set but ``held_out``, bounded by first sight where known."""
        t = calibrate([it for name in names if name != held_out for it in sets[name]])
        first = [it for name, items in first_seen.items() if name != held_out for it in items]
        return bounded_by_first_sight(t, first) if first else t

    table = table_without()
    for kind in ("pairing", "funding"):
        print(f"{kind}: basis  right/n  confidence")
        for basis, (r, n, c) in sorted(table[kind].items(), key=lambda kv: -kv[1][1]):
            print(f"  {basis:45s} {r:3d}/{n:<3d} {c:.3f}")
    totals = {kind: sum(k == kind for name in names for k, *_ in sets[name]) for kind in ("pairing", "funding")}
    for train, test in (("corpus", "corpus2"), ("corpus2", "corpus")):
        t = calibrate(sets[train])
        for kind in ("pairing", "funding"):
            r, n = precision_at(sets[test], t, kind)
            total = sum(k == kind for k, *_ in sets[test])
            print(f"held out: calibrated on {train}, {kind} items >= {HIGH} on {test}: {_share(r, n)} of {total}")
    for name, items in first_seen.items():
        r, n = sum(right for _, _, right, _ in items), len(items)
        print(f"first sight: {name}: {_share(r, n)} items")
    for test in names[2:]:  # each set of sites never seen, scored with a table from all the others
        t = table_without(test)
        for kind in ("pairing", "funding"):
            r, n = precision_at(sets[test], t, kind)
            total = sum(k == kind for k, *_ in sets[test])
            print(f"held out: calibrated on the other sets, {kind} items >= {HIGH} on {test}: {_share(r, n)} of {total}")
    union = {a: items for arts in by_article.values() for a, items in arts.items()}
    story = {a: s for name in names for a, s in story_of(name).items()}
    cv = cross_validated(union, story)
    pooled = [cross_validated(union, story, seed=seed) for seed in range(RESHUFFLES)]
    for kind in ("pairing", "funding"):
        print(f"cross-validated ({FOLDS}-fold by story, seed {SEED}): {kind} items >= {HIGH}: "
              f"{_share(*cv[kind])} of {totals[kind]}")
        r, n = sum(p[kind][0] for p in pooled), sum(p[kind][1] for p in pooled)
        print(f"cross-validated ({FOLDS}-fold by story, {RESHUFFLES} seeds pooled): {kind} items >= {HIGH}: "
              f"{_share(r, n)}, {n / RESHUFFLES:.1f} a run")
    if args.write:
        write_table(table, names, list(first_seen))
        print(f"wrote {TABLE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
