"""Pairing frames beyond subject-verb-object, on sentences of our own: X对Y实行定点帮扶, the passive
由X援建, one party acting for another (由A代表B对口帮扶C), a document's issuer, known organisations
by their short names, and rolls of participants."""

from __future__ import annotations

import pytest

from parsers.extraction.extract import extract
from parsers.extraction.places import find_parties


def pairs(text: str) -> list[tuple[str, str]]:
    return [(p.donor.name, p.recipient.name) for p in extract(None, text).pairings]


@pytest.mark.parametrize("text,expected", [
    ("某某建工集团对宣恩县、来凤县实行定点帮扶。", {("某某建工集团", "宣恩县"), ("某某建工集团", "来凤县")}),
    ("近年来,宁波银行对平阳县的两个村开展结对帮扶。", {("宁波银行", "平阳县")}),
    ("云南某某集团对宣威市等2个县(市)实行定点帮扶。", {("云南某某集团", "宣威市")}),
])
def test_the_helped_after_dui_and_the_relation_after_them(text, expected) -> None:
    assert set(pairs(text)) == expected


def test_the_helped_after_dui_with_no_relation_is_no_pairing() -> None:
    assert pairs("记者对宣恩县进行了采访。") == []


def test_passive_helpers_after_you_help_the_place_before() -> None:
    assert set(pairs("宣恩县的这所学校由杭州市、宁波市援建。")) == {("杭州市", "宣恩县"), ("宁波市", "宣恩县")}


def test_the_one_acting_for_another_is_the_helper_and_so_is_the_one_it_acts_for() -> None:
    assert pairs("由深圳市代表广东省对口帮扶百色市。") == [("深圳市", "百色市"), ("广东省", "百色市")]


def test_the_issuer_of_a_document_helps_nobody() -> None:
    found = pairs("2013年,国务院办公厅印发了《关于开展对口帮扶贵州工作的指导意见》。")
    assert all(d != "国务院办公厅" for d, _ in found)


def test_a_central_enterprise_is_found_by_its_short_name_with_its_full_name() -> None:
    [p] = extract(None, "中石化对岳西县实行定点帮扶。").pairings
    assert (p.donor.name, p.donor.full_name) == ("中石化", "中国石油化工集团有限公司")


def test_a_short_name_inside_a_longer_word_is_not_an_organisation() -> None:
    from parsers.extraction.places import find_parties

    found = [(m.surface, m.party.full_name) for m in find_parties("东北大学对口支援塔里木大学。")]
    assert found == [("东北大学", "东北大学"), ("塔里木大学", "塔里木大学")]  # not 北京大学 inside 东北大学


def test_listed_partners_in_a_roll_of_participants_are_not_paired() -> None:
    assert pairs("展会设有东西部协作展区,重庆市、山东省、江苏省等30多个省区市组团参展。") == []


def test_a_pair_abbreviation_with_a_verb_before_the_relation() -> None:
    assert pairs("京蒙两地建立对口帮扶关系。") == [("北京市", "内蒙古自治区")]


def test_a_clause_with_no_subject_goes_on_with_the_helper_before_it() -> None:
    assert ("深圳市", "百色市") in pairs("由深圳市代表广东省对口帮扶广西,重点帮扶百色市和河池市。")


def test_a_bracket_between_the_passive_helpers_and_their_verb() -> None:
    assert set(pairs("嘉黎县人民会堂,由温州、台州(第五批援藏)援建。")) == {("温州市", "嘉黎县"), ("台州市", "嘉黎县")}


def test_a_department_stands_for_its_region_in_the_official_lists() -> None:
    assert pairs("浙江省发改委下达援疆项目计划,阿克苏地区今年实施援疆项目370个。") == [("浙江省", "阿克苏地区")]


