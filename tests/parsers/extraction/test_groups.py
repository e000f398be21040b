"""Group parties (the fifth held-out round, p86-p97), on sentences written for these tests: a
place's units (各县区, 各镇街), counts of companies with their kind, a party joined to a group
(X及/和/携手 N家企业, X及所属企业), 结对市县, 发达 / 欠发达 groups, 区级资金, and the cases where
no group may be read.
"""

from __future__ import annotations

import re

import pytest
from extraction_helpers import funding_by_text, funds, names
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.extraction.extract import extract
from parsers.extraction.wording.funding import GROUP_PATTERNS, GROUP_STARTS, PEOPLE_GROUP, PEOPLE_STARTS


def test_groups_give_and_receive_as_written():
    body = ("截至2022年底,东部9个省市向西部10个省区市投入财政援助资金200亿元,动员社会力量捐助款物30亿元。"
            "东部9个省市与西部10个省区市共建产业园区,引导企业投资900亿元。")
    assert funds(body) == [(20_000_000_000, "东部9个省市", "西部10个省区市"),
                            (3_000_000_000, "东部9个省市", "西部10个省区市"),
                            (90_000_000_000, "东部9个省市", "西部10个省区市")]


def test_receiver_written_on_past_its_places_is_kept_as_written():
    assert funds("天津市向陕西、甘肃两省受援地区投入帮扶资金6亿元。") == [
        (600_000_000, "天津市", "陕西、甘肃两省受援地区")]


def test_several_helpers_and_several_recipients_stand_as_one_party():
    body = "苏州市及吴中区积极动员社会力量,共向黔东南州捐资捐物计价值120万元。"
    assert funds(body) == [(1_200_000, "江苏省苏州市、江苏省苏州市吴中区", "贵州省黔东南苗族侗族自治州")]
    body = "广东携手广西、贵州共建产业园区,引导企业投资300亿元。"
    assert funds(body) == [(30_000_000_000, "广东省", "广西壮族自治区、贵州省")]


def test_programme_money_without_a_named_pair():
    body = "截至2017年底,中央企业结对帮扶了246个贫困县。特别是在深度贫困地区,投入扶贫资金5.9亿元。"
    assert funds(body) == [(590_000_000, "中央企业", "深度贫困地区")]


def test_a_counted_summary_of_respective_helpers_gives_as_one_group():
    body = "北京市东城区、西城区、朝阳区分别对口支援拉萨市当雄县、尼木县、城关区。三个区今年共安排援藏资金1.6亿元。"
    (item,) = funding_by_text(body).values()
    assert item.donor.name == "东城区、西城区、朝阳区"


def test_a_place_s_caring_companies_give_as_themselves():
    body = "浙江省宁波市北仑区结对帮扶贵州省黔西南州望谟县。北仑区爱心企业还向望谟县捐款60万元。"
    f = funding_by_text(body)["60万元"]
    assert (f.donor.name, f.recipient.name) == ("北仑区爱心企业", "望谟县")


def test_a_group_giver_after_a_stated_pair_keeps_its_money():
    body = "福建与宁夏确立对口协作关系。我省向宁夏无偿援助3亿元,各对口帮扶市、县(区)投入累计2亿元。"
    f = funding_by_text(body)["2亿元"]
    assert f.donor.name.startswith("各对口帮扶")


def test_a_places_companies_and_organisations_give_as_themselves():
    body = "杨浦区对口支援果洛州玛多县。杨浦区的企业和社会组织今年已经向玛多县捐款捐物折合人民币近300万元。"
    f = funding_by_text(body)["近300万元"]
    assert f.donor.name == "杨浦区企业和社会组织" and f.recipient.name == "玛多县"


def test_a_township_s_companies_give_as_themselves():
    body = "七星镇与马场镇结对帮扶。七星镇的5家企业当场认捐20万元,支持马场镇道路建设。"
    f = funding_by_text(body)["20万元"]
    assert f.donor.name.endswith("七星镇的5家企业") and f.kind == "捐赠"


def test_counted_offices_of_a_province_give_as_one_group():
    body = "阳原县召开定点帮扶推进会。今年以来,9家省直单位共向阳原县投入帮扶资金2360万元。"
    f = funding_by_text(body)["2360万元"]
    assert (f.donor.name, f.recipient.name) == ("9家省直单位", "阳原县")


