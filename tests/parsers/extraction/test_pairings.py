"""Pairings a sentence states (parsers/extraction/pairings.py, pairframes.py): the plain shapes and the
frames, direction when the writing does not say it, the relation type, meetings and visits that state a
tie, and sentences that state no pairing.

All sentences are written for these tests.
"""

from __future__ import annotations

import pytest
from extraction_helpers import full_pairs, funding_by_text, ordered_pairs, pairs

from parsers.extraction.extract import extract


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


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # lists mapped one to one by 分别
        ("青岛市黄岛区、城阳区分别与陇南市宕昌县、礼县签订携手奔小康协议。",
         {("黄岛区", "宕昌县"), ("城阳区", "礼县")}),
        # the subject of an earlier clause helps
        ("光华镇作为西区组团的成员单位,结对帮扶思南县鹦鹉溪镇。", {("光华镇", "鹦鹉溪镇")}),
        # a place after 在 is where, not who
        ("2023年,武侯区先后在簇桥街道、火车南站街道开展对口支援稻城县农产品展销活动。", {("武侯区", "稻城县")}),
        # a list after 包括 goes on with the object
        ("明确天津市对口支援新疆和田地区4个县,包括于田县、民丰县。",
         {("天津市", "和田地区"), ("天津市", "于田县"), ("天津市", "民丰县")}),
        ("在青岛市的精准帮扶下,安顺市实现了整体脱贫。", {("青岛市", "安顺市")}),
        ("麻江县依托杭州市余杭区对口帮扶优势,发展蓝莓产业。", {("余杭区", "麻江县")}),
        ("黔南州作为广州市对口帮扶的重点地区,发展迅速。", {("广州市", "黔南布依族苗族自治州")}),
        ("常州市武进区驻印江县帮扶工作队走访了当地企业。", {("武进区", "印江土家族苗族自治县")}),
        ("为推进东西部协作,海曙区赴石阡县开展结对帮扶工作。", {("海曙区", "石阡县")}),
        ("中建三局继续协助开展对罗田县的定点帮扶工作。", set()),  # no region-anchored name: no party
        ("湖北交投集团有限公司继续协助开展对罗田县的定点帮扶工作。", {("湖北交投集团有限公司", "罗田县")}),
        ("吴江区给予结对的松桃县盘信镇帮扶经费30万元。", {("吴江区", "盘信镇")}),
        ("福州市向定西市捐赠帮扶资金500万元。", {("福州市", "定西市")}),
    ],
)
def test_pairing_frames(body, expected):
    assert pairs(body) == expected


def test_helpers_named_as_units_help_the_place_the_article_is_about():
    body = ("近年来,平武县不断创新消费帮扶模式。平武县积极对接浙江省湖州市吴兴区政府和中国华电集团有限公司"
            "等对口帮扶单位,拓宽销售渠道。平武县农产品走进了湖州。")
    assert pairs(body) == {("吴兴区", "平武县"), ("中国华电集团有限公司", "平武县")}


def test_direction_when_the_writing_does_not_say():
    # east helps west, the developed county helps one of the 26 mountain counties, an organisation a place
    assert pairs("大连市和六盘水市开展东西部协作。") == {("大连市", "六盘水市")}
    assert pairs("文成县与鹿城区共建山海协作产业园。") == {("鹿城区", "文成县")}
    assert pairs("宜良县和昆明市工商联签订帮扶协议。") == {("昆明市工商联", "宜良县")}


@pytest.mark.parametrize(
    "body",
    [
        "佛山市、凉山州共同签署协议书,正式缔结为友好城市。",  # friendship city
        "南岸区5所学校与香港5所学校缔结姊妹学校关系。",
        "天津与河北两省市签署合作协议以来,天津与承德各部门通力合作,帮扶工作有序展开。",  # ties in another clause
        "长春市与吉林市签订战略合作协议。",
        "习近平总书记强调,东部地区要帮扶西部地区。",
    ],
)
def test_no_pairing(body):
    assert pairs(body) == set()


def test_relation_type_is_reported():
    got = extract(None, "中国农业银行定点帮扶泸溪县。北京市对口支援和田地区。").pairings
    assert {p.relation for p in got} == {"定点帮扶", "对口支援"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("宁波市对延边州进行对口帮扶。", {("宁波市", "延边朝鲜族自治州")}),
        ("泸溪县是中国农业银行的定点帮扶县。", {("中国农业银行", "泸溪县")}),
        ("青田县与宁海县结为山海协作对子。", {("宁海县", "青田县")}),
        ("杭州牵手恩施,共谋乡村振兴。", {("杭州市", "恩施土家族苗族自治州")}),
        ("温州市对苍南县进行对口帮扶。", set()),  # a city and its own county: no pairing between places
    ],
)
def test_more_ways_to_state_a_pairing(body, expected):
    assert pairs(body) == expected