def test_two_places_summed_up_before_a_verb_with_a_recipient_are_helpers() -> None:
    assert set(pairs("浙江省新增杭州和宁波两市对口支援新疆兵团第一师。")) == {
        ("杭州市", "新疆生产建设兵团第一师"), ("宁波市", "新疆生产建设兵团第一师")}


def test_a_central_enterprise_is_the_helper_whatever_the_clause_order() -> None:
    assert pairs("凤山县的改变,离不开对其定点帮扶的中国第一汽车集团有限公司。") == [("中国第一汽车集团有限公司", "凤山县")]


def test_the_helped_after_zai_with_a_relation_of_work_after_them() -> None:
    assert set(pairs("某某能源集团在阿合奇县、横山区扎实开展各项定点帮扶工作。")) == {
        ("某某能源集团", "阿合奇县"), ("某某能源集团", "横山区")}


def test_a_meeting_held_in_a_place_pairs_no_one() -> None:
    assert pairs("代表团在宣恩县召开对口帮扶工作座谈会。") == []


def test_wo_xian_named_only_later_is_the_county_the_report_names_most() -> None:
    text = "某某农业大学自帮扶我县以来,成效明显。镇康县的茶叶卖得更好了,镇康县群众增收。"
    assert pairs(text) == [("某某农业大学", "镇康县")]


def test_money_named_as_the_tie_s_own_makes_its_giver_a_helper_even_a_bank() -> None:
    r = extract(None, "农行浙江省分行向淳安县枫树岭镇下姜村捐赠了结对帮扶资金30万元。")
    assert [(p.donor.name, p.recipient.name) for p in r.pairings] == [("农行浙江省分行", "下姜村")]
    # a place's company making a plain donation states no tie
    assert extract(None, "杭州市某某建材有限公司向淳安县枫树岭镇下姜村捐赠了30万元。").pairings == []


def test_the_tie_written_before_the_partner_of_a_signing() -> None:
    r = extract(None, "中国银行丽水分行与定点帮扶村景宁县大均乡伏叶村签订捐赠协议。")
    assert [(p.donor.name, p.recipient.name) for p in r.pairings] == [("中国银行丽水分行", "伏叶村")]


def test_two_places_joined_through_their_assistance() -> None:
    r = extract(None, "天津市津南区与甘肃省秦安县通过多层次、全方位的帮扶,实现共同发展。")
    assert [(p.donor.name, p.recipient.name) for p in r.pairings] == [("津南区", "秦安县")]
    assert extract(None, "天津市津南区与甘肃省秦安县通过视频连线召开会议。").pairings == []


def test_a_place_that_is_one_of_a_helper_s_areas_under_a_chain_of_relation_words() -> None:
    r = extract(None, "九寨沟县是嘉兴市对口扶贫协作地区之一。")
    assert [(p.donor.name, p.recipient.name) for p in r.pairings] == [("嘉兴市", "九寨沟县")]


def test_an_agreement_on_poverty_relief_signed_by_two_parties_states_their_tie():
    assert pairs("同日,国家电网与昭通市签订了脱贫攻坚合作协议。") == [("国家电网", "昭通市")]
    assert pairs("同日,两家企业与昭通市签订了物流合作协议。") == []


def test_a_helper_acting_for_its_province_makes_the_province_a_helper_of_that_partner():
    got = set(pairs("由佛山市代表广东省对口帮扶凉山州,重点帮扶喜德县和美姑县。"))
    assert ("广东省", "凉山彝族自治州") in got and ("佛山市", "喜德县") in got
    assert ("广东省", "喜德县") not in got
    assert pairs("佛山市代表团赴凉山州开展帮扶。") == [("佛山市", "凉山彝族自治州")]


def test_help_from_a_place_naming_nobody_helped_goes_to_the_article_s_helped_place() -> None:
    body = "苏州市吴江区对口帮扶铜仁市沿河县。\n“在苏州的对口帮扶下,我们合作社的猕猴桃卖到了长三角。”一位社员说。"
    assert set(pairs(body)) == {("吴江区", "沿河土家族自治县"), ("苏州市", "沿河土家族自治县")}


