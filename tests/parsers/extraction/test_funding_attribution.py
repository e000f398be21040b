"""Who gives an amount to whom (parsers/extraction/attribution.py, pairrules.py): the giver and taker
a sentence names, passive and receiver-first sentences, buying and investing, and the article's
pairing when a sentence names nobody.

All sentences are written for these tests.
"""

from __future__ import annotations

from extraction_helpers import funding_by_text, funds

from parsers.extraction.extract import extract


def test_funding_with_explicit_direction_and_kind():
    body = "福州市对口帮扶定西市。仪式上,福州市向定西市捐赠300万元,用于农村道路建设。"
    got = extract(None, body)
    (f,) = got.funding
    assert (f.amount_yuan, f.kind, f.donor.name, f.recipient.name) == (3_000_000, "捐赠", "福州市", "定西市")


def test_investment_brought_in_is_the_helper_s():
    body = "绍兴市对口帮扶毕节市。绍兴引导120家企业到毕节投资60亿元。"
    assert funds(body) == [(6_000_000_000, "浙江省绍兴市", "贵州省毕节市")]


def test_buying_from_the_helped_side():
    body = "天津市河东区对口帮扶靖远县。今年,靖远县向河东区销售农产品1.2亿元。"
    assert funds(body) == [(120_000_000, "天津市河东区", "甘肃省白银市靖远县")]


def test_a_sentence_that_names_nobody_takes_the_article_s_pairing():
    body = "嘉定区对口帮扶姚安县。今年实现消费帮扶金额5000万元。"
    assert funds(body) == [(50_000_000, "上海市嘉定区", "云南省楚雄彝族自治州姚安县")]


def test_financing_has_no_helper_as_donor():
    got = extract(None, "铜仁市对口帮扶项目借助市场力量融资2亿元,为帮扶项目提供保障。苏州市对口帮扶铜仁市。").funding
    assert [(f.amount_yuan, f.kind, f.donor) for f in got] == [(200_000_000, "融资", None)]


def test_the_doer_of_a_passive_sentence_gives_to_its_partners():
    body = ("崇州市白头镇五星村、大坪村的志愿者来到结对村——理县薛城镇的木卡村、沙金村开展慰问。"
            "此次活动由崇州市白头镇五星、大坪两村党总支联合发起,送去慰问品价值9000余元。")
    ((yuan, donor, recipient),) = funds(body)
    assert (yuan, donor, recipient) == (
        9000, "四川省成都市崇州市白头镇五星村、四川省成都市崇州市白头镇大坪村",
        "四川省阿坝藏族羌族自治州理县薛城镇木卡村、四川省阿坝藏族羌族自治州理县薛城镇沙金村")


def test_departments_of_two_sides_pair_and_the_helper_buys():
    body = "南京市江宁区商务局与商洛市商州区商务局签订消费帮扶协议,全年采购商州区农产品300万元。"
    (p,) = extract(None, body).pairings
    assert (p.donor.full_name, p.recipient.full_name) == ("江苏省南京市江宁区商务局", "陕西省商洛市商州区商务局")
    assert funds(body) == [(3_000_000, "江苏省南京市江宁区商务局", "陕西省商洛市商州区")]


def test_counted_receivers_are_the_giver_s_partners():
    body = "深圳市罗湖区对口帮扶百色市那坡县、凌云县,罗湖区今年计划向两县投入帮扶资金4000万元。"
    assert funds(body) == [(40_000_000, "广东省深圳市罗湖区",
                             "广西壮族自治区百色市那坡县、广西壮族自治区百色市凌云县")]


def test_a_sentence_naming_both_sides_of_a_pairing_is_about_it():
    body = "近日,厦门市思明区在区政府举办东乡县农特产品展销会,现场销售额达80万元。思明区与东乡县结成对口帮扶关系。"
    assert funds(body) == [(800_000, "福建省厦门市思明区", "甘肃省临夏回族自治州东乡族自治县")]


