"""More extraction rules, on sentences written for these tests: a clause without its own subject,
one company under two names, lists mapped with 分别, ministries as helpers, central transfers."""

from __future__ import annotations

import pytest

from parsers.extraction.extract import extract
from parsers.extraction.orgs import legal_stem


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


# --- second generality round (issue #3): programme abbreviations, later givers, aliases ---


def test_a_programme_abbreviation_stands_for_the_divisions_the_sentence_names():
    body = "10月9日,上海市闵行区代表团赴红河州开展沪滇协作对接。闵行区今年安排协作资金1.6亿元。"
    assert _pairs(None, body) == [("闵行区", "红河哈尼族彝族自治州")]
    f = _money(None, body)["1.6亿元"]
    assert (f.donor.name, f.recipient.name) == ("闵行区", "红河哈尼族彝族自治州")


def test_an_abbreviation_province_pair_gives_way_to_the_named_pairing():
    body = "在粤桂协作框架下,广东省佛山市南海区结对帮扶广西壮族自治区百色市凌云县,今年拨付帮扶资金9000万元。"
    pairs = _pairs(None, body)
    assert ("南海区", "凌云县") in pairs
    assert ("广东省", "广西壮族自治区") not in pairs
    f = _money(None, body)["9000万元"]
    assert (f.donor.name, f.recipient.name) == ("南海区", "凌云县")


def test_a_province_pair_written_out_stays_beside_the_abbreviation():
    body = "浙江省对口帮扶四川省,浙川协作中湖州市结对帮扶广元市。"
    assert ("浙江省", "四川省") in _pairs(None, body)


def test_a_giver_named_in_a_later_clause_takes_its_own_gift():
    body = ("江苏省常州市武进区结对帮扶陕西省安康市汉阴县。武进区向汉阴县捐赠价值120万元的课桌椅,"
            "武进区红十字会捐赠救护车一辆、价值45万元。")
    f = _money(None, body)
    assert f["120万元"].donor.name == "武进区"
    assert f["45万元"].donor.name == "武进区红十字会"
    assert f["45万元"].recipient.name == "汉阴县"


def test_a_short_company_name_in_the_title_is_the_body_s_full_name():
    title = "远航能源集团结对帮扶白河村"
    body = "6月3日,江西远航能源集团有限公司与湖南省湘西土家族苗族自治州花垣县双龙镇白河村签订结对帮扶协议。"
    donors = {d for d, _ in _pairs(title, body)}
    assert donors == {"江西远航能源集团有限公司"}


@pytest.mark.parametrize(("short", "full", "same"), [
    ("中国三峡集团", "中国长江三峡集团", True),
    ("远航能源集团", "江西远航能源集团", True),
    ("华能集团", "中国大唐集团", False),
    ("远航集团", "远航能源公司", False),
])
def test_short_forms_keep_order_and_head(short, full, same):
    from parsers.extraction.orgs import is_short_form

    assert is_short_form(short, full) is same


def test_a_prefecture_before_a_count_of_its_counties_is_no_separate_party():
    title = "上海市长宁区与云南省红河州两县签署协作协议"
    body = "上海市长宁区与云南省红河州绿春县、元阳县签署东西部协作协议。"
    pairs = _pairs(title, body)
    assert ("长宁区", "绿春县") in pairs and ("长宁区", "元阳县") in pairs
    assert not any(r.startswith("红河") for _, r in pairs)


def test_a_township_whose_name_holds_du_is_a_township():
    body = "其中,八都镇与大坪镇结对。浙江省丽水市缙云县与四川省广元市青川县开展携手奔小康。"
    assert any(d == "八都镇" for d, _ in _pairs(None, body))


@pytest.mark.parametrize("sentence", [
    "今年全县完成固定资产投资42亿元。",
    "招商会现场交易额达1.7亿元。",
    "全年落实交通建设投资19亿元,主要来自中央和地方财政。",
])
def test_a_place_s_own_investment_and_fair_sales_are_no_aid(sentence):
    body = "福建省厦门市同安区结对帮扶甘肃省临夏州临夏县,今年投入帮扶资金2600万元。" + sentence
    assert set(_money(None, body)) == {"2600万元"}


def test_in_an_article_without_pairing_a_party_s_own_sentence_must_name_the_programme():
    body = ("博览会设有对口支援和东西部协作专区,20多个省份组团参展。开幕当天,贵州展团签约项目金额41亿元。"
            "其中,对口帮扶专区的结对帮扶项目签约资金共计3000万元。")
    assert set(_money(None, body)) == {"3000万元"}