def test_a_places_units_give_and_receive_as_one_group():
    body = ("杭州市萧山区对口帮扶四川省广元市剑阁县。今年,萧山区各镇街共向剑阁县各乡镇拨付结对帮扶资金380万元。")
    f = funding_by_text(body)["380万元"]
    assert f.donor.name == "萧山区各镇街" and f.donor.full_name == "浙江省杭州市萧山区各镇街"
    assert f.recipient.full_name == "四川省广元市剑阁县各乡镇"


def test_money_handed_down_to_a_citys_counties():
    body = "山东省对口支援新疆喀什地区。今年,山东省向喀什地区各县市下达援疆项目资金5.2亿元。"
    f = funding_by_text(body)["5.2亿元"]
    assert f.donor.name == "山东省" and f.recipient.full_name.endswith("喀什地区各县市")


def test_a_count_of_companies_with_their_kind_after_the_place():
    body = "泉州市对口帮扶宁夏固原市。仪式上,泉州市18家民营企业向固原市捐赠帮扶资金620万元。"
    f = funding_by_text(body)["620万元"]
    assert names(f.donor) == ("泉州市18家民营企业", "福建省泉州市18家民营企业")
    assert f.recipient.name == "固原市"


def test_a_count_of_company_owners_is_no_group_of_companies():
    """企业家 are people: 30家企业家 is not read as 30家企业 (the companies)."""
    body = "温州市对口帮扶阿坝州。今年,温州市30家企业家向阿坝州捐款95万元。"
    f = funding_by_text(body)["95万元"]
    assert "30家企业" not in f.donor.full_name and f.recipient.name == "阿坝藏族羌族自治州"


def test_a_party_joined_to_companies_gives_with_them():
    body = ("西秀区教育局结对帮扶大西桥镇鲍屯村。活动中,西秀区教育局携手12家教育培训企业向鲍屯村捐赠助学金9.6万元。")
    f = funding_by_text(body)["9.6万元"]
    assert f.donor.name == "西秀区教育局及12家教育培训企业"
    assert f.recipient.name == "鲍屯村"


def test_a_city_and_a_group_of_provinces_buy_together():
    body = "天津市对口帮扶甘肃省。今年,甘南州向天津市和东部八省市销售农畜产品2.3亿元。"
    f = funding_by_text(body)["2.3亿元"]
    assert f.donor.name == "天津市及东部八省市" and f.recipient.name == "甘南藏族自治州"


def test_a_company_and_its_members():
    body = "中国大唐集团有限公司定点帮扶四川省甘孜州雅江县。去年,中国大唐集团有限公司及所属企业向雅江县投入帮扶资金2800万元。"
    f = funding_by_text(body)["2800万元"]
    assert f.donor.name == "中国大唐集团有限公司及所属企业" and f.recipient.name == "雅江县"


def test_he_between_two_groups_is_no_compound():
    """东部8个省市和西部10个省区市: two sides, not one party."""
    body = "东部8个省市和西部10个省区市开展东西部协作,东部8个省市累计向西部10个省区市投入财政援助资金1200亿元。"
    f = funding_by_text(body)["1200亿元"]
    assert f.donor.name == "东部8个省市" and f.recipient.name == "西部10个省区市"


def test_paired_counties_of_a_province_give_as_a_group():
    body = "2022年,全省结对市县向山区26县拨付援助资金16亿元,共建产业飞地20个。"
    f = funding_by_text(body)["16亿元"]
    assert f.donor.name == "结对市县" and f.recipient.name == "山区26县"


def test_developed_to_less_developed_areas():
    body = "去年,福建省山海协作持续推进,闽东发达市县向闽西欠发达市县转移产业项目80个,到位资金52亿元。"
    f = funding_by_text(body)["52亿元"]
    assert f.donor.name == "闽东发达市县" and f.recipient.name == "闽西欠发达市县"


