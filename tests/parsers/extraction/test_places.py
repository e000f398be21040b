"""Places as parties (parsers/extraction/places.py, localunits.py, words.py): short forms in context,
former names, townships and villages below a county, corps divisions and their cities, and
development zones.

All sentences are written for these tests.
"""

from __future__ import annotations

import pytest
from extraction_helpers import funding_by_text, ordered_full_pairs, ordered_pairs, pairs, parties

from parsers.extraction.places import find_parties


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("游客们在吉林长白山景区看雪。", "吉林省白山市长白朝鲜族自治县"),  # 长白 inside 长白山
        ("这是重大理论和实践问题。", "云南省大理白族自治州"),  # 大理 inside 重大理论
        ("记者从浙江日报获悉。", "浙江省"),  # 浙江 inside 浙江日报
        ("干部们奔赴天山南麓。", "新疆维吾尔自治区乌鲁木齐市天山区"),  # 天山: the mountains
        ("今年以来,成都院帮助定点帮扶村销售农产品。", "四川省成都市"),  # 成都院: a design institute
    ],
)
def test_short_forms_inside_other_words_are_no_places(text, absent):
    assert absent not in [name for name, _ in parties(text)]


def test_ambiguous_short_forms_resolved_from_context():
    got = parties("自去年以来,天津与河北两省市深化合作;承德是滦河流经之地。")
    assert ("河北省", "province") in got  # not 天津市河北区
    assert ("河北省承德市", "prefecture") in got  # the prefecture, not 承德县
    assert ("浙江省杭州市西湖区", "county") in parties("浙江省杭州市召开会议,西湖区代表发言。")


def test_former_official_name_is_kept_as_written():
    (m,) = [m for m in find_parties("2017年,天津市武清区与平泉县签署协议。") if m.party.code == "130881"]
    assert (m.party.name, m.party.full_name) == ("平泉县", "河北省承德市平泉县")


def test_townships_and_villages_below_a_county():
    got = parties("城北街道结对东兴区石门镇白云村、青松村等4个村。")
    assert ("四川省内江市东兴区石门镇白云村", "village") in got
    assert ("四川省内江市东兴区石门镇青松村", "village") in got
    bare = parties("石门镇向城北街道赠送锦旗。会上,东兴区石门镇介绍了情况。")
    assert bare.count(("四川省内江市东兴区石门镇", "township")) == 2  # the fuller place is used for both


def test_a_short_form_before_cun_is_a_village():
    got = parties("彭山区青龙镇朝阳村村民捐出善款。")
    assert ("四川省眉山市彭山区青龙镇朝阳村", "village") in got
    assert all("朝阳" not in name or name.endswith("朝阳村") for name, _ in got)


def test_this_village_refers_back():
    ms = find_parties("县农业农村局驻绵竹市桃花镇李家村工作队到岗。该村有农户300户。")
    assert [m.party.full_name for m in ms if m.surface == "该村"] == ["四川省德阳市绵竹市桃花镇李家村"]


def test_villages_listed_with_their_count():
    got = parties("帮扶资金支持田阳区坡洪镇天安、郎含、康浮3个村修建市场。")
    assert ("广西壮族自治区百色市田阳区坡洪镇郎含村", "village") in got
    assert ("广西壮族自治区百色市田阳区坡洪镇", "township") in got


def test_a_prefecture_before_a_count_of_its_counties_is_no_separate_party():
    title = "上海市长宁区与云南省红河州两县签署协作协议"
    body = "上海市长宁区与云南省红河州绿春县、元阳县签署东西部协作协议。"
    pairs = ordered_pairs(body, title)
    assert ("长宁区", "绿春县") in pairs and ("长宁区", "元阳县") in pairs
    assert not any(r.startswith("红河") for _, r in pairs)


def test_a_township_whose_name_holds_du_is_a_township():
    body = "其中,八都镇与大坪镇结对。浙江省丽水市缙云县与四川省广元市青川县开展携手奔小康。"
    assert any(d == "八都镇" for d, _ in ordered_pairs(body))


def test_a_giving_verb_is_not_read_as_a_township_name():
    money = funding_by_text("今年,常州市援助乡城县财政帮扶资金800万元,建设产业项目6个。")
    assert ("常州市", "乡城县") in pairs("今年,常州市援助乡城县财政帮扶资金800万元,建设产业项目6个。")
    assert money["800万元"].recipient.name == "乡城县"


def test_a_corps_division_is_written_before_its_city():
    body = "今年浙江省安排对口支援新疆维吾尔自治区阿克苏地区和新疆生产建设兵团第一师阿拉尔市援疆资金10亿元。"
    found = pairs(body)
    assert ("浙江省", "阿拉尔市") in found and ("浙江省", "新疆维吾尔自治区") not in found


def test_corps_divisions_are_named_as_divisions_with_their_cities_codes():
    parties = [m.party for m in find_parties("山东省对口支援新疆生产建设兵团第三师、第十二师。")]
    assert [p.full_name for p in parties] == ["山东省", "新疆生产建设兵团第三师"]
    assert parties[1].code == "659003"  # 图木舒克市: one unit with the division (师市合一)


