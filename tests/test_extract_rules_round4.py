"""Rules added after the fourth held-out probe round (p66-p85), on sentences written for these
tests: pairs listed A与B、C与D分别, a clause opening with 与, 我区 in a body's own report,
visits to 调研 the assistance, money from a part of a stated helper, schools as parties, rates
per person, friendship cities."""

from __future__ import annotations

from parsers.extraction.extract import extract


def _pairs(title, body):
    return {(p.donor.name, p.recipient.name) for p in extract(title, body).pairings}


def _money(title, body):
    return {f.text: f for f in extract(title, body).funding}


def test_pairs_listed_one_after_another_pair_in_order():
    body = "会上,宁波市北仑区与延边州和龙市、宁波市鄞州区与延边州龙井市分别签署结对帮扶协议。"
    assert _pairs(None, body) == {("北仑区", "和龙市"), ("鄞州区", "龙井市")}


def test_a_clause_opening_with_yu_joins_the_sentence_subject():
    body = "今年,江阴市认真落实东西部协作部署,与安顺市西秀区、平坝区携手推进乡村振兴。"
    assert _pairs(None, body) == {("江阴市", "西秀区"), ("江阴市", "平坝区")}


def test_wo_qu_is_the_district_the_title_names():
    title = "昆山市2023年东西部协作工作总结"
    body = "2023年,我市与碧江区携手推进乡村振兴。全年向碧江区拨付财政帮扶资金8300万元。"
    assert ("昆山市", "碧江区") in _pairs(title, body)
    assert _money(title, body)["8300万元"].donor.name == "昆山市"


def test_a_visit_to_study_the_assistance_states_the_tie():
    body = "6月3日,中国华能集团有限公司副总经理一行到镇宁布依族苗族自治县调研定点帮扶工作。"
    pairs = extract(None, body).pairings
    assert [(p.donor.name, p.recipient.name, p.relation) for p in pairs] == [
        ("中国华能集团有限公司", "镇宁布依族苗族自治县", "定点帮扶")]


def test_money_from_a_part_of_a_stated_helper_is_no_new_pairing():
    body = "吴江区对口帮扶沿河县。今年,吴江区七都镇向沿河县捐赠帮扶资金30万元。"
    assert _pairs(None, body) == {("吴江区", "沿河土家族自治县")}


def test_schools_are_parties():
    body = "荔湾区结对帮扶册亨县。广州市第四中学向册亨县民族中学捐赠价值二十万元的教学设备。"
    f = _money(None, body)["二十万元"]
    assert (f.donor.name, f.recipient.name) == ("广州市第四中学", "册亨县民族中学")


def test_a_paired_adjective_after_xiang_is_not_the_receiver():
    body = "荔湾区向结对帮扶的册亨县捐赠教育帮扶资金80万元。"
    f = _money(None, body)["80万元"]
    assert (f.donor.name, f.recipient.name) == ("荔湾区", "册亨县")


def test_a_rate_per_person_is_no_sum_given():
    body = "宁波市与延边州深化劳务协作,投入劳务协作资金500万元,对稳定就业的脱贫劳动力给予每人每月200元补贴。"
    assert set(_money(None, body)) == {"500万元"}


def test_a_friendship_city_article_reports_no_assistance():
    body = ("株洲市与萍乡市缔结友好城市。两市将在产业链协作、人才交流等领域开展合作。"
            "仪式上,两市企业签约合作项目6个,总金额9亿元。")
    assert _money(None, body) == {}


def test_a_group_giver_after_a_stated_pair_keeps_its_money():
    body = "福建与宁夏确立对口协作关系。我省向宁夏无偿援助3亿元,各对口帮扶市、县(区)投入累计2亿元。"
    f = _money(None, body)["2亿元"]
    assert f.donor.name.startswith("各对口帮扶")
