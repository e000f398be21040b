"""Which amounts are assistance funding (parsers/extraction/funding.py, wording/funding.py): incomes,
wages, GDP, trade, central and own transfers, rates per person, a place's own investment and sales,
friendship cities and 对口招生 are not; a headline figure repeated in the body is one item.

All sentences are written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest
from extraction_helpers import funding_by_text, funds

from parsers.extraction.extract import extract


def test_income_and_wages_are_not_funding():
    body = ("常州市对口帮扶安顺市。当地农民人均可支配收入达到1.2万元,务工人员月工资4500元。"
            "常州市累计投入帮扶资金2.3亿元。")
    got = extract(None, body)
    assert [f.amount_yuan for f in got.funding] == [230_000_000]
    assert got.funding[0].kind == "帮扶资金"
    assert got.funding[0].donor.name == "常州市" and got.funding[0].recipient.name == "安顺市"


def test_industrial_value_added_is_output_not_funding():
    body = "广州--梅州全面对口帮扶。梅州市产业园区规模以上工业增加值达到120亿元以上,广州市投入帮扶资金3亿元。"
    assert [f.amount_yuan for f in extract(None, body).funding] == [300_000_000]


def test_a_figure_parallel_to_an_income_is_an_income_too():
    body = ("常州市对口帮扶安顺市。当年常州人均GDP突破1万元,苏南超过2万元;"
            "常州市捐赠帮扶资金100万元,教育物资50万元。")
    assert sorted(f.amount_yuan for f in extract(None, body).funding) == [500_000, 1_000_000]


def test_money_unrelated_to_assistance_is_not_funding():
    got = extract(None, "该市全年地区生产总值为3200亿元,比上年增长5%。")
    assert got.funding == []


def test_nothing_from_a_garbled_run():
    body = "无锡市对口帮扶延安市,帮扶资金1200万元。"
    got = extract(None, body, garbled=["帮扶资金1200万元"])
    assert got.funding == []
    assert len(got.pairings) == 1


@pytest.mark.parametrize(
    "body",
    [
        "惠水县对口帮扶结对村,预计每年可为村集体带来5.6万元/年分红收益。",  # a dividend, written after the amount
        "国务院办公室安排移民后期扶持专项资金12亿元,用于对口支援地区。",  # central special funds
        "黄平县各单位利用工会经费采购消费帮扶产品。累计采购2000套,价值120万元。",  # the helped side's own funds
        "当时他毫不犹豫地捐出了10万元,建立了一所少儿图书馆。",  # a donation, but no paired assistance
    ],
)
def test_not_assistance_money(body):
    assert funds(body) == []


def test_figure_repeated_in_headline_and_body_is_one_item():
    got = funds("南京市今年向商洛市投入财政援助资金3.2亿元,重点支持产业发展。", title="南京投入3.2亿元帮扶商洛")
    assert got == [(320_000_000, "江苏省南京市", "陕西省商洛市")]


@pytest.mark.parametrize(
    "sentence",
    ["今年全省计划投入衔接资金80亿元。", "国家下达该市中央预算内投资15亿元。", "争取衔接推进乡村振兴补助资金3.2亿元。"],
)
def test_central_and_own_transfers_are_not_assistance(sentence):
    body = "广州市对口帮扶毕节市,投入帮扶资金2亿元。" + sentence
    assert set(funding_by_text(body)) == {"2亿元"}


@pytest.mark.parametrize("sentence", [
    "今年全县完成固定资产投资42亿元。",
    "招商会现场交易额达1.7亿元。",
    "全年落实交通建设投资19亿元,主要来自中央和地方财政。",
])
def test_a_place_s_own_investment_and_fair_sales_are_no_aid(sentence):
    body = "福建省厦门市同安区结对帮扶甘肃省临夏州临夏县,今年投入帮扶资金2600万元。" + sentence
    assert set(funding_by_text(body)) == {"2600万元"}


def test_in_an_article_without_pairing_a_party_s_own_sentence_must_name_the_programme():
    body = ("博览会设有对口支援和东西部协作专区,20多个省份组团参展。开幕当天,贵州展团签约项目金额41亿元。"
            "其中,对口帮扶专区的结对帮扶项目签约资金共计3000万元。")
    assert set(funding_by_text(body)) == {"3000万元"}


def test_in_an_article_without_pairing_a_gift_the_sentence_states_is_funding():
    body = "4月2日,某某集团向革命老区江西省吉安县庙前村捐款160万元,用于支持该村集体养殖产业项目。该村去年集体经济收入80万元。"
    assert set(funding_by_text(body)) == {"160万元"}


def test_a_special_fund_named_after_the_programme_is_aid():
    body = "广州市番禺区结对帮扶毕节市纳雍县,今年投入劳务协作专项资金300万元。全县统筹专项资金900万元。"
    assert set(funding_by_text(body)) == {"300万元"}


def test_what_a_sent_teacher_is_paid_is_no_aid():
    body = "江西省对口支援新疆克州阿克陶县。援疆教师每人每月发放生活补助3000元,一次性发放安家费1万元。"
    assert funding_by_text(body) == {}


def test_a_rate_per_person_is_no_sum_given():
    body = "宁波市与延边州深化劳务协作,投入劳务协作资金500万元,对稳定就业的脱贫劳动力给予每人每月200元补贴。"
    assert set(funding_by_text(body)) == {"500万元"}


def test_a_friendship_city_article_reports_no_assistance():
    body = ("株洲市与萍乡市缔结友好城市。两市将在产业链协作、人才交流等领域开展合作。"
            "仪式上,两市企业签约合作项目6个,总金额9亿元。")
    assert funding_by_text(body) == {}


def test_trade_between_the_partners_is_no_funding():
    body = "山东省对口支援重庆市。两地贸易往来日益密切,全年贸易额超过560亿元。"
    assert "超过560亿元" not in funding_by_text(body)


def test_dui_kou_in_school_admissions_is_not_the_programme():
    body = "今年全省对口招生计划2.1万人。省财政今年安排中职学生资助资金3.4亿元。"
    assert extract("中职对口招生报名启动", body).funding == []


def test_the_state_s_category_of_county_is_no_assistance():
    body = "省财政下达补助资金50亿元。资金向国家乡村振兴重点帮扶县倾斜,15个重点帮扶县共安排资金26亿元。"
    assert extract(None, body).funding == []


def test_a_loose_headline_figure_is_the_body_s_figure_again():
    title = "北京市援藏资金今年超10亿元"
    body = "北京市对口支援拉萨市,今年安排援藏资金10.4亿元,实施项目120个。"
    assert set(funding_by_text(body, title)) == {"10.4亿元"}


@pytest.mark.parametrize("cue", ["惠企资金", "助企纾困资金"])
def test_support_for_a_places_own_firms_is_not_assistance(cue):
    body = f"为帮扶中小企业渡过难关,园区全年发放{cue}23.6亿元,帮扶企业2800余家。"
    assert funding_by_text(body) == {}


def test_a_clause_naming_nobody_goes_on_with_the_helper_giving_before_it():
    body = ("中国华电集团有限公司定点帮扶西藏自治区昌都市八宿县。中国华电投入800万元建成饮水工程,正式投用后每年补贴50万元用于维护;"
            "围绕提升县医院服务能力,投入1200万元新建住院楼,并落实300万元资金购买设备。")
    giver, county = "中国华电集团有限公司", "西藏自治区昌都市八宿县"
    assert funds(body) == [(8000000, giver, county), (500000, giver, county), (12000000, giver, county),
                           (3000000, giver, county)]


def test_the_yearly_scale_of_the_aid_is_aid_but_a_places_fund_size_is_not():
    body = "福建省晋江市对口帮扶宁夏红寺堡区,今年对口支援资金规模达3000万元。红寺堡区资金规模达2亿元的产业基金成立。"
    assert set(funding_by_text(body)) == {"3000万元"}


def test_amounts_listed_after_qizhong_are_shares_of_the_sum_before():
    body = ("山东省追加东西部扶贫协作专项资金2000万元。\n"
            "经重庆市政府研究,本批资金全部分配给奉节县各乡镇,其中:永乐镇600万元,吐祥镇500万元。")
    assert funds(body, published=date(2022, 3, 1))[1:] == [
        (6000000, "山东省", "重庆市奉节县永乐镇"), (5000000, "山东省", "重庆市奉节县吐祥镇")]


def test_by_how_much_a_figure_grew_is_no_sum_given():
    body = "天津市对口支援甘肃省。2020年已投入帮扶资金20.5亿元,较2016年增长18.2亿元,实施项目900个。"
    assert set(funding_by_text(body)) == {"20.5亿元"}


def test_an_allowance_per_student_is_aid_but_a_monthly_wage_is_not():
    body = ("晋江市对口帮扶红寺堡区。晋江市设立助学金,本科在读学生每人2000元。"
            "援宁教师每人每月发放生活补助3000元。")
    assert set(funding_by_text(body)) == {"2000元"}


def test_the_value_of_goods_sold_is_no_price():
    body = ("杭州市、宁波市对口帮扶毕节市。毕节市商务局负责人介绍,东部2市通过搭建展销平台等方式,"
            "帮助毕节市销售价值约5.6亿元的农特产品。")
    assert [a for a, _, _ in funds(body)] == [560_000_000]


def test_money_a_helper_puts_up_in_a_pairing_article_is_funding():
    body = ("南岭集团定点帮扶青河县。\n产业振兴\n出资260万元建设青河县冷链仓储中心,带动农户增收。\n"
            "南岭集团还资助青河县80名大学新生,共计40万元。")
    assert sorted(f.amount_yuan for f in extract(None, body).funding) == [400_000, 2_600_000]


def test_money_put_up_without_any_pairing_in_the_article_is_not_funding():
    body = "星河公司出资260万元建设员工宿舍,改善住宿条件。"
    assert extract(None, body).funding == []


def test_two_equal_sums_of_one_sentence_are_two_items():
    body = ("南岭集团定点帮扶青河县。南岭集团出资15万元培训青河县村干部,"
            "并出资15万元培训青河县致富带头人。")
    got = extract(None, body).funding
    assert [f.amount_yuan for f in got] == [150_000, 150_000]
    assert {(f.donor.name, f.recipient.name) for f in got} == {("南岭集团", "青河县")}


def test_a_gift_to_a_county_s_own_body_is_funding_in_an_article_with_no_pairing():
    got = extract(None, "仪式上,南京市宜兴商会向岳西县慈善协会捐赠人民币32万元,用于资助困难学生。").funding
    assert [(f.amount_yuan, f.donor.name, f.recipient.name) for f in got] == [(320_000, "南京市宜兴商会", "岳西县慈善协会")]
    assert extract(None, "仪式上,南京市宜兴商会向市图书馆捐赠人民币32万元。").funding == []
    # a village's school the gift repairs, past the giver
    assert [f.amount_yuan for f in extract(None, "近日,禅城区一家企业捐资1.5万元修缮罗定市连城村小学。").funding] == [15_000]
    # a county's company that gives to a library is still charity
    assert extract(None, "岳西县某建材公司捐赠32万元建设图书馆。").funding == []


def test_a_subsidy_to_a_county_is_a_gift_in_an_article_with_no_pairing_but_a_project_s_need_is_none():
    got = extract(None, "今年下半年,某某电力集团还将出资180万元资助剑川县大桥工程建设。").funding
    assert [(f.amount_yuan, f.donor.name, f.recipient.name) for f in got] == [(1_800_000, "某某电力集团", "剑川县")]
    assert extract(None, "剑川县镇政府计划实施种植项目,上述项目需出资78万元。").funding == []