def test_help_from_a_place_whose_stated_partners_are_several_is_nobody_s() -> None:
    body = ("苏州市吴江区对口帮扶铜仁市沿河县,苏州市吴中区对口帮扶铜仁市德江县。\n"
            "“在苏州的对口帮扶下,我们合作社的猕猴桃卖到了长三角。”一位社员说。")
    assert ("苏州市", "沿河土家族自治县") not in set(pairs(body))
    assert not any(d == "苏州市" for d, _ in pairs(body))


def test_help_from_a_place_inside_the_stated_helper_is_not_read_as_the_helper_s() -> None:
    body = "苏州市对口帮扶铜仁市。\n“在吴江区的帮扶下,我们合作社的猕猴桃卖到了长三角。”一位社员说。"
    assert not any(d == "吴江区" for d, _ in pairs(body))


def test_several_places_joined_to_one_in_a_paragraph_on_their_tie_are_its_two_sides() -> None:
    body = "多年来,常熟市、昆山市、太仓市与沿河县各展所长,共同描绘发展新图景。结对以来,三地累计投入资金2亿元。"
    assert {("常熟市", "沿河土家族自治县"), ("昆山市", "沿河土家族自治县"), ("太仓市", "沿河土家族自治县")} <= set(pairs(body))


@pytest.mark.parametrize("body", [
    "多年来,常熟市、昆山市、太仓市与沿河县各展所长,共同描绘发展新图景。三地累计接待游客2万人次。",  # no tie
    "多年来,昆山市与沿河县各展所长,共同描绘发展新图景。结对以来,两地往来密切。",  # a lone pair
    "多年来,常熟市、昆山市与沿河县、德江县各展所长,共同描绘发展新图景。结对以来,各地往来密切。",  # lists on both sides
    "多年来,江苏省、浙江省与贵州省各展所长,共同描绘发展新图景。结对以来,各地往来密切。",  # provinces
])
def test_places_joined_by_yu_without_a_tie_or_without_two_sides_are_no_pairing(body) -> None:
    assert pairs(body) == []


def test_a_group_with_a_two_character_name_helps_after_a_time_phrase():
    assert pairs("据介绍,华信集团从2016年3月1日开始结对帮扶毕节市织金县。") == [("华信集团", "织金县")]
    assert pairs("该集团和大型集团结对帮扶毕节市织金县。") == []


def test_taking_on_the_assistance_of_places_is_helping_them():
    got = pairs("2018年起,华信集团又承担了毕节市纳雍县、赫章县的帮扶工作。")
    assert got == [("华信集团", "纳雍县"), ("华信集团", "赫章县")]
    assert pairs("记者承担了纳雍县的采访任务。") == []


def test_places_taken_on_may_be_counted_and_end_with_a_management_zone():
    got = pairs("华信集团还承担了毕节市纳雍县、赫章县和松岭管理区共2县1区的帮扶工作。")
    assert got == [("华信集团", "纳雍县"), ("华信集团", "赫章县"), ("华信集团", "松岭管理区")]


def test_the_helped_place_written_first_is_helped_by_the_one_after_you():
    assert pairs("织金县官寨乡一直由华信集团进行帮扶。") == [("华信集团", "官寨乡")]


def test_a_body_named_as_a_places_helping_unit_helps_it():
    assert pairs("华信集团被确定为织金县官寨乡的协助帮扶单位。") == [("华信集团", "官寨乡")]
    assert pairs("织金县成为全国文明城市。") == []


def test_pairs_written_side_by_side_each_with_its_own_yu_need_no_fenbie():
    got = pairs("杭州市余杭区良渚街道与织金县官寨乡、余杭区仓前街道与织金县马场镇签订乡镇结对协议。")
    assert got == [("良渚街道", "官寨乡"), ("仓前街道", "马场镇")]


