"""Money amounts (parsers/extraction/money.py): the yuan, approximate flag and surface of an amount,
amounts without 元 after a money noun, and what is not money.

All sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from parsers.extraction.money import find_amounts


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


@pytest.mark.parametrize(
    ("text", "yuan"),
    [("捐赠了价值600万的医疗设备", 6_000_000), ("占全年计划援助资金110亿的40%", 11_000_000_000)],
)
def test_amounts_without_yuan_after_a_money_noun(text, yuan):
    assert [a.yuan for a in find_amounts(text)] == [yuan]


@pytest.mark.parametrize("text", ["互送游客达600万人次", "输送天然气13亿立方米", "资金600万人次", "人均GDP逾1万美元", "全国14亿多人口"])
def test_no_amount_without_yuan_or_money_context(text):
    assert find_amounts(text) == []


def test_a_unit_alone_is_one_of_it_unless_vague():
    assert [(a.yuan, a.approximate) for a in find_amounts("投入近千万元建设暖棚")] == [(10_000_000, True)]
    assert [(a.yuan, a.approximate) for a in find_amounts("带动上百万元销售")] == [(1_000_000, True)]
    assert find_amounts("投入数千万元") == [] and find_amounts("几百万元的项目") == []
    assert [a.yuan for a in find_amounts("三千万元")] == [30_000_000]
