"""Extraction rules on sentences written for these tests: money, parties, pairings, funding."""

from __future__ import annotations

import pytest

from parsers.extraction.extract import extract
from parsers.extraction.money import find_amounts


@pytest.mark.parametrize(
    ("text", "yuan", "approx", "surface"),
    [
        ("累计投入帮扶资金近3.5亿元。", 350_000_000, True, "近3.5亿元"),
        ("筹措资金650余万元用于修路", 6_500_000, True, "650余万元"),
        ("共计2亿多元", 200_000_000, True, "2亿多元"),
        ("捐赠五十万元", 500_000, False, "五十万元"),
        ("投入1亿2000万元", 120_000_000, False, "1亿2000万元"),
        ("到位资金1,250万元以上", 12_500_000, True, "1,250万元以上"),
        ("援助8000元", 8_000, False, "8000元"),
    ],
)
def test_amounts(text, yuan, approx, surface):
    (amount,) = find_amounts(text)
    assert (amount.yuan, amount.approximate, amount.text) == (yuan, approx, surface)


@pytest.mark.parametrize("text", ["全县有12万人", "占比达3.5%", "相距1800余公里", "9" * 400 + "亿元", "全国14亿多人口"])
def test_not_money(text):
    assert find_amounts(text) == []


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


def test_funding_with_explicit_direction_and_kind():
    body = "福州市对口帮扶定西市。仪式上,福州市向定西市捐赠300万元,用于农村道路建设。"
    got = extract(None, body)
    (f,) = got.funding
    assert (f.amount_yuan, f.kind, f.donor.name, f.recipient.name) == (3_000_000, "捐赠", "福州市", "定西市")


def test_income_and_wages_are_not_funding():
    body = ("常州市对口帮扶安顺市。当地农民人均可支配收入达到1.2万元,务工人员月工资4500元。"
            "常州市累计投入帮扶资金2.3亿元。")
    got = extract(None, body)
    assert [f.amount_yuan for f in got.funding] == [230_000_000]
    assert got.funding[0].kind == "帮扶资金"
    assert got.funding[0].donor.name == "常州市" and got.funding[0].recipient.name == "安顺市"


def test_money_unrelated_to_assistance_is_not_funding():
    got = extract(None, "该市全年地区生产总值为3200亿元,比上年增长5%。")
    assert got.funding == []


def test_nothing_from_a_garbled_run():
    body = "无锡市对口帮扶延安市,帮扶资金1200万元。"
    got = extract(None, body, garbled=["帮扶资金1200万元"])
    assert got.funding == []
    assert len(got.pairings) == 1


def test_bare_provincial_department_takes_the_context_province():
    got = extract(None, "省财政厅定点帮扶屏山县,先后筹集资金300万元。")
    (p,) = got.pairings
    assert p.donor.name == "四川省财政厅" and p.donor.code is None
    assert p.recipient.full_name == "四川省宜宾市屏山县"


# --- places ------------------------------------------------------------------------------

def _parties(text: str) -> list[tuple[str, str | None]]:
    from parsers.extraction.places import find_parties

    return [(m.party.full_name, m.party.level) for m in find_parties(text)]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("游客们在吉林长白山景区看雪。", "吉林省白山市长白朝鲜族自治县"),  # 长白 inside 长白山
        ("这是重大理论和实践问题。", "云南省大理白族自治州"),  # 大理 inside 重大理论
        ("记者从浙江日报获悉。", "浙江省"),  # 浙江 inside 浙江日报
        ("干部们奔赴天山南麓。", "新疆维吾尔自治区乌鲁木齐市天山区"),  # 天山: the mountains
    ],
)
def test_short_forms_inside_other_words_are_no_places(text, absent):
    assert absent not in [name for name, _ in _parties(text)]


def test_ambiguous_short_forms_resolved_from_context():
    got = _parties("自去年以来,天津与河北两省市深化合作;承德是滦河流经之地。")
    assert ("河北省", "province") in got  # not 天津市河北区
    assert ("河北省承德市", "prefecture") in got  # the prefecture, not 承德县
    assert ("浙江省杭州市西湖区", "county") in _parties("浙江省杭州市召开会议,西湖区代表发言。")