def test_a_body_s_assistance_point_is_the_place_it_helps_and_a_visitor_there_is_not_paired():
    body = "华信集团到七星关区委宣传部扶贫点清水铺镇青杠林村开展捐赠活动,并为该村带去5万元。"
    assert pairs(body) == [("七星关区委宣传部", "青杠林村")]
    [f] = extract(None, body).funding
    assert (f.donor.name, f.recipient.name, f.amount_yuan) == ("华信集团", "青杠林村", 50000)


def test_a_place_fixed_as_a_body_s_paired_village_is_helped_by_it():
    assert pairs("去年,市里将黔西县中坪镇松林村定为华信集团结对帮扶村。") == [("华信集团", "松林村")]


def test_helpers_each_helping_one_of_a_place_s_counted_units_are_not_paired_with_the_place():
    assert pairs("松岭大学、华信大学等5所高校分别联系帮扶大理州5个县市。") == []


def test_units_cadres_come_from_are_not_helpers():
    got = pairs("来自松岭师范学院、华信集团等12家单位的援藏干部对口援助昌都市。")
    assert not any(donor in ("松岭师范学院", "华信集团") for donor, _ in got)


def test_the_counties_a_helped_prefecture_holds_are_helped_too():
    got = pairs("重庆市对口援助西藏自治区昌都市及其所辖类乌齐县、芒康县。")
    assert got == [("重庆市", "昌都市"), ("重庆市", "类乌齐县"), ("重庆市", "芒康县")]


def test_guagou_fupin_is_a_pairing_verb():
    assert pairs("华信集团自2007年挂钩扶贫巧家县以来,援建了学校。") == [("华信集团", "巧家县")]


def test_thanks_for_a_place_s_help_do_not_make_the_speaker_its_helper():
    assert pairs("连平县的合作社社员对深圳的帮扶十分感激。") == []
    assert pairs("福田区开展对连平县的结对帮扶。") == [("福田区", "连平县")]


def test_a_list_summed_up_by_its_kind_before_yu_signs_with_the_partner():
    got = pairs("松岭中医药大学、华信师范学院等10所高校与淳化县政府签订了消费帮扶协议。")
    assert got == [("松岭中医药大学", "淳化县"), ("华信师范学院", "淳化县")]


def test_two_places_hand_in_hand_are_paired_east_helping_west() -> None:
    got = extract(None, "陕西省耀州区与江苏省东台市手拉手奔小康,共建产业园区。")
    assert [(p.donor.name, p.recipient.name) for p in got.pairings] == [("东台市", "耀州区")]
    assert extract(None, "两所学校的学生手拉手做游戏。").pairings == []


@pytest.mark.parametrize("text", ["嘉兴市向松桃县提供全面对口支援。", "嘉兴市为松桃县提供了长期的结对帮扶。"])
def test_help_provided_to_a_place_pairs_it_with_the_provider(text) -> None:
    assert pairs(text) == [("嘉兴市", "松桃苗族自治县")]


def test_help_provided_as_money_is_read_by_the_money_frame() -> None:
    (p,) = extract(None, "嘉兴市为松桃县提供了大量帮扶资金。").pairings
    assert p.basis.split("/")[1] == "money"


def test_every_place_listed_after_dui_is_helped() -> None:
    got = pairs("上海市普陀区持续增加对昆明市东川区、寻甸县、禄劝县的对口援建项目。")
    assert [r for _, r in got] == ["东川区", "寻甸回族彝族自治县", "禄劝彝族苗族自治县"]


def test_a_helper_coming_to_the_helped_place_to_help_is_paired_with_it() -> None:
    assert pairs("某某交通大学调研组来秦安县开展定点帮扶工作。") == [("某某交通大学", "秦安县")]
    assert pairs("某某交通大学积极帮扶。2016年以来秦安县开展定点帮扶工作。") == []  # 以来 is no coming