@pytest.mark.parametrize("verb", ["持续深化同", "深入推进与", "不断加强与"])
def test_the_partner_of_a_deepened_cooperation_is_paired(verb):
    assert ordered_pairs(f"天津市西青区{verb}甘肃省庆阳市镇原县的东西部协作。") == [("西青区", "镇原县")]


def test_a_cooperation_without_programme_words_is_no_pairing():
    assert ordered_pairs("天津市西青区深化与甘肃省庆阳市镇原县的经贸合作。") == []


def test_places_as_direct_objects_of_spending_verbs_are_paired_with_their_amounts():
    body = "各结对县区成效明显:鹿城区投入布拖县帮扶资金5000万元,瓯海区投入昭觉县3800万元。"
    assert ordered_pairs(body) == [("鹿城区", "布拖县"), ("瓯海区", "昭觉县")]
    f = funding_by_text(body)
    assert (f["3800万元"].donor.name, f["3800万元"].recipient.name) == ("瓯海区", "昭觉县")


def test_an_aid_sentence_pairs_with_each_place_of_its_list():
    body = "浙江省安排援疆资金12亿元,支持阿克苏地区阿瓦提县、乌什县、柯坪县实施项目90个。"
    assert ordered_pairs(body) == [("浙江省", "阿瓦提县"), ("浙江省", "乌什县"), ("浙江省", "柯坪县")]


def test_a_visit_to_study_the_assistance_states_the_tie():
    body = "6月3日,中国华能集团有限公司副总经理一行到镇宁布依族苗族自治县调研定点帮扶工作。"
    pairs = extract(None, body).pairings
    assert [(p.donor.name, p.recipient.name, p.relation) for p in pairs] == [
        ("中国华能集团有限公司", "镇宁布依族苗族自治县", "定点帮扶")]


def test_money_from_a_part_of_a_stated_helper_is_no_new_pairing():
    body = "吴江区对口帮扶沿河县。今年,吴江区七都镇向沿河县捐赠帮扶资金30万元。"
    assert pairs(body) == {("吴江区", "沿河土家族自治县")}


def test_cadres_paired_with_households_are_no_region_pairing():
    body = ("全县组织帮扶干部到结对户家中开展结对认亲活动,各单位共筹措慰问资金28万元。"
            "县委办干部李明为结对认亲户送去慰问金1000元。")
    ex = extract("某县开展结对认亲走访活动", body)
    assert ex.pairings == [] and ex.funding == []


def test_the_places_a_body_helps_as_adjective():
    body = "今年,中国大唐集团有限公司向定点帮扶的广西壮族自治区崇左市天等县投入无偿帮扶资金2600万元。"
    assert ("中国大唐集团有限公司", "天等县") in pairs(body)


def test_a_joint_meeting_on_the_tie_binds_the_two_places():
    body = "宁波市鄞州区与丽水市龙泉市在龙泉召开山海协作工作联席会议。"
    assert full_pairs(body) == {("浙江省宁波市鄞州区", "浙江省丽水市龙泉市")}


def test_a_meeting_without_a_tie_word_binds_nothing():
    assert full_pairs("宁波市鄞州区与丽水市龙泉市在龙泉召开经济工作联席会议。") == set()


def test_south_north_link_after_a_middle_dot():
    body = "无锡·徐州南北挂钩合作座谈会在徐州举行。"
    assert full_pairs(body) == {("江苏省无锡市", "江苏省徐州市")}


def test_two_provinces_summed_up_with_a_tie():
    assert full_pairs("近日,广东、广西两省区协作成效获评优秀等次。") == {("广东省", "广西壮族自治区")}


def test_two_cities_summed_up_without_a_tie_say_nothing():
    assert full_pairs("广州、深圳两市经济总量均超过3万亿元。") == set()


def test_a_front_command_name_does_not_pair_with_the_whole_region():
    body = "广东省对口支援新疆前方指挥部召开会议。广东省对口支援喀什地区疏附县、伽师县。"
    pairs = full_pairs(body)
    assert ("广东省", "新疆维吾尔自治区") not in pairs
    assert ("广东省", "新疆维吾尔自治区喀什地区疏附县") in pairs


def test_one_helper_joined_to_two_places_pairs_with_each_and_not_them_with_each_other():
    body = "会议要求,扎实推动台州市黄岩区与黔东南州剑河县和岑巩县对口帮扶工作深入开展。"
    assert pairs(body) == {("黄岩区", "剑河县"), ("黄岩区", "岑巩县")}


def test_two_helpers_joined_to_one_place():
    assert pairs("湖州市吴兴区和南浔区与四川省青川县建立结对帮扶关系。") == {("吴兴区", "青川县"), ("南浔区", "青川县")}


