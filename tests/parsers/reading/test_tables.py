"""Tables as article text: text dumps whose table was flattened into lines, and HTML <table>s.

The pages here are written for these tests (their sentences are ours).  A table's header row is
never the title, its rows are body lines, and a money unit that only the header states ("资金
（万元）", "单位：万元") is written after each bare number of that column, so that the extractor
reads "1500万元" where the row says "1500".
"""

from __future__ import annotations

import json

from conftest import PROBES

from parsers.document import parse_document, read_document
from parsers.reading.html_blocks import read_html
from parsers.reading.registry import GENERIC, get_rules
from parsers.reading.site_reader import prepare_lines, read_page
from parsers.reading.tables import find_tables, table_lines, with_units

INTRO = "按照江苏省常州市与陕西省商洛市东西部协作工作安排，现将2024年度援助资金项目安排情况公示如下："
CLOSING = "公示期为2024年5月6日至5月12日。如有异议，请在公示期内向县乡村振兴局反映。"
ROWS = [("1", "村道硬化", "常州市", "甲镇", "1500"), ("2", "饮水安全巩固提升", "常州市", "乙乡", "860"),
        ("3", "特色种植基地", "常州市", "丙村", "420"), ("4", "劳务技能培训", "常州市", "县城", "75.5")]
HEADER = ("序号", "项目名称", "援助单位", "实施地点", "资金（万元）")
WANT = [
    "1 村道硬化 常州市 甲镇 1500万元",
    "2 饮水安全巩固提升 常州市 乙乡 860万元",
    "3 特色种植基地 常州市 丙村 420万元",
    "4 劳务技能培训 常州市 县城 75.5万元",
]


def dump(sep: str = "\t", *, intro: str = INTRO, header: tuple[str, ...] = HEADER, extra: str = "") -> str:
    rows = "\n".join(sep.join(r) for r in ROWS)
    return (
        "URL: http://www.example-xian.gov.cn/zwgk/2024/0506/t1.html\n\n"
        "2024年度东西部协作资金项目安排公示\n发布日期：2024-05-06　来源：示例县乡村振兴局\n"
        f"{intro}\n{extra}{sep.join(header)}\n{rows}\n合计{sep}2855.5\n{CLOSING}\n"
    )


def test_a_flattened_table_is_body_text_and_the_title_stays_the_title():
    doc = read_document(dump().encode())
    f = doc.fields
    assert f.title == "2024年度东西部协作资金项目安排公示"
    assert f.date is not None and f.date.value.date().isoformat() == "2024-05-06"
    assert f.publisher == "示例县乡村振兴局"
    assert f.body == [INTRO, "序号 项目名称 援助单位 实施地点 资金（万元）", *WANT, "合计 2855.5万元", CLOSING]


def test_rows_spaced_wide_like_a_menu_are_still_rows():
    """Cells set apart by runs of spaces: the reader's menu test would call each row furniture."""
    body = read_document(dump("    ").encode()).fields.body
    assert [x.split() for x in body[2:6]] == [x.split() for x in WANT]


def test_the_unit_from_a_unit_line_goes_to_the_money_columns_only():
    header = ("序号", "项目名称", "援助单位", "实施地点", "资金")
    body = read_document(dump(header=header, extra="单位：万元\n").encode()).fields.body
    assert "单位：万元" in body
    assert WANT[0] in body and WANT[3] in body
    assert "合计 2855.5万元" in body


def test_a_table_right_below_the_date_line_with_no_lead_sentence():
    text = dump(intro="").replace("\n\n序号", "\n序号")
    doc = read_document(text.encode())
    assert doc.fields.title == "2024年度东西部协作资金项目安排公示"
    assert doc.fields.body[0].startswith("序号") and WANT[2] in doc.fields.body


def test_the_probe_with_a_flattened_project_table_yields_its_three_amounts():
    """The beijing-hotan-project-plan-table probe (written for this project): before, its header row
    was the title and its rows were lost."""
    ex = parse_document((PROBES / "beijing-hotan-project-plan-table.txt").read_bytes())
    assert not ex.article.title.startswith("序号")
    gold = next(json.loads(x) for x in (PROBES / "gold.jsonl").read_text().splitlines() if '"beijing-hotan-project-plan-table"' in x)
    want = {g["amount_yuan"] for g in gold["funding"]}
    assert want and want <= {f.amount_yuan for f in ex.funding}


# --- the line-level rules ---------------------------------------------------------------------------


def test_units_align_from_the_right_when_a_name_holds_a_space():
    lines = ["序号 项目名称 地点 金额(万元)", "1 村道 硬化 甲镇 300", "2 水渠 乙乡 12.5", "合计 312.5"]
    assert with_units(lines) == ["序号 项目名称 地点 金额(万元)", "1 村道 硬化 甲镇 300万元", "2 水渠 乙乡 12.5万元",
                                 "合计 312.5万元"]


def test_numbers_outside_the_money_column_keep_no_unit():
    lines = ["序号 项目名称 受益人数 投资(亿元)", "1 产业园 1200 1.5", "2 冷链物流 800 0.6"]
    assert with_units(lines)[1:] == ["1 产业园 1200 1.5亿元", "2 冷链物流 800 0.6亿元"]