def test_a_second_paired_adjective_on_a_list_keeps_the_list_s_helper() -> None:
    got = pairs("某某集团定点帮扶的陕西横山区、新疆阿合奇县和对口支援的青海尖扎县全部脱贫摘帽。")
    assert sorted(got) == [("某某集团", "尖扎县"), ("某某集团", "横山区"), ("某某集团", "阿合奇县")]


def test_thanks_for_help_and_support_pair_nobody_with_the_thanked() -> None:
    assert pairs("孙某代表甘肃省委省政府对福建省、厦门市的帮扶和支持表示感谢。") == []


def test_a_person_acting_for_a_body_is_no_part_of_its_name() -> None:
    orgs = [m.surface for m in find_parties("赵某代表王选关怀基金会理事长颁发了捐赠证书。") if m.kind == "org"]
    assert orgs == ["王选关怀基金会"]


def test_the_programme_s_name_pairs_nobody_with_the_whole_province() -> None:
    got = pairs("泉州援疆干部用实干精神,落实国家对口支援新疆战略,在昌吉市留下累累硕果。泉州市对口支援昌吉市。")
    assert got == [("泉州市", "昌吉市")]


def test_a_helper_undertaking_places_after_a_short_modifier_helps_each() -> None:
    got = pairs("2015年,某某集团开始承担上级安排的临夏州东乡县、甘南州舟曲县及省里分派的帮扶任务。")
    assert sorted(got) == [("某某集团", "东乡族自治县"), ("某某集团", "舟曲县")]


def test_places_listed_under_programme_headings_are_the_helper_s_partners() -> None:
    got = pairs("目前珠海市的对口帮扶工作主要包括:对口支援方面:新疆喀什市和西藏察隅县。"
                "东西部扶贫协作方面:云南昭通市。省内对口帮扶方面:对口帮扶广东河源市。")
    assert got == [("珠海市", "喀什市"), ("珠海市", "察隅县"), ("珠海市", "昭通市"), ("珠海市", "河源市")]


def test_a_body_giving_money_to_a_village_named_beside_the_amount_is_tied_to_it() -> None:
    got = extract(None, "某某音乐学院结对帮扶宁县。某某音乐学院为宁县巨亭镇流溪沟村投入产业发展资金32万元。")
    assert [(p.donor.name, p.recipient.name, p.basis) for p in got.pairings] == [
        ("某某音乐学院", "宁县", "unlisted/stated/division+org"), ("某某音乐学院", "流溪沟村", "unlisted/money/local+org")]


def test_money_to_the_county_a_body_helps_states_no_second_tie() -> None:
    assert pairs("某某音乐学院结对帮扶宁县。某某音乐学院为宁县投入产业发展资金32万元。") == [("某某音乐学院", "宁县")]


def test_a_visit_to_dock_is_read_from_the_sides_not_the_visitor() -> None:
    got = pairs("元阳县卫生健康局一行代表元阳县人民政府到宁县人民医院进行对口支援帮扶对接。")
    assert got == [("宁县人民医院", "元阳县")]


def test_since_the_assistance_began_the_next_clause_s_subject_helps() -> None:
    assert set(pairs("自2016年对口帮扶镇坪县以来,南岭集团累计投入帮扶资金800万元。")) == {("南岭集团", "镇坪县")}
    assert set(pairs("自2012年结对帮扶长汀县、2020年又帮扶上杭县以来,晋江市按照政府推动的思路开展工作。")) == {
        ("晋江市", "长汀县"), ("晋江市", "上杭县")}
    assert set(pairs("自与镇坪县结对协作以来,江宁区认真落实各项政策。")) == {("江宁区", "镇坪县")}
    assert set(pairs("自与松桃苗族自治县结对协作以来,江宁区认真落实各项政策。")) == {("江宁区", "松桃苗族自治县")}  # 自治县's 自
    # the time clause names its own helper: read as stated, nobody else added
    assert set(pairs("自1996年上海对口帮扶云南以来,两地交往频繁。")) == {("上海市", "云南省")}


