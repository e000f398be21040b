"""Page furniture that must not stay in a body (menus, breadcrumbs, end marks, editor lines, footers,
WeChat 往期推荐 tails) and bylines with a spaced or non-Han-surname name, on HTML and text dumps alike.

All pages here are written for these tests."""

from __future__ import annotations

from parsers.document import read_document
from parsers.reading import bylines

PARA = [
    "2023年以来，甲市与乙县深化协作，结对帮扶从“输血”走向“造血”，双方签订了新的合作协议。",
    "今年甲市安排乙县帮扶资金1.2亿元，重点支持产业园区、就业车间和易地搬迁安置点的建设。",
    "乙县负责同志表示，将用好每一笔资金，让群众在家门口就能就业增收，日子越过越红火。",
]


def _page(head: str, tail: str, paras: list[str] = PARA) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<html><head><title>甲乙协作谱新篇 - 乙县人民政府</title></head><body>{head}"
            f"<div class='con'><h1>甲乙协作谱新篇</h1><div class='info'>发布日期：2024-03-05</div>"
            f"<div class='zw'>{body}</div>{tail}</div></body></html>").encode()


def _body(data: bytes) -> list[str]:
    return read_document(data).fields.body


def test_menu_items_and_breadcrumb_stay_out_of_the_body():
    items = "首页 走进乙县 政务公开 政务服务 互动交流 专题专栏".split()
    menu = "<div>今天是：2024年3月5日 星期二</div><ul class='menu'>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>"
    crumb = "<div class='location'>当前位置：首页 &gt; 新闻动态 &gt; 乙县要闻</div>"
    body = _body(_page(menu + crumb, ""))
    assert body == PARA


def test_a_short_list_inside_the_text_stays():
    paras = [*PARA[:2], "<ul><li>一是建厂房，</li><li>二是育人才，</li><li>三是强品牌。</li></ul>", PARA[2]]
    body = _body(_page("", "", paras))
    assert "一是建厂房，" in body and body[-1] == PARA[2]


def test_end_mark_and_bracketed_editor_close_the_body():
    body = _body(_page("", "<p>（完）</p><div class='editor'>【责任编辑：张三】</div>"))
    assert body == PARA


def test_news_agency_tag_with_editor_closes_the_body():
    body = _body(_page("", "<p>【某某报讯】 责任编辑：李四</p>"))
    assert body == PARA


def test_icp_footer_closes_a_table_layout_body():
    page = ("<html><body><table><tr><td><h1>甲乙协作谱新篇</h1>"
            + "".join(f"<p>{p}</p>" for p in PARA)
            + "</td></tr></table><div class='bottom'>乙县人民政府办公室主办 滇ICP备01234567号</div></body></html>")
    body = _body(page.encode())
    assert body[-1] == PARA[-1] and not any("ICP" in x for x in body)


def test_wechat_recommendation_tail_is_cut():
    body = _body(_page("", "<p>▼往期推荐</p><p>乙县：秋收正当时</p><p>分享 收藏 点赞 在看</p>"))
    assert body == PARA


def test_text_dump_uses_the_same_rules():
    text = "\n".join(["甲乙协作谱新篇", "2024-03-05 来源：乙县融媒体中心", *PARA, "（完）", "【责任编辑：张三】",
                      "乙县人民政府办公室主办 滇ICP备01234567号"])
    assert _body(text.encode()) == PARA


def test_spaced_two_character_name_is_one_author():
    assert bylines.labelled_writers("新华社某地6月1日电（记者 次仁旺堆 李 洋）走进") == ["次仁旺堆", "李洋"]
    assert bylines.labelled_writers("（记者 王 摄）") != ["王摄"]


def test_reporter_on_the_date_line_is_an_author_whatever_the_surname():
    text = "\n".join(["甲乙协作谱新篇", "2024-03-05 来源：某某日报 记者 努尔古丽", *PARA])
    assert read_document(text.encode()).fields.authors == ["努尔古丽"]


def test_reporter_as_subject_of_a_sentence_is_not_an_author():
    assert bylines.labelled_writers("记者从会上获悉，今年资金到位。") == []


def test_a_paragraph_after_a_bare_furniture_label_is_text_not_its_value() -> None:
    dump = ("URL: http://news.example.org/a/1.html\n\n甲乙协作谱新篇\n\n发布时间:2024-03-05\n\n字体大小:\n\n"
            + "\n\n".join(PARA) + "\n")
    assert read_document(dump.encode()).fields.body[0] == PARA[0]


def _dump(head: list[str]) -> bytes:
    return "\n\n".join([*head, *PARA]).encode()


def test_an_app_s_or_e_paper_s_furniture_is_never_the_title_of_a_text_dump():
    # the app's notices stand above the date line, the headline under it
    fields = read_document(_dump(["某某报平台", "这已经是最后一期了哦!", "我知道了", "内容详情", "2024年3月5日",
                                  "甲乙协作谱新篇", "阅读数:408   本文字数:645"])).fields
    assert fields.title == "甲乙协作谱新篇"
    # an e-paper's page menu, page label and reader notice
    fields = read_document(_dump(["返回目录 标题导航 版面导航", "某某报头条 盘点十年 总结成就 感恩制度 展望未来 图片新闻",
                                  "第A1版:头条", "上一版", "pdf阅读器免费下载 版面导航", "2020 年 09 月 12 日 星期六",
                                  "甲乙协作谱新篇"])).fields
    assert fields.title == "甲乙协作谱新篇"
    for junk in ("微信扫一扫", "推荐新闻", "当前版:04版", "某某报系", "文丨张某某"):
        assert read_document(_dump([junk])).fields.title != junk