def test_a_giver_named_in_a_later_clause_takes_its_own_gift():
    body = ("江苏省常州市武进区结对帮扶陕西省安康市汉阴县。武进区向汉阴县捐赠价值120万元的课桌椅,"
            "武进区红十字会捐赠救护车一辆、价值45万元。")
    f = funding_by_text(body)
    assert f["120万元"].donor.name == "武进区"
    assert f["45万元"].donor.name == "武进区红十字会"
    assert f["45万元"].recipient.name == "汉阴县"


def test_companies_brought_in_to_invest_stay_their_place_s():
    body = "浙江省宁波市北仑区结对帮扶贵州省黔西南州望谟县,今年引导北仑区企业到望谟县投资2亿元。"
    assert funding_by_text(body)["2亿元"].donor.name == "北仑区"


def test_a_receiver_written_first_gets_from_the_party_after_its_verb():
    body = "浙江省宁波市北仑区结对帮扶贵州省黔西南州望谟县。今年望谟县获得北仑区爱心人士捐款12万元。"
    f = funding_by_text(body)["12万元"]
    assert (f.donor.name, f.recipient.name) == ("北仑区爱心人士", "望谟县")


def test_a_receiver_after_luoshi_is_not_the_object():
    body = "湖南省株洲市对口支援西藏山南市扎囊县。扎囊县今年落实株洲援藏资金6800万元。"
    f = funding_by_text(body)["6800万元"]
    assert (f.donor.name, f.recipient.name) == ("株洲市", "扎囊县")


def test_a_paired_adjective_after_xiang_is_not_the_receiver():
    body = "荔湾区向结对帮扶的册亨县捐赠教育帮扶资金80万元。"
    f = funding_by_text(body)["80万元"]
    assert (f.donor.name, f.recipient.name) == ("荔湾区", "册亨县")


def test_a_western_places_named_funds_are_received_not_given():
    body = "贵州省2024年东西部协作财政援助资金45亿元已全部到位。"
    f = funding_by_text(body)["45亿元"]
    assert f.donor is None or f.donor.name != "贵州省"


def test_a_province_whose_cities_help_gives_as_itself():
    body = ("广州市帮扶贵州省毕节市,投入9亿元;深圳市帮扶广西壮族自治区百色市,投入7亿元。\n"
            "全年广东省帮助两省区转移就业30万人,消费帮扶金额达到200亿元。")
    assert funding_by_text(body)["200亿元"].donor.name == "广东省"


def test_a_helping_company_s_own_spending_is_its_assistance():
    body = ("某某能源集团对口支援班戈县。某某能源集团投入1120万元建成供暖站。"
            "宁波市投入3亿元建设本市地铁。")
    got = {(f.amount_yuan, f.donor and f.donor.name, f.recipient and f.recipient.name)
           for f in extract(None, body).funding}
    assert (11_200_000, "某某能源集团", "班戈县") in got
    assert not any(a == 300_000_000 for a, _, _ in got)  # a place that helps nobody here spending at home


def test_two_equal_sums_stated_for_different_recipients_are_two_items():
    body = ("上海市及黄浦区对口支援万州区项目共26个,援助总金额5042万元。"
            "上海市及静安区对口支援夷陵区项目共30个,援助总金额5042万元。")
    got = sorted(f.recipient.name for f in extract(None, body).funding if f.amount_yuan == 50_420_000)
    assert got == ["万州区", "夷陵区"]


def test_a_party_never_gives_to_itself_we_sheng_is_the_partner():
    body = "苏陕协作持续深化。2021年,江苏省共向我省投入苏陕协作财政援助资金20亿元,实施项目1200个。"
    assert funds(body) == [(2000000000, "江苏省", "陕西省")]


