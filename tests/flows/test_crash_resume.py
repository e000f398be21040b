"""Crash safety: an ingest killed with SIGKILL at random points, 20 times, then run to the end.

A Prefect flow run costs 10-20 s to start, so 20 killed flow runs would be too slow for CI: the
process killed here is a plain ingest, a subprocess running the same steps the ingest flow runs
(flows/steps.py: local_locations, read_local, parse_docs, store_batch, in batches of the flow's
size) over a folder of 1,000 generated documents into one SQLite file.  Every run ingests the
whole folder again, as a rerun of the flow would.  After the final run each document is stored
exactly once, no row points at a missing article, pairing or funding item, and the pairings and
funding (compared by natural keys: parties, relation, amount, first article's file) equal those
of an uninterrupted run into a second database.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import ROOT

N_DOCS = 1000
KILLS = 20

# Pairs, relations and sentences of our own; the numbers, dates and the choice of pair vary per document.
PAIRS = [("杭州市", "恩施州"), ("宁波市", "凉山州"), ("温州市", "丽江市"), ("嘉兴市", "四川省九寨沟县"),
         ("青岛市", "陇南市"), ("济南市", "湘西州"), ("厦门市", "临夏州"), ("福州市", "定西市"),
         ("天津市", "和田地区"), ("广州市", "毕节市"), ("深圳市", "河池市"), ("苏州市", "铜仁市"),
         ("大连市", "六盘水市"), ("珠海市", "怒江州")]
RELATIONS = ["对口帮扶", "东西部协作", "对口支援", "结对帮扶"]
USES = ["乡村道路建设", "中小学校舍改造", "茶叶加工厂扩建", "县医院设备更新", "易地搬迁安置点配套", "劳务培训"]
FILLER = ["双方还就干部挂职和人才交流作了安排。", "与会人员实地察看了产业园区和安置社区。",
          "当地群众对帮扶项目的进展表示满意。", "会议要求抓好项目管理，确保资金用在实处。",
          "两地商定每季度召开一次联席会议。", "消费帮扶专柜当天售出农特产品一批。"]

WORKER = """
import sys
from flows import steps
from store import Store
folder, db_url, resume = sys.argv[1], sys.argv[2], sys.argv[3] == "resume"
locations = steps.local_locations([folder])
if resume:
    with Store(db_url) as store:
        known = store.known_locations(locations)
    locations = [loc for loc in locations if loc not in known]
print("started", flush=True)
for batch in steps.batches(locations, 50):
    docs, failures = steps.read_local(batch)
    extractions, more = steps.parse_docs(docs)
    print("parsed", flush=True)
    steps.store_batch(db_url, extractions, failures + more)
print("done", flush=True)
"""


def _document(rng: random.Random, i: int) -> str:
    donor, recipient = PAIRS[i % len(PAIRS)]
    relation = RELATIONS[(i // len(PAIRS)) % len(RELATIONS)]
    year, month, day = 2018 + i % 7, 1 + i % 12, 1 + i % 28
    amount = rng.randint(11, 98_000)
    cadres, trained = rng.randint(2, 60), rng.randint(100, 9000)
    filler = rng.sample(FILLER, 3)
    return (f"{year}-{month:02d}-{day:02d}\n\n{donor}{relation}{recipient}工作推进会召开（第{i}期）\n\n"
            f"{year}年{month}月{day}日，{donor}{relation}{recipient}工作推进会在{recipient}召开。{filler[0]}\n\n"
            f"会上，{donor}向{recipient}捐赠帮扶资金{amount}万元，用于{rng.choice(USES)}。{filler[1]}\n\n"
            f"自{year - rng.randint(1, 5)}年以来，{donor}累计选派{cadres}名干部到{recipient}挂职，"
            f"培训各类人才{trained}人次，编号{rng.randint(10**8, 10**9)}。{filler[2]}\n")


def _generate(folder: Path) -> None:
    rng = random.Random(8)
    folder.mkdir()
    for i in range(N_DOCS):
        (folder / f"doc{i:04d}.txt").write_text(_document(rng, i), encoding="utf-8")


def _start(folder: Path, db: Path, resume: bool = False) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-c", WORKER, str(folder), f"sqlite:///{db}", "resume" if resume else "all"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _run_to_end(folder: Path, db: Path, resume: bool = False) -> float:
    start = time.perf_counter()
    proc = _start(folder, db, resume)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and "done" in out, err[-3000:]
    return time.perf_counter() - start


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


PAIRINGS = """SELECT d.key, r.key, p.relation, p.evidence, l.path FROM pairings p
JOIN parties d ON d.id = p.donor_id JOIN parties r ON r.id = p.recipient_id
JOIN article_locations l ON l.article_id = p.first_article_id ORDER BY 1, 2, 3, 4, 5"""
FUNDING = """SELECT f.amount_yuan, f.approximate, f.kind, f.text, f.period, f.evidence, d.key, r.key, l.path,
(SELECT l2.path FROM funding f2 JOIN article_locations l2 ON l2.article_id = f2.first_article_id
 WHERE f2.id = f.repeat_of) FROM funding f
