"""Benchmark: pairwatch's HTML reading against trafilatura on real Chinese pages, and page-level
reading of text dumps.

Table 1 — ../shared/benchmarks/zh-web-extraction (69 pages as served, hand-made gold):
  text    main-text character-bigram F1, whitespace removed, averaged over pages; "fold" is the
          same with both sides in Simplified script (pairwatch converts Traditional pages, the
          gold keeps the page's script, which the first figure counts against it)
  date    same day, among pages whose gold date is not UNKNOWN (59).  Eight of those golds
          are not a day (five give only a year or month, three are malformed: "UNKNWON",
          empty, a name), so strict same-day has a ceiling of 51; the second figure also
          accepts a date that agrees with a year/month gold on the parts it gives.
  author  a gold name (gold split on spaces and 、) equals one of the output's authors
          (strict), or occurs in the output's authors joined (loose), among the 51 pages
          whose gold author is not UNKNOWN (one of them is empty, so the ceiling is 50)
  speed   pages/s from bytes to fields, each pass in a fresh process after a warm-up on a
          page of our own (trafilatura caches make a second pass over the same pages ~2x
          faster), best of --repeat interleaved passes, and the ratio to trafilatura.
"pairwatch" is read_document as ingest runs it: decode, parse, read, then the full normalisation of
title and body (Traditional to Simplified, pinyin annotations out, mojibake located), work neither
trafilatura nor GNE does; "reading only" is the same without that last pass (Simplified script
only), which is what compares like with like.  trafilatura gets the raw bytes (it decodes them
itself), as the figures quoted in issue 4 were measured; GNE's figures are the issue's (GNE is
GPL, so it is neither run nor installed).

Table 2 — ../shared/corpus (45 text dumps from many sites, gold title and published day):
  title   exact match after folding whitespace, NFKC and script (gold keeps the page's script),
          over all 45 (a page the gold gives no title must get none), and over the titled ones
  date    same day, over all 45 (an undated gold must get none), and over the dated ones

Usage: .venv/bin/python bench/html_extraction.py [--shared DIR] [--repeat N] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.document import ParseError, read_document  # noqa: E402
from parsers.reading.script import to_simplified  # noqa: E402

GNE = {"text": 0.652, "date": 47, "author": 16, "pps": 21.0}  # issue 4, measured by the same method
RESULT: dict = {}  # the figures, written by --json


def bigram_f1(pred: str, gold: str) -> float:
    p, g = ("".join(x.split()) for x in (pred, gold))
    pc, gc = Counter(p[i : i + 2] for i in range(len(p) - 1)), Counter(g[i : i + 2] for i in range(len(g) - 1))
    overlap = sum((pc & gc).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(pc.values()), overlap / sum(gc.values())
    return 2 * precision * recall / (precision + recall)


def gold_parts(gold: str) -> tuple[int, ...] | None:
    m = re.match(r"\s*((?:19|20)\d{2})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", gold)
    return tuple(int(x) for x in m.groups() if x) if m else None


def date_ok(pred: tuple[int, int, int] | None, gold: str, strict: bool) -> bool:
    parts = gold_parts(gold)
    if parts is None or pred is None or (strict and len(parts) < 3):
        return False
    return pred[: len(parts)] == parts


def author_ok(pred: list[str], gold: str, strict: bool) -> bool:
    names = [n for n in re.split(r"[\s、]+", gold) if n]
    if strict:
        return any(n in pred for n in names)
    joined = " ".join(pred)
    return any(n in joined for n in names)


def _day(value) -> tuple[int, int, int] | None:
    return (value.year, value.month, value.day) if value is not None else None


def run_trafilatura(pages: dict[str, bytes]) -> dict[str, dict]:
    import trafilatura

    out = {}
    for pid, data in pages.items():
        doc = trafilatura.bare_extraction(data, with_metadata=True)
        date = None
        if doc is not None and doc.date:
            m = re.match(r"(\d{4})-(\d{2})-(\d{2})", doc.date)
            date = tuple(int(x) for x in m.groups()) if m else None
        author = doc.author if doc is not None and doc.author else ""
        out[pid] = {"text": (doc.text or "") if doc is not None else "", "date": date,
                    "authors": [a.strip() for a in re.split(r";", author) if a.strip()]}
    return out


def run_pairwatch(pages: dict[str, bytes], normalise: bool = True) -> dict[str, dict]:
    out = {}
    for pid, data in pages.items():
        try:
            doc = read_document(data, normalise=normalise)
        except ParseError:
            out[pid] = {"text": "", "date": None, "authors": []}
            continue
        f = doc.fields
        out[pid] = {"text": "\n".join(f.body), "date": _day(f.date.value) if f.date else None,
                    "authors": list(f.authors), "precision": f.date.precision if f.date else None}
    return out


WARM_UP = (  # a page of our own, so that imports and lazy tables are loaded before timing
    "<html><head><title>测试页面</title></head><body><h1>测试页面的标题</h1><p>2024年1月2日 来源：本站</p>"
    "<p>这是一段用来预热的正文，它没有任何实际内容，只是让程序先载入所需的模块和词表。</p></body></html>"
).encode()


def worker(name: str, shared: Path) -> None:
    """One timed pass in a fresh process: no cache of an earlier pass can help (trafilatura keeps
    caches that make a second pass over the same pages about twice as fast)."""
    pages = load_pages(shared)
    fn = {"trafilatura": run_trafilatura, "pairwatch": run_pairwatch,
          "reading": lambda p: run_pairwatch(p, normalise=False)}[name]
    fn({"warm-up": WARM_UP})
    t0 = time.perf_counter()
    results = fn(pages)
    print(json.dumps({"seconds": time.perf_counter() - t0, "results": results}, ensure_ascii=False))


def timed(names: list[str], shared: Path, repeat: int) -> dict[str, tuple[dict, float]]:
    """Each extractor over all pages in fresh processes, interleaved ``repeat`` times (so load on
    the machine hits all alike); the best pass's pages/s."""
    best = dict.fromkeys(names, float("inf"))
    results: dict[str, dict] = {}
    for _ in range(repeat):
        for name in names:
            cmd = [sys.executable, __file__, "--worker", name, "--shared", str(shared)]
            out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            best[name] = min(best[name], out["seconds"])
            results[name] = {k: {**v, "date": tuple(v["date"]) if v["date"] else None}
                             for k, v in out["results"].items()}
    n = len(next(iter(results.values())))
    return {name: (results[name], n / best[name]) for name in names}


