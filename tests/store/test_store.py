"""store/: idempotent saving, provenance, failures, digests, time zones and concurrent writers.

Every test uses a real SQLite file under tmp_path; with PAIRWATCH_TEST_PG_URL set (a PostgreSQL
server URL whose user may create databases), the database tests run on a fresh PostgreSQL database
too. The sentences and division codes are made up.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

import store.repository
import store.saving
from parsers.records import Article, Extraction, Funding, Pairing, ParseFailure, Party
from store import DEFAULT_DB_URL, SaveResult, Store, resolve_db_url

JIA = Party(name="甲市", full_name="东海省甲市", code="990100", level="prefecture", province="东海省")
YI = Party(name="乙县", full_name="西山省丙州乙县", code="980321", level="county", province="西山省")
DING = Party(name="丁县", full_name="西山省丙州丁县", code="980322", level="county", province="西山省")
CORP = Party(name="戊集团", full_name="东海省戊集团有限公司", province="东海省")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def doc(
    body: str,
    url: str | None = "https://news.example.cn/a/1.html",
    pairings: tuple[tuple[Party, Party], ...] = ((JIA, YI),),
    amounts: tuple[int, ...] = (),
    published: datetime | None = None,
    precision: str | None = "minute",
) -> Extraction:
    """An extraction whose evidence is its own made-up body text."""
    published = published or datetime(2023, 5, 6, 9, 30, tzinfo=SHANGHAI)
    digest = hashlib.sha256(body.encode()).hexdigest()
    meta = dict(source="example", parser="generic", authors=["记者甲"], flags=["ok"], mojibake_spans=[(1, 3)])
    article = Article(url=url, title=body[:8], text=body, published=published, published_precision=precision,
                      content_hash=digest, **meta)  # fmt: skip
    fund = dict(approximate=True, kind="帮扶资金", donor=JIA, recipient=YI, evidence=body)
    return Extraction(
        article=article,
        pairings=[Pairing(donor=d, recipient=r, relation="对口帮扶", evidence=body) for d, r in pairings],
        funding=[Funding(amount_yuan=a, text=f"近{a}元", **fund) for a in amounts],
    )


class Clock:
    def __init__(self) -> None:
        self.t = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.t

    def advance(self, hours: float = 1) -> datetime:
        self.t += timedelta(hours=hours)
        return self.t


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(store.repository, "now", c)
    return c


@pytest.fixture
def db(db_url: str) -> Store:
    with Store(db_url) as s:
        yield s


def test_resolve_db_url(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PAIRWATCH_DB_URL", raising=False)
    assert resolve_db_url() == DEFAULT_DB_URL
    assert (tmp_path / "data").is_dir()
    monkeypatch.setenv("PAIRWATCH_DB_URL", "sqlite:///env/x.db")
    assert resolve_db_url() == "sqlite:///env/x.db" and (tmp_path / "env").is_dir()
    assert resolve_db_url(str(tmp_path / "p" / "y.db")) == f"sqlite:///{tmp_path}/p/y.db"
    assert (tmp_path / "p").is_dir()
    assert resolve_db_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_sqlite_connections_are_configured(tmp_path) -> None:
    with Store(str(tmp_path / "x.db")).engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_saving_twice_adds_nothing(db: Store) -> None:
    ex = doc("甲市对口帮扶乙县，投入近500万元。", amounts=(5_000_000,))
    first = db.save(ex)
    counts = db.counts()
    assert first.new_article and not first.duplicate and first.new_location
    assert (first.new_pairings, first.new_funding) == (1, 1)
    again = db.save(ex)
    assert again == SaveResult(first.article_id, False, True, 0, 0, False, cluster_id=first.cluster_id)
    assert db.counts() == counts
    assert counts["articles"] == 1 and counts["parties"] == 2 and counts["pairings"] == 1


def test_same_text_at_second_location_is_a_duplicate_with_both_links(db: Store) -> None:
    body = "甲市对口帮扶乙县的消息被两家网站转载。"
    db.save(doc(body, url="https://a.example.cn/1.html"))
    second = db.save(doc(body, url="https://b.example.cn/2.html"))
    assert second.duplicate and not second.new_article and second.new_location
    assert db.counts()["articles"] == 1
    [item] = db.pending("atom").pairings
    assert [s.url for s in item.sources] == ["https://a.example.cn/1.html", "https://b.example.cn/2.html"]
    asked = ["https://a.example.cn/1.html", "https://b.example.cn/2.html", "https://c.example.cn/3.html"]
    assert db.known_locations(asked) == set(asked[:2])


def test_known_locations_match_canonical_urls(db: Store) -> None:
    from parsers.urls import canonical_url

    url = "HTTP://WWW.News.Example.cn:80/a/1.html?utm_source=feed&id=7#top"
    ex = doc("甲市对口帮扶乙县的消息。", url=url)
    db.save(ex.model_copy(update={"article": ex.article.model_copy(update={"canonical_url": canonical_url(url)})}))
    asked = [url, "http://news.example.cn/a/1.html?id=7", "http://news.example.cn/a/1.html?id=8"]
    assert db.known_locations(asked) == set(asked[:2])


def test_pairing_in_second_article_adds_a_source_not_a_pairing(db: Store) -> None:
    db.save(doc("甲市对口帮扶乙县。", url="https://a.example.cn/1.html"))
    later = db.save(
        doc(
            "甲市继续对口帮扶乙县，并结对丁县。",
            url="https://b.example.cn/9.html",
            pairings=((JIA, YI), (JIA, DING)),
        )
    )
    assert later.new_article and later.new_pairings == 1
    counts = db.counts()
    assert counts["pairings"] == 2 and counts["pairing_sources"] == 3 and counts["parties"] == 3
    first, second = db.pending("atom").pairings
    assert (first.recipient, second.recipient) == (YI, DING)
    assert [s.url for s in first.sources] == ["https://a.example.cn/1.html", "https://b.example.cn/9.html"]
    assert first.evidence == "甲市对口帮扶乙县。"


def test_failure_at_the_database_leaves_nothing_of_that_document(db: Store) -> None:
    too_big = doc("甲市对口帮扶乙县，金额大得离谱。", amounts=(10**30,))  # no BIGINT holds it
    with pytest.raises(Exception):  # noqa: B017 - the driver's own error type varies by dialect
        db.save(too_big)
    assert all(n == 0 for n in db.counts().values())


def test_failure_after_the_article_insert_rolls_back(db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store.saving, "save_funding", boom)
    with pytest.raises(RuntimeError):
        db.save(doc("甲市对口帮扶乙县，投入100万元。", amounts=(1_000_000,)))
    assert all(n == 0 for n in db.counts().values())


def test_save_many_goes_on_after_a_bad_document(db: Store) -> None:
    docs = [
        doc("甲市对口帮扶乙县。", url="https://a.example.cn/1.html"),
        doc("一篇金额出错的报道。", url="https://a.example.cn/2.html", amounts=(10**30,)),
        doc("甲市对口帮扶丁县。", url="https://a.example.cn/3.html", pairings=((JIA, DING),)),
    ]
    results = db.save_many(docs)
    assert isinstance(results[0], SaveResult) and isinstance(results[2], SaveResult)
    assert isinstance(results[1], ParseFailure) and results[1].location == "https://a.example.cn/2.html"
    counts = db.counts()
    assert counts["articles"] == 2 and counts["pairings"] == 2 and counts["failures"] == 1
    [failure] = db.failures_since(None)
    assert failure.location == "https://a.example.cn/2.html" and "store:" in failure.reason


def test_a_batch_whose_transaction_fails_is_saved_one_document_at_a_time(
    db: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents are saved many to a transaction; if that transaction fails, none is lost."""
    real = store.repository.write_tx
    calls = []

    @contextmanager
    def flaky(engine):  # the first transaction's commit fails, as when the connection drops
        calls.append(1)
        with real(engine) as conn:
            yield conn
            if len(calls) == 1:
                raise OperationalError("COMMIT", {}, Exception("connection lost"))

    monkeypatch.setattr(store.repository, "write_tx", flaky)
    docs = [doc(f"甲市对口帮扶乙县，第{i}篇。", url=f"https://a.example.cn/{i}.html") for i in range(5)]
    results = db.save_many(docs)
    assert all(isinstance(r, SaveResult) and r.new_article for r in results)
    assert len(calls) == 1 + len(docs)
    assert db.counts()["articles"] == 5 and db.counts()["failures"] == 0


