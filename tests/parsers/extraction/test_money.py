"""Every amount form money.py reads, on sentences written for these tests."""

from __future__ import annotations

import pytest

from parsers.extraction.money import find_amounts, number


def _one(text: str):
    (amount,) = find_amounts(text)
    return amount


@pytest.mark.parametrize(
    ("text", "yuan", "approx", "surface"),
    [
        # stacked units: 万亿 is 10^12, 千亿 / 百亿 / 千万 multiply out
        ("两省共吸引投资1万多亿元", 10**12, True, "1万多亿元"),
        ("三年投入3万亿元", 3 * 10**12, False, "3万亿元"),
        ("计划引资1.2万亿元", 1_200_000_000_000, False, "1.2万亿元"),
        ("协议总额5千亿元", 500_000_000_000, False, "5千亿元"),
        ("协议总额超3百亿元", 30_000_000_000, True, "超3百亿元"),
        ("筹措3.5千万元用于修路", 35_000_000, False, "3.5千万元"),
        # infixes after the number, between the units, after the units
        ("捐赠两千余万元", 20_000_000, True, "两千余万元"),
        ("落实资金2000余万元", 20_000_000, True, "2000余万元"),
        ("帮扶资金2亿多元", 200_000_000, True, "2亿多元"),
        ("慰问金14万余元", 140_000, True, "14万余元"),
        ("援助资金8000余元", 8_000, True, "8000余元"),
        # a second figure under the first unit
        ("投入一亿两千万元", 120_000_000, False, "一亿两千万元"),
        ("投入1亿2000万元", 120_000_000, False, "1亿2000万元"),
        ("投入1亿零500万元", 105_000_000, False, "1亿零500万元"),
        ("投入1亿2000余万元", 120_000_000, True, "1亿2000余万元"),
        # a unit alone after 近 / 超 / 逾 / 上
        ("投入近千万元", 10_000_000, True, "近千万元"),
        ("援助金额逾亿元", 100_000_000, True, "逾亿元"),
        ("投入近亿元建学校", 100_000_000, True, "近亿元"),
        ("捐赠近万元物资", 10_000, True, "近万元"),
        # qualifiers
        ("援助超12亿元", 1_200_000_000, True, "超12亿元"),
        ("援助逾500万元", 5_000_000, True, "逾500万元"),
        ("援助超过500万元", 5_000_000, True, "超过500万元"),
        ("捐款多达500万元", 5_000_000, True, "多达500万元"),
        ("捐款约500万元", 5_000_000, True, "约500万元"),
        ("捐款将近500万元", 5_000_000, True, "将近500万元"),
        ("捐款500多万元", 5_000_000, True, "500多万元"),
        ("捐款500万元以上", 5_000_000, True, "500万元以上"),
        ("捐款500万元左右", 5_000_000, True, "500万元左右"),
        ("承诺拿出不少于800万元", 8_000_000, True, "800万元"),  # the lead word stays out of the text
        # separators, full-width digits, spaces left by removed pinyin
        ("到位资金1,200万元", 12_000_000, False, "1,200万元"),
        ("到位资金１２００万元", 12_000_000, False, "１２００万元"),
        ("到位资金１，２００万元", 12_000_000, False, "１，２００万元"),
        ("累计投入6.5亿 元", 650_000_000, False, "6.5亿 元"),
        ("援助资金4.25 亿元", 425_000_000, False, "4.25 亿元"),
        ("投入700余 万 元", 7_000_000, True, "700余 万 元"),
        # 人民币 before or after
        ("捐赠人民币500万元", 5_000_000, False, "500万元"),
        ("捐赠500万元人民币", 5_000_000, False, "500万元"),
        ("捐赠500万人民币", 5_000_000, False, "500万人民币"),
        # plain forms that worked before
        ("捐赠五十万元", 500_000, False, "五十万元"),
        ("投入二〇二三万元", 20_230_000, False, "二〇二三万元"),
        # the financial numerals, reported as written
        ("捐赠伍万元人民币", 50_000, False, "伍万元"),
        ("捐赠人民币壹佰万元整", 1_000_000, False, "壹佰万元"),
        ("捐款叁仟伍佰元", 3_500, False, "叁仟伍佰元"),
    ],
)
def test_amount_forms(text, yuan, approx, surface):
    a = _one(text)
    assert (a.yuan, a.approximate, a.text) == (yuan, approx, surface)
    assert a.upper is None and a.per is None
    assert text[a.start : a.end] == a.text


@pytest.mark.parametrize(
    "text",
    [
        "捐赠500万美元",
        "捐款1000港元",
        "捐赠港币500万元",
        "投资50万欧元",
        "资金600万美金",
        "投入数千万元",
        "投入数十万元",
        "几十万元的项目",
        "十几万元的项目",
        "全省14亿多人口",
    ],
)
def test_not_a_yuan_figure(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "low", "high", "surface"),
    [
        ("每个项目安排300万至500万元", 3_000_000, 5_000_000, "300万至500万元"),
        ("单个项目补助300-500万元", 3_000_000, 5_000_000, "300-500万元"),
        ("项目投资300万元至500万元不等", 3_000_000, 5_000_000, "300万元至500万元"),
        ("项目投资300万～500万元不等", 3_000_000, 5_000_000, "300万～500万元"),
        ("总投资1.5-2亿元", 150_000_000, 200_000_000, "1.5-2亿元"),
        ("总投资三至五亿元", 300_000_000, 500_000_000, "三至五亿元"),
    ],
)
def test_a_range_is_its_lower_bound_approximate(text, low, high, surface):
    a = _one(text)
    assert (a.yuan, a.approximate, a.upper, a.text) == (low, True, high, surface)