def test_former_official_name_is_kept_as_written():
    from parsers.extraction.places import find_parties

    (m,) = [m for m in find_parties("2017年,天津市武清区与平泉县签署协议。") if m.party.code == "130881"]
    assert (m.party.name, m.party.full_name) == ("平泉县", "河北省承德市平泉县")


def test_townships_and_villages_below_a_county():
    got = _parties("城北街道结对东兴区石门镇白云村、青松村等4个村。")
    assert ("四川省内江市东兴区石门镇白云村", "village") in got
    assert ("四川省内江市东兴区石门镇青松村", "village") in got
    bare = _parties("石门镇向城北街道赠送锦旗。会上,东兴区石门镇介绍了情况。")
    assert bare.count(("四川省内江市东兴区石门镇", "township")) == 2  # the fuller place is used for both


def test_a_short_form_before_cun_is_a_village():
    got = _parties("彭山区青龙镇朝阳村村民捐出善款。")
    assert ("四川省眉山市彭山区青龙镇朝阳村", "village") in got
    assert all("朝阳" not in name or name.endswith("朝阳村") for name, _ in got)


def test_this_village_refers_back():
    from parsers.extraction.places import find_parties

    ms = find_parties("县农业农村局驻绵竹市桃花镇李家村工作队到岗。该村有农户300户。")
    assert [m.party.full_name for m in ms if m.surface == "该村"] == ["四川省德阳市绵竹市桃花镇李家村"]


@pytest.mark.parametrize(
    ("text", "name", "province"),
    [
        ("中国建设银行甘肃省分行定点帮扶岷县。", "中国建设银行甘肃省分行", "甘肃省"),
        (";湖南兴湘投资(集团)有限责任公司结对帮扶城步县。", "湖南兴湘投资(集团)有限责任公司", "湖南省"),
        ("中山大学对口支援新疆大学。", "新疆大学", "新疆维吾尔自治区"),
    ],
)
def test_organisations_as_written(text, name, province):
    from parsers.extraction.places import find_parties

    orgs = {m.party.name: m.party for m in find_parties(text) if m.kind == "org"}
    assert name in orgs and orgs[name].province == province and orgs[name].code is None


def test_bare_county_department_takes_the_county_named():
    got = extract(None, "宁县早胜镇南义村位置偏远。县交通运输局作为该村的帮扶单位,修通了村道。")
    assert [(p.donor.full_name, p.recipient.full_name) for p in got.pairings] == [
        ("甘肃省庆阳市宁县交通运输局", "甘肃省庆阳市宁县早胜镇南义村")]


# --- pairings ----------------------------------------------------------------------------

def _pairs(body: str, title: str | None = None) -> set[tuple[str, str]]:
    return {(p.donor.name, p.recipient.name) for p in extract(title, body).pairings}


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
    assert _pairs(body) == expected


def test_helpers_named_as_units_help_the_place_the_article_is_about():
    body = ("近年来,平武县不断创新消费帮扶模式。平武县积极对接浙江省湖州市吴兴区政府和中国华电集团有限公司"
            "等对口帮扶单位,拓宽销售渠道。平武县农产品走进了湖州。")
    assert _pairs(body) == {("吴兴区", "平武县"), ("中国华电集团有限公司", "平武县")}


def test_aid_abbreviations_name_the_helped_side():
    assert _pairs("上海援滇资金3000万元用于姚安县产业园建设。") == {("上海市", "姚安县")}
    assert _pairs("轮台县地处南疆。近年来,江苏对口援轮,建成学校12所。") == {("江苏省", "轮台县")}
    # a meeting's venue is not the helped place
    assert _pairs("浙江援藏项目推进会在那曲市色尼区召开。") == set()


def test_pair_abbreviations():
    assert _pairs("沪滇协作成效明显。") == {("上海市", "云南省")}
    assert _pairs("靖江市代表团来到永寿县。靖永两地的对口协作不断深化。") == {("靖江市", "永寿县")}
    assert _pairs("昆山市与碧江区签约。昆碧对口协作迈出新步伐。") == {("昆山市", "碧江区")}
    assert _pairs("苏黔两地开展交流。") == set()  # no relation word: no pairing