def load_pages(shared: Path) -> dict[str, bytes]:
    base = shared / "benchmarks" / "zh-web-extraction"
    return {p.stem: p.read_bytes() for p in sorted((base / "original").glob("*.html"))}


def score(pred: dict[str, dict], gold: dict[str, dict]) -> dict:
    f1 = [bigram_f1(pred[p]["text"], g["text"]) for p, g in gold.items()]
    dated = [p for p, g in gold.items() if g["date"] != "UNKNOWN"]
    authored = [p for p, g in gold.items() if g["author"] != "UNKNOWN"]
    folded = [bigram_f1(fold(pred[p]["text"]) or "", fold(g["text"]) or "") for p, g in gold.items()]
    return {
        "text": sum(f1) / len(f1), "f1": dict(zip(gold, f1, strict=True)), "text_folded": sum(folded) / len(folded),
        "date": sum(date_ok(pred[p]["date"], gold[p]["date"], True) for p in dated),
        "date_prec": sum(date_ok(pred[p]["date"], gold[p]["date"], False) for p in dated),
        "author": sum(author_ok(pred[p]["authors"], gold[p]["author"], True) for p in authored),
        "author_loose": sum(author_ok(pred[p]["authors"], gold[p]["author"], False) for p in authored),
        "n_date": len(dated), "n_author": len(authored),
    }


