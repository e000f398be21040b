"""Extraction rules of the seventh held-out round, on sentences written for these tests: cadres
paired with households, giving verbs that are no place names, a clause after a semicolon going on
with its helper, 定点帮扶的Y, figures a year goes on with, corps divisions, category words."""

from __future__ import annotations

from parsers.extraction.extract import extract


def _pairs(title, body):
    return {(p.donor.name, p.recipient.name) for p in extract(title, body).pairings}


def _money(title, body):
    return {f.text: f for f in extract(title, body).funding}


def test_cadres_paired_with_households_are_no_region_pairing():
    body = ("全县组织帮扶干部到结对户家中开展结对认亲活动,各单位共筹措慰问资金28万元。"
            "县委办干部李明为结对认亲户送去慰问金1000元。")
    ex = extract("某县开展结对认亲走访活动", body)
    assert ex.pairings == [] and ex.funding == []


def test_a_giving_verb_is_not_read_as_a_township_name():
    money = _money(None, "今年,常州市援助乡城县财政帮扶资金800万元,建设产业项目6个。")
    assert ("常州市", "乡城县") in _pairs(None, "今年,常州市援助乡城县财政帮扶资金800万元,建设产业项目6个。")
    assert money["800万元"].recipient.name == "乡城县"


def test_a_clause_after_a_semicolon_goes_on_with_its_helper():
    body = "对口支援方面,江苏省对口支援新疆维吾尔自治区克孜勒苏柯尔克孜自治州,安排援疆资金9亿元;对口支援西藏自治区拉萨市,安排援藏资金4亿元。"
    assert {("江苏省", "克孜勒苏柯尔克孜自治州"), ("江苏省", "拉萨市")} <= _pairs(None, body)
    assert _money(None, body)["4亿元"].recipient.name == "拉萨市"


def test_the_places_a_body_helps_as_adjective():
    body = "今年,中国大唐集团有限公司向定点帮扶的广西壮族自治区崇左市天等县投入无偿帮扶资金2600万元。"
    assert ("中国大唐集团有限公司", "天等县") in _pairs(None, body)


def test_a_year_and_a_bare_predicate_go_on_with_the_figure_before():
    body = "2022年,北京市对口支援和田地区墨玉县、洛浦县的援疆资金为8亿元;2023年增至9亿元。"
    money = _money(None, body)
    assert money["9亿元"].recipient == money["8亿元"].recipient
    assert "、" in money["9亿元"].recipient.name


def test_a_corps_division_is_written_before_its_city():
    body = "今年浙江省安排对口支援新疆维吾尔自治区阿克苏地区和新疆生产建设兵团第一师阿拉尔市援疆资金10亿元。"
    pairs = _pairs(None, body)
    assert ("浙江省", "阿拉尔市") in pairs and ("浙江省", "新疆维吾尔自治区") not in pairs


def test_the_state_s_category_of_county_is_no_assistance():
    body = "省财政下达补助资金50亿元。资金向国家乡村振兴重点帮扶县倾斜,15个重点帮扶县共安排资金26亿元。"
    assert extract(None, body).funding == []


def test_a_kind_of_hospital_is_no_party():
    body = "国家卫健委协调北京协和医院等委属委管医院与县人民医院开展对口帮扶。"
    names = {n for p in extract(None, body).pairings for n in (p.donor.name, p.recipient.name)}
    assert "委属委管医院" not in names


def test_a_township_s_companies_give_as_themselves():
    body = "七星镇与马场镇结对帮扶。七星镇的5家企业当场认捐20万元,支持马场镇道路建设。"
    f = _money(None, body)["20万元"]
    assert f.donor.name.endswith("七星镇的5家企业") and f.kind == "捐赠"


def test_a_loose_headline_figure_is_the_body_s_figure_again():
    title = "北京市援藏资金今年超10亿元"
    body = "北京市对口支援拉萨市,今年安排援藏资金10.4亿元,实施项目120个。"
    assert set(_money(title, body)) == {"10.4亿元"}


def test_a_province_whose_cities_help_gives_as_itself():
    body = ("广州市帮扶贵州省毕节市,投入9亿元;深圳市帮扶广西壮族自治区百色市,投入7亿元。\n"
            "全年广东省帮助两省区转移就业30万人,消费帮扶金额达到200亿元。")
    assert _money(None, body)["200亿元"].donor.name == "广东省"
