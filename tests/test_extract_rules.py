"""Extraction rules on sentences written for these tests: money, parties, pairings, funding."""

from __future__ import annotations

import pytest

from parsers.extract import extract
from parsers.money import find_amounts


@pytest.mark.parametrize(
    ("text", "yuan", "approx", "surface"),
    [
        ("累计投入帮扶资金近3.5亿元。", 350_000_000, True, "近3.5亿元"),
        ("筹措资金650余万元用于修路", 6_500_000, True, "650余万元"),
        ("共计2亿多元", 200_000_000, True, "2亿多元"),
        ("捐赠五十万元", 500_000, False, "五十万元"),
        ("投入1亿2000万元", 120_000_000, False, "1亿2000万元"),
        ("到位资金1,250万元以上", 12_500_000, True, "1,250万元以上"),
        ("援助8000元", 8_000, False, "8000元"),
    ],
)
def test_amounts(text, yuan, approx, surface):
    (amount,) = find_amounts(text)
    assert (amount.yuan, amount.approximate, amount.text) == (yuan, approx, surface)


@pytest.mark.parametrize("text", ["全县有12万人", "占比达3.5%", "相距1800余公里", "9" * 400 + "亿元", "全国14亿多人口"])
def test_not_money(text):
    assert find_amounts(text) == []


def test_one_donor_several_recipients():
    body = "宁波市对口帮扶吉林延边州、贵州黔西南州,今年新增项目三十个。"
    got = extract(None, body)
    pairs = {(p.donor.name, p.recipient.name) for p in got.pairings}
    assert pairs == {("宁波市", "延边朝鲜族自治州"), ("宁波市", "黔西南布依族苗族自治州")}


def test_join_statement_with_binding_act():
    body = "2019年,江苏省常熟市,与贵州省9个深度贫困县之一的思南县正式建立结对帮扶关系。"
    got = extract(None, body)
    assert [(p.donor.name, p.recipient.name) for p in got.pairings] == [("常熟市", "思南县")]


def test_dash_pair_with_relation():
    got = extract("昆山—碧江对口协作工作座谈会召开", "会议在碧江区举行。")
    assert [(p.donor.name, p.recipient.name) for p in got.pairings] == [("昆山市", "碧江区")]


def test_co_mention_is_no_pairing():
    got = extract(None, "杭州市和恩施州的代表参加了在北京举行的展销会,现场签订购销合同。")
    assert got.pairings == []


def test_east_west_statement_oriented_from_east_to_west():
    got = extract(None, "在东西部协作框架下,沿河县与张家港市签署结对帮扶协议。")
    assert [(p.donor.name, p.recipient.name) for p in got.pairings] == [("张家港市", "沿河土家族自治县")]


def test_funding_with_explicit_direction_and_kind():
    body = "福州市对口帮扶定西市。仪式上,福州市向定西市捐赠300万元,用于农村道路建设。"
    got = extract(None, body)
    (f,) = got.funding
    assert (f.amount_yuan, f.kind, f.donor.name, f.recipient.name) == (3_000_000, "捐赠", "福州市", "定西市")


def test_income_and_wages_are_not_funding():
    body = ("常州市对口帮扶安顺市。当地农民人均可支配收入达到1.2万元,务工人员月工资4500元。"
            "常州市累计投入帮扶资金2.3亿元。")
    got = extract(None, body)
    assert [f.amount_yuan for f in got.funding] == [230_000_000]
    assert got.funding[0].kind == "帮扶资金"
    assert got.funding[0].donor.name == "常州市" and got.funding[0].recipient.name == "安顺市"


def test_money_unrelated_to_assistance_is_not_funding():
    got = extract(None, "该市全年地区生产总值为3200亿元,比上年增长5%。")
    assert got.funding == []


def test_nothing_from_a_garbled_run():
    body = "无锡市对口帮扶延安市,帮扶资金1200万元。"
    got = extract(None, body, garbled=["帮扶资金1200万元"])
    assert got.funding == []
    assert len(got.pairings) == 1


def test_bare_provincial_department_takes_the_context_province():
    got = extract(None, "省财政厅定点帮扶屏山县,先后筹集资金300万元。")
    (p,) = got.pairings
    assert p.donor.name == "四川省财政厅" and p.donor.code is None
    assert p.recipient.full_name == "四川省宜宾市屏山县"