def benchmark(shared: Path, repeat: int, verbose: bool) -> None:
    base = shared / "benchmarks" / "zh-web-extraction"
    pages = load_pages(shared)

    def gold_file(kind: str, pid: str) -> str:
        return (base / kind / f"{pid}.txt").read_text(encoding="utf-8-sig").strip()

    gold = {p: {"text": gold_file("cleaned", p), "date": gold_file("date", p), "author": gold_file("author", p)}
            for p in pages}
    runs = timed(["trafilatura", "pairwatch", "reading"], shared, repeat)
    (traf, traf_pps), (mine, mine_pps), (bare, bare_pps) = runs["trafilatura"], runs["pairwatch"], runs["reading"]
    st, sm, sb = score(traf, gold), score(mine, gold), score(bare, gold)
    nd, na = sm["n_date"], sm["n_author"]
    print(f"zh-web-extraction: {len(pages)} pages, {nd} with a gold date, {na} with a gold author")
    print(f"{'extractor':<22}{'text F1':>8} {'fold':>6}  {'date day':>9} {'date prec':>10}  {'author':>7} {'loose':>6}"
          f"  {'pages/s':>8} {'speed':>6}")
    rows = (("trafilatura (baseline)", st, traf_pps), ("pairwatch", sm, mine_pps), ("  reading only", sb, bare_pps))
    for name, s, pps in rows:
        print(f"{name:<22}{s['text']:>8.3f} {s['text_folded']:>6.3f}  {s['date']:>4}/{nd:<4} {s['date_prec']:>5}/{nd:<4}  "
              f"{s['author']:>3}/{na:<3} {s['author_loose']:>2}/{na:<3}  {pps:>8.1f} {pps / traf_pps:>5.1f}x")
    print(f"{'GNE 0.4.3 (issue 4)':<22}{GNE['text']:>8.3f} {'':>6}  {GNE['date']:>4}/{nd:<4} {'':>10}  "
          f"{GNE['author']:>3}/{na:<3} {'':>6}  {GNE['pps']:>8.1f}    (not run)")
    RESULT["web"] = {name.strip(): {"text_f1": round(s["text"], 3), "date": s["date"], "author": s["author"],
                                    "pages_per_s": round(pps, 1), "speed_vs_trafilatura": round(pps / traf_pps, 2)}
                     for name, s, pps in rows}
    RESULT["web"]["n_pages"], RESULT["web"]["n_date"], RESULT["web"]["n_author"] = len(pages), nd, na
    print(f"targets: text >= 0.90, date >= 57/{nd} (strict same-day ceiling 51), author >= 45/{na}, faster than both")
    if verbose:
        for p, g in gold.items():
            m = mine[p]
            bad = []
            if sm["f1"][p] < 0.9:
                bad.append(f"text {sm['f1'][p]:.2f} (trafilatura {st['f1'][p]:.2f})")
            if g["date"] != "UNKNOWN" and not date_ok(m["date"], g["date"], False):
                bad.append(f"date {m['date']} gold {g['date']!r}")
            if g["author"] != "UNKNOWN" and not author_ok(m["authors"], g["author"], True):
                bad.append(f"author {m['authors']} gold {g['author']!r}")
            if bad:
                print(f"  {p[:8]}: " + "; ".join(bad))


def fold(text: str | None) -> str | None:
    if text is None:
        return None
    return "".join(to_simplified(unicodedata.normalize("NFKC", text)).split())


def corpus(shared: Path, verbose: bool) -> None:
    base = shared / "corpus"
    gold = [json.loads(line) for line in (base / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    t_all = t_titled = d_all = d_dated = 0
    misses = []
    t0 = time.perf_counter()
    for g in gold:
        path = base / "articles" / f"{g['id']}.txt"
        try:
            f = read_document(path.read_bytes()).fields
            title, day = f.title, f.date.value.date().isoformat() if f.date and f.date.precision != "month" else None
        except ParseError:
            title, day = None, None
        t_ok, d_ok = fold(title) == fold(g["title"]), day == g["published"]
        t_all += t_ok
        t_titled += t_ok and g["title"] is not None
        d_all += d_ok
        d_dated += d_ok and g["published"] is not None
        if not (t_ok and d_ok):
            misses.append(f"  {g['id']}: title {title!r} gold {g['title']!r}; date {day} gold {g['published']}")
    elapsed = time.perf_counter() - t0
    titled = sum(g["title"] is not None for g in gold)
    dated = sum(g["published"] is not None for g in gold)
    RESULT["corpus_dumps"] = {"pages": len(gold), "title_exact": t_all, "date_same_day": d_all,
                              "pages_per_s": round(len(gold) / elapsed)}
    print(f"\ncorpus text dumps: {len(gold)} pages ({titled} titled, {dated} dated), {len(gold) / elapsed:.0f} pages/s")
    print(f"{'':<22}{'all':>10} {'where gold has one':>20}")
    print(f"{'title exact':<22}{t_all:>6}/{len(gold):<3} {t_titled:>14}/{titled}")
    print(f"{'date same day':<22}{d_all:>6}/{len(gold):<3} {d_dated:>14}/{dated}")
    if verbose:
        print("\n".join(misses))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON to this file (for bench/run_all.py)")
    ap.add_argument("--worker", choices=["trafilatura", "pairwatch", "reading"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.shared)
        return
    if not (args.shared / "benchmarks" / "zh-web-extraction").exists():
        sys.exit(f"{args.shared} has no benchmarks/zh-web-extraction: pass --shared DIR")
    benchmark(args.shared, args.repeat, args.verbose)
    corpus(args.shared, args.verbose)
    if args.json:
        args.json.write_text(json.dumps(RESULT, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