LEFT JOIN parties d ON d.id = f.donor_id LEFT JOIN parties r ON r.id = f.recipient_id
JOIN article_locations l ON l.article_id = f.first_article_id ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9"""
SOURCES = """SELECT 'pairing', d.key, r.key, p.relation, l.path FROM pairing_sources s JOIN pairings p ON p.id = s.pairing_id
JOIN parties d ON d.id = p.donor_id JOIN parties r ON r.id = p.recipient_id
JOIN article_locations l ON l.article_id = s.article_id
UNION ALL SELECT 'funding', f.amount_yuan, f.text, f.kind, l.path FROM funding_sources s
JOIN funding f ON f.id = s.funding_id JOIN article_locations l ON l.article_id = s.article_id ORDER BY 1, 2, 3, 4, 5"""
ORPHANS = {
    "locations without article": "SELECT count(*) FROM article_locations WHERE article_id NOT IN (SELECT id FROM articles)",
    "signatures without article":
        "SELECT count(*) FROM article_signatures WHERE article_id NOT IN (SELECT id FROM articles)",
    "bands without article": "SELECT count(*) FROM lsh_bands WHERE article_id NOT IN (SELECT id FROM articles)",
    "articles without location":
        "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM article_locations)",
    "articles without cluster":
        "SELECT count(*) FROM articles WHERE cluster_id IS NULL OR cluster_id NOT IN (SELECT id FROM clusters)",
    "pairing sources without pairing or article": "SELECT count(*) FROM pairing_sources WHERE pairing_id NOT IN "
        "(SELECT id FROM pairings) OR article_id NOT IN (SELECT id FROM articles)",
    "funding sources without funding or article": "SELECT count(*) FROM funding_sources WHERE funding_id NOT IN "
        "(SELECT id FROM funding) OR article_id NOT IN (SELECT id FROM articles)",
    "pairings without source": "SELECT count(*) FROM pairings WHERE id NOT IN (SELECT pairing_id FROM pairing_sources)",
    "funding without source": "SELECT count(*) FROM funding WHERE id NOT IN (SELECT funding_id FROM funding_sources)",
    "pairings with missing first article":
        "SELECT count(*) FROM pairings WHERE first_article_id NOT IN (SELECT id FROM articles)",
    "funding with missing first article":
        "SELECT count(*) FROM funding WHERE first_article_id NOT IN (SELECT id FROM articles)",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "docs"
    _generate(path)
    return path


def test_killed_ingest_resumes_to_the_same_store(folder: Path, tmp_path_factory) -> None:
    """Killed runs resume (they skip what the store already holds, as a fetch run does); the last run
    ingests the whole folder again.  Kill points follow the worker's progress lines (start-up, or a
    random moment while the first or second batch is being stored), so they hold under any load."""
    base = Path(tempfile.mkdtemp(dir="/dev/shm")) if Path("/dev/shm").is_dir() else tmp_path_factory.mktemp("db")
    reference, crashed = base / "reference.db", base / "crashed.db"  # tmpfs: fsync is not what is tested
    try:
        full = _run_to_end(folder, reference)
        startup = _run_to_end(folder, reference, resume=True)  # nothing left to do: start-up and the check
        n_pairings, n_funding = len(_rows(reference, PAIRINGS)), len(_rows(reference, FUNDING))
        assert n_pairings >= len(PAIRS) and n_funding >= N_DOCS // 2, "the generated documents must yield records"

        rng = random.Random(20)
        killed_at, stored_after, killed = [], [], 0
        for _ in range(KILLS):  # kill points follow the run's progress, not the clock: robust to load
            proc = _start(folder, crashed, resume=True)
            at_batch = rng.choice([-1, 0, 0, 1])  # -1: during start-up; n: while storing the n-th batch
            seen = -1
            for line in proc.stdout:
                if line.startswith(("started", "parsed")):
                    seen += line.startswith("parsed")
                    if seen == at_batch:
                        time.sleep(rng.uniform(0.0, 0.25))  # inside the batch's transactions, mostly
                        break
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
            killed += proc.returncode == -signal.SIGKILL  # else it had finished: nothing was left to do
            killed_at.append(at_batch)
            stored_after.append(_rows(crashed, "SELECT count(*) FROM articles")[0][0] if crashed.exists() else None)
        assert killed >= KILLS // 2, f"only {killed} of the runs were killed before they finished"
        _run_to_end(folder, crashed)
        print(f"\nuninterrupted run {full:.1f} s, start-up {startup:.1f} s; killed in batch {killed_at}; "
              f"articles stored after each kill {stored_after}; {killed} runs killed before their end")

        paths = _rows(crashed, "SELECT path, count(*), count(DISTINCT article_id) FROM article_locations GROUP BY 1")
        assert sorted(p for p, _, _ in paths) == sorted(str(p) for p in folder.iterdir())
        assert all(n == 1 and a == 1 for _, n, a in paths), "a document stored twice"
        assert _rows(crashed, "SELECT count(*) FROM articles")[0][0] == N_DOCS
        assert _rows(crashed, "SELECT count(*) FROM failures WHERE NOT resolved")[0][0] == 0
        for name, sql in ORPHANS.items():
            assert _rows(crashed, sql)[0][0] == 0, name
        for sql in (PAIRINGS, FUNDING, SOURCES):
            assert _rows(crashed, sql) == _rows(reference, sql)
        # kills land mid-ingest at different stages (how many distinct stages depends on machine load)
        assert len({n for n in stored_after if 0 < n < N_DOCS}) >= 2, "the kills must land at several points"
        print(f"rows: {n_pairings} pairings, {n_funding} funding, {len(_rows(crashed, SOURCES))} source links")
    finally:
        shutil.rmtree(base, ignore_errors=True)
