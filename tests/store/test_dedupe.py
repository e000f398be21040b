"""Near-duplicate clusters and story-level items: one story, however many copies, is one item with all links.

The real republished pairs and distinct stories are ../shared/corpus's, read where they lie and parsed
through parsers.document. The fixture stories below are made up for these tests (places included).
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import opencc
import pytest
from conftest import shared_dir
from sqlalchemy import create_engine, select, text, update

import store.clusters as clusters
import store.dedupe as dd
from parsers.document import parse_document
from parsers.records import Extraction, Funding, Pairing, Party
from store import SaveResult, SchemaMismatch, Store
from store import models as m

SHANGHAI = ZoneInfo("Asia/Shanghai")
JIA = Party(name="甲市", full_name="东海省甲市", code="990100", level="prefecture", province="东海省")
YI = Party(name="乙县", full_name="西山省丙州乙县", code="980321", level="county", province="西山省")

STORY = (
    "本报讯（记者 张明）十月十二日，东海省甲市与西山省乙县在乙县举行东西部协作工作座谈会。"
    "会上，双方签订了新一轮结对帮扶协议，甲市将在三年内向乙县投入财政援助资金1.2亿元，"
    "重点支持高原特色农业、乡村道路和职业教育。甲市还将组织二十家企业赴乙县考察，"
    "计划引进茶叶加工和冷链物流项目，带动当地两千余名群众就近就业。"
    "乙县负责人表示，将用好每一笔帮扶资金，建立项目台账，定期向社会公开资金使用情况。"
)
# Same pairing, same vocabulary, another story: must stay apart.
OTHER_STORY = (
    "甲市援建的乙县第二中学教学楼日前正式投入使用。这座教学楼总投资3000万元，可容纳学生一千二百人，"
    "配有实验室、图书馆和多功能报告厅。开学第一天，甲市教育局派出的十名支教教师走上讲台，"
    "为孩子们带来了第一堂课。据介绍，近年来甲市累计选派教师一百余人次到乙县开展帮扶，"
    "培训当地教师三千多人次，乙县高考本科上线率逐年提高。"
)
SPORTS = (
    "第十届全省农民运动会昨日在戊县体育中心闭幕。本届运动会设拔河、插秧接力、背篓投球等十二个项目，"
    "来自十四个市州的一千余名农民运动员参赛。戊县代表队获得团体总分第一名，"
    "组委会同时表彰了二十个体育道德风尚奖集体。下一届运动会将于四年后在己市举办。"
)
UNRELATED = (
    "丁州气象台今天发布寒潮蓝色预警，预计未来三天全州气温将下降八到十度，北部山区有中到大雪。"
    "交通部门提醒司机朋友减速慢行，注意防范道路结冰；农业部门建议及时加固大棚，做好牲畜防寒保暖。"
    "供热企业已提前启动应急预案，确保居民室内温度达标。"
)
BOILERPLATE = "首页 | 新闻中心 | 政务公开 | 办事服务\n当前位置：首页 > 要闻\n"
FOOTER = "\n【打印本页】【关闭窗口】\n主办单位：某某网 版权所有 备案号：00000000号"


def republished(story: str, keep: float = 2 / 3) -> str:
    """A mirror's copy: menus and footer added, ASCII punctuation, cut short, Traditional script."""
    cut = story[: int(len(story) * keep)]
    ascii_punct = cut.translate(str.maketrans("，。、（）：", ",.,():"))
    return opencc.OpenCC("s2t").convert(BOILERPLATE + ascii_punct + FOOTER)


def parsed(data: str, url: str, published: datetime | None = None, pairings=(), funding=()) -> Extraction:
    """The document through the real parser, with the items a test wants it to carry."""
    ex = parse_document(data, url=url)
    article = ex.article.model_copy(update={"published": published, "published_precision": "minute"})
    return Extraction(article=article, pairings=list(pairings), funding=list(funding))


def pairing(evidence: str) -> Pairing:
    return Pairing(donor=JIA, recipient=YI, relation="东西部协作", evidence=evidence)