@pytest.mark.parametrize(
    ("body", "donor"),
    [
        ("今年,苏州工业园区向德江县拨付东西部协作资金4260万元。", "江苏省苏州市工业园区"),
        ("成都高新区对口帮扶雅江县,安排帮扶资金1850万元。", "四川省成都市高新区"),
    ],
)
def test_a_zone_named_after_its_city_is_a_party_of_its_own(body, donor):
    money = funding_by_text(body)
    assert len(money) == 1
    assert next(iter(money.values())).donor.full_name == donor
    assert ordered_full_pairs(body)[0][0] == donor


def test_a_zone_with_its_district_in_brackets_is_that_district():
    body = "广州开发区（黄埔区）帮助对口帮扶的瓮安县销售农特产品1.36亿元。"
    money = funding_by_text(body)
    assert money["1.36亿元"].donor.full_name == "广东省广州市黄埔区"


def test_a_zone_after_a_full_county_name_is_a_place_in_that_county():
    body = "吴中区帮扶石阡县,投入资金2000万元,用于石阡县工业园区标准厂房建设。"
    assert ordered_full_pairs(body) == [("江苏省苏州市吴中区", "贵州省铜仁市石阡县")]


@pytest.mark.parametrize(("text", "expected"), [
    ("天津市对口支援策勒、于田、民丰三县。", {"新疆维吾尔自治区和田地区策勒县", "新疆维吾尔自治区和田地区于田县",
                                       "新疆维吾尔自治区和田地区民丰县"}),
    # 比如 is an ordinary word, but counted as one of three counties it is 比如县
    ("浙江省援助那曲市及比如、嘉黎两县。", {"西藏自治区那曲市比如县", "西藏自治区那曲市嘉黎县"}),
])
def test_short_names_counted_as_counties_are_those_counties(text, expected):
    assert expected <= {name for name, level in parties(text) if level == "county"}


def test_a_list_counting_other_than_it_names_is_no_list_of_counties():
    assert not any(level == "county" for _, level in parties("比如、例如两县的做法值得学习。"))


def test_a_counted_county_is_named_as_it_was_on_the_articles_date():
    from datetime import date

    from parsers.extraction.extract import extract

    got = extract(None, "浙江省对口支援那曲地区及那曲、嘉黎两县。", published=date(2014, 5, 1)).pairings
    assert {p.recipient.name for p in got} == {"那曲地区", "那曲县", "嘉黎县"}


def test_the_corps_as_a_whole_is_a_party_apart_from_its_divisions():
    got = parties("新疆兵团安排援疆项目278个。杭州市对口支援兵团第一师。")
    assert ("新疆生产建设兵团", "province") in got and ("新疆生产建设兵团第一师", "county") in got
    assert not any(name == "新疆维吾尔自治区" for name, _ in got)


def test_he_county_after_a_place_or_a_body_is_the_joining_word_and_a_bare_county():
    def surfaces(text: str) -> list[str]:
        return [m.surface for m in find_parties(text)]
    assert surfaces("市纪委和县委宣传部帮扶该村。") == ["市纪委", "县委宣传部"]
    assert surfaces("苏州市和县里的干部一起来到和县。") == ["苏州市", "和县"]


def test_a_place_before_one_unnamed_firm_is_where_the_firm_is_from_not_a_party():
    assert [m.surface for m in find_parties("红寺堡区与厦门一家通用航空公司签订了合作协议。")] == ["红寺堡区"]
    assert "彭水县" in [m.surface for m in find_parties("彭水县15家企业参加了展销会。")]


def test_a_short_form_after_a_role_and_a_surname_is_a_person_s_given_name():
    assert "明光市" not in [m.party.name for m in find_parties("合作社理事长、致富带头人谢明光介绍了情况。")]
    assert "明光市" in [m.party.name for m in find_parties("明光市与某县结对。")]


def test_a_prefecture_before_jiqi_suoshu_and_its_counties_are_all_named():
    got = [m.party.name for m in find_parties("日喀则市及其所属的定结县、萨嘎县海拔很高。")]
    assert got == ["日喀则市", "定结县", "萨嘎县"]


def test_a_name_with_its_unit_hidden_by_a_rejected_short_form_is_read():
    # 如 ("such as") then 东丽区: 如东 (a county's short form) is no word there
    names = [m.party.full_name for m in find_parties("天津市多个区参与帮扶。如东丽区对口帮扶皋兰县。")]
    assert "天津市东丽区" in names and "江苏省南通市如东县" not in names
    assert ("东丽区", "皋兰县") in ordered_pairs("如东丽区对口帮扶皋兰县,宝坻区对口支援永登县。")


@pytest.mark.parametrize("written", ["兵团第二师铁门关市", "新疆兵团第二师铁门关市"])
def test_a_division_s_city_written_with_the_corps_short_name_is_one_party(written):
    assert ("河北省", "铁门关市") in pairs(f"河北省对口支援新疆巴州和{written}。")
    assert [m.surface for m in find_parties(f"河北省对口支援{written}。")][-1] == written


def test_a_place_in_a_dateline_is_no_party():
    found = [m.surface for m in find_parties("新华网北京6月19日电(记者王某)某某集团在和田地区开展帮扶。")]
    assert "北京" not in found and "和田地区" in found
