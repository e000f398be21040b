"""Organisations as parties (parsers/extraction/orgs.py, legalnames.py): departments take their
region from the text, one company under several names is one party, ministries and national bodies
help, schools are parties, and kinds of body (委属委管医院) are none.

All sentences are written for these tests.
"""

from __future__ import annotations

import pytest
from extraction_helpers import funding_by_text, ordered_pairs

from parsers.extraction.extract import extract
from parsers.extraction.legalnames import is_short_form, legal_stem
from parsers.extraction.places import find_parties


def test_bare_provincial_department_takes_the_context_province():
    got = extract(None, "省财政厅定点帮扶屏山县,先后筹集资金300万元。")
    (p,) = got.pairings
    assert p.donor.name == "四川省财政厅" and p.donor.code is None
    assert p.recipient.full_name == "四川省宜宾市屏山县"


@pytest.mark.parametrize(
    ("text", "name", "province"),
    [
        ("中国建设银行甘肃省分行定点帮扶岷县。", "中国建设银行甘肃省分行", "甘肃省"),
        (";湖南兴湘投资(集团)有限责任公司结对帮扶城步县。", "湖南兴湘投资(集团)有限责任公司", "湖南省"),
        ("中山大学对口支援新疆大学。", "新疆大学", "新疆维吾尔自治区"),
    ],
)
def test_organisations_as_written(text, name, province):
    orgs = {m.party.name: m.party for m in find_parties(text) if m.kind == "org"}
    assert name in orgs and orgs[name].province == province and orgs[name].code is None


def test_bare_county_department_takes_the_county_named():
    got = extract(None, "宁县早胜镇南义村位置偏远。县交通运输局作为该村的帮扶单位,修通了村道。")
    assert [(p.donor.full_name, p.recipient.full_name) for p in got.pairings] == [
        ("甘肃省庆阳市宁县交通运输局", "甘肃省庆阳市宁县早胜镇南义村")]


@pytest.mark.parametrize(
    ("short", "full"),
    [("中国华电集团", "中国华电集团有限公司"), ("中国南方航空集团", "中国南方航空集团有限公司"),
     ("招商局集团", "招商局集团有限公司")],
)
def test_one_company_under_two_names_is_one_party(short, full):
    pairs = ordered_pairs(f"{full}定点帮扶云南省施甸县,今年投入帮扶资金1800万元。", f"{short}定点帮扶施甸县工作会召开")
    assert pairs == [(full, "施甸县")]
    (item,) = funding_by_text(f"{full}定点帮扶云南省施甸县,今年投入帮扶资金1800万元。", f"{short}定点帮扶施甸县").values()
    assert item.donor.name == full


def test_legal_forms_are_ignored_for_identity_only():
    assert legal_stem("中国信达资产管理股份有限公司") == legal_stem("中国信达资产管理公司") == "中国信达资产管理"
    assert legal_stem("中国华能集团有限公司") == "中国华能集团"
    assert legal_stem("中粮集团(集团)有限公司") == "中粮集团"


def test_a_ministry_is_a_helper():
    pairs = ordered_pairs("商务部定点帮扶贵州省务川仡佬族苗族自治县。", "商务部定点帮扶工作")
    assert pairs == [("商务部", "务川仡佬族苗族自治县")]


def test_departments_are_not_ministries():
    assert ordered_pairs("省教育部门对口帮扶凉山州,相关部门积极参与。") == []


def test_a_short_company_name_in_the_title_is_the_body_s_full_name():
    title = "远航能源集团结对帮扶白河村"
    body = "6月3日,江西远航能源集团有限公司与湖南省湘西土家族苗族自治州花垣县双龙镇白河村签订结对帮扶协议。"
    donors = {d for d, _ in ordered_pairs(body, title)}
    assert donors == {"江西远航能源集团有限公司"}


@pytest.mark.parametrize(("short", "full", "same"), [
    ("中国三峡集团", "中国长江三峡集团", True),
    ("远航能源集团", "江西远航能源集团", True),
    ("华能集团", "中国大唐集团", False),
    ("远航集团", "远航能源公司", False),
])
def test_short_forms_keep_order_and_head(short, full, same):
    assert is_short_form(short, full) is same


def test_a_national_body_and_its_short_name_are_one_helper():
    pairs = ordered_pairs("国家药品监督管理局向山西省临汾市汾西县投入帮扶资金600万元。", "国家药监局召开定点帮扶工作会")
    assert pairs == [("国家药品监督管理局", "汾西县")]
    assert not any(d.startswith("国家") for d, _ in ordered_pairs("国家级贫困县汾西县与临汾市尧都区结对。"))


def test_schools_are_parties():
    body = "荔湾区结对帮扶册亨县。广州市第四中学向册亨县民族中学捐赠价值二十万元的教学设备。"
    f = funding_by_text(body)["二十万元"]
    assert (f.donor.name, f.recipient.name) == ("广州市第四中学", "册亨县民族中学")