def test_a_body_of_the_helped_place_is_not_its_helper():
    body = "天津市对口帮扶甘肃省。据甘肃省扶贫开发办公室统计,甘肃省扶贫开发办公室2020年已投入东西部协作资金30亿元。"
    assert funds(body) == [(3000000000, "天津市", "甘肃省")]
    school = "浙江省对口支援西藏那曲市嘉黎县。嘉黎县中学图书馆投资180万元,由浙江省援建。"
    assert funds(school) == [(1800000, "浙江省", "西藏自治区那曲市嘉黎县")]


def test_organisations_mobilised_to_give_are_the_givers_each_of_its_own_sum():
    body = ("湖州市与锦屏县开展东西部协作。此次活动中,市工商联发动市宁波商会捐赠8万元、"
            "市福建商会捐赠3万元、市安徽商会捐赠3万元。")
    assert funds(body) == [(80_000, "浙江省湖州市宁波商会", "贵州省黔东南苗族侗族自治州锦屏县"),
                           (30_000, "浙江省湖州市福建商会", "贵州省黔东南苗族侗族自治州锦屏县"),
                           (30_000, "浙江省湖州市安徽商会", "贵州省黔东南苗族侗族自治州锦屏县")]


def test_an_organisation_after_a_preposition_receives():
    body = "湖州市与锦屏县开展东西部协作。湖州市向锦屏县慈善总会捐赠8万元。"
    assert funds(body) == [(80_000, "浙江省湖州市", "贵州省黔东南苗族侗族自治州锦屏县慈善总会")]


def test_society_mobilised_to_give_leaves_the_money_with_the_mobiliser():
    body = "湖州市与锦屏县开展东西部协作。湖州市动员社会力量捐助款物500万元。"
    assert funds(body) == [(5_000_000, "浙江省湖州市", "贵州省黔东南苗族侗族自治州锦屏县")]


def test_amounts_given_respectively_to_a_counted_receiver_go_to_the_places_listed_before():
    body = ("湖州市与锦屏县开展东西部协作。湖州驻锦屏办事处为平秋镇、启蒙镇、敦寨镇困难学生发放助学金5万元,"
            "并为3个镇分别捐赠了30万元、20万元、12万元。")
    got = {amount: recipient for amount, _, recipient in funds(body)}
    assert got[300_000].endswith("平秋镇") and got[200_000].endswith("启蒙镇") and got[120_000].endswith("敦寨镇")


def test_a_foundation_s_office_gives_as_a_body():
    body = "湖州市与锦屏县开展东西部协作。湖州市慈善基金会吴兴区代表处向锦屏县捐赠200万元。"
    [(amount, donor, _)] = funds(body)
    assert amount == 2_000_000 and donor.endswith("吴兴区代表处")


def test_a_receiver_written_with_its_address_is_the_innermost_place():
    from parsers.extraction.attribution import _innermost
    from parsers.extraction.clauses import Sentence
    from parsers.extraction.mentions import Mention
    from parsers.records import Party

    text = "向磐安县青云乡青云村捐赠"
    county = Mention(1, 4, "磐安县", party=Party(name="磐安县", full_name="浙江省金华市磐安县", code="330727",
                                                 level="county", province="浙江省"))
    town = Mention(4, 7, "青云乡", kind="local", party=Party(name="青云乡", full_name="浙江省金华市磐安县青云乡",
                                                             level="township", province="浙江省"))
    village = Mention(7, 10, "青云村", kind="local", party=Party(
        name="青云村", full_name="浙江省金华市磐安县青云乡青云村", level="village", province="浙江省"))
    sent = Sentence(0, len(text), text, 0, [county, town, village])
    assert _innermost([county], sent) == [village]
    assert _innermost([town], Sentence(0, len(text), text, 0, [town])) == [town]


def test_a_sentence_that_only_refers_back_to_a_company_goes_on_with_the_sentence_before():
    body = "4月13日,湖州青峰置业有限公司结对帮扶捐款仪式在青云行政村举行。现场,该公司为青云行政村捐款20万元。"
    [(amount, donor, _)] = funds(body)
    assert (amount, donor) == (200_000, "湖州青峰置业有限公司")


