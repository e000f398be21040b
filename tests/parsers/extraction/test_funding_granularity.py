"""A funding item names the most specific recipient its sentence ties to the money, and a total
for a whole province stays the province's (sentences of our own)."""

from __future__ import annotations

from extraction_helpers import funds

from parsers.extraction.extract import extract


def recipients(text: str) -> dict[int, str | None]:
    return {f.amount_yuan: f.recipient.name if f.recipient else None for f in extract(None, text).funding}


ARTICLE = "江苏省对口帮扶陕西省。"


def test_a_county_named_in_the_amount_s_clause_is_the_recipient() -> None:
    found = recipients(ARTICLE + "延川县幼儿园由苏陕扶贫资金安排300万元,黄龙县福利院由苏陕扶贫资金安排158万元。")
    assert found == {3_000_000: "延川县", 1_580_000: "黄龙县"}


def test_a_province_wide_total_stays_with_the_province() -> None:
    assert recipients(ARTICLE + "江苏省共向陕西省投入东西部协作资金26亿元。") == {2_600_000_000: "陕西省"}


def test_places_in_other_clauses_do_not_narrow_a_total() -> None:
    text = ARTICLE + "这笔资金帮助了延川县和黄龙县的学校,两年共投入陕西省东西部协作资金3亿元。"
    assert recipients(text) == {300_000_000: "陕西省"}


def test_the_one_who_speaks_of_the_money_is_not_its_giver() -> None:
    text = ("江苏省对口帮扶陕西省。陕西省发改委相关负责人介绍,今年江苏方面共投入东西部协作资金5亿元。")
    [f] = extract(None, text).funding
    assert f.donor is not None and f.donor.name == "江苏省"


def test_brought_to_a_place_names_its_receiver() -> None:
    text = "青峰保税港区与黄坛镇结成结对帮扶单位。日前,青峰保税港区一行来到黄坛镇,为该镇两个村送来帮扶资金150万元。"
    [f] = extract(None, text).funding
    assert (f.donor.name, f.recipient.name) == ("青峰保税港区", "黄坛镇")


def test_a_helpers_sum_with_no_receiver_named_is_its_whole_partners_not_one_countys():
    body = ("温州市对口帮扶四川省甘孜州。温州市对口帮扶康定市,建成学校两所。温州市对口帮扶康定市的医院。"
            "今年,温州市累计投入协作资金3亿元。")
    assert funds(body) == [(300000000, "浙江省温州市", "四川省甘孜藏族自治州")]


def test_a_total_of_the_whole_holding_several_helped_places_is_the_wholes():
    body = ("广州市对口支援新疆兵团第三师,深圳市对口支援兵团第十四师。"
            "今年,新疆兵团安排援疆资金12亿元,实施项目200个。")
    assert funds(body) == [(1200000000, None, "新疆生产建设兵团")]


def test_a_place_holding_one_helped_county_is_no_whole_of_several():
    body = "青岛市崂山区对口帮扶甘肃省定西市安定区。定西市安排协作资金8000万元。"
    assert [f for f in funds(body) if f[2] == "甘肃省定西市"] == []


def test_a_figure_goes_to_the_pairing_stated_earlier_in_its_paragraph_not_the_province_pair_it_names():
    from datetime import date

    body = ("1996年,京蒙两地建立对口帮扶关系,北京市对口帮扶内蒙古。\n"
            "2024年,北京市朝阳区与四子王旗、商都县分别签订东西部协作协议。接续选派干部20名。"
            "截至目前,完成企业扩大投资2亿元,组织10家企业赴内蒙古考察对接;完成消费帮扶1亿元。")
    first = funds(body, published=date(2024, 6, 1))[0]
    assert first == (200000000, "北京市朝阳区", "内蒙古自治区乌兰察布市四子王旗、内蒙古自治区乌兰察布市商都县")


def test_money_arriving_in_the_aided_province_is_the_provinces_not_one_pairs():
    body = "江苏省对口支援伊犁州。截至7月底,今年援疆资金到疆新增90.5亿元,五年累计到疆480亿元。"
    assert funds(body) == [(9050000000, None, "新疆维吾尔自治区"), (48000000000, None, "新疆维吾尔自治区")]
