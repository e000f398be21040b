"""Pairings written with abbreviations (parsers/extraction/pairabbrev.py): 援 + the helped place and
one character per side (沪滇, 靖永), and how a province pair read off a programme's name gives way to
the pairing the text names below it (parsers/extraction/implied.py).

All sentences are written for these tests.
"""

from __future__ import annotations

from extraction_helpers import funding_by_text, funds, ordered_pairs, pairs


def test_aid_abbreviations_name_the_helped_side():
    assert pairs("上海援滇资金3000万元用于姚安县产业园建设。") == {("上海市", "姚安县")}
    assert pairs("轮台县地处南疆。近年来,江苏对口援轮,建成学校12所。") == {("江苏省", "轮台县")}
    # a meeting's venue is not the helped place
    assert pairs("浙江援藏项目推进会在那曲市色尼区召开。") == set()


def test_pair_abbreviations():
    assert pairs("沪滇协作成效明显。") == {("上海市", "云南省")}
    assert pairs("靖江市代表团来到永寿县。靖永两地的对口协作不断深化。") == {("靖江市", "永寿县")}
    assert pairs("昆山市与碧江区签约。昆碧对口协作迈出新步伐。") == {("昆山市", "碧江区")}
    assert pairs("苏黔两地开展交流。") == set()  # no relation word: no pairing


def test_the_clause_s_own_helper_is_preferred_over_a_province_pair():
    body = "今年以来,泉州市与固原市西吉县深化闽宁协作,泉州市安排财政援助资金1.2亿元。"
    assert funds(body) == [(120_000_000, "福建省泉州市", "宁夏回族自治区固原市西吉县")]
    # the programme's name (闽宁) is not itself a province pairing when the text names the pair below it
    assert ("福建省", "宁夏回族自治区") not in pairs(body)
    assert ("泉州市", "西吉县") in pairs(body)


def test_a_programme_abbreviation_stands_for_the_divisions_the_sentence_names():
    body = "10月9日,上海市闵行区代表团赴红河州开展沪滇协作对接。闵行区今年安排协作资金1.6亿元。"
    assert ordered_pairs(body) == [("闵行区", "红河哈尼族彝族自治州")]
    f = funding_by_text(body)["1.6亿元"]
    assert (f.donor.name, f.recipient.name) == ("闵行区", "红河哈尼族彝族自治州")


def test_an_abbreviation_province_pair_gives_way_to_the_named_pairing():
    body = "在粤桂协作框架下,广东省佛山市南海区结对帮扶广西壮族自治区百色市凌云县,今年拨付帮扶资金9000万元。"
    pairs = ordered_pairs(body)
    assert ("南海区", "凌云县") in pairs
    assert ("广东省", "广西壮族自治区") not in pairs
    f = funding_by_text(body)["9000万元"]
    assert (f.donor.name, f.recipient.name) == ("南海区", "凌云县")


def test_a_province_pair_written_out_stays_beside_the_abbreviation():
    body = "浙江省对口帮扶四川省,浙川协作中湖州市结对帮扶广元市。"
    assert ("浙江省", "四川省") in ordered_pairs(body)


def test_a_programme_abbreviation_with_one_county_of_the_helped_side_is_that_county():
    # the county the sentence is about (a school of it counts for it), the helper province unnamed below
    assert pairs("白河县城关小学由苏陕扶贫资金安排260万元。") == {("江苏省", "白河县")}
    assert pairs("近年来,云南省普洱市澜沧县抓住机遇,推动沪滇协作项目落地。") == {("上海市", "澜沧拉祜族自治县")}
    # a township of it is a party of its own
    assert pairs("洛南县石门镇食用菌基地,苏陕扶贫资金安排90万元。") == {("江苏省", "石门镇")}
    # the venue of a meeting is not the county helped
    assert pairs("沪滇协作工作会议在普洱市澜沧县召开。") == {("上海市", "云南省")}
    # both sides named below their provinces: no county of one side alone
    assert ("江苏省", "白河县") not in pairs("按照苏陕协作安排,常州市与白河县签订协议。")


def test_a_programme_s_money_alone_names_no_pair():
    assert pairs("今年闽宁帮扶资金还给予每户500元补贴。") == set()


def test_a_pair_said_to_be_set_up_under_its_abbreviation_stays_beside_the_pairs_below_it():
    body = ("1996年,中央作出东西部扶贫协作的决策,闽宁两省区建立对口帮扶关系。"
            "2024年,福建省晋江市与宁夏红寺堡区签订东西部协作协议。")
    assert pairs(body) == {("福建省", "宁夏回族自治区"), ("晋江市", "红寺堡区")}
    # the programme's name alone is not a pairing of its own where the pair below it is stated
    assert pairs("今年,福建省晋江市与宁夏红寺堡区深化闽宁协作。") == {("晋江市", "红寺堡区")}


def test_a_province_s_abbreviation_before_two_places_helps_each():
    body = "沪万夷对口支援联席会议在宜昌市夷陵区召开,重庆市万州区和宜昌市夷陵区的代表出席。"
    assert pairs(body) == {("上海市", "万州区"), ("上海市", "夷陵区")}


def test_each_clause_naming_the_programmes_money_pairs_its_own_county():
    body = "以汉中市为例,勉县中心小学由苏陕扶贫资金安排200万元,略阳县敬老院由苏陕扶贫资金安排120万元。"
    assert {("江苏省", "勉县"), ("江苏省", "略阳县")} <= pairs(body)


def test_an_eastern_and_a_western_place_summed_up_as_two_places_are_a_pair():
    assert ordered_pairs("近年来,册亨、惠城两地多次联动开展展销活动。") == [("惠城区", "册亨县")]
    assert ordered_pairs("协会将持续关注贵州、潮州两地困难学生。") == []


def test_a_province_read_off_an_abbreviation_stands_for_its_listed_city_the_article_names():
    # the official lists pair 徐州市 with 宝鸡市 (2021): 铜山区 lies in the one, 陇县 in the other
    assert ordered_pairs("铜山区各单位积极参与消费帮扶。苏陕协作助力陇县特色产业发展。") == [("铜山区", "陇县")]
    assert ordered_pairs("苏陕协作助力陇县特色产业发展。") == [("江苏省", "陇县")]


def test_a_programme_abbreviation_gives_way_to_the_helper_the_article_names():
    body = ("东莞市长安镇赴紫云苗族布依族自治县开展东西部协作结对交流。"
            "紫云苗族布依族自治县将落实粤黔协作部署,深化协作帮扶。")
    assert pairs(body) == {("长安镇", "紫云苗族布依族自治县")}
    # with no helper of 广东 named, the programme's province stays the helper
    assert pairs("紫云苗族布依族自治县将落实粤黔协作部署,深化协作帮扶。") == {("广东省", "紫云苗族布依族自治县")}


def test_each_helper_of_a_list_before_an_aid_abbreviation_helps():
    text = "进藏以来,上海、山东两省市的援藏干部扛牢对口支援责任,推动日喀则高质量发展。"
    assert pairs(text) == {("上海市", "日喀则市"), ("山东省", "日喀则市")}