def test_failures_are_counted_then_resolved_by_a_later_save(db: Store, clock: Clock) -> None:
    url = "https://a.example.cn/broken.html"
    db.record_failure(ParseFailure(location=url, source="example", reason="timeout"))
    clock.advance()
    db.record_failure(ParseFailure(location=url, source="example", reason="bad charset"))
    [f] = db.failures_since(clock.t)
    assert (f.attempts, f.reason, f.failed_at, f.resolved) == (2, "bad charset", clock.t, False)
    assert db.failures_since(clock.t + timedelta(seconds=1)) == []
    assert db.known_locations([url]) == set()  # failed is not known
    db.save(doc("终于解析成功：甲市对口帮扶乙县。", url=url))
    assert db.counts()["failures"] == 0 and db.failures_since(None) == []
    [resolved] = db.failures_since(None, include_resolved=True)
    assert resolved.resolved and resolved.attempts == 2
    assert db.known_locations([url]) == {url}


def test_pending_and_record_delivery(db: Store, clock: Clock) -> None:
    db.save(doc("甲市对口帮扶乙县，投入近500万元。", url="https://a.example.cn/1.html", amounts=(5_000_000,)))
    first = db.pending("file:/tmp/digest.md")
    assert (len(first.pairings), len(first.funding), first.period_start) == (1, 1, None)
    assert first.funding[0].donor == JIA and first.funding[0].amount_yuan == 5_000_000
    delivered_at = clock.advance()
    db.record_delivery("file:/tmp/digest.md", first)
    assert db.pending("file:/tmp/digest.md").empty

    clock.advance()
    db.save(
        doc(
            "甲市对口帮扶丁县，再投200万元；甲市对口帮扶乙县。",
            url="https://a.example.cn/2.html",
            pairings=((JIA, DING), (JIA, YI)),
            amounts=(2_000_000,),
        )
    )
    nxt = db.pending("file:/tmp/digest.md")
    assert [p.recipient for p in nxt.pairings] == [DING]  # the old JIA->YI pairing is not new
    assert [f.amount_yuan for f in nxt.funding] == [2_000_000]
    assert (nxt.period_start, nxt.period_end) == (delivered_at, clock.t)
    assert len(db.pending("atom").pairings) == 2  # channels are independent