def test_a_kind_of_hospital_is_no_party():
    body = "国家卫健委协调北京协和医院等委属委管医院与县人民医院开展对口帮扶。"
    names = {n for p in extract(None, body).pairings for n in (p.donor.name, p.recipient.name)}
    assert "委属委管医院" not in names


def test_a_bare_city_department_is_the_city_s_not_a_prefecture_named_as_a_zhou():
    text = "湖州市与锦屏县开展东西部协作。锦屏县地处黔东南州,锦屏县、黎平县山多地少。市工商联前往考察。"
    orgs = [m.party.full_name for m in find_parties(text) if m.kind == "org"]
    assert orgs == ["浙江省湖州市工商联"]


def test_a_chamber_of_people_from_another_place_belongs_to_the_article_s_city():
    text = "湖州市对口帮扶锦屏县。市工商联组织、市宁波商会参与了捐赠。"
    orgs = {m.party.name: m.party.full_name for m in find_parties(text) if m.kind == "org"}
    assert orgs["市宁波商会"] == "浙江省湖州市宁波商会"


def test_this_company_refers_back_to_the_company_named_in_full():
    body = "湖州市与锦屏县结对帮扶。湖州青峰置业有限公司结对帮扶平秋镇。现场,该公司为平秋镇捐款20万元。"
    [(item)] = funding_by_text(body).values()
    assert item.donor.name == "湖州青峰置业有限公司"


def test_a_bare_company_word_refers_to_no_company():
    text = "湖州青峰置业有限公司结对帮扶平秋镇。当地成立了合作社和公司。"
    orgs = [m.surface for m in find_parties(text) if m.kind == "org"]
    assert orgs == ["湖州青峰置业有限公司"]


def test_thanks_is_no_part_of_a_company_s_name():
    orgs = [m.surface for m in find_parties("“非常感谢湖州青峰置业有限公司对我村的帮扶。”") if m.kind == "org"]
    assert orgs == ["湖州青峰置业有限公司"]


def test_a_school_built_with_money_is_named_after_the_verb():
    names = [m.surface for m in find_parties("某某电力集团投入近8000万元建立索县某某电力希望小学。") if m.kind == "org"]
    assert "索县某某电力希望小学" in names


def test_a_body_goods_go_into_is_named_after_the_verb():
    names = [m.surface for m in find_parties("淳安县供销合作社下属企业的农特产已进入某某银行宁波分行食堂采购目录。")
             if m.kind == "org"]
    assert "某某银行宁波分行" in names


def test_a_party_committee_department_is_an_organisation_of_its_place():
    orgs = {m.party.name: m.party for m in find_parties("七星关区委宣传部结对帮扶一个村。") if m.kind == "org"}
    assert orgs["七星关区委宣传部"].full_name == "贵州省毕节市七星关区委宣传部"


def test_a_body_given_to_is_named_after_the_giving_verb():
    text = "嘉善县中医院与松桃县开展对口帮扶。嘉善县中医院还无偿捐赠松桃县人民医院一台设备,价值60万元。"
    names = [m.surface for m in find_parties(text) if m.kind == "org"]
    assert "松桃县人民医院" in names and not any("捐赠" in n for n in names)
    (f,) = extract(None, text).funding
    assert f.donor.name == "嘉善县中医院"


@pytest.mark.parametrize("opening", ["2021年", "2021年度", "6月", "12日"])
def test_a_date_before_a_body_is_no_part_of_its_name(opening):
    names = [m.surface for m in find_parties(f"{opening}嘉善县中医院结对帮扶松桃县人民医院。") if m.kind == "org"]
    assert names[0] == "嘉善县中医院"


def test_an_ordinal_figure_is_part_of_a_body_s_name():
    names = [m.surface for m in find_parties("第206医院积极响应号召,与某某县医院结对帮扶。") if m.kind == "org"]
    assert names[0] == "第206医院"


@pytest.mark.parametrize("text", ["新华社拉萨6月18日电 某某援藏项目签约。", "中新社记者 某某 报道:某某援藏项目签约。"])
def test_a_news_agency_in_its_dateline_or_byline_is_no_party(text):
    assert [m.surface for m in find_parties(text) if m.kind == "org"] == []


def test_a_news_agency_that_helps_is_a_party():
    assert [m.surface for m in find_parties("新华社对口帮扶张北县。") if m.kind == "org"] == ["新华社"]


@pytest.mark.parametrize("name", ["省委军民融合办", "县新闻办", "县政府办", "县食品药品监管局", "市退役军人事务局", "县市场监管局"])
def test_party_and_government_offices_are_organisations(name):
    assert [m.surface for m in find_parties(f"{name}结对帮扶某某村。") if m.kind == "org"] == [name]


@pytest.mark.parametrize("name", ["西安某某电机研究所", "某某省农业科学院", "某某人民出版社", "深圳图书馆"])
def test_research_and_public_institutions_are_organisations(name):
    assert name in [m.surface for m in find_parties(f"{name}结对帮扶某某村。") if m.kind == "org"]


def test_schools_described_as_remote_are_a_kind_not_a_school():
    assert [m for m in find_parties("针对全国偏远地区乡村小学开展结对帮扶。") if m.kind == "org"] == []