def test_firms_brought_in_invest_for_the_helper_not_for_an_earlier_clauses_subject():
    body = "三年来,杭州市西湖区对口帮扶鹤峰县,20家企业和3家社会组织结对帮扶30个贫困村,引进东部8家企业投资3亿元,培训人才500人。"
    assert funds(body) == [(300000000, "浙江省杭州市西湖区", "湖北省恩施土家族苗族自治州鹤峰县")]


def test_money_for_places_inside_the_helped_one_with_no_giver_named_is_from_its_one_helper():
    body = "青岛市对口帮扶陇南市。\n今年另安排武都区、宕昌县各200万元协作资金,用于产业项目。"
    assert funds(body)[-1] == (2000000, "山东省青岛市", "甘肃省陇南市武都区、甘肃省陇南市宕昌县")


def test_a_counted_receiver_is_the_list_the_sentence_named_and_respectively_maps_amounts_in_order():
    body = ("吴江区对口帮扶沿河县。今年，吴江区为沿河县中界镇高井村、银山村、龙兴村修建了文化广场，"
            "并为3个村分别捐赠了30万元、20万元、10万元的发展资金。")
    got = {amount: recipient for amount, _, recipient in funds(body)}
    assert got[300000] == "贵州省铜仁市沿河土家族自治县中界镇高井村"
    assert got[200000] == "贵州省铜仁市沿河土家族自治县中界镇银山村"
    assert got[100000] == "贵州省铜仁市沿河土家族自治县中界镇龙兴村"


def test_a_counted_receiver_without_respectively_is_the_list_as_one():
    body = ("吴江区对口帮扶沿河县。今年，吴江区为沿河县中界镇高井村、银山村修建了文化广场，"
            "并为两个村捐赠了发展资金30万元。")
    [(_, _, recipient)] = [f for f in funds(body) if f[0] == 300000]
    assert recipient == "贵州省铜仁市沿河土家族自治县中界镇高井村、贵州省铜仁市沿河土家族自治县中界镇银山村"


def test_a_counted_receiver_not_listed_in_the_sentence_stays_as_before():
    body = "吴江区对口帮扶沿河县、石阡县。今年，吴江区向两县投入帮扶资金500万元。"
    [(_, donor, recipient)] = funds(body)
    assert recipient == "贵州省铜仁市沿河土家族自治县、贵州省铜仁市石阡县"


def test_a_receiver_named_by_a_demonstrative_is_the_place_the_money_is_used_for():
    body = "吴江区对口帮扶沿河县。今年，吴江区向该计划捐赠20万元，用于保障沿河县中界镇教育事业发展。"
    [(_, donor, recipient)] = funds(body)
    assert (donor, recipient) == ("江苏省苏州市吴江区", "贵州省铜仁市沿河土家族自治县中界镇")


def test_a_receiver_named_by_a_demonstrative_without_a_place_is_nobody_named():
    body = "吴江区对口帮扶沿河县。今年，吴江区向该计划捐赠20万元。"
    assert all(recipient != "该计划" for _, _, recipient in funds(body))


def test_a_places_own_treasury_spending_is_its_giving():
    body = "广东省对口帮扶广西。两年来累计投入广东省财政帮扶资金10亿元。"
    assert funds(body) == [(1000000000, "广东省", "广西壮族自治区")]


def test_money_named_after_the_aided_province_goes_to_it_when_nobody_else_receives():
    assert funds("19个援疆省市今年安排援疆资金150亿元。") == [(15000000000, "19个援疆省市", "新疆维吾尔自治区")]


def test_a_body_built_inside_the_helped_place_receives_its_money():
    body = ("某某电力集团对口支援索县。某某电力集团自2012年起投入近8000万元建立索县某某电力希望小学,"
            "每年投入50万元办学经费。")
    got = {(f.amount_yuan, f.recipient.name) for f in extract(None, body).funding}
    assert got == {(80_000_000, "索县某某电力希望小学"), (500_000, "索县某某电力希望小学")}


