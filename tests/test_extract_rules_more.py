"""More extraction rules, on sentences written for these tests: a clause without its own subject,
one company under two names, lists mapped with 分别, ministries as helpers, central transfers."""

from __future__ import annotations

import pytest

from parsers.extract import extract
from parsers.orgs import legal_stem


def _pairs(title, body):
    return [(p.donor.name, p.recipient.name) for p in extract(title, body).pairings]


def _money(title, body):
    return {f.text: f for f in extract(title, body).funding}


@pytest.mark.parametrize(
    "sentence",
    [
        "该县农村居民人均可支配收入增长8.7%,达到1.42万元。",
        "全市地区生产总值同比增长6%,突破850亿元。",
        "脱贫群众务工工资性收入增长12%,增至2.3万元。",
        "村集体经济收入较上年翻一番,达45万元。",
    ],
)
def test_a_subjectless_clause_inherits_the_cue_before_it(sentence):
    body = "宁波市对口帮扶延边州,今年投入帮扶资金6000万元。" + sentence
    money = _money(None, body)
    assert set(money) == {"6000万元"}


def test_a_clause_with_its_own_subject_is_judged_on_its_own():
    body = "全县农民人均收入增长9%;宁波市对口帮扶延边州,帮扶资金增长20%,达到6000万元。"
    assert set(_money(None, body)) == {"6000万元"}


@pytest.mark.parametrize(
    ("short", "full"),
    [("中国华电集团", "中国华电集团有限公司"), ("中国南方航空集团", "中国南方航空集团有限公司"),
     ("招商局集团", "招商局集团有限公司")],
)
def test_one_company_under_two_names_is_one_party(short, full):
    pairs = _pairs(f"{short}定点帮扶施甸县工作会召开", f"{full}定点帮扶云南省施甸县,今年投入帮扶资金1800万元。")
    assert pairs == [(full, "施甸县")]
    (item,) = _money(f"{short}定点帮扶施甸县", f"{full}定点帮扶云南省施甸县,今年投入帮扶资金1800万元。").values()
    assert item.donor.name == full


def test_legal_forms_are_ignored_for_identity_only():
    assert legal_stem("中国信达资产管理股份有限公司") == legal_stem("中国信达资产管理公司") == "中国信达资产管理"
    assert legal_stem("中国华能集团有限公司") == "中国华能集团"
    assert legal_stem("中粮集团(集团)有限公司") == "中粮集团"


@pytest.mark.parametrize(
    "body",
    [
        "北京市东城区、西城区、朝阳区分别对口支援拉萨市的当雄县、尼木县、城关区。",
        "北京市东城区、西城区、朝阳区三个区分别与拉萨市当雄县、尼木县、城关区结对。",
        "北京市东城区、西城区、朝阳区分别结对帮扶拉萨市当雄县、尼木县、城关区。",
        "北京市东城区、西城区、朝阳区与拉萨市当雄县、尼木县、城关区分别签订结对帮扶协议。",
    ],
)
def test_lists_mapped_with_respectively_pair_in_order(body):
    assert _pairs(None, body) == [("东城区", "当雄县"), ("西城区", "尼木县"), ("朝阳区", "城关区")]


@pytest.mark.parametrize(
    "body",
    [
        "北京市东城区、西城区、朝阳区对口支援拉萨市当雄县、尼木县、城关区。",
        "北京市东城区、西城区、朝阳区与拉萨市当雄县、尼木县、城关区建立结对关系。",
        "北京市东城区、西城区对口支援拉萨市当雄县、尼木县、城关区。",
    ],
)
def test_two_lists_without_respectively_give_no_pairing(body):
    assert _pairs(None, body) == []


def test_one_helper_with_a_list_still_pairs_with_each():
    assert _pairs(None, "杭州市对口帮扶黔东南州、恩施州。") == [("杭州市", "黔东南苗族侗族自治州"), ("杭州市", "恩施土家族苗族自治州")]


def test_a_sentence_going_on_with_respective_pairs_maps_its_amounts_in_order():
    body = ("成都市锦江区、青羊区两个区分别与凉山州美姑县、金阳县签订结对帮扶协议。"
            "两个区将分别向结对县投入帮扶资金1200万元、900万元。")
    money = _money(None, body)
    assert (money["1200万元"].donor.name, money["1200万元"].recipient.name) == ("锦江区", "美姑县")
    assert (money["900万元"].donor.name, money["900万元"].recipient.name) == ("青羊区", "金阳县")


def test_a_counted_summary_of_respective_helpers_gives_as_one_group():
    body = "北京市东城区、西城区、朝阳区分别对口支援拉萨市当雄县、尼木县、城关区。三个区今年共安排援藏资金1.6亿元。"
    (item,) = _money(None, body).values()
    assert item.donor.name == "东城区、西城区、朝阳区"


def test_a_ministry_is_a_helper():
    pairs = _pairs("商务部定点帮扶工作", "商务部定点帮扶贵州省务川仡佬族苗族自治县。")
    assert pairs == [("商务部", "务川仡佬族苗族自治县")]


def test_departments_are_not_ministries():
    assert _pairs(None, "省教育部门对口帮扶凉山州,相关部门积极参与。") == []


@pytest.mark.parametrize(
    "sentence",
    ["今年全省计划投入衔接资金80亿元。", "国家下达该市中央预算内投资15亿元。", "争取衔接推进乡村振兴补助资金3.2亿元。"],
)
def test_central_and_own_transfers_are_not_assistance(sentence):
    body = "广州市对口帮扶毕节市,投入帮扶资金2亿元。" + sentence
    assert set(_money(None, body)) == {"2亿元"}