def test_a_change_between_two_figures_is_no_range():
    got = find_amounts("帮扶资金从上年的300万元增加到500万元")
    assert [(a.yuan, a.upper) for a in got] == [(3_000_000, None), (5_000_000, None)]


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("每县安排帮扶资金300万元", "县"),
        ("每村50万元用于产业发展", "村"),
        ("为每个村补助80万元", "村"),
        ("每所学校捐赠20万元", "学校"),
        ("两家企业各100万元", "各"),
        ("结对双方各投入100万元", "各"),
        ("发放慰问金1000元/户", "户"),
    ],
)
def test_per_unit_amounts_say_what_they_are_per(text, per):
    assert _one(text).per == per


@pytest.mark.parametrize(
    "text",
    ["社会各界捐赠100万元", "各级财政投入100万元", "累计投入帮扶资金300万元", "每年都有很多企业前来考察,共投入100万元"],
)
def test_totals_are_not_per_unit(text):
    assert _one(text).per is None


def test_a_per_unit_amount_is_still_found():
    """Marked, not dropped: what to do with it is the caller's choice."""
    assert [a.yuan for a in find_amounts("每县300万元,共计1500万元")] == [3_000_000, 15_000_000]


@pytest.mark.parametrize(("text", "yuan"), [("资金1万多亿", 10**12), ("援助资金1亿2000万", 120_000_000)])
def test_bare_forms_after_a_money_noun(text, yuan):
    assert [a.yuan for a in find_amounts(text)] == [yuan]


@pytest.mark.parametrize(
    ("token", "value"),
    [("两", 2), ("二", 2), ("三", 3), ("十", 10), ("12", 12), ("1,200", 1200), ("3.5", 3.5), ("两千", 2000),
     ("千", 1000), ("亿", 10**8)],
)
def test_number(token, value):
    assert number(token) == value


def test_number_refuses_what_is_no_number():
    assert number("9" * 40) is None and number("个") is None


# --- amount shapes, surface and approximate flag -------------------------------------------


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


@pytest.mark.parametrize(
    ("text", "yuan"),
    [("捐赠了价值600万的医疗设备", 6_000_000), ("占全年计划援助资金110亿的40%", 11_000_000_000)],
)
def test_amounts_without_yuan_after_a_money_noun(text, yuan):
    assert [a.yuan for a in find_amounts(text)] == [yuan]


@pytest.mark.parametrize(
    ("text", "yuan"),
    [("首批30万帮扶资金已拨付", 300_000), ("安排800万东西部协作资金", 8_000_000), ("送来5万现金", 50_000)],
)
def test_amounts_without_yuan_before_the_funds_they_are(text, yuan):
    assert [a.yuan for a in find_amounts(text)] == [yuan]


@pytest.mark.parametrize("text", ["互送游客达600万人次", "输送天然气13亿立方米", "资金600万人次", "人均GDP逾1万美元", "全国14亿多人口",
                                  "惠及30万贫困群众的帮扶资金", "带动5万户增收的扶贫资金"])
def test_no_amount_without_yuan_or_money_context(text):
    assert find_amounts(text) == []


def test_a_unit_alone_is_one_of_it_unless_vague():
    assert [(a.yuan, a.approximate) for a in find_amounts("投入近千万元建设暖棚")] == [(10_000_000, True)]
    assert [(a.yuan, a.approximate) for a in find_amounts("带动上百万元销售")] == [(1_000_000, True)]
    assert find_amounts("投入数千万元") == [] and find_amounts("几百万元的项目") == []
    assert [a.yuan for a in find_amounts("三千万元")] == [30_000_000]


@pytest.mark.parametrize(
    ("text", "surface", "yuan", "per"),
    [("为困难户发放慰问金800/户。", "800", 800, "户"), ("发放助学金每生500/人", "500", 500, "生")],
)
def test_a_plain_figure_per_unit_after_a_money_noun_is_yuan(text, surface, yuan, per):
    a = _one(text)
    assert (a.text, a.yuan, a.per) == (surface, yuan, per)


@pytest.mark.parametrize("text", ["种植面积1000/亩", "完成率2/3", "受益群众800/户"])
def test_a_plain_figure_per_unit_without_a_money_noun_is_none(text):
    assert find_amounts(text) == []


def test_a_figure_right_after_a_full_width_comma_is_found():
    """，read as , after a word ends a clause: the figure after it is whole (1,200 is still one number)."""
    got = [a.text for a in find_amounts("其中5万元用于修路，3万余元用于助学;共计1,200万元")]
    assert got == ["5万元", "3万余元", "1,200万元"]


@pytest.mark.parametrize("text,yuan", [
    ("村里收到1万1千元助学款", 11_000),
    ("捐赠一万一千元", 11_000),
    ("共计2万3千5百元", 23_500),
    ("总投资1亿2千万元", 120_000_000),
])
def test_figures_stacked_under_each_other_s_units_are_one_amount(text, yuan) -> None:
    assert [a.yuan for a in find_amounts(text)] == [yuan]


@pytest.mark.parametrize("text,yuan", [
    ("计划投入3千5百万元建设产业园", 35_000_000),
    ("累计1千5百万元", 15_000_000),
    ("总投资3千5百亿元", 350_000_000_000),
])
def test_a_count_of_wan_or_yi_written_in_mixed_figures_and_units_is_one_amount(text, yuan) -> None:
    # 3千5百万 is 三千五百万: the 万 counts the whole 3千5百
    assert [a.yuan for a in find_amounts(text)] == [yuan]