def test_equal_yearly_sums_for_different_receivers_are_two_items():
    body = ("某某电力集团对口支援索县。某某电力集团投入近8000万元建立索县某某电力希望小学,每年投入50万元办学经费。\n"
            "针对当地供暖不足,某某电力集团投入900万元建成供热站,每年补贴50万元用于运行。")
    got = sorted(f.recipient.name for f in extract(None, body).funding if f.amount_yuan == 500_000)
    assert got == ["索县", "索县某某电力希望小学"]


def test_a_pair_written_before_does_not_give_to_the_place_holding_its_partner():
    body = ("座谈会上,黄岛区与石阡县签订了合作协议,黄岛区灵山卫街道南辛安社区与石阡县汤山街道城南社区签订了结对协议,"
            "并向石阡县捐赠了帮扶资金30万元,走访了3户困难群众,发放慰问金800/户。")
    assert funds(body) == [(300_000, "山东省青岛市黄岛区", "贵州省铜仁市石阡县"),
                           (800, "山东省青岛市黄岛区", "贵州省铜仁市石阡县")]


def test_buying_the_helped_place_s_produce_is_the_buyer_s_consumption_assistance():
    body = ("某某银行杭州分行与淳安县枫树岭镇建立了结对帮扶关系。\n产销对接。"
            "目前淳安县供销合作社下属企业的农特产已进入某某银行宁波分行食堂采购目录,首季度已采购了3.5万元农特产。\n"
            "淳安县某农资店采购了2万元化肥。")
    got = extract(None, body).funding
    assert [(f.amount_yuan, f.kind, f.donor.name, f.recipient.name) for f in got] == [
        (35_000, "消费帮扶", "某某银行宁波分行", "淳安县")]


def test_a_receiver_in_the_clause_after_the_amount_and_the_fuller_of_two_readings():
    title = "上城区慈善总会支出600万元资助贵州乡村建设项目"
    body = ("上城区与台江县、剑河县结对帮扶。今年以来,上城区慈善总会先后支出600万元,"
            "定向资助贵州黔东南州台江、剑河等3个县的乡村建设项目。")
    (f,) = extract(title, body).funding
    assert f.recipient.full_name == "贵州省黔东南苗族侗族自治州台江县、贵州省黔东南苗族侗族自治州剑河县等3个县"


def test_directed_giving_is_no_preposition_before_a_receiver():
    body = "华信集团向省扶贫基金会定向捐赠结对帮扶纳雍县资金2亿元。"
    assert all(recipient != "捐赠结对" for _, _, recipient in funds(body))


def test_an_adverb_before_the_verb_is_no_part_of_a_receiver_written_as_a_phrase():
    [(_, _, recipient)] = funds("截至6月底,东部各省市向协作地区已拨付财政援助资金20亿元。")
    assert recipient == "协作地区"


def test_the_helped_side_s_own_spending_is_no_assistance():
    body = ("广东省对口帮扶广西壮族自治区。今年以来,我区大力推进产业发展,累计投入资金5亿元建设道路;"
            "我区还收到广东帮扶资金3亿元,又投入东西部协作资金2亿元。")
    got = {amount for amount, _, _ in funds(body)}
    assert 500000000 not in got and {300000000, 200000000} <= got
    # so is its own department's, written with a bare 自治区 (the article's autonomous region's)
    body = ("北京市对口帮扶内蒙古自治区。2018年以来,北京市累计向兴安盟投入帮扶资金30亿元。"
            "2018至2020年,自治区财政厅在统一分配转移支付基础上,向15个旗县增加补助资金18亿元。")
    assert {amount for amount, _, _ in funds(body)} == {3_000_000_000}


def test_a_place_s_counted_units_receive_as_stated():
    [(_, donor, recipient)] = funds("2016年以来,江苏各级财政累计向陕西8市30个贫困县投入援助资金约40亿元。")
    assert (donor, recipient) == ("江苏省", "陕西8市30个贫困县")