def money(amount: int, donor: Party | None = JIA, recipient: Party | None = YI) -> Funding:
    return Funding(amount_yuan=amount, text=f"{amount}元", kind="帮扶资金", donor=donor, recipient=recipient,
                   evidence=f"投入{amount}元")  # fmt: skip


@pytest.fixture
def db(db_url: str) -> Store:  # noqa: F811
    """A fresh store: SQLite, and PostgreSQL too when PAIRWATCH_TEST_PG_URL is set (conftest's db_url)."""
    with Store(db_url) as s:
        yield s


# -- signatures -----------------------------------------------------------------------------------


def test_folding_ignores_punctuation_width_case_and_space() -> None:
    assert dd.dedupe_text("甲市，对口 帮扶（乙县）\n投入１２０万元ABC") == "甲市对口帮扶乙县投入120万元abc"
    assert list(dd.shingle_hashes("甲市对口帮扶")) == list(dd.shingle_hashes("甲市, 对口·帮扶!"))


def test_short_text_has_no_signature_and_long_one_a_stable_one() -> None:
    assert dd.signature("甲市对口帮扶乙县。") is None
    sig = dd.signature(STORY)
    assert sig is not None and sig.dtype.itemsize == 4 and len(sig) == dd.NUM_PERM
    assert (dd.from_bytes(dd.to_bytes(sig)) == sig).all()
    keys = dd.band_keys(sig)
    assert len(keys) == dd.BANDS and len(set(keys)) == dd.BANDS
    assert all(-(2**63) <= k < 2**63 for k in keys)  # fits a signed BIGINT on PostgreSQL
    assert dd.band_keys(dd.signature(STORY)) == keys  # deterministic: a later process finds the same keys


def test_similarity_separates_a_copy_from_another_story() -> None:
    story = dd.signature(STORY)
    copy = dd.signature(parse_document(republished(STORY), url="https://m.example.cn/1.html").article.text)
    other = dd.signature(OTHER_STORY)
    assert dd.similarity(story, story) == 1.0
    assert dd.similarity(story, copy) >= 0.4
    assert dd.similarity(story, other) < dd.THRESHOLD / 2
    assert set(dd.band_keys(story)) & set(dd.band_keys(copy))


# -- the shared corpus ------------------------------------------------------------------------------

REPUBLISHED = {("014", "015"), ("017", "018"), ("026", "027"), ("037", "038")}
RELATED_BUT_DISTINCT = {("009", "010"), ("040", "042"), ("037", "039"), ("038", "039")}


def _corpus() -> dict[str, Extraction]:
    folder = shared_dir("corpus", "articles")
    return {p.stem: parse_document(p.read_bytes(), path=str(p)) for p in sorted(Path(folder).glob("*.txt"))}


def test_corpus_readme_pairs_are_the_ones_tested() -> None:
    readme = (shared_dir("corpus") / "README.md").read_text(encoding="utf-8")
    for a, b in REPUBLISHED:
        assert f"| {a} " in readme and f"| {b} " in readme
    for a, b in RELATED_BUT_DISTINCT - {("038", "039")}:
        assert f"{a}/{b}" in readme or f"{a}-" in readme


def test_corpus_pairs_cluster_and_distinct_stories_do_not(db: Store) -> None:
    docs = _corpus()
    results = {stem: db.save(ex) for stem, ex in docs.items()}
    clusters: dict[int, set[str]] = defaultdict(set)
    for stem, r in results.items():
        clusters[r.cluster_id].add(stem)
    together = {tuple(sorted(members)) for members in clusters.values() if len(members) > 1}
    assert together == REPUBLISHED
    for a, b in RELATED_BUT_DISTINCT:
        assert results[a].cluster_id != results[b].cluster_id
    assert len(clusters) == len(docs) - len(REPUBLISHED)
    for _, copy in REPUBLISHED:
        assert results[copy].duplicate and results[copy].near_duplicate and not results[copy].new_article
        assert results[copy].similarity >= dd.THRESHOLD