def test_empty_delivery_keeps_watermarks(db: Store, clock: Clock) -> None:
    db.save(doc("甲市对口帮扶乙县。"))
    db.record_delivery("atom", db.pending("atom"))
    clock.advance()
    db.record_delivery("atom", db.pending("atom"))  # nothing new: still a delivery, same watermarks
    assert db.pending("atom").empty and db.counts()["deliveries"] == 2
    clock.advance()
    db.save(doc("甲市对口帮扶丁县。", url="https://a.example.cn/5.html", pairings=((JIA, DING),)))
    assert [p.recipient for p in db.pending("atom").pairings] == [DING]


def test_since_selects_by_time_and_records_nothing(db: Store, clock: Clock) -> None:
    db.save(doc("甲市对口帮扶乙县。", url="https://a.example.cn/1.html"))
    cut = clock.advance(24)
    db.save(doc("戊集团向丁县捐赠30万元。", url="https://a.example.cn/2.html", pairings=((CORP, DING),)))
    items = db.since(cut)
    assert [(p.donor, p.recipient) for p in items.pairings] == [(CORP, DING)]
    assert items.pairings[0].donor.code is None and items.period_start == cut
    assert db.counts()["deliveries"] == 0 and len(db.pending("atom").pairings) == 2
    with pytest.raises(ValueError):
        db.since(datetime(2024, 1, 1))  # naive: ambiguous, refused


def test_published_keeps_its_instant_and_offset(db: Store) -> None:
    local = datetime(2020, 10, 8, 7, 58, 29, tzinfo=SHANGHAI)
    saved = db.save(doc("甲市对口帮扶乙县。", published=local, precision="second"))
    article = db.get_article(saved.article_id)
    assert article is not None and article.published == local
    assert article.published.utcoffset() == timedelta(hours=8)
    assert article.mojibake_spans == [(1, 3)] and article.authors == ["记者甲"]
    [ref] = db.pending("atom").pairings[0].sources
    assert ref.published == "2020-10-08T07:58:29+08:00"


def test_day_precision_keeps_the_local_date(db: Store) -> None:
    midnight = datetime(2020, 10, 8, 0, 0, tzinfo=SHANGHAI)  # 2020-10-07 in UTC
    db.save(doc("甲市对口帮扶乙县。", published=midnight, precision="day"))
    assert db.pending("atom").pairings[0].sources[0].published == "2020-10-08"


def _shared_docs() -> list[Extraction]:
    return [
        doc(
            f"第{i}篇：甲市对口帮扶乙县和丁县，投入{i}00万元。",
            url=f"https://a.example.cn/{i}.html",
            pairings=((JIA, YI), (JIA, DING), (CORP, YI)),
            amounts=(i * 1_000_000,),
        )
        for i in range(1, 6)
    ]


EXPECTED = {
    "articles": 5,
    "locations": 5,
    "parties": 4,
    "pairings": 3,
    "pairing_sources": 15,
    "funding": 5,
    "funding_sources": 5,
    "deliveries": 0,
    "failures": 0,
    "clusters": 5,
    "signatures": 5,
}


def test_threads_saving_the_same_documents(db_url: str) -> None:
    url = db_url
    barrier = threading.Barrier(4)

    def work() -> list[SaveResult]:
        s = Store(url)
        barrier.wait()
        return [s.save(ex) for ex in _shared_docs()]

    with ThreadPoolExecutor(4) as pool:
        results = [r for f in [pool.submit(work) for _ in range(4)] for r in f.result()]
    assert sum(r.new_article for r in results) == 5 and sum(r.new_pairings for r in results) == 3
    with Store(url) as s:
        assert s.counts() == EXPECTED


def _save_in_child(url: str, barrier: multiprocessing.synchronize.Barrier) -> None:
    barrier.wait()  # create the schema and save at the same moment as the other process
    s = Store(url)
    for ex in _shared_docs():
        s.save(ex)


def test_processes_saving_the_same_documents(db_url: str) -> None:
    url = db_url
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(3)
    procs = [ctx.Process(target=_save_in_child, args=(url, barrier)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    with Store(url) as s:
        assert s.counts() == EXPECTED
