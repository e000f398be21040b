"""Round-9 extraction rules, on sentences written for these tests: development zones named after
their city as parties, 全市 / 全县 as the reporting body's own place, a receiver verb with no taker
written, counted offices of a level (9家省直单位) as a group, and support for a place's own firms."""

from __future__ import annotations

import pytest

from parsers.extraction.extract import extract


def _pairs(title, body):
    return [(p.donor.full_name, p.recipient.full_name) for p in extract(title, body).pairings]


def _money(title, body):
    return {f.text: f for f in extract(title, body).funding}


@pytest.mark.parametrize(
    ("body", "donor"),
    [
        ("今年,苏州工业园区向德江县拨付东西部协作资金4260万元。", "江苏省苏州市工业园区"),
        ("成都高新区对口帮扶雅江县,安排帮扶资金1850万元。", "四川省成都市高新区"),
    ],
)
def test_a_zone_named_after_its_city_is_a_party_of_its_own(body, donor):
    money = _money(None, body)
    assert len(money) == 1
    assert next(iter(money.values())).donor.full_name == donor
    assert _pairs(None, body)[0][0] == donor


def test_a_zone_with_its_district_in_brackets_is_that_district():
    body = "广州开发区（黄埔区）帮助对口帮扶的瓮安县销售农特产品1.36亿元。"
    money = _money(None, body)
    assert money["1.36亿元"].donor.full_name == "广东省广州市黄埔区"


def test_a_zone_after_a_full_county_name_is_a_place_in_that_county():
    body = "吴中区帮扶石阡县,投入资金2000万元,用于石阡县工业园区标准厂房建设。"
    assert _pairs(None, body) == [("江苏省苏州市吴中区", "贵州省铜仁市石阡县")]


def test_whole_city_in_the_helpers_own_report_is_the_helper():
    title = "宁波市召开东西部协作工作总结会"
    body = "会议指出,全市坚决扛起对口帮扶黔西南州的政治责任,全市共向黔西南州拨付财政帮扶资金9.8亿元。"
    assert _pairs(title, body) == [("浙江省宁波市", "贵州省黔西南布依族苗族自治州")]
    assert _money(title, body)["9.8亿元"].donor.full_name == "浙江省宁波市"


def test_receiving_with_no_taker_written_goes_to_the_givers_partner():
    title = "石阡县东西部协作工作再结硕果"
    body = "2024年,吴中区与石阡县携手推进东西部协作。全县共争取吴中区财政援助资金5100万元。"
    f = _money(title, body)["5100万元"]
    assert (f.donor.name, f.recipient.name) == ("吴中区", "石阡县")


def test_counted_offices_of_a_province_give_as_one_group():
    body = "阳原县召开定点帮扶推进会。今年以来,9家省直单位共向阳原县投入帮扶资金2360万元。"
    f = _money(None, body)["2360万元"]
    assert (f.donor.name, f.recipient.name) == ("9家省直单位", "阳原县")


@pytest.mark.parametrize("cue", ["惠企资金", "助企纾困资金"])
def test_support_for_a_places_own_firms_is_not_assistance(cue):
    body = f"为帮扶中小企业渡过难关,园区全年发放{cue}23.6亿元,帮扶企业2800余家。"
    assert _money(None, body) == {}