@pytest.mark.parametrize(("text", "name", "province"), [
    ("九三学社郑州市委结对帮扶巩义市某某镇。", "九三学社郑州市委", "河南省"),
    ("农工党江苏省委精准帮扶大方县。", "农工党江苏省委", "江苏省"),
    ("民盟四川省委对口帮扶某某县。", "民盟四川省委", "四川省"),
])
def test_a_democratic_party_s_committee_is_an_organisation_of_its_province(text, name, province):
    (org,) = [m for m in find_parties(text) if m.kind == "org"]
    assert (org.party.name, org.party.province) == (name, province)


def test_several_committees_of_a_party_give_as_one_group_and_pair_with_nobody():
    got = extract(None, "江苏省对口帮扶贵州。农工党常州、泰州、徐州等市委共同向黄泥塘镇捐赠了总价值8万元的物资。")
    (f,) = got.funding
    assert f.donor.name == "农工党常州、泰州、徐州等市委"
    assert all("市委" not in p.donor.name for p in got.pairings)


def test_health_and_family_planning_departments_are_organisations():
    got = extract(None, "自北京市延庆区卫计委对口协作竹溪县卫计局以来,从医疗技术等方面给予帮助。")
    assert [(p.donor.name, p.recipient.name) for p in got.pairings] == [("北京市延庆区卫计委", "竹溪县卫计局")]


@pytest.mark.parametrize(("text", "name"), [
    ("医院积极争取某某市第一人民医院对口帮扶。", "某某市第一人民医院"),
    ("经过培训,使宁县人民医院的医生受益。", "宁县人民医院"),
    ("咱们某某区希望小学的孩子们收到了书包。", "某某区希望小学"),
    ("以某某理工大学对口支援某某学院为例。", "某某理工大学"),
])
def test_a_name_does_not_open_with_a_verb_pronoun_or_preposition(text, name):
    assert name in [m.surface for m in find_parties(text) if m.kind == "org"]


def test_a_known_organisation_is_not_lengthened_by_the_words_before_it():
    text = "“我们的好日子离不开三峡集团的帮助。”村民说。"
    assert [m.surface for m in find_parties(text) if m.kind == "org"] == ["三峡集团"]


def test_a_name_starts_at_the_place_after_a_verb():
    orgs = [m.surface for m in find_parties("专家组一行前往甘肃省宁县人民医院开展义诊。") if m.kind == "org"]
    assert orgs == ["甘肃省宁县人民医院"]


def test_an_office_stationed_in_a_place_keeps_its_whole_name():
    assert "晋江驻红寺堡办事处" in [m.surface for m in find_parties("晋江驻红寺堡办事处捐赠物资。") if m.kind == "org"]


def test_bodies_counted_before_their_kind_are_no_named_organisation():
    assert [m for m in find_parties("全区26家社区股份公司结对帮扶某某县。") if m.kind == "org"] == []


def test_a_stray_bare_province_before_a_college_is_no_part_of_its_name():
    found = [m.party for m in find_parties("考察时,省江门华立学院院长说。", context_province="四川省") if m.kind == "org"]
    assert [(p.name, p.province) for p in found] == [("江门华立学院", "广东省")]


def test_a_body_s_own_news_in_the_first_person_names_the_one_body_of_its_kind():
    body = "某某市人民医院召开党委会。我院与宁县人民医院签订对口帮扶协议,我院将派出专家坐诊。"
    got = extract(None, body)
    assert [(p.donor.name, p.recipient.name) for p in got.pairings] == [("某某市人民医院", "宁县人民医院")]


def test_the_first_person_names_nobody_where_the_page_names_several_bodies_of_its_kind():
    body = "某某市人民医院与某某市中医医院召开联席会。我院与宁县人民医院签订对口帮扶协议。"
    assert [m for m in find_parties(body) if m.surface == "我院"] == []


@pytest.mark.parametrize("text", ["该院已达到国家二级中医医院水平。", "加强三级医院对口帮扶贫困县县级医院。", "双方相互介绍各自医院情况。"])
def test_grades_and_kinds_of_hospital_are_no_named_body(text):
    assert [m.surface for m in find_parties(text) if m.kind == "org"] == []


def test_a_town_s_pairing_team_is_named_with_two_characters():
    got = extract(None, "东西部协作|常平组团向玉屏捐赠帮扶资金80万元。")
    assert [(p.donor.name, p.recipient.name) for p in got.pairings] == [("常平组团", "玉屏侗族自治县")]


@pytest.mark.parametrize("text,name", [
    ("浙江省机关事务局结对帮扶松岭县。", "浙江省机关事务局"),
    ("贵阳市大数据局结对帮扶松岭县。", "贵阳市大数据局"),
    ("省委社会工作部结对帮扶松岭县。", "省委社会工作部"),
])
def test_departments_of_the_recent_reforms_are_organisations(text, name) -> None:
    assert name in [m.surface for m in find_parties(text) if m.kind == "org"]