def test_district_level_funds_are_the_districts_money():
    body = "北京市对口支援西藏拉萨市。今年,北京市向拉萨市拨付援藏资金5.6亿元,区级援藏资金0.9亿元同步到位。"
    money = funding_by_text(body)
    assert money["5.6亿元"].donor.name == "北京市"
    assert money["0.9亿元"].donor.name == "北京市各区" and money["0.9亿元"].recipient.name == "拉萨市"


def test_district_level_funds_of_a_county_stay_the_countys():
    """A county has no districts: 区级 said of its money names nobody else."""
    body = "吴江区对口帮扶沿河县。今年,吴江区向沿河县拨付区级帮扶资金3000万元。"
    f = funding_by_text(body)["3000万元"]
    assert f.donor.name == "吴江区"


def test_a_receiver_named_later_in_the_sentence_after_huode():
    body = "苏州市对口帮扶铜仁市。此外,铜仁市石阡县还获得苏州市爱心企业捐赠物资,价值46万元。"
    f = funding_by_text(body)["46万元"]
    assert f.donor.name == "苏州市爱心企业" and f.recipient.name == "石阡县"


def test_a_places_people_giving_state_no_pairing_of_the_place():
    body = "福州市对口帮扶定西市。福州市爱心人士向定西市岷县捐款30万元,用于资助困难学生。"
    pairs = {(p.donor.name, p.recipient.name) for p in extract(None, body).pairings}
    assert pairs == {("福州市", "定西市")}


def test_groups_without_assistance_yield_nothing():
    body = ("2023年,东部九省市地区生产总值合计增长5.1%。浙江省10户省属企业实现营业收入9000亿元;"
            "杭州市各区一般公共预算收入增长5.3%。宁波市爱心人士向宁波图书馆捐赠资金20万元。")
    out = extract(None, body)
    assert out.pairings == [] and out.funding == []


def test_partners_listed_with_their_count_receive_as_one_whole():
    body = ("中国建筑集团有限公司对康乐县胭脂镇和东乡县龙泉镇、积石山县大河家镇等3个县3个乡镇实行定点帮扶。"
            "三年来,中国建筑集团有限公司共投入帮扶资金3000万元,援建村级活动场所12个。")
    (item,) = funding_by_text(body).values()
    assert item.recipient.name == "3个县3个乡镇"
    assert item.recipient.full_name.startswith("甘肃省临夏回族自治州康乐县胭脂镇、")
    assert item.recipient.full_name.endswith("大河家镇等3个县3个乡镇")


def test_a_receiver_list_closed_by_its_count_is_the_counted_whole():
    body = "江苏省常州市对口帮扶陕西省安康市。常州市慈善总会出资300万元资助汉滨区、旬阳市等4个县(市、区)的村级产业项目。"
    assert funds(body) == [(3_000_000, "江苏省常州市慈善总会", "陕西省安康市汉滨区、陕西省安康市旬阳市等4个县(市、区)")]
    body = "江苏省常州市对口帮扶陕西省安康市。今年常州市向汉滨区、旬阳市等4个县(市、区)拨付帮扶资金3000万元。"
    assert names(funding_by_text(body)["3000万元"].recipient)[0] == "4个县(市、区)"
    body = "江苏省常州市对口帮扶陕西省安康市。今年常州市向汉滨区、旬阳市拨付帮扶资金3000万元。"  # no count: the list
    assert funds(body) == [(30_000_000, "江苏省常州市", "陕西省安康市汉滨区、陕西省安康市旬阳市")]


def test_the_social_forces_of_a_place_or_zone_give_as_themselves():
    body = "浙江省杭州市西湖区结对帮扶贵州省黔东南州台江县。西湖区的社会各界累计捐赠款物800万元。"
    assert funds(body) == [(8_000_000, "浙江省杭州市西湖区社会各界", "贵州省黔东南苗族侗族自治州台江县")]
    body = "江苏省苏州工业园区对口帮扶贵州省铜仁市万山区。苏州工业园区的社会力量捐赠了价值500万元的物资。"
    assert names(funding_by_text(body)["500万元"].donor)[1] == "江苏省苏州市工业园区社会力量"


def test_companies_from_a_side_of_the_country_give_their_investment():
    body = "江苏省苏州工业园区对口帮扶贵州省铜仁市万山区。来自东部的8家企业带着2.1亿元投资落户万山区。"
    assert names(funding_by_text(body)["2.1亿元"].donor)[0] == "来自东部的8家企业"


