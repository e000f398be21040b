"""Publication dates as Chinese pages print them (parsers/reading/dates.py): full and partial dates,
ISO forms, months, and dates in URLs, read without inventing precision.
"""

from __future__ import annotations

from datetime import datetime

from parsers.reading.dates import SHANGHAI, date_from_url, parse_date, parse_iso, parse_month


def test_dates_as_pages_print_them():
    assert parse_date("发布日期： 7/5/2005 9:23:57 PM").value == datetime(2005, 7, 5, 21, 23, 57, tzinfo=SHANGHAI)
    assert parse_date("22.01.2017  19:01").value == datetime(2017, 1, 22, 19, 1, tzinfo=SHANGHAI)
    assert parse_date("2005年3月11日12:12 来源").precision == "minute"
    assert parse_date("v1.2.2005") is None and parse_date("Copyright 2010-2024") is None
    assert parse_month("——《某刊》1998年3月号").precision == "month" and parse_month("2003年5月12日") is None
    assert parse_iso("2022-02-06T12:48:06Z").value.hour == 20
    assert date_from_url("http://x.cn/zg/201704/06/t20170406_21.shtml").value.day == 6
    assert date_from_url("http://x.cn/yjdt/2023/0409/11065.html").value.month == 4
    for url in ("http://x.cn/cd/202401/54302037.html", "http://x.cn/2025/05/13145237445230.html", None):
        assert date_from_url(url) is None