# --- third generality round: receivers after 获得, 与Y的协作, direct objects, parallel lists ---


def test_a_place_s_caring_companies_give_as_themselves():
    body = "浙江省宁波市北仑区结对帮扶贵州省黔西南州望谟县。北仑区爱心企业还向望谟县捐款60万元。"
    f = _money(None, body)["60万元"]
    assert (f.donor.name, f.recipient.name) == ("北仑区爱心企业", "望谟县")


def test_companies_brought_in_to_invest_stay_their_place_s():
    body = "浙江省宁波市北仑区结对帮扶贵州省黔西南州望谟县,今年引导北仑区企业到望谟县投资2亿元。"
    assert _money(None, body)["2亿元"].donor.name == "北仑区"


def test_a_receiver_written_first_gets_from_the_party_after_its_verb():
    body = "浙江省宁波市北仑区结对帮扶贵州省黔西南州望谟县。今年望谟县获得北仑区爱心人士捐款12万元。"
    f = _money(None, body)["12万元"]
    assert (f.donor.name, f.recipient.name) == ("北仑区爱心人士", "望谟县")


@pytest.mark.parametrize("verb", ["持续深化同", "深入推进与", "不断加强与"])
def test_the_partner_of_a_deepened_cooperation_is_paired(verb):
    assert _pairs(None, f"天津市西青区{verb}甘肃省庆阳市镇原县的东西部协作。") == [("西青区", "镇原县")]


def test_a_cooperation_without_programme_words_is_no_pairing():
    assert _pairs(None, "天津市西青区深化与甘肃省庆阳市镇原县的经贸合作。") == []


def test_a_special_fund_named_after_the_programme_is_aid():
    body = "广州市番禺区结对帮扶毕节市纳雍县,今年投入劳务协作专项资金300万元。全县统筹专项资金900万元。"
    assert set(_money(None, body)) == {"300万元"}


def test_places_as_direct_objects_of_spending_verbs_are_paired_with_their_amounts():
    body = "各结对县区成效明显:鹿城区投入布拖县帮扶资金5000万元,瓯海区投入昭觉县3800万元。"
    assert _pairs(None, body) == [("鹿城区", "布拖县"), ("瓯海区", "昭觉县")]
    f = _money(None, body)
    assert (f["3800万元"].donor.name, f["3800万元"].recipient.name) == ("瓯海区", "昭觉县")


def test_a_receiver_after_luoshi_is_not_the_object():
    body = "湖南省株洲市对口支援西藏山南市扎囊县。扎囊县今年落实株洲援藏资金6800万元。"
    f = _money(None, body)["6800万元"]
    assert (f.donor.name, f.recipient.name) == ("株洲市", "扎囊县")


def test_a_national_body_and_its_short_name_are_one_helper():
    pairs = _pairs("国家药监局召开定点帮扶工作会", "国家药品监督管理局向山西省临汾市汾西县投入帮扶资金600万元。")
    assert pairs == [("国家药品监督管理局", "汾西县")]
    assert not any(d.startswith("国家") for d, _ in _pairs(None, "国家级贫困县汾西县与临汾市尧都区结对。"))


def test_an_aid_sentence_pairs_with_each_place_of_its_list():
    body = "浙江省安排援疆资金12亿元,支持阿克苏地区阿瓦提县、乌什县、柯坪县实施项目90个。"
    assert _pairs(None, body) == [("浙江省", "阿瓦提县"), ("浙江省", "乌什县"), ("浙江省", "柯坪县")]


def test_each_amount_of_a_parallel_list_goes_to_the_place_before_it():
    body = "今年广州市安排对口帮扶黔南州资金3亿元、毕节市资金2.5亿元。"
    assert _pairs(None, body) == [("广州市", "黔南布依族苗族自治州"), ("广州市", "毕节市")]
    f = _money(None, body)
    assert f["3亿元"].recipient.name == "黔南布依族苗族自治州" and f["2.5亿元"].recipient.name == "毕节市"
    assert f["2.5亿元"].donor.name == "广州市"


def test_what_a_sent_teacher_is_paid_is_no_aid():
    body = "江西省对口支援新疆克州阿克陶县。援疆教师每人每月发放生活补助3000元,一次性发放安家费1万元。"
    assert _money(None, body) == {}
