"""Near-duplicate clustering at scale: throughput, query time per document at growing N, peak memory.

    .venv/bin/python bench/dedupe.py                       # N = 10k and 100k (a few minutes)
    .venv/bin/python bench/dedupe.py --sizes 1000,5000     # CI-size
    .venv/bin/python bench/dedupe.py --db postgresql+psycopg://user@127.0.0.1:5432/bench  # a scratch
                                                           # database: its pairwatch tables are dropped

Documents are generated from real text read where it lies (../shared/corpus articles and the
../shared/benchmarks cleaned texts): a *story* is 200-900 characters walked by a word-trigram
Markov chain (jieba words) trained on those texts, so that stories share vocabulary and phrases
as real news does, and now and then a longer passage, without being copies of one another (the
mean and tail of their pairwise similarity are printed next to the real corpus's). A *copy*
re-publishes an earlier story the way mirrors do: cut at the end or the start, menus and footers
inserted, punctuation changed, converted to Traditional script (opencc s2t) and back through the
project's normaliser, as the parser would. About 40% of documents are copies.

Measured:
- dedupe throughput: signature + LSH query + verification + storing signature, bands and cluster
  as the store saves them (store.clusters.ChunkProbe: one probe of the index per chunk of
  SAVE_CHUNK documents, each assigned in a savepoint), in transactions of 1000 documents;
  writing the article rows themselves and generating the text are not counted;
- query time per document at each N: find_match for the same probe documents (new stories and
  copies of stored ones), not inserted, so the figures at each N are comparable; the ratio between
  the largest and the smallest N shows whether it grows with N;
- quality against the generator's truth: copies that joined their story's cluster (recall), and
  near-duplicate decisions that joined the wrong story (false merges);
- background similarity of generated stories next to that of the real corpus, so the generator's
  realism is visible; peak RSS (resource.getrusage).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import jieba
import opencc
from sqlalchemy import Connection, func, insert, select

from parsers.document import parse_document
from parsers.reading.normalise import normalise_text
from store import clusters
from store import dedupe as dd
from store import models as m
from store.db import make_engine, resolve_db_url
from store.repository import SAVE_CHUNK

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
BATCH = 1000
PROBES = 400
COPY_SHARE = 0.4
# Boilerplate lines written for this benchmark (menus, bylines, footers of the kind mirrors add).
BOILERPLATE = [
    "首页 | 新闻中心 | 政务公开 | 办事服务 | 互动交流",
    "当前位置：首页 > 新闻动态 > 部门动态",
    "【字体：大 中 小】【打印本页】【关闭窗口】",
    "责任编辑：王某某  审核：李某某",
    "版权所有：某某市人民政府办公室  网站标识码：0000000000",
    "扫一扫在手机打开当前页",
    "来源：本网综合  浏览次数：",
    "相关阅读：更多精彩内容请关注本站公众号",
]
_URL_LINE = re.compile(r"\A\ufeff?URL:\s*\S+\s*\n")
_START, _END = "<s>", "</s>"


def load_texts() -> list[str]:
    """The real texts, normalised to Simplified like the parser's output."""
    corpus = SHARED / "corpus" / "articles"
    cleaned = SHARED / "benchmarks" / "zh-web-extraction" / "cleaned"
    if not corpus.is_dir() or not cleaned.is_dir():
        sys.exit(f"bench/dedupe.py needs ../shared beside the repo ({corpus} and {cleaned})")
    texts = []
    for path in sorted(corpus.glob("*.txt")) + sorted(cleaned.glob("*.txt")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        texts.append(normalise_text(_URL_LINE.sub("", raw)).text)
    return texts


class Generator:
    """Stories and copies, each a pure function of (seed, number): nothing is kept in memory."""

    def __init__(self, texts: list[str], seed: int) -> None:
        self.seed = seed
        self.next: dict[tuple[str, str], list[str]] = {}
        for text in texts:
            for line in text.split("\n"):
                words = [_START, _START] + [w for w in jieba.lcut(line) if w.strip()] + [_END]
                for i in range(2, len(words)):
                    self.next.setdefault((words[i - 2], words[i - 1]), []).append(words[i])
        self.s2t = opencc.OpenCC("s2t")

    def story(self, n: int) -> str:
        rng = random.Random(self.seed * 1_000_003 + n)
        out: list[str] = []
        length, target, ctx = 0, rng.randint(200, 900), (_START, _START)
        while length < target:
            word = rng.choice(self.next[ctx])
            if word == _END:
                out.append("\n")
                ctx = (_START, _START)
                continue
            out.append(word)
            length += len(word)
            ctx = (ctx[1], word)
        return "".join(out)

    def copy(self, story: str, n: int) -> tuple[str, float]:
        """A republished copy and the seconds spent normalising it back (the parser's share)."""
        rng = random.Random(self.seed * 7_000_003 + n)
        text = story
        if rng.random() < 0.6:  # cut at the end, as excerpts and paginated mirrors do
            text = text[: int(len(text) * rng.uniform(0.45, 0.95))]
        if rng.random() < 0.3:  # lead dropped
            text = text[int(len(text) * rng.uniform(0.0, 0.15)) :]
        if rng.random() < 0.6:  # menus and footers
            text = "\n".join(rng.sample(BOILERPLATE, 2)) + "\n" + text + "\n" + "\n".join(rng.sample(BOILERPLATE, 2))
        if rng.random() < 0.5:
            text = text.translate(str.maketrans("，。：（）；", ",.:();"))
        spent = 0.0
        if rng.random() < 0.5:  # Traditional script, back through the normaliser as the parser would
            traditional = self.s2t.convert(text)
            t0 = time.perf_counter()
            text = normalise_text(traditional).text
            spent = time.perf_counter() - t0
        return text, spent

    def documents(self, start: int, stop: int) -> Iterator[tuple[int, int, str, float]]:
        """(document number, story number, text, normalising seconds) for documents start..stop-1."""
        rng = random.Random(self.seed)
        story_of = 0
        for n in range(stop):
            is_copy = story_of > 0 and rng.random() < COPY_SHARE
            target = rng.randrange(story_of) if is_copy else story_of
            if not is_copy:
                story_of += 1
            if n < start:
                continue
            if is_copy:
                text, spent = self.copy(self.story(target), n)
                yield n, target, text, spent
            else:
                yield n, target, self.story(target), 0.0


def _insert_articles(conn: Connection, batch: list[tuple[int, int, str, float]], at: datetime) -> list[int]:
    rows = [
        {"source": "bench", "parser": "bench", "script": "simplified", "text": text,
         "content_hash": f"bench-{n}", "authors": [], "flags": [], "mojibake_spans": [], "first_seen_at": at}
        for n, _, text, _ in batch
    ]  # fmt: skip
    conn.execute(insert(m.articles), rows)
    hashes = [r["content_hash"] for r in rows]
    ids = dict(conn.execute(select(m.articles.c.content_hash, m.articles.c.id).where(m.articles.c.content_hash.in_(hashes))).all())
    return [ids[h] for h in hashes]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _background(texts: list[str]) -> str:
    """How alike distinct stories are: the LSH candidates a query meets grow with N times mean J²."""
    sets = [set(dd.shingle_hashes(t).tolist()) for t in texts]
    sims = sorted(len(a & b) / len(a | b) for i, a in enumerate(sets) for b in sets[i + 1 :] if a and b)
    p99 = sims[int(len(sims) * 0.99)]
    return f"{statistics.fmean(sims):.4f} / {p99:.4f} / {sims[-1]:.4f} / {statistics.fmean(j * j for j in sims):.2e}"


def _distinct_corpus_stories() -> list[str]:
    """The corpus bodies as the parser gives them, without the later copy of each republished pair."""
    gold = [json.loads(line) for line in (SHARED / "corpus" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    copies = {g["id"] for g in gold if g.get("duplicate_of")}
    paths = sorted((SHARED / "corpus" / "articles").glob("*.txt"))
    return [parse_document(p.read_bytes(), path=str(p)).article.text for p in paths if p.stem not in copies]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated N at which to measure")
    ap.add_argument("--db", default=None,
                    help="a scratch database URL: its pairwatch tables are dropped (default: a temporary SQLite file)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, help="also write the figures as JSON to this file (for bench/run_all.py)")
    args = ap.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))

    t0 = time.perf_counter()
    jieba.setLogLevel(60)
    texts = load_texts()
    gen = Generator(texts, args.seed)
    print(f"real text: {len(texts)} texts, {sum(map(len, texts)):,} characters, chain trained in "
          f"{time.perf_counter() - t0:.1f}s")  # fmt: skip
    real = _background(_distinct_corpus_stories())
    generated = _background([gen.story(10_000_000 + i) for i in range(80)])
    print("similarity of distinct stories (exact Jaccard, 4-shingles; mean / 99th percentile / max / mean of J²):")
    print(f"  real corpus (parsed, copies left out): {real}")
    print(f"  generated stories:                     {generated}")

    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="pairwatch-bench-")
        url = resolve_db_url(str(Path(tmp.name) / "bench.db"))
    else:
        url = resolve_db_url(args.db)
    engine = make_engine(url)
    with engine.begin() as conn:
        m.metadata.drop_all(conn)
        m.metadata.create_all(conn)
    print(f"database: {engine.dialect.name}; scheme {dd.SCHEME}; threshold {dd.THRESHOLD}")

    # Probes: new stories (never stored) and copies of the first stories (stored from the start).
    probes = [gen.story(20_000_000 + i) for i in range(PROBES // 2)]
    probes += [gen.copy(gen.story(i % 50), 30_000_000 + i)[0] for i in range(PROBES - len(probes))]

    at = datetime(2024, 1, 1, tzinfo=UTC)
    done = 0
    totals = dict.fromkeys(("dedupe_s", "normalise_s", "copies", "joined", "wrong_copies"), 0.0)
    wrong: list[tuple[int, int]] = []
    article_story: dict[int, int] = {}
    story_cluster: dict[int, int] = {}
    rows = []
    summary: list[dict] = []
    for size in sizes:
        batch: list[tuple[int, int, str, float]] = []
        for doc in gen.documents(done, size):
            batch.append(doc)
            if len(batch) == BATCH:
                _ingest(engine, batch, at, totals, story_cluster, article_story, wrong)
                batch = []
        if batch:
            _ingest(engine, batch, at, totals, story_cluster, article_story, wrong)
        done = size
        per_query = _query_time(engine, probes)
        with engine.connect() as conn:
            bands = conn.execute(select(func.count()).select_from(m.lsh_bands)).scalar_one()
        rows.append((size, per_query))
        summary.append({"n": size, "dedupe_docs_per_s": round(done / totals["dedupe_s"]), "query_ms": per_query * 1e3,
                        "copies_joined": int(totals["joined"]), "copies": int(totals["copies"]),
                        "stories": len(story_cluster), "stories_joined_other": len(wrong), "peak_rss_mb": _rss_mb()})
        copies, joined = int(totals["copies"]), int(totals["joined"])
        print(
            f"N={size:>7,}: dedupe {done / totals['dedupe_s']:,.0f} docs/s ({totals['dedupe_s']:.1f}s in all; "
            f"the parser's normalisation of Traditional copies, {totals['normalise_s']:.1f}s, not counted); "
            f"query {per_query * 1e3:.3f} ms/doc; {bands:,} band rows; copies that joined their story "
            f"{joined:,}/{copies:,} ({joined / max(copies, 1):.2%}), another story's {int(totals['wrong_copies'])}; "
            f"stories {len(story_cluster):,}, "
            f"of which {len(wrong):,} ({len(wrong) / max(len(story_cluster), 1):.2%}) joined another story's cluster; "
            f"peak RSS {_rss_mb():,.0f} MB"
        )
    if wrong:
        sims = sorted(dd.exact_similarity(dd.shingle_hashes(gen.story(a)), dd.shingle_hashes(gen.story(b)))
                      for a, b in wrong[:2000])  # fmt: skip
        print(f"new stories that joined another's cluster: exact similarity of the two generated stories "
              f"min {sims[0]:.3f}, median {statistics.median(sims):.3f} (the threshold is {dd.THRESHOLD}: "
              "the generator made them share that much text)")  # fmt: skip
    if len(rows) > 1:
        (n0, q0), (n1, q1) = rows[0], rows[-1]
        print(f"query time per doc at N={n1} vs N={n0}: x{q1 / q0:.2f} for x{n1 / n0:.0f} documents "
              f"(linear growth would be x{n1 / n0:.0f})")  # fmt: skip
    target = done / totals["dedupe_s"]
    print(f"target >= 500 docs/s for dedupe alone: {'met' if target >= 500 else 'NOT met'} ({target:,.0f})")
    if args.json:
        args.json.write_text(json.dumps({"sizes": summary}), encoding="utf-8")
    if tmp is not None:
        engine.dispose()
        tmp.cleanup()


def _ingest(engine, batch, at: datetime, totals: dict[str, float], story_cluster: dict[int, int],
            article_story: dict[int, int], wrong: list[tuple[int, int]]) -> None:
    """Store one batch in one transaction, timing clustering only; count its decisions against the truth.

    ``wrong`` collects (story, story of the article it was found similar to) for every new story
    that joined another story's cluster.
    """
    with engine.begin() as conn:
        ids = _insert_articles(conn, batch, at)
        assigned = []
        for start in range(0, len(batch), SAVE_CHUNK):  # as Store.save_many: one probe per chunk
            chunk = batch[start : start + SAVE_CHUNK]
            t0 = time.perf_counter()
            probe = clusters.ChunkProbe(conn, [text for _, _, text, _ in chunk])
            for i, article_id in enumerate(ids[start : start + SAVE_CHUNK]):
                assigned.append(probe.assign(conn, i, article_id, None, at))
                probe.settle(i, kept=True)  # (saving's savepoint per document is saving's cost, not counted)
            probe.flush(conn)
            totals["dedupe_s"] += time.perf_counter() - t0
        for article_id, a, (_, story, _, spent) in zip(ids, assigned, batch, strict=True):
            totals["normalise_s"] += spent
            if story in story_cluster:  # a copy of a stored story
                totals["copies"] += 1
                totals["joined"] += a.cluster_id == story_cluster[story]
                if a.near_duplicate and a.cluster_id != story_cluster[story]:
                    totals["wrong_copies"] += 1
            else:  # a new story: it must start its own cluster
                story_cluster[story] = a.cluster_id
                if a.near_duplicate:
                    wrong.append((story, article_story[a.matched_article_id]))
            article_story[article_id] = story


def _query_time(engine, probes: list[str]) -> float:
    signed = [(dd.signature_of(h), h) for h in map(dd.shingle_hashes, probes)]
    signed = [(sig, h) for sig, h in signed if sig is not None]
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":  # a running service's tables have statistics (autovacuum's
            conn.exec_driver_sql("ANALYZE lsh_bands, article_signatures, articles")  # ANALYZE may not have run yet)
            conn.commit()
        for sig, h in signed[:20]:  # warm the cache as a running service would be
            clusters.find_match(conn, sig, h)
        t0 = time.perf_counter()
        for sig, h in signed:
            clusters.find_match(conn, sig, h)
        return (time.perf_counter() - t0) / len(signed)


if __name__ == "__main__":
    main()