def test_corpus_margin_between_copies_and_distinct_stories() -> None:
    """The threshold sits well inside the gap, so a small re-wording or another copy does not flip it."""
    hashes = {stem: dd.shingle_hashes(ex.article.text) for stem, ex in _corpus().items()}
    same = [dd.exact_similarity(hashes[a], hashes[b]) for a, b in REPUBLISHED]
    apart = [dd.exact_similarity(hashes[a], hashes[b]) for a, b in itertools.combinations(sorted(hashes), 2)
             if (a, b) not in REPUBLISHED]  # fmt: skip
    assert min(same) >= 1.5 * dd.THRESHOLD
    assert max(apart) <= dd.THRESHOLD / 4
    sigs = {stem: dd.signature_of(h) for stem, h in hashes.items()}
    assert all(set(dd.band_keys(sigs[a])) & set(dd.band_keys(sigs[b])) for a, b in REPUBLISHED)  # LSH finds them


# -- saving copies ------------------------------------------------------------------------------------


def test_republished_copy_adds_a_source_not_an_item(db: Store) -> None:
    first = db.save(parsed(STORY, "https://news.example.cn/a/1.html", pairings=[pairing("甲市与乙县")],
                           funding=[money(120_000_000)]))  # fmt: skip
    counts = db.counts()
    copy = db.save(parsed(republished(STORY), "https://mirror.example.com/x/9.html",
                          pairings=[pairing("甲市與乙縣")], funding=[money(120_000_000)]))  # fmt: skip
    assert first.new_article and not first.duplicate
    assert copy.duplicate and copy.near_duplicate and not copy.new_article and copy.new_location
    assert copy.cluster_id == first.cluster_id and copy.article_id != first.article_id
    assert (copy.new_pairings, copy.new_funding) == (0, 0)
    after = db.counts()
    assert (after["pairings"], after["funding"], after["clusters"]) == (counts["pairings"], counts["funding"], 1)
    assert after["funding_sources"] == counts["funding_sources"] + 1
    items = db.since(datetime(2000, 1, 1, tzinfo=UTC))
    [fund] = items.funding
    [pair] = items.pairings
    links = ["https://news.example.cn/a/1.html", "https://mirror.example.com/x/9.html"]
    assert [s.url for s in fund.sources] == links and [s.url for s in pair.sources] == links
    assert {s.cluster_id for s in fund.sources} == {first.cluster_id} == {fund.cluster_id}
    assert not fund.likely_repeat


def test_copy_without_the_sentence_still_lists_as_a_source(db: Store) -> None:
    """A mirror cut before the money sentence is the same story: its link belongs to the item."""
    db.save(parsed(STORY, "https://news.example.cn/a/1.html", funding=[money(120_000_000)]))
    db.save(parsed(republished(STORY), "https://mirror.example.com/x/9.html"))  # no items of its own
    [fund] = db.since(datetime(2000, 1, 1, tzinfo=UTC)).funding
    assert [s.url for s in fund.sources] == ["https://news.example.cn/a/1.html", "https://mirror.example.com/x/9.html"]


def test_copy_that_omits_a_party_joins_the_same_item(db: Store) -> None:
    db.save(parsed(STORY, "https://a.example.cn/1.html", funding=[money(120_000_000)]))
    later = db.save(parsed(republished(STORY), "https://b.example.cn/2.html", funding=[money(120_000_000, donor=None)]))
    assert later.new_funding == 0 and db.counts()["funding"] == 1
    other_amount = db.save(parsed(republished(STORY, keep=0.8), "https://c.example.cn/3.html",
                                  funding=[money(5_000_000)]))  # fmt: skip
    assert other_amount.near_duplicate and other_amount.new_funding == 1


def test_same_text_twice_is_one_article_in_one_cluster(db: Store) -> None:
    a = db.save(parsed(STORY, "https://a.example.cn/1.html"))
    b = db.save(parsed(STORY, "https://b.example.cn/2.html"))
    assert b.duplicate and not b.near_duplicate and b.article_id == a.article_id and b.cluster_id == a.cluster_id
    assert db.counts()["signatures"] == 1