def test_two_places_after_an_unknown_helper_s_yu_are_no_pair_of_their_own():
    assert pairs("扎实推动某某新区与六盘水市盘州市和朝阳县对口帮扶工作有力开展。") == set()


def test_a_stray_comma_beside_the_list_mark_keeps_the_list():
    assert pairs("天津市、山东省青岛市,、福建省福州市和厦门市对口支援甘肃省。") >= {("天津市", "甘肃省"), ("青岛市", "甘肃省")}


def test_money_given_by_a_list_to_a_list_respectively_pairs_one_to_one():
    body = "福州市、厦门市分别向定西市、临夏州捐赠帮扶资金500万元。"
    assert pairs(body) == {("福州市", "定西市"), ("厦门市", "临夏回族自治州")}



@pytest.mark.parametrize("body", [
    "福州市于今年与定西市建立结对帮扶关系。",
    "福州市在2017年3月就与定西市签订了结对帮扶协议。",
    "青峰保税港区去年刚与黄坛镇结成结对帮扶单位。",
])
def test_a_date_between_the_helper_and_its_join_word(body):
    assert len(pairs(body)) == 1 and next(iter(pairs(body)))[1] in ("定西市", "黄坛镇")


def test_the_township_named_before_is_the_partner_written_as_this_township():
    body = "青峰保税港区干部来到黄坛镇调研。据悉，青峰保税港区于今年刚与该镇成为结对帮扶友好单位。"
    assert pairs(body) == {("青峰保税港区", "黄坛镇")}


def test_an_eastern_and_a_western_place_signing_an_agreement_about_the_assistance_are_paired():
    body = "会上，张家港市与中界镇签订了《产业发展框架协议》，推进沿河县东西部协作。"
    assert pairs(body) == {("张家港市", "中界镇")}


@pytest.mark.parametrize("body", [
    "会上，张家港市与常熟市签订了《产业发展框架协议》，推进东西部协作。",  # both in the east
    "会上，江苏省与贵州省签订了《产业发展框架协议》，推进东西部协作。",  # provinces sign agreements of every kind
    "会上，张家港市与沿河县签订了《产业发展框架协议》。",  # nothing about the assistance
])
def test_a_signed_agreement_without_a_tie_word_is_no_pairing_otherwise(body):
    assert pairs(body) == set()


def test_places_a_visit_goes_to_are_no_pair():
    assert pairs("考察团先后在兰州市、定西市和陇南市开展捐赠帮扶等活动。") == set()
    assert ordered_pairs("福州市和定西市开展结对帮扶。") == [("福州市", "定西市")]


@pytest.mark.parametrize("act", ["确定", "达成", "缔结"])
def test_a_tie_settled_agreed_or_concluded_pairs_the_two_sides(act):
    assert ordered_pairs(f"2016年,北京市朝阳区与张家口市康保县{act}了对口帮扶关系。") == [("朝阳区", "康保县")]


def test_a_tie_right_after_two_sides_joined_by_yu_binds_them():
    assert ordered_pairs("协作帮扶谱新篇——天津市与甘南州协作帮扶综述") == [("天津市", "甘南藏族自治州")]
    assert pairs("天津市与甘南州帮扶干部座谈。") == set()  # 帮扶 as a modifier binds nobody


def test_helpers_listed_with_he_before_their_tie_are_not_paired_with_each_other():
    got = ordered_pairs("天津市、福州市和厦门市对口支援甘肃省。")
    assert ("福州市", "厦门市") not in got and ("天津市", "厦门市") not in got


def test_a_dash_pair_with_a_word_before_its_relation():
    assert ordered_pairs("切实做好广州--梅州全面对口帮扶工作。") == [("广州市", "梅州市")]


def test_within_a_province_a_city_helps_another_city_s_county():
    assert ordered_pairs("宁强县与西安市结对帮扶。") == [("西安市", "宁强县")]


def test_a_place_named_after_zuowei_describes_the_helper_and_does_not_help():
    assert ordered_pairs("宁波市北仑区作为宁波市经济强区结对帮扶美姑县。") == [("北仑区", "美姑县")]


def test_two_places_a_third_party_ties_are_not_each_other_s_partners():
    assert pairs("青田县祯埠乡5个村和平阳县水头镇1个村是民盟浙江省委在省内重点结对扶贫区域。") == set()


def test_a_sentence_whose_only_cue_is_ding_dian_fu_pin_states_its_pairing() -> None:
    got = extract(None, "水利部定点扶贫武隆区,选派干部驻村。").pairings
    assert [(p.donor.name, p.recipient.name, p.relation) for p in got] == [("水利部", "武隆区", "定点帮扶")]