def test_a_list_that_is_a_verb_s_object_helps_nobody_after_it() -> None:
    assert set(pairs("江宁区自2012年结对帮扶长汀县、2020年又帮扶上杭县。")) == {("江宁区", "长汀县"), ("江宁区", "上杭县")}
    # a programme's name before the helper does not make the helper an object
    assert set(pairs("新一轮东西部协作宁波结对凉山彝族自治州11个县。")) == {("宁波市", "凉山彝族自治州")}


def test_whoever_built_or_helps_a_place_written_after_de_helps_it() -> None:
    assert set(pairs("大连市援建的兴山县中医医院已投入使用。")) == {("大连市", "兴山县")}  # the body's place
    assert set(pairs("由江宁区出资300万元援建的镇坪县曙坪镇中心小学落成。")) == {("江宁区", "镇坪县")}
    assert set(pairs("上海对口支援的喀什四县发展迅速。")) == {("上海市", "喀什地区")}
    # each helper of a list before the verb
    assert set(pairs("湖南省、大连市援建的兴山县产业园已投产。")) == {("湖南省", "兴山县"), ("大连市", "兴山县")}
    # the helped of the first is no helper of the second: 甲定点扶贫的A县、乙定点扶贫的B县
    assert set(pairs("来自南京大学定点扶贫的双柏县、东南大学定点扶贫的南华县的农产品进校园。")) == {
        ("南京大学", "双柏县"), ("东南大学", "南华县")}
    # a body after a relation verb's 的 is the helper of the place before, not helped (对其定点帮扶的X)
    assert set(pairs("凤山县组织干部考察对其定点帮扶的中国一汽。")) == {("中国一汽", "凤山县")}


def test_a_body_s_party_branch_signs_for_the_body() -> None:
    assert set(pairs("华信建设有限公司党支部与镇坪县华坪村党总支签订结对共建协议,双方构建互助帮扶平台。")) == {
        ("华信建设有限公司", "华坪村")}


def test_a_body_helps_a_place_whatever_province_its_name_says() -> None:
    # a chamber of 晋江 people in 重庆 docks with a village at home: the east-west rule is for places
    assert set(pairs("重庆晋江商会一行到晋江市金井镇围头村开展帮扶对接活动。")) == {("重庆晋江商会", "围头村")}


def test_sending_cadres_to_serve_in_a_place_is_helping_it_read_from_the_sides() -> None:
    assert set(pairs("复旦大学先后选派7名干部到永平县挂任副县长。")) == {("复旦大学", "永平县")}
    assert set(pairs("苏州累计派出420名党政干部赴铜仁挂职交流。")) == {("苏州市", "铜仁市")}
    # cadres of the helped side sent to learn: the exchange is still the eastern side's help
    assert set(pairs("陕西选派200名党政干部赴江苏挂职学习。")) == {("江苏省", "陕西省")}
    assert not pairs("县里选派200名干部赴外地学习。")  # nobody named on one side


def test_a_place_in_apposition_to_a_helper_s_role_word_is_the_place_it_helps() -> None:
    # the clause's subject is the helper; the province before the role word is where the point lies
    assert set(pairs("近日,某某银行向云南挂钩扶贫点——临沧市临翔区邦东乡捐赠20万元。")) == {("某某银行", "邦东乡")}
    assert set(pairs("7月31日,福建省监狱管理局决定给予挂钩帮扶县建宁县100万元。")) == {("福建省监狱管理局", "建宁县")}
    assert set(pairs("某某建设有限公司与定点帮扶村屏南县熙岭乡岭里村签订协议。")) == {("某某建设有限公司", "岭里村")}


def test_a_class_or_a_count_of_helped_places_names_no_helper() -> None:
    assert pairs("某某集团调研组考察了国家乡村振兴重点帮扶县昭觉县。") == []
    assert pairs("某某集团调研组考察了2个帮扶县昭觉县。") == []
