"""Off-topic articles in the store (real SQLite, and PostgreSQL when configured): remembered once
by location with title and date, known to the fetcher by URL or canonical URL, never an article."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from parsers.records import Article, ParseFailure
from store import Store
from store.models import off_topic

BUS = Article(source="city-news", parser="generic", url="https://news.example.cn/a/2.html?from=rss",
              canonical_url="https://news.example.cn/a/2.html", title="市区新增三条公交线路",
              published=datetime(2024, 3, 6, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
              text="公交公司自下周一起开通三条新线路。", content_hash="h-bus")


def test_an_off_topic_article_is_remembered_once_and_known_by_either_spelling(db_url):
    with Store(db_url) as store:
        assert store.record_off_topic([BUS], "off-topic") == 1
        assert store.record_off_topic([BUS], "off-topic") == 0  # idempotent: a second run adds no row
        assert store.known_locations([BUS.url, BUS.canonical_url, "https://news.example.cn/a/3.html"]) == {
            BUS.url, BUS.canonical_url}
        assert store.counts()["articles"] == 0 and store.counts()["clusters"] == 0
        with store.engine.connect() as conn:
            row = conn.execute(select(off_topic)).one()
        assert (row.title, row.reason, row.source) == ("市区新增三条公交线路", "off-topic", "city-news")
        assert row.published == datetime(2024, 3, 6, 0, 0, tzinfo=ZoneInfo("UTC"))


def test_an_off_topic_article_that_failed_before_is_no_longer_a_failure(db_url):
    with Store(db_url) as store:
        store.record_failure(ParseFailure(location=BUS.url, source="city-news", reason="fetch failed: HTTP 503"))
        store.record_off_topic([BUS], "off-topic")
        assert store.counts()["failures"] == 0
