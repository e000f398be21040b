"""Lists of parties and amounts (parsers/extraction/parallellists.py, clauses.py): lists mapped in
order with 分别, pairs listed A与B、C与D, one helper with a list, place-and-amount lists after one
verb, and allocation lists sharing out the funds named before.

All sentences are written for these tests.
"""

from __future__ import annotations

import pytest
from extraction_helpers import funding_by_text, ordered_pairs, pairs


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
    assert ordered_pairs(body) == [("东城区", "当雄县"), ("西城区", "尼木县"), ("朝阳区", "城关区")]


@pytest.mark.parametrize(
    "body",
    [
        "北京市东城区、西城区、朝阳区对口支援拉萨市当雄县、尼木县、城关区。",
        "北京市东城区、西城区、朝阳区与拉萨市当雄县、尼木县、城关区建立结对关系。",
        "北京市东城区、西城区对口支援拉萨市当雄县、尼木县、城关区。",
    ],
)
def test_two_lists_without_respectively_give_no_pairing(body):
    assert ordered_pairs(body) == []


def test_one_helper_with_a_list_still_pairs_with_each():
    assert ordered_pairs("杭州市对口帮扶黔东南州、恩施州。") == [("杭州市", "黔东南苗族侗族自治州"), ("杭州市", "恩施土家族苗族自治州")]


def test_a_sentence_going_on_with_respective_pairs_maps_its_amounts_in_order():
    body = ("成都市锦江区、青羊区两个区分别与凉山州美姑县、金阳县签订结对帮扶协议。"
            "两个区将分别向结对县投入帮扶资金1200万元、900万元。")
    money = funding_by_text(body)
    assert (money["1200万元"].donor.name, money["1200万元"].recipient.name) == ("锦江区", "美姑县")
    assert (money["900万元"].donor.name, money["900万元"].recipient.name) == ("青羊区", "金阳县")


def test_each_amount_of_a_parallel_list_goes_to_the_place_before_it():
    body = "今年广州市安排对口帮扶黔南州资金3亿元、毕节市资金2.5亿元。"
    assert ordered_pairs(body) == [("广州市", "黔南布依族苗族自治州"), ("广州市", "毕节市")]
    f = funding_by_text(body)
    assert f["3亿元"].recipient.name == "黔南布依族苗族自治州" and f["2.5亿元"].recipient.name == "毕节市"
    assert f["2.5亿元"].donor.name == "广州市"


def test_pairs_listed_one_after_another_pair_in_order():
    body = "会上,宁波市北仑区与延边州和龙市、宁波市鄞州区与延边州龙井市分别签署结对帮扶协议。"
    assert pairs(body) == {("北仑区", "和龙市"), ("鄞州区", "龙井市")}


def test_an_allocation_list_shares_out_the_funds_named_before():
    body = ("广东省2024年第一批东西部协作财政援助资金2.4亿元已拨付到位。现将资金下达给你们。\n"
            "具体分配如下:黔南州9000万元,黔东南州8000万元,毕节市7000万元。")
    money = funding_by_text(body, "关于下达东西部协作资金的通知")
    assert money["2.4亿元"].donor.name == "广东省"
    shares = {t: (f.donor.name, f.recipient.name, f.kind) for t, f in money.items() if t != "2.4亿元"}
    assert shares == {"9000万元": ("广东省", "黔南布依族苗族自治州", "帮扶资金"),
                      "8000万元": ("广东省", "黔东南苗族侗族自治州", "帮扶资金"),
                      "7000万元": ("广东省", "毕节市", "帮扶资金")}


def test_a_list_without_the_lead_words_stays_out():
    body = "广东省东西部协作财政援助资金2.4亿元已拨付到位。\n黔南州去年地区生产总值1800亿元,毕节市2000亿元。"
    assert set(funding_by_text(body)) == {"2.4亿元"}
