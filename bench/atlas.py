"""The atlas and the exports at scale: does ``pairwatch report`` stay under 10 s for 10,000 stored articles?

    .venv/bin/python bench/atlas.py                      # 10,000 articles (filling the store takes a minute or two)
    .venv/bin/python bench/atlas.py --articles 2000      # CI-size
    .venv/bin/python bench/atlas.py --db /tmp/atlas.db   # keep (and on the next run reuse) the filled store

The store is filled with made-up articles through Store.save_many, as an ingest would save them:
each states one to three pairings between made-up cities of eight eastern provinces and counties of
eight western ones (a pool of 400 pairs, so pairs recur across articles as real ones do) and zero
to four funding items; a tenth of them are republished copies on a second site. The texts are
random, so the dedupe keeps them apart. Nothing is parsed.

Measured, each as wall time in this process: reading everything (Store.select + Store.articles:
the baseline, the least any view of the whole store costs), writing the atlas (read + pages),
each export format, and, where Chromium is installed, loading the atlas's index in headless
Chromium until its tables are drawn. The atlas's size is printed too.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digests.atlas import write_atlas  # noqa: E402
from digests.export import write  # noqa: E402
from digests.table import COLUMNS, funding_row, pairing_row  # noqa: E402
from parsers.records import Article, Extraction, Funding, Official, Pairing, Party  # noqa: E402
from store import Store  # noqa: E402
from store.selection import Selection  # noqa: E402

EAST = ["北京市", "上海市", "江苏省", "浙江省", "福建省", "山东省", "广东省", "天津市"]
WEST = ["贵州省", "云南省", "四川省", "甘肃省", "宁夏回族自治区", "青海省", "广西壮族自治区", "西藏自治区"]
HANZI = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def _party(province: str, i: int, level: str) -> Party:
    stem = "".join(random.Random(f"{province}{i}").choice(HANZI) for _ in range(2))
    name = f"{stem}{'市' if level == 'prefecture' else '县'}"
    code = f"{(EAST + WEST).index(province) + 11:02d}{i:04d}"
    return Party(name=name, full_name=f"{province}{name}", code=code, level=level, province=province)


def _extraction(rng: random.Random, n: int, pairs: list[tuple[Party, Party, Official | None]],
                copy_of: Extraction | None) -> Extraction:
    if copy_of is not None:  # the same text republished on another site: one more source
        a = copy_of.article
        article = a.model_copy(update={"source": "mirror", "url": f"https://mirror.example.org/{n}.html"})
        return copy_of.model_copy(update={"article": article})
    body = "".join(rng.choice(HANZI) for _ in range(rng.randint(300, 900)))
    published = datetime(2016, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(3650))
    article = Article(source="bench", parser="generic", url=f"https://news.example.org/{n}.html",
                      title=f"对口帮扶工作推进会 {n}", text=body, published=published,
                      published_precision="minute", content_hash=hashlib.sha256(body.encode()).hexdigest())
    chosen = rng.sample(pairs, rng.randint(1, 3))
    pairings = [Pairing(donor=d, recipient=r, relation=rng.choice(["对口帮扶", "东西部协作", "对口支援"]),
                        evidence=body[:80], confidence=rng.choice([0.95, 0.869, 0.7]), official=o)
                for d, r, o in chosen]
    funding = []
    for _ in range(rng.randint(0, 4)):
        d, r, _o = rng.choice(chosen)
        amount = rng.choice([50, 120, 300, 800, 2000, 6000, 15000]) * 10_000
        funding.append(Funding(amount_yuan=amount, text=f"{amount // 10_000}万元", kind="帮扶资金", donor=d,
                               recipient=r, evidence=body[80:160], confidence=rng.choice([0.86, 0.7, 0.5])))
    return Extraction(article=article, pairings=pairings, funding=funding)


def fill(db: str, articles: int, seed: int = 16) -> None:
    rng = random.Random(seed)
    donors = [_party(p, i, "prefecture") for p in EAST for i in range(1, 11)]
    recipients = [_party(p, i, "county") for p in WEST for i in range(1, 31)]
    official = Official(programme="东西部协作", since=2016, source="made up for the benchmark")
    pairs = [(rng.choice(donors), r, official if rng.random() < 0.6 else None)
             for r in recipients for _ in range(2)][:400]
    made: list[Extraction] = []
    with Store(db) as store:
        for start in range(0, articles, 500):
            batch = []
            for n in range(start, min(start + 500, articles)):
                copy_of = made[rng.randrange(len(made))] if made and rng.random() < 0.1 else None
                ex = _extraction(rng, n, pairs, copy_of)
                made.append(ex)
                batch.append(ex)
            store.save_many(batch)
            print(f"  stored {min(start + 500, articles):,} / {articles:,} articles", file=sys.stderr, flush=True)


def timed(label: str, fn, results: list[tuple[str, float]]):  # noqa: ANN001, ANN201 - any callable
    t = time.perf_counter()
    value = fn()
    results.append((label, time.perf_counter() - t))
    return value


def browser_load(index: Path) -> float | None:
    """Seconds until the index's tables are drawn in headless Chromium, or None without a Chromium."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from chromium import Browser, chromium_path
    except ImportError:
        return None
    try:
        chromium_path()
    except BaseException:  # noqa: BLE001 - pytest's Skipped: no browser here
        return None
    with tempfile.TemporaryDirectory() as profile:
        b = Browser(Path(profile))
        try:
            t = time.perf_counter()
            b.open(index.as_uri())
            b.evaluate("document.getElementById('funding-count').textContent")
            took = time.perf_counter() - t
            errors = b.errors()
        finally:
            b.close()
    if errors:
        print(f"  browser errors: {errors[:3]}", file=sys.stderr)
    return took


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000, help="made-up articles to store (default 10,000)")
    ap.add_argument("--db", help="an SQLite file or database URL to fill (reused when it holds enough articles)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "atlas.db")
        with Store(db) as store:
            have = store.counts()["articles"]
        if have < args.articles * 0.85:
            t = time.perf_counter()
            fill(db, args.articles)
            print(f"filled the store in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        results: list[tuple[str, float]] = []
        with Store(db) as store:
            counts = store.counts()
            store.select(Selection())  # warm the connection and caches: the baseline is the read itself
            items = timed("read everything (Store.select + articles): baseline",
                          lambda: (store.select(Selection()), store.articles()), results)
            out = Path(tmp) / "atlas"

            def report() -> None:
                selected, arts = store.select(Selection()), store.articles()
                write_atlas(selected, arts, out, datetime.now(UTC), "bench")

            timed("pairwatch report (read + write the atlas)", report, results)
            rows_p = [pairing_row(p) for p in items[0].pairings]
            rows_f = [funding_row(f) for f in items[0].funding]
            for fmt in ("csv", "xlsx", "json"):
                timed(f"export funding as {fmt} (rows only, read excluded)",
                      lambda fmt=fmt: write(fmt, COLUMNS["funding"], rows_f, io.BytesIO()), results)
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        index_size = (out / "index.html").stat().st_size
        loaded = browser_load(out / "index.html")
    print(f"store: {counts['articles']:,} articles, {counts['locations']:,} locations, "
          f"{counts['pairings']:,} pairings ({len(rows_p):,} read), {counts['funding']:,} funding items")
    base = results[0][1]
    for label, took in results:
        print(f"{label:60s} {took:7.2f} s   {took / base:5.2f}x baseline")
    print(f"atlas: {size / 2**20:.1f} MB in all, index.html {index_size / 2**20:.1f} MB")
    if loaded is not None:
        print(f"{'headless Chromium: index.html loaded, tables drawn':60s} {loaded:7.2f} s")
    else:
        print("headless Chromium: not installed, not measured")
    report_time = results[1][1]
    print(f"budget: report for {counts['articles']:,} articles in {report_time:.1f} s "
          f"({'within' if report_time < 10 else 'OVER'} the 10 s of issue 16)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
