"""The generic HTML path and page-level reading of text dumps.

Fixture pages are written here (their sentences are ours); the benchmark and the corpus in
../shared are read where they lie, with thresholds a little below the measured figures.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime

import pytest
from conftest import ROOT, shared_dir

from parsers.document import ParseError, parse_document, read_document
from parsers.reading.dates import SHANGHAI, date_from_url
from parsers.reading.domtree import parse_html, strip_noise
from parsers.reading.html_blocks import css_to_xpath, read_html, select_one

P1 = "4月8日，东部某市与西部某县在县城举行东西部协作座谈会，双方就产业帮扶、劳务协作等事项进行了深入交流。"
P2 = "会上，东部某市向西部某县捐赠帮扶资金500万元，用于支持当地特色产业发展和乡村基础设施建设。"
P3 = "西部某县负责人表示，将用好每一笔帮扶资金，把东部的资金、技术和市场优势转化为本地的发展动力。"
P4 = "据了解，两地自结对以来，已共同实施协作项目三十余个，带动数千名群众实现稳定增收，成效明显。"
COMMENT = "这是一条很长的网友评论，评论的内容比较多，也说了不少道理，还带着标点符号，但它不是正文，不应当被当作文章。"
NAV = "".join(f'<a href="/c{i}">栏目{i}</a> | ' for i in range(12))
RELATED = "".join(f'<li><a href="/n{i}">另一条新闻的标题第{i}条</a> 2022-12-0{i}</li>' for i in range(1, 8))


def news_page(*, info: str = "", body: str = "", head: str = "", title: str = "东部某市向西部某县捐赠帮扶资金",
              extra: str = "") -> str:
    body = body or "".join(f"<p>{p}</p>" for p in (P1, P2, P3, P4)) + "<p>责任编辑：赵六</p>"
    return (
        f"<html><head><title>{title}_新闻中心_示例网</title>{head}</head><body>"
        f'<div class="nav">{NAV}</div><div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; '
        f'<a href="/news">新闻中心</a> &gt; 正文</div><div class="left"><h1>{title}</h1>'
        f'<div class="info">{info}</div><div id="article-content">{body}</div>'
        f'<div class="related"><h3>相关新闻</h3><ul>{RELATED}</ul></div></div>{extra}'
        f'<div class="comments"><div>网友甲 2023-04-09 12:00</div><p>{COMMENT}</p>'
        f"<div>网友乙 2023-04-09 12:30</div><p>{COMMENT}</p><div>网友丙 2023-04-09 13:00</div><p>{COMMENT}</p></div>"
        '<div class="footer">版权所有 © 2005-2024 示例网 联系我们 | 网站地图 | Copyright 2010-2024</div>'
        "</body></html>"
    )


INFO = "发布时间：2023年04月09日 10:25　来源：示例日报　作者：记者 王小明 李华"


def test_gbk_news_page_title_date_authors_origin_and_clean_body():
    data = news_page(info=INFO).replace("<head>", '<head><meta charset="gb2312">').encode("gb18030")
    ex = parse_document(data, url="HTTP://WWW.Example.gov.cn:80/news/2023-04/09/c1.htm?utm_source=feed#top")
    a = ex.article
    assert a.parser == "generic"
    assert a.title == "东部某市向西部某县捐赠帮扶资金"
    assert a.published == datetime(2023, 4, 9, 10, 25, tzinfo=SHANGHAI) and a.published_precision == "minute"
    assert a.authors == ["王小明", "李华"]
    assert a.publisher == "示例日报"
    assert a.canonical_url == "http://example.gov.cn/news/2023-04/09/c1.htm"
    for p in (P1, P2, P3, P4):
        assert p in a.text
    for junk in ("栏目3", "首页", "相关新闻", "另一条新闻", "网友评论", "版权所有", "责任编辑", "发布时间"):
        assert junk not in a.text, junk
    assert a.text.split("\n") == [P1, P2, P3, P4]


def test_date_from_meta_tag_in_shanghai_time_when_the_page_shows_none():
    head = '<meta property="article:published_time" content="2022-02-06T12:48:06+00:00">'
    a = parse_document(news_page(head=head).encode()).article
    assert a.published == datetime(2022, 2, 6, 20, 48, 6, tzinfo=SHANGHAI)


def test_day_and_month_read_the_way_the_meta_date_says():
    head = '<meta name="PubDate" content="2022-02-06">'
    a = parse_document(news_page(info="发表时间： 06/02/2022 - 13:48", head=head).encode()).article
    assert a.published.date().isoformat() == "2022-02-06"


def test_no_date_from_listings_or_footer_but_from_the_url():
    assert parse_document(news_page().encode()).article.published is None
    a = parse_document(news_page().encode(), url="https://example.cn/a/2021-05/18/content_9.html").article
    assert a.published_iso() == "2021-05-18"


def test_url_date_from_a_year_folder_and_a_column_folder_ending_in_month_and_day():
    # the text names only the event's day (4月8日); the URL's /2021/yaowen_0409/ is the page's day
    a = parse_document(news_page().encode(), url="http://local.example.cn/2021/yaowen_0409/1234.html").article
    assert a.published_iso() == "2021-04-09"
    for url in ("http://x.cn/2021/list_1234/5.html", "http://x.cn/2021/news_0230/5.html", "http://x.cn/2021/a_0409.html"):
        assert date_from_url(url) is None  # no such day, or not a folder


def test_closing_credit_and_editor_only_pages():
    body = "".join(f"<p>{p}</p>" for p in (P1, P2, P3)) + f"<p>{P4}（记者 张三 李四）</p>"
    assert parse_document(news_page(body=body).encode()).article.authors == ["张三", "李四"]
    assert parse_document(news_page().encode()).article.authors == ["赵六"]


def test_inline_link_box_does_not_end_the_text():
    box = '<p>延伸阅读：<a href="/x1">一条延伸阅读的链接标题</a></p><p><a href="/x2">另一条延伸阅读的链接标题</a></p>'
    body = f"<p>{P1}</p><p>{P2}</p>{box}<p>{P3}</p><p>{P4}</p>"
    text = parse_document(news_page(info=INFO, body=body).encode()).article.text
    assert P3 in text and P4 in text and "延伸阅读" not in text


def blog_page() -> bytes:
    posts = []
    for day, words in ((14, "第一篇"), (13, "第二篇"), (12, "第三篇")):
        paras = "".join(f"<p>{words}日记里写的话，{p}</p>" for p in (P1, P3))
        posts.append(f'<div class="post"><div class="ptitle">{words}日记的标题</div><div>2005-06-{day} 03:25:55</div>'
                     f'{paras}<div class="foot">由海边的人张贴 @ 2005-06-{day} 03:25:55 (370) 共 11 篇评论 '
                     f'<a href="/c">发表评论 &gt;&gt;&gt;</a></div></div>')
    return f"<html><head><title>海边的人 | 博客</title></head><body>{NAV}{''.join(posts)}</body></html>".encode()


def test_blog_index_gives_the_first_post_its_poster_and_date():
    a = parse_document(blog_page()).article
    assert "第一篇日记里写的话" in a.text and "第二篇" not in a.text
    assert a.title == "第一篇日记的标题"
    assert a.authors == ["海边的人"]
    assert a.published == datetime(2005, 6, 14, 3, 25, 55, tzinfo=SHANGHAI)


def test_government_table_prefers_the_publication_date_over_the_writing_date():
    cells = [("索 引 号：", "000/2022-001"), ("发文机关：", "某某省人民政府"), ("成文日期：", "2022年01月27日"),
             ("标 题：", "某某省人民政府关于示例事项的通告"), ("发布日期：", "2022年01月28日")]
    table = "<table>" + "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in cells) + "</table>"
    body = f"<p>{P1}</p><p>{P2}</p><p>{P3}</p><p>特此通告。</p>"
    page = f"<html><body>{NAV}{table}<div class='content'>{body}</div></body></html>"
    assert parse_document(page.encode()).article.published_iso() == "2022-01-28"


def test_continuation_pages_are_appended_once():
    first = news_page(info=INFO, body=f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>")
    second = news_page(info=INFO, body=f"<p>{P4}</p><p>{P2.replace('500万元', '300万元')}</p><p>{P3}</p>")
    a = parse_document(first.encode(), more_pages=[second.encode(), b""]).article
    assert a.text.count(P3) == 1 and P4 in a.text and "300万元" in a.text
    assert a.text.index(P1) < a.text.index(P4)
    assert a.title not in a.text.split("\n") and "continuation_unreadable" in a.flags


def test_traditional_big5_page_is_simplified():
    page = news_page(info="發佈時間：2023年04月09日 10:25 來源：示例日報", title="東部某市向西部某縣捐贈幫扶資金")
    page = page.replace("東西部協作", "東西部協作").replace("帮扶资金500万元", "幫扶資金500萬元")
    a = parse_document(page.replace("<head>", '<head><meta charset="big5">').encode("big5hkscs", "replace")).article
    assert a.title == "东部某市向西部某县捐赠帮扶资金"
    assert a.published_iso().startswith("2023-04-09") and a.publisher == "示例日报"


def test_bad_pages_fail_with_a_reason():
    with pytest.raises(ParseError, match="empty"):
        parse_document(b"   ")
    with pytest.raises(ParseError, match="no article text"):
        parse_document(f"<html><body><div>{NAV}</div></body></html>".encode())
    deep = "<html><body>" + "<div>" * 3000 + f"<p>{P1}</p>" + "</div>" * 3000 + "</body></html>"
    with pytest.raises(ParseError):
        parse_document(deep.encode())


DUMP = f"""无障碍浏览 长者模式
某某县人民政府
首页 >> 公开信息内容
某某县深化东西部协作，帮扶作用充分发挥
索 引 号:x-/2023-1023009 公文目录:乡村振兴 发文机构:某某县乡村振兴局 主 题 词: 发布日期:2023年10月23日 文  号: 标  题:某某县
（资料图片）
{P1}
{P2}
{P3}
(责任编辑:赵六)
"""


def test_text_dump_title_and_date_from_a_metadata_line():
    a = parse_document(DUMP, path="x.txt").article
    assert a.title == "某某县深化东西部协作，帮扶作用充分发挥"
    assert a.published_iso() == "2023-10-23"
    assert a.text.startswith(P1) and "索 引 号" not in a.text and "责任编辑" not in a.text


@pytest.mark.parametrize(("head", "title"), [
    ("今年上半年\n东部地区引导企业到西部投资超百亿元\n", "东部地区引导企业到西部投资超百亿元"),
    ("携手同心 共谋发展\n——某省对口支援某地工作综述\n", "携手同心 共谋发展"),
    ("（资料图片仅供参考）\n", None),
    ("严某某\n", None),
    ("首页 | 新闻 | 专题\n", None),
    ("某某新闻APP\n东部某市助力西部某县发展产业\n", "东部某市助力西部某县发展产业"),
    ("原标题:东部某市助力西部某县发展产业\n", "东部某市助力西部某县发展产业"),
    ("某某网某地3月9日电 题:东部某市助力西部某县发展产业\n", "东部某市助力西部某县发展产业"),
    ("东部某市助力西部某县发展产业\n来源:某某网\n作者:严某某\n2023-03-09\n", "东部某市助力西部某县发展产业"),
    ("某某日报\n东部某市助力西部某县发展产业\n严某某、李某某\n2023年03月09日09:15 | 来源:某某日报\n",
     "东部某市助力西部某县发展产业"),
])
def test_text_dump_kicker_subtitle_caption_and_untitled(head, title):
    assert read_document(f"URL: http://example.cn/a.html\n\n{head}{P1}\n{P2}\n{P3}\n").fields.title == title


def test_css_selectors_and_a_bad_one():
    root = parse_html("<html><body><div id='a'><p class='x y'>一</p></div><h1>二</h1></body></html>")
    strip_noise(root)
    assert select_one(root, "h1, .y").text == "一"  # the first in document order
    assert select_one(root, "#a > p").text == "一"
    assert select_one(root, "div:nth-child(2)") is None
    assert css_to_xpath("div.x") == "//div[contains(concat(' ', normalize-space(@class), ' '), ' x ')]"


def test_site_selector_picks_the_article_element():
    page = news_page(info=INFO).replace('<div class="related">', f'<div class="mine"><p>{P4}{P4}</p></div><div class="related">')
    blocks = read_html(page, selectors={"body": ".mine"}).blocks
    assert [b.text for b in blocks if b.in_main] == [P4 + P4]


def test_known_site_html_by_its_selectors_and_rules():
    page = (f'<html><head><title>某校与某县结对帮扶-学院</title></head><body><div class="nav">{NAV}</div>'
            '<div class="arti_title"><h1>某校与某县签订结对帮扶协议</h1></div>'
            '<div class="arti_update">发布时间：2021-06-01 09:30</div>'
            f'<div class="wp_articlecontent"><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>文字：王某某</p></div>'
            '<div class="footer">版权所有 某某学院</div></body></html>')
    a = parse_document(page.encode(), url="https://www.hzvtc.edu.cn/info/1.htm").article
    assert (a.parser, a.title, a.published_iso()) == ("hzvtc", "某校与某县签订结对帮扶协议", "2021-06-01T09:30:00+08:00")
    assert a.text.split("\n") == [P1, P2, P3] and a.authors == ["王某某"]


# --- the shared benchmark and corpus --------------------------------------------------------------

def _bench():
    spec = importlib.util.spec_from_file_location("html_extraction", ROOT / "bench" / "html_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_zh_web_extraction_benchmark():
    shared = shared_dir("benchmarks", "zh-web-extraction").parent.parent
    bench = _bench()
    pages = bench.load_pages(shared)
    base = shared / "benchmarks" / "zh-web-extraction"
    gold = {p: {k: (base / k / f"{p}.txt").read_text(encoding="utf-8-sig").strip() for k in ("cleaned", "date", "author")}
            for p in pages}
    gold = {p: {"text": g["cleaned"], "date": g["date"], "author": g["author"]} for p, g in gold.items()}
    s = bench.score(bench.run_pairwatch(pages), gold)
    assert s["text"] >= 0.94  # measured 0.959; trafilatura 0.726
    assert s["date"] >= 46  # measured 48/59 same day (51 is the ceiling); trafilatura 32
    assert s["author"] >= 44  # measured 47/51; trafilatura 1


@pytest.mark.parametrize(("corpus", "titles", "dates"), [
    ("corpus", 43, 43),  # measured 45/45 and 45/45 (the old text path: 29 and 24)
    # sites no rule was written for - menus, app names, 原标题: and 电 题: leads, date lines above the
    # title: measured 55/60 (3 golds keep pinyin or garbling) and 59/60 (49 titles before those rules)
    ("corpus2", 53, 57),
])
def test_corpus_titles_and_dates(corpus, titles, dates):
    base = shared_dir(corpus)
    bench = _bench()
    hits_t = hits_d = 0
    gold = [json.loads(x) for x in (base / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x]
    for g in gold:
        f = read_document((base / "articles" / f"{g['id']}.txt").read_bytes()).fields
        hits_t += bench.fold(f.title) == bench.fold(g.get("title"))  # an untitled page gives no title
        day = f.date.value.date().isoformat() if f.date and f.date.precision != "month" else None
        hits_d += day == (g["published"][:10] if g.get("published") else None)  # undated gives no date
    assert hits_t >= titles and hits_d >= dates