def test_direction_when_the_writing_does_not_say():
    # east helps west, the developed county helps one of the 26 mountain counties, an organisation a place
    assert _pairs("大连市和六盘水市开展东西部协作。") == {("大连市", "六盘水市")}
    assert _pairs("文成县与鹿城区共建山海协作产业园。") == {("鹿城区", "文成县")}
    assert _pairs("宜良县和昆明市工商联签订帮扶协议。") == {("昆明市工商联", "宜良县")}


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
    assert _pairs(body) == set()


def test_relation_type_is_reported():
    got = extract(None, "中国农业银行定点帮扶泸溪县。北京市对口支援和田地区。").pairings
    assert {p.relation for p in got} == {"定点帮扶", "对口支援"}


# --- funding -----------------------------------------------------------------------------

def _funds(body: str, title: str | None = None, **kw) -> list[tuple]:
    got = extract(title, body, **kw).funding
    return [(f.amount_yuan, f.donor.full_name if f.donor else None, f.recipient.full_name if f.recipient else None)
            for f in got]


@pytest.mark.parametrize(
    ("text", "yuan"),
    [("捐赠了价值600万的医疗设备", 6_000_000), ("占全年计划援助资金110亿的40%", 11_000_000_000)],
)
def test_amounts_without_yuan_after_a_money_noun(text, yuan):
    assert [a.yuan for a in find_amounts(text)] == [yuan]


@pytest.mark.parametrize("text", ["互送游客达600万人次", "输送天然气13亿立方米", "资金600万人次", "人均GDP逾1万美元", "全国14亿多人口"])
def test_no_amount_without_yuan_or_money_context(text):
    assert find_amounts(text) == []


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
    assert _funds(body) == []


def test_groups_give_and_receive_as_written():
    body = ("截至2022年底,东部9个省市向西部10个省区市投入财政援助资金200亿元,动员社会力量捐助款物30亿元。"
            "东部9个省市与西部10个省区市共建产业园区,引导企业投资900亿元。")
    assert _funds(body) == [(20_000_000_000, "东部9个省市", "西部10个省区市"),
                            (3_000_000_000, "东部9个省市", "西部10个省区市"),
                            (90_000_000_000, "东部9个省市", "西部10个省区市")]


def test_receiver_written_on_past_its_places_is_kept_as_written():
    assert _funds("天津市向陕西、甘肃两省受援地区投入帮扶资金6亿元。") == [
        (600_000_000, "天津市", "陕西、甘肃两省受援地区")]


def test_several_helpers_and_several_recipients_stand_as_one_party():
    body = "苏州市及吴中区积极动员社会力量,共向黔东南州捐资捐物计价值120万元。"
    assert _funds(body) == [(1_200_000, "江苏省苏州市、江苏省苏州市吴中区", "贵州省黔东南苗族侗族自治州")]
    body = "广东携手广西、贵州共建产业园区,引导企业投资300亿元。"
    assert _funds(body) == [(30_000_000_000, "广东省", "广西壮族自治区、贵州省")]


def test_investment_brought_in_is_the_helper_s():
    body = "绍兴市对口帮扶毕节市。绍兴引导120家企业到毕节投资60亿元。"
    assert _funds(body) == [(6_000_000_000, "浙江省绍兴市", "贵州省毕节市")]


def test_buying_from_the_helped_side():
    body = "天津市河东区对口帮扶靖远县。今年,靖远县向河东区销售农产品1.2亿元。"
    assert _funds(body) == [(120_000_000, "天津市河东区", "甘肃省白银市靖远县")]


def test_a_sentence_that_names_nobody_takes_the_article_s_pairing():
    body = "嘉定区对口帮扶姚安县。今年实现消费帮扶金额5000万元。"
    assert _funds(body) == [(50_000_000, "上海市嘉定区", "云南省楚雄彝族自治州姚安县")]


def test_figure_repeated_in_headline_and_body_is_one_item():
    got = _funds("南京市今年向商洛市投入财政援助资金3.2亿元,重点支持产业发展。", title="南京投入3.2亿元帮扶商洛")
    assert got == [(320_000_000, "江苏省南京市", "陕西省商洛市")]


def test_financing_has_no_helper_as_donor():
    got = extract(None, "铜仁市对口帮扶项目借助市场力量融资2亿元,为帮扶项目提供保障。苏州市对口帮扶铜仁市。").funding
    assert [(f.amount_yuan, f.kind, f.donor) for f in got] == [(200_000_000, "融资", None)]