def test_where_a_group_does_its_helping_receives_the_sum_it_puts_in():
    got = funds("2021年,12家中央单位在甘肃20个脱贫县开展定点帮扶工作,累计投入帮扶资金3.5亿元。")
    assert [(amount, donor) for amount, donor, _ in got] == [(350000000, "12家中央单位")]
    [party] = [f.recipient for f in extract(None, "2021年,12家中央单位在甘肃20个脱贫县开展定点帮扶工作,累计投入帮扶资金3.5亿元。").funding]
    assert (party.name, party.full_name) == ("甘肃20个脱贫县", "甘肃省20个脱贫县")


def test_a_place_named_after_zai_receives_what_a_giver_puts_in_there():
    assert funds("华信集团在麟游县酒房镇松林村先后投入无偿帮扶资金900余万元。") == [
        (9000000, "华信集团", "陕西省宝鸡市麟游县酒房镇松林村")]
    got = funds("华信集团定点帮扶麟游县。其中,在定点帮扶县投入无偿帮扶资金600万元。")
    assert [(donor, recipient) for _, donor, recipient in got] == [("华信集团", "陕西省宝鸡市麟游县")]


def test_counties_counted_without_ge_after_a_place_give_and_receive_as_stated():
    got = funds("浙江省对口帮扶四川省甘孜州。今年浙江18县将对甘孜州18县率先投入5400万元。")
    assert got == [(54000000, "浙江省18县", "四川省甘孜藏族自治州18县")]
    assert funds("华信集团对口帮扶织金县。对此,华信集团投入资金30万元。")[0][2] == "贵州省毕节市织金县"


def test_what_money_is_used_for_receives_it_only_when_it_names_places():
    def recipient(use: str) -> str:
        (f,) = extract(None, f"福州市对口帮扶定西市。福州市投入80万元,用于{use}。").funding
        return f.recipient.name

    assert recipient("结对县区发展") == "结对县区"
    assert recipient("机耕道建设") == "定西市"  # what is built is no party
    assert recipient("培育和发展特色产业") == "定西市"  # nor a verb before 和


def test_an_area_helped_that_no_party_names_receives_what_nobody_is_said_to_give():
    body = ("2018年全国对口支援三峡库区工作座谈会在宜昌举行。当日共签约落户投资项目30个,签约金额120亿元。")
    (f,) = extract(None, body).funding
    assert f.donor is None and f.recipient.name == "三峡库区"


def test_whom_an_amount_is_for_after_it_receives_it():
    body = "福州市对口帮扶定西市。福州市妇联多方筹措资金80万元为定西市安定区建成光伏项目。"
    (f,) = extract(None, body).funding
    assert (f.donor.name, f.recipient.name) == ("福州市妇联", "安定区")


def test_raising_money_for_a_place_gives_it():
    (f,) = extract(None, "福州市对口帮扶定西市。福州市妇联为定西市安定区筹措资金80万元。").funding
    assert f.recipient.name == "安定区"


def test_a_giver_s_money_with_no_receiver_named_goes_to_the_place_the_article_is_about():
    body = ("西乡县非公企业积极参与结对帮扶。西乡县100个贫困村与企业结对。"
            "其中,某某生物科技公司投入资金250余万元,帮扶81户250人。")
    (f,) = extract(None, body).funding
    assert (f.donor.name, f.recipient.name) == ("某某生物科技公司", "西乡县")


def test_places_counted_after_dui_receive_as_written():
    (f,) = extract(None, "中央企业定点扶贫任务明确,中央企业承诺对200个定点扶贫县投入无偿帮扶资金30亿元。").funding
    assert (f.donor.name, f.recipient.name) == ("中央企业", "200个定点扶贫县")


def test_a_helped_place_read_as_giving_to_itself_is_given_to_by_its_helper():
    (f,) = extract(None, "深圳市对口帮扶河池市。5年来,粤桂协作河池工作组为河池市共募集帮扶资金4亿元。").funding
    assert (f.donor.name, f.recipient.name) == ("深圳市", "河池市")