def test_same_text_twice_in_one_chunk_is_one_article_in_one_cluster(db: Store) -> None:
    """Saved together (one transaction, one ChunkProbe): the second copy finds the first's cluster
    before the chunk's cluster ids are written, and the copy of it joins it too."""
    a, b, c = db.save_many([parsed(STORY, "https://a.example.cn/1.html", funding=[money(3_000_000)]),
                            parsed(STORY, "https://b.example.cn/2.html", funding=[money(3_000_000)]),
                            parsed(republished(STORY), "https://c.example.cn/3.html")])
    assert b.duplicate and b.article_id == a.article_id and b.cluster_id == a.cluster_id
    assert c.near_duplicate and c.cluster_id == a.cluster_id
    assert db.cluster(a.cluster_id).article_ids == [a.article_id, c.article_id]
    assert db.counts()["signatures"] == 2


def test_distinct_stories_on_one_pairing_stay_apart(db: Store) -> None:
    a = db.save(parsed(STORY, "https://a.example.cn/1.html", pairings=[pairing("甲市与乙县")], funding=[money(3_000_000)]))
    b = db.save(parsed(OTHER_STORY, "https://a.example.cn/2.html", pairings=[pairing("甲市援建")],
                       funding=[money(30_000_000)]))  # fmt: skip
    c = db.save(parsed(UNRELATED, "https://a.example.cn/3.html"))
    assert b.new_article and c.new_article and len({a.cluster_id, b.cluster_id, c.cluster_id}) == 3
    assert b.new_pairings == 0 and b.new_funding == 1  # the pairing is old; the other story's money is new
    [pair] = db.since(datetime(2000, 1, 1, tzinfo=UTC)).pairings
    assert len(pair.sources) == 2


def test_cluster_keeps_its_earliest_publication(db: Store) -> None:
    late = datetime(2024, 3, 5, 10, 0, tzinfo=SHANGHAI)
    early = datetime(2024, 3, 3, 0, 30, tzinfo=SHANGHAI)  # 2024-03-02 in UTC: the offset must survive
    a = db.save(parsed(STORY, "https://a.example.cn/1.html", published=late, funding=[money(1_000_000)]))
    assert db.cluster(a.cluster_id).published == "2024-03-05T10:00:00+08:00"
    b = db.save(parsed(republished(STORY), "https://b.example.cn/2.html", published=early))
    c = db.save(parsed(republished(STORY, keep=0.5), "https://c.example.cn/3.html", published=None))
    info = db.cluster(a.cluster_id)
    assert info.article_ids == [a.article_id, b.article_id, c.article_id] and info.first_article_id == a.article_id
    assert info.published == "2024-03-03T00:30:00+08:00"
    [fund] = db.since(datetime(2000, 1, 1, tzinfo=UTC)).funding
    assert fund.first_published == "2024-03-03T00:30:00+08:00" and len(fund.sources) == 3


def test_same_money_in_another_story_within_30_days_is_a_likely_repeat(db: Store) -> None:
    day = datetime(2024, 3, 1, 9, 0, tzinfo=SHANGHAI)
    first = db.save(parsed(STORY, "https://a.example.cn/1.html", published=day, funding=[money(120_000_000)]))
    second = db.save(parsed(OTHER_STORY, "https://b.example.cn/2.html", published=day + timedelta(days=20),
                            funding=[money(120_000_000), money(7_000_000)]))  # fmt: skip
    third = db.save(parsed(UNRELATED, "https://c.example.cn/3.html", published=day + timedelta(days=75),
                           funding=[money(120_000_000)]))  # fmt: skip
    fourth = db.save(parsed(SPORTS, "https://d.example.cn/4.html",
                            published=day + timedelta(days=10), funding=[money(120_000_000, donor=None, recipient=None)]))  # fmt: skip
    assert len({first.cluster_id, second.cluster_id, third.cluster_id, fourth.cluster_id}) == 4
    assert (second.new_funding, third.new_funding, fourth.new_funding) == (2, 1, 1)  # kept, not merged
    by_story = {(f.cluster_id, f.amount_yuan): f for f in db.since(datetime(2000, 1, 1, tzinfo=UTC)).funding}
    original = by_story[(first.cluster_id, 120_000_000)]
    assert not original.likely_repeat
    assert by_story[(second.cluster_id, 120_000_000)].likely_repeat
    assert by_story[(second.cluster_id, 120_000_000)].repeat_of == original.id
    assert not by_story[(second.cluster_id, 7_000_000)].likely_repeat
    assert not by_story[(third.cluster_id, 120_000_000)].likely_repeat  # 75 days later: a new payment
    assert not by_story[(fourth.cluster_id, 120_000_000)].likely_repeat  # no parties: an amount alone is not enough


