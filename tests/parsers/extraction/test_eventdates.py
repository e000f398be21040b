"""Event dates and periods (parsers/extraction/eventdates.py), resolved against the publication date.

All sentences are written for these tests.
"""

from __future__ import annotations

from datetime import date

from parsers.extraction.eventdates import event_date, resolve_period
from parsers.extraction.extract import extract


def test_period_resolved_against_the_publication_date():
    got = extract(None, "杭州市对口帮扶恩施州,今年安排帮扶资金2亿元,去年安排1.8亿元。", published=date(2021, 6, 1)).funding
    assert [f.period for f in got] == ["2021年", "2020年"]


def test_event_dates_against_the_publication_date():
    assert event_date("8月23日晚", date(2021, 9, 1)) == date(2021, 8, 23)
    assert event_date("12月30日", date(2024, 1, 5)) == date(2023, 12, 30)  # not a day after publication
    assert event_date("2019年3月28日", None) == date(2019, 3, 28)
    assert event_date("今年", date(2024, 1, 5)) is None
    assert resolve_period("今年上半年", date(2024, 10, 18)) == "2024年上半年"
    assert resolve_period("2013年到2017年", date(2020, 1, 1)) == "2013年到2017年"