def test_the_cadres_a_helper_sends_give_as_its_group():
    body = "天津市对口支援西藏自治区那曲市比如县。2019年8月,比如县白嘎乡遭受泥石流灾害,天津市全体援藏干部踊跃捐款,捐赠8万元现金。"
    assert funds(body) == [(80_000, "天津市援藏干部", "西藏自治区那曲市比如县白嘎乡")]
    body = "天津市对口支援新疆和田地区。第十批援疆干部人才向策勒县捐赠学习用品,价值12万元。"
    assert funds(body) == [(120_000, "第十批援疆干部人才", "新疆维吾尔自治区和田地区策勒县")]


def test_the_funds_a_sent_team_carries_out_stay_its_region_s():
    body = "湖南省对口支援西藏自治区山南市。今年第十批援藏工作队落实援藏资金5亿元。"
    assert funds(body) == [(500_000_000, "湖南省", "西藏自治区山南市")]
    body = "上海市对口支援西藏日喀则市江孜县。上海市援藏干部联络组与江孜县签约,援藏资金8000万元。"
    assert funds(body) == [(80_000_000, "上海市", "西藏自治区日喀则市江孜县")]


def test_state_owned_companies_by_whom_they_belong_to_give_as_one_group():
    body = "贵州省国资委组织的中央驻黔和省属企业开展定点帮扶,今年各企业共投入帮扶资金2.5亿元。"
    assert funds(body) == [(250_000_000, "中央驻黔和省属企业", None)]  # 各企业: the group named before
    body = "中国华电集团有限公司定点帮扶贵州省黔西南州望谟县。2023年,省属企业投入帮扶资金8亿元。"
    assert funds(body) == [(800_000_000, "省属企业", None)]  # not the partner of the one company paired


def test_each_company_with_no_group_before_names_nobody():
    body = "中国华电集团有限公司定点帮扶贵州省黔西南州望谟县。2023年,各企业投入帮扶资金8亿元。"
    assert funds(body) == [(800_000_000, "中国华电集团有限公司", "贵州省黔西南布依族苗族自治州望谟县")]


def test_a_receiver_after_the_amount_written_on_to_its_area_is_kept_as_written():
    body = "三峡集团定点帮扶云南省怒江州。近年来三峡集团安排8亿元支持贵州、云南两省部分少数民族地区脱贫攻坚。"
    assert funds(body) == [(800_000_000, "中国长江三峡集团有限公司", "贵州、云南两省部分少数民族地区")]
    body = "三峡集团定点帮扶云南省怒江州。近年来三峡集团安排8亿元支持贡山县、福贡县发展产业。"  # no head: the places
    assert funds(body)[0][2] == "云南省怒江傈僳族自治州贡山独龙族怒族自治县、云南省怒江傈僳族自治州福贡县"


def test_a_side_s_count_that_is_the_article_s_helpers_names_them():
    two = "杭州市、宁波市对口帮扶毕节市。东部2市累计向毕节投入财政援助资金12亿元。"
    assert funds(two) == [(1_200_000_000, "浙江省杭州市、浙江省宁波市", "贵州省毕节市")]
    three = "杭州市、宁波市、温州市对口帮扶毕节市。东部2市累计向毕节投入财政援助资金12亿元。"
    assert funds(three) == [(1_200_000_000, "东部2市", "贵州省毕节市")]  # two of three: which, the text does not say



@pytest.mark.parametrize(("pattern", "starts"), [(p, GROUP_STARTS) for p in GROUP_PATTERNS] + [(PEOPLE_GROUP, PEOPLE_STARTS)],
                         ids=[f"GROUP_PATTERNS[{i}]" for i in range(len(GROUP_PATTERNS))] + ["PEOPLE_GROUP"])
def test_every_group_match_starts_where_the_matcher_looks(pattern: str, starts: str) -> None:
    """GROUP_STARTS / PEOPLE_STARTS let the matcher skip positions: every match of a pattern must start
    where they say one can (a pattern written with a new first word must add it there)."""
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.from_regex(pattern, fullmatch=True))
    def check(written: str) -> None:
        assert re.match(starts, written), written

    check()