def test_numbered_rows_without_a_header_are_a_table_with_no_unit():
    lines = ["经村民代表会议评议，现将拟纳入帮扶的农户公示如下：", "1 张三 甲村 2", "2 李四 乙村 3", "3 王五 丙村 1", "以上名单如有异议请反映。"]
    tables = find_tables(lines)
    assert [(t.start, t.header, t.end) for t in tables] == [(0, None, 3)]
    assert with_units(lines) == lines


def test_sentences_and_numbered_paragraphs_are_not_tables():
    lines = [
        "1 加强组织领导，压实各方责任。",
        "2 强化资金监管，确保资金安全。",
        "3 做好宣传引导，营造良好氛围。",
        "会议要求 各地 各部门 认真落实",
        "项目名称 资金 地点",  # a header with no rows under it
        "今年以来，全县共实施帮扶项目12个，投入资金3000万元。",
    ]
    assert table_lines(lines) == set()


def test_blank_lines_between_rows_do_not_end_the_table():
    lines = ["序号 项目 金额(万元)", "", "1 道路 50", "", "2 桥梁 80", ""]
    assert table_lines(lines) == {0, 2, 4}
    assert with_units(lines)[4] == "2 桥梁 80万元"


# --- HTML -----------------------------------------------------------------------------------------

NAV = "".join(f'<a href="/c{i}">栏目{i}</a> | ' for i in range(12))
RELATED = "".join(f'<li><a href="/n{i}">另一条新闻的标题第{i}条</a></li>' for i in range(8))


def html_table(*, word_cells: bool = False, rows: int = 0) -> str:
    cell = (lambda x: f'<td width="80"><p align="center"><span>{x}</span></p></td>') if word_cells else (
        lambda x: f"<td>{x}</td>")
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    data = list(ROWS) + [(str(i), f"第{i}号村道路硬化", "常州市", f"{i}村", str(100 + i)) for i in range(5, 5 + rows)]
    body = "".join("<tr>" + "".join(cell(c) for c in r) + "</tr>" for r in data)
    return f'<table border="1"><tbody>{head}{body}<tr><td colspan="4">合计</td><td>2855.5</td></tr></tbody></table>'


def html_page(table: str, *, content_class: str = "") -> str:
    cls = f' class="{content_class}"' if content_class else ""
    return (
        "<html><head><title>2024年度东西部协作资金项目安排公示_示例县人民政府</title></head><body>"
        f"<div>{NAV}</div><table><tr><td><div><h2>2024年度东西部协作资金项目安排公示</h2>"
        f"<div>发布日期：2024-05-06 来源：示例县乡村振兴局</div><div{cls}><p>{INTRO}</p>{table}<p>{CLOSING}</p>"
        f"</div></div></td><td><ul>{RELATED}</ul></td></tr></table><div>版权所有 示例县人民政府</div></body></html>"
    )


def test_an_html_page_whose_body_is_mostly_a_table():
    """Short unpunctuated cells count as labels by density; a data table's rows are text instead."""
    f = read_document(html_page(html_table(rows=25)).encode()).fields
    assert f.title == "2024年度东西部协作资金项目安排公示"
    assert f.date is not None and f.date.value.date().isoformat() == "2024-05-06"
    assert f.body[:2] == [INTRO, "序号 项目名称 援助单位 实施地点 资金（万元）"]
    assert f.body[2:6] == WANT
    assert "29 第29号村道路硬化 常州市 29村 129万元" in f.body
    assert f.body[-2:] == ["合计 2855.5万元", CLOSING]
    assert not any("另一条新闻" in x or "栏目" in x for x in f.body)


def test_cells_written_as_paragraphs_still_make_one_line_a_row():
    f = read_document(html_page(html_table(word_cells=True), content_class="content").encode()).fields
    assert f.body == [INTRO, "序号 项目名称 援助单位 实施地点 资金（万元）", *WANT, "合计 2855.5万元", CLOSING]


def test_layout_tables_calendars_and_listings_are_not_data_tables():
    paragraphs = "".join(f"<p>{INTRO}第{i}段。</p>" for i in range(4))
    calendar = "<table>" + "".join(
        "<tr>" + "".join(f"<td>{w * 7 + d + 1}</td>" for d in range(7)) + "</tr>" for w in range(4)) + "</table>"
    listing = "<table>" + "".join(
        f'<tr><td>{i}</td><td><a href="/n{i}">另一条新闻的标题第{i}条</a></td><td>2024-05-0{i} 10:00</td></tr>'
        for i in range(1, 6)) + "</table>"
    page = (f"<html><body><table><tr><td>{NAV}</td></tr><tr><td><h1>一条新闻的标题</h1>{paragraphs}</td>"
            f"<td>{calendar}</td></tr></table>{listing}</body></html>")
    blocks = read_html(page).blocks
    assert not any(b.tag == "tr" for b in blocks)  # no row read as one line
    f = read_document(page.encode()).fields
    assert f.body == [f"{INTRO}第{i}段。" for i in range(4)]


def test_site_rules_never_take_a_header_row_for_the_title():
    """The site-rules reader (parsers/reading/site_reader.py) on a page with no title line: no title, not the header."""
    lines = prepare_lines(dump().split("\n", 3)[3])  # from the date line on
    fields = read_page(lines, get_rules(GENERIC), get_rules(GENERIC))
    assert fields.title is None
    body = [" ".join(x.split()) for x in fields.body]  # the cells are still set apart by tabs here
    assert body[:2] == [INTRO, "序号 项目名称 援助单位 实施地点 资金（万元）"]
    assert body[2:6] == WANT