# -- persistence --------------------------------------------------------------------------------------


def _save_copy_in_new_process(url: str, queue: multiprocessing.Queue) -> None:
    calls = []
    original = clusters.signature_of

    def counting(hashes):
        calls.append(hashes)
        return original(hashes)

    clusters.signature_of = counting  # every signature the store computes goes through it
    clusters.signature = lambda text: counting(dd.shingle_hashes(text))
    with Store(url) as s:
        result = s.save(parsed(republished(STORY), "https://mirror.example.com/x/9.html"))
    queue.put((result, len(calls)))


def test_a_new_process_finds_the_old_cluster_without_recomputing(db_url: str) -> None:  # noqa: F811
    url = db_url
    with Store(url) as s:
        first = s.save(parsed(STORY, "https://news.example.cn/a/1.html"))
        s.save(parsed(OTHER_STORY, "https://news.example.cn/a/2.html"))
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_save_copy_in_new_process, args=(url, queue))
    proc.start()
    result, signed = queue.get(timeout=120)
    proc.join(60)
    assert proc.exitcode == 0
    assert isinstance(result, SaveResult) and result.near_duplicate and result.cluster_id == first.cluster_id
    assert signed == 1  # only the new article was signed: the old ones came from the database


def test_signatures_of_another_scheme_are_recomputed_once(db_url: str) -> None:  # noqa: F811
    url = db_url
    with Store(url) as s:
        first = s.save(parsed(STORY, "https://a.example.cn/1.html"))
        with s.engine.begin() as conn:  # as if written by an older version with other parameters
            conn.execute(update(m.article_signatures).values(scheme="old-scheme"))  # its bands stay behind
    with Store(url) as s:  # opening the store re-signs
        with s.engine.connect() as conn:
            schemes = conn.execute(select(m.article_signatures.c.scheme)).scalars().all()
            bands = conn.execute(select(m.lsh_bands.c.article_id)).scalars().all()
        assert schemes == [dd.SCHEME] and len(bands) == dd.BANDS and set(bands) == {first.article_id}
        assert s.reindex() == 0
        copy = s.save(parsed(republished(STORY), "https://b.example.cn/2.html"))
        assert copy.cluster_id == first.cluster_id


def test_a_database_from_before_clusters_is_refused_clearly(tmp_path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE articles (id INTEGER PRIMARY KEY, content_hash TEXT UNIQUE)"))
    engine.dispose()
    with pytest.raises(SchemaMismatch, match=r"articles lacks .*cluster_id.*new database"):
        Store(str(path))


def test_ingest_summary_counts_a_republished_copy_as_a_duplicate(tmp_path) -> None:
    from flows.steps import store_batch  # the plain step the ingest flow runs, no Prefect

    url = str(tmp_path / "db" / "pairwatch.db")
    first = store_batch(url, [parsed(STORY, "https://a.example.cn/1.html", funding=[money(120_000_000)])], [])
    copies = [
        parsed(republished(STORY), "https://b.example.cn/2.html", funding=[money(120_000_000)]),
        parsed(republished(STORY, keep=0.9), "https://c.example.cn/3.html"),
        parsed(OTHER_STORY, "https://d.example.cn/4.html"),
    ]
    second = store_batch(url, copies, [])
    assert (first["new_articles"], first["duplicates"], first["new_funding"]) == (1, 0, 1)
    assert (second["new_articles"], second["duplicates"], second["new_funding"]) == (1, 2, 0)