def test_period_resolved_against_the_publication_date():
    from datetime import date

    got = extract(None, "杭州市对口帮扶恩施州,今年安排帮扶资金2亿元,去年安排1.8亿元。", published=date(2021, 6, 1)).funding
    assert [f.period for f in got] == ["2021年", "2020年"]


def test_programme_money_without_a_named_pair():
    body = "截至2017年底,中央企业结对帮扶了246个贫困县。特别是在深度贫困地区,投入扶贫资金5.9亿元。"
    assert _funds(body) == [(590_000_000, "中央企业", "深度贫困地区")]


def test_event_dates_against_the_publication_date():
    from datetime import date

    from parsers.extraction.eventdates import event_date, resolve_period

    assert event_date("8月23日晚", date(2021, 9, 1)) == date(2021, 8, 23)
    assert event_date("12月30日", date(2024, 1, 5)) == date(2023, 12, 30)  # not a day after publication
    assert event_date("2019年3月28日", None) == date(2019, 3, 28)
    assert event_date("今年", date(2024, 1, 5)) is None
    assert resolve_period("今年上半年", date(2024, 10, 18)) == "2024年上半年"
    assert resolve_period("2013年到2017年", date(2020, 1, 1)) == "2013年到2017年"


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
    assert _pairs(body) == expected


def test_villages_listed_with_their_count():
    got = _parties("帮扶资金支持田阳区坡洪镇天安、郎含、康浮3个村修建市场。")
    assert ("广西壮族自治区百色市田阳区坡洪镇郎含村", "village") in got
    assert ("广西壮族自治区百色市田阳区坡洪镇", "township") in got


def test_the_doer_of_a_passive_sentence_gives_to_its_partners():
    body = ("崇州市白头镇五星村、大坪村的志愿者来到结对村——理县薛城镇的木卡村、沙金村开展慰问。"
            "此次活动由崇州市白头镇五星、大坪两村党总支联合发起,送去慰问品价值9000余元。")
    ((yuan, donor, recipient),) = _funds(body)
    assert (yuan, donor, recipient) == (
        9000, "四川省成都市崇州市白头镇五星村、四川省成都市崇州市白头镇大坪村",
        "四川省阿坝藏族羌族自治州理县薛城镇木卡村、四川省阿坝藏族羌族自治州理县薛城镇沙金村")


def test_departments_of_two_sides_pair_and_the_helper_buys():
    body = "南京市江宁区商务局与商洛市商州区商务局签订消费帮扶协议,全年采购商州区农产品300万元。"
    (p,) = extract(None, body).pairings
    assert (p.donor.full_name, p.recipient.full_name) == ("江苏省南京市江宁区商务局", "陕西省商洛市商州区商务局")
    assert _funds(body) == [(3_000_000, "江苏省南京市江宁区商务局", "陕西省商洛市商州区")]


def test_counted_receivers_are_the_giver_s_partners():
    body = "深圳市罗湖区对口帮扶百色市那坡县、凌云县,罗湖区今年计划向两县投入帮扶资金4000万元。"
    assert _funds(body) == [(40_000_000, "广东省深圳市罗湖区",
                             "广西壮族自治区百色市那坡县、广西壮族自治区百色市凌云县")]


def test_the_clause_s_own_helper_is_preferred_over_a_province_pair():
    body = "今年以来,泉州市与固原市西吉县深化闽宁协作,泉州市安排财政援助资金1.2亿元。"
    assert _funds(body) == [(120_000_000, "福建省泉州市", "宁夏回族自治区固原市西吉县")]
    # the programme's name (闽宁) is not itself a province pairing when the text names the pair below it
    assert ("福建省", "宁夏回族自治区") not in _pairs(body)
    assert ("泉州市", "西吉县") in _pairs(body)


def test_a_sentence_naming_both_sides_of_a_pairing_is_about_it():
    body = "近日,厦门市思明区在区政府举办东乡县农特产品展销会,现场销售额达80万元。思明区与东乡县结成对口帮扶关系。"
    assert _funds(body) == [(800_000, "福建省厦门市思明区", "甘肃省临夏回族自治州东乡族自治县")]