def test_money_whose_sentence_names_no_giver_comes_from_the_article_s_main_helper():
    got = extract(None, "杭州市对口帮扶恩施州。\n\n活动中,工作组向10户困难户发放慰问金1万元。")
    (f,) = got.funding
    assert (f.amount_yuan, f.donor.name) == (10000, "杭州市")


def test_the_main_helper_does_not_give_to_a_body_of_its_own():
    got = extract(None, "杭州市对口帮扶恩施州。\n\n活动中,工作组向杭州市第一人民医院发放慰问金1万元。")
    (f,) = got.funding
    assert (f.recipient.name, f.donor) == ("杭州市第一人民医院", None)


def test_a_receiver_written_after_a_short_description_is_the_place():
    got = extract(None, "4月2日,某某集团向革命老区江西省吉安县庙前村捐款160万元,用于支持该村集体养殖产业项目。")
    (f,) = got.funding
    assert f.recipient.full_name == "江西省吉安市吉安县庙前村"


def test_money_given_to_people_goes_to_the_place_the_article_is_about():
    body = "江宁区对口帮扶镇坪县。江宁区商会向12户困难户发放慰问金2万元,并为当地困难学生捐赠助学金3万元。"
    got = {f.amount_yuan: f.recipient.name for f in extract(None, body).funding}
    assert got == {20_000: "镇坪县", 30_000: "镇坪县"}


def test_a_receiver_described_without_a_name_is_no_party():
    body = "江宁区对口帮扶镇坪县。江宁区向所帮扶的村捐赠帮扶资金50万元。"
    (f,) = extract(None, body).funding
    assert (f.donor.name, f.recipient.name) == ("江宁区", "镇坪县")


def test_money_for_the_village_goes_to_the_village_the_sentence_is_in() -> None:
    body = "江宁区对口帮扶镇坪县。在镇坪县曾家镇华坪村,江宁区商会为村里捐赠了8万元。"
    assert [(f.amount_yuan, f.recipient.name) for f in extract(None, body).funding] == [(80_000, "华坪村")]


def test_a_receiver_span_opening_with_a_verb_is_no_party() -> None:
    body = "江宁区对口帮扶镇坪县。江宁区为支持水源区发展投入资金5亿元。"
    # the money is still found, and goes to the article's partner, not to "支持水源区"
    assert [(f.amount_yuan, f.recipient.name) for f in extract(None, body).funding] == [(500_000_000, "镇坪县")]


def test_a_receiver_named_after_its_role_word_is_the_place_not_its_province():
    body = "近日,某某银行向云南挂钩扶贫点——临沧市临翔区邦东乡捐赠20万元,用于茶叶加工厂建设。"
    assert funds(body) == [(200_000, "某某银行", "云南省临沧市临翔区邦东乡")]


def test_a_sum_no_sentence_ties_to_a_place_is_the_helper_s_whole_partner_s_not_the_county_most_named():
    title = "江苏实施二十个援藏项目 助推拉萨发展"
    body = ("日前,江苏省对口支援拉萨市达孜区物流中心项目开工。据了解,今年江苏援藏项目共20个,安排援藏资金3000万元。"
            "投资500万元的达孜区扎叶巴村整治项目是江苏援藏的典型。\n其中,基础设施类项目8个,安排援藏资金1200万元。")
    got = funding_by_text(body, title)
    assert (got["1200万元"].donor.name, got["1200万元"].recipient.name) == ("江苏省", "拉萨市")


def test_a_village_s_own_body_written_without_its_name_stands_for_the_village_the_sentence_is_in():
    body = "乡城县热打镇阿都村举行捐赠仪式,杭州某某电梯有限公司向村两委捐赠5万元基础设施建设资金。"
    assert funds(body) == [(50_000, "杭州某某电梯有限公司", "四川省甘孜藏族自治州乡城县热打镇阿都村")]
