"""Rules added after the sixth held-out probe round (p98-p117), on sentences written for these
tests: full-width punctuation as HTML pages serve it, 近千万元, a place's 企业和社会组织 giving,
trade figures, 对口招生 in school news, an allocation list sharing out the funds named before,
and a place's own named funds (浙江省...东西部协作财政援助资金1.5亿元)."""

from __future__ import annotations

from parsers.extraction.extract import extract
from parsers.extraction.money import find_amounts


def _pairs(title, body):
    return {(p.donor.name, p.recipient.name) for p in extract(title, body).pairings}


def _money(title, body):
    return {f.text: f for f in extract(title, body).funding}


def test_full_width_commas_break_clauses_like_ascii_ones():
    body = "2024年，江苏省坚决扛起东西部协作政治责任，与陕西省携手推进乡村振兴，全年投入陕西省财政援助资金28.6亿元。"
    assert ("江苏省", "陕西省") in _pairs(None, body)
    f = _money(None, body)["28.6亿元"]
    assert (f.donor.name, f.recipient.name) == ("江苏省", "陕西省")


def test_a_unit_alone_is_one_of_it_unless_vague():
    assert [(a.yuan, a.approximate) for a in find_amounts("投入近千万元建设暖棚")] == [(10_000_000, True)]
    assert [(a.yuan, a.approximate) for a in find_amounts("带动上百万元销售")] == [(1_000_000, True)]
    assert find_amounts("投入数千万元") == [] and find_amounts("几百万元的项目") == []
    assert [a.yuan for a in find_amounts("三千万元")] == [30_000_000]


def test_a_places_companies_and_organisations_give_as_themselves():
    body = "杨浦区对口支援果洛州玛多县。杨浦区的企业和社会组织今年已经向玛多县捐款捐物折合人民币近300万元。"
    f = _money(None, body)["近300万元"]
    assert f.donor.name == "杨浦区企业和社会组织" and f.recipient.name == "玛多县"


def test_trade_between_the_partners_is_no_funding():
    body = "山东省对口支援重庆市。两地贸易往来日益密切,全年贸易额超过560亿元。"
    assert "超过560亿元" not in _money(None, body)


def test_dui_kou_in_school_admissions_is_not_the_programme():
    body = "今年全省对口招生计划2.1万人。省财政今年安排中职学生资助资金3.4亿元。"
    assert extract("中职对口招生报名启动", body).funding == []


def test_an_allocation_list_shares_out_the_funds_named_before():
    body = ("广东省2024年第一批东西部协作财政援助资金2.4亿元已拨付到位。现将资金下达给你们。\n"
            "具体分配如下:黔南州9000万元,黔东南州8000万元,毕节市7000万元。")
    money = _money("关于下达东西部协作资金的通知", body)
    assert money["2.4亿元"].donor.name == "广东省"
    shares = {t: (f.donor.name, f.recipient.name, f.kind) for t, f in money.items() if t != "2.4亿元"}
    assert shares == {"9000万元": ("广东省", "黔南布依族苗族自治州", "帮扶资金"),
                      "8000万元": ("广东省", "黔东南苗族侗族自治州", "帮扶资金"),
                      "7000万元": ("广东省", "毕节市", "帮扶资金")}


def test_a_list_without_the_lead_words_stays_out():
    body = "广东省东西部协作财政援助资金2.4亿元已拨付到位。\n黔南州去年地区生产总值1800亿元,毕节市2000亿元。"
    assert set(_money(None, body)) == {"2.4亿元"}


def test_a_western_places_named_funds_are_received_not_given():
    body = "贵州省2024年东西部协作财政援助资金45亿元已全部到位。"
    f = _money(None, body)["45亿元"]
    assert f.donor is None or f.donor.name != "贵州省"


def test_evidence_and_amounts_keep_the_pages_own_characters():
    """Full-width forms are read like ASCII, but what is reported is the page's text as written."""
    title, body = "杭州市对口帮扶恩施州", "今年，杭州市向恩施州投入帮扶资金１２００万元，支持当地茶叶产业发展。"
    out = extract(title, body)
    [f] = out.funding
    assert (f.amount_yuan, f.text) == (12_000_000, "１２００万元")
    assert f.evidence in body and "，" in f.evidence
    assert out.pairings and all(p.evidence in f"{title}\n{body}" for p in out.pairings)
