"""Rendering a digest (digests/render.py): a summary first, new pairings before known official ones,
one story once, true dates, Chinese or English labels, amounts as the press writes them, the empty
digest, HTML escaping, likely repeats, and JSON listing every source.  The places and sentences are
made up.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from digest_helpers import CORP, EAST, NORTH, SOUTH, WEST, fill, make_doc

from digests.render import RenderOptions, render_html, render_json, render_markdown
from parsers.records import Official, ParseFailure
from store import FundingItem, Store


def sure(doc, official: Official | None = None, confidence: float = 0.95):
    """The made-up extraction with every item sure (and its pairings official when given)."""
    doc.pairings[:] = [p.model_copy(update={"confidence": confidence, "official": official}) for p in doc.pairings]
    doc.funding[:] = [f.model_copy(update={"confidence": confidence}) for f in doc.funding]
    return doc


LISTED = Official(programme="东西部协作", since=2016, source="指导意见 (2016)")


def test_summary_first_then_new_pairings_then_known_then_funding_then_to_check(db: Store) -> None:
    db.record_failure(ParseFailure(location="https://down.example.cn/list.html", source="down", reason="timeout"))
    db.save(sure(make_doc("东川市结对南溪县和北坡县，投入帮扶资金2.5亿元。", "https://news.example.cn/a/3.html",
                          pairings=((EAST, SOUTH), (EAST, NORTH)), amounts=(250_000_000,), title="两县结对")))
    db.save(sure(make_doc("东川市对口帮扶西岭县。", "https://news.example.cn/a/1.html", title="老搭档"), LISTED))
    db.save(sure(make_doc("北辰集团捐赠300万元。", "https://news.example.cn/a/5.html", pairings=(),
                          amounts=(3_000_000,), title="企业捐赠")))
    db.save(sure(make_doc("北辰集团结对西岭县。", "https://news.example.cn/a/6.html", pairings=((CORP, WEST),),
                          title="存疑"), confidence=0.4))
    md = render_markdown(db.pending("x"), db.failures_since(None))
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    assert heads == ["## 摘要", "## 新结对", "## 已知结对", "## 资金", "## 待核实"]
    summary = md[md.index("## 摘要"):md.index("## 新结对")]
    assert "2 个新结对" in summary and "1 个已知结对" in summary and "2 项资金" in summary and "1 项待核实" in summary
    assert "| 高原省 | 2 | 2 | 2.53亿元 |" in summary and "| 河谷省 | 1 | 0 |" in summary  # sure items by recipient province
    assert summary.index("25000万元") < summary.index("300万元")  # the largest amounts, largest first
    assert "- 新结对 (2)" in summary and "- 待核实 (1)" in summary  # contents
    assert "https://down.example.cn/list.html (timeout)" in summary
    new = md[md.index("## 新结对"):md.index("## 已知结对")]
    # one sentence, two pairings under it, and the story's money with it: the story once
    assert new.count("东川市结对南溪县和北坡县") == 1 and new.count("### 两县结对") == 1
    assert "→ 南溪县" in new and "→ 北坡县" in new and "25000万元" in new
    known = md[md.index("## 已知结对"):md.index("## 资金")]  # compact: one line each
    assert "→ 西岭县" in known and "东西部协作（2016年起）" in known and known.count("\n- ") == 1
    assert "企业捐赠" in md[md.index("## 资金"):md.index("## 待核实")]
    assert "北辰集团结对西岭县" in md[md.index("## 待核实"):]


def test_english_labels_and_amounts_as_the_press_writes_them(db: Store) -> None:
    db.save(sure(make_doc("东川市对口帮扶西岭县，投入资金3.5亿元。", "https://news.example.cn/a/1.html",
                          amounts=(350_000_000,))))
    items = db.pending("x")
    items = dataclasses.replace(items, funding=[dataclasses.replace(items.funding[0], text="3.5亿元")])
    en = render_markdown(items, options=RenderOptions(lang="en"))
    assert "## Summary" in en and "## New pairings" in en and "摘要" not in en
    assert "**3.5亿元** (350,000,000 yuan)" in en
    assert "**3.5亿元** (350,000,000 元)" in render_markdown(items)


def test_true_dates_in_shanghai_at_the_page_precision_and_undated_says_so(db: Store) -> None:
    from datetime import timedelta, timezone

    db.save(make_doc("东川市对口帮扶西岭县。", "https://news.example.cn/a/1.html",  # 23:30 UTC: the next day in Beijing
                     published=datetime(2024, 3, 4, 23, 30, tzinfo=UTC)))
    day = make_doc("东川市对口帮扶南溪县。", "https://news.example.cn/a/2.html", pairings=((EAST, SOUTH),))
    day.article = day.article.model_copy(update={"published": datetime(2024, 2, 1, tzinfo=timezone(timedelta(hours=8))),
                                                 "published_precision": "day"})
    db.save(day)
    undated = make_doc("东川市对口帮扶北坡县。", "https://news.example.cn/a/3.html", pairings=((EAST, NORTH),))
    undated.article = undated.article.model_copy(update={"published": None, "published_precision": None})
    db.save(undated)
    md = render_markdown(db.pending("x"))
    assert "2024年3月5日 07:30" in md and "2024年2月1日" in md and "未注明日期" in md
    today = f"{datetime.now(UTC):%Y}年"
    assert md.count(today) == 1  # only the period's end: the day it was stored is nobody's date
    assert "2024-03-04 17:30" in render_markdown(db.pending("x"), options=RenderOptions(lang="en",
                                                                                       tz="America/Chicago"))


def test_empty_digest_is_one_line(db: Store) -> None:
    en = RenderOptions(lang="en")
    text = render_markdown(db.pending("x"), options=en)
    assert text.strip().count("\n") == 0 and "Nothing new since the last digest." in text
    assert "自上次摘要以来没有新内容" in render_markdown(db.pending("x"))
    assert "Nothing first stored since" in render_markdown(db.since(datetime(2024, 1, 1, tzinfo=UTC)), adhoc=True,
                                                            options=en)
    assert "已订阅" in render_markdown(db.pending("x"), options=RenderOptions(subscribed=True))


def test_html_escapes_article_text(db: Store) -> None:
    db.save(make_doc("东川市对口帮扶西岭县，<b>加粗</b>的说法 & 其他。", "https://news.example.cn/a/1.html",
                     title='<script>alert("x")</script>标题', amounts=(1_200_000,)))
    db.save(make_doc("东川市对口帮扶南溪县。", "javascript:alert(1)", pairings=((EAST, SOUTH),)))
    html = render_html(db.pending("x"))
    assert "<script>" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;标题" in html
    assert "&lt;b&gt;加粗&lt;/b&gt;的说法 &amp; 其他" in html and "<b>" not in html
    assert 'href="https://news.example.cn/a/1.html"' in html and 'href="javascript' not in html
    assert "120万元" in html and "1,200,000 元" in html


def test_likely_repeat_is_shown_when_the_store_marks_it(db: Store) -> None:
    fill(db)
    items = db.pending("x")

    @dataclass(frozen=True)
    class Marked(FundingItem):
        likely_repeat: bool = True

    marked = dataclasses.replace(items, funding=[Marked(**{f.name: getattr(items.funding[0], f.name)
                                                           for f in dataclasses.fields(FundingItem)
                                                           if f.name != "likely_repeat"})])
    en = RenderOptions(lang="en")
    assert "likely repeat" in render_markdown(marked, options=en) and "likely repeat" in render_html(marked, options=en)
    assert json.loads(render_json(marked))["funding"][0]["likely_repeat"] is True
    assert "likely repeat" not in render_markdown(dataclasses.replace(items, funding=items.funding[1:]), options=en)


def test_json_lists_every_source_of_every_item(db: Store) -> None:
    fill(db)
    data = json.loads(render_json(db.pending("x")))
    assert data["counts"] == {"pairings": 3, "new_pairings": 3, "funding": 2, "to_check": 5}
    [twice] = [p for p in data["pairings"] if p["recipient"]["name"] == "西岭县"]
    assert [s["url"] for s in twice["sources"]] == ["https://news.example.cn/a/1.html",
                                                   "https://paper.example.cn/b/2.html"]
    assert all(s["title"] and s["published"].startswith("2024-03-05") for s in twice["sources"])
    assert [f["amount_yuan"] for f in data["funding"]] == [250_000_000, 3_000_000]


def test_json_carries_confidence_and_official_and_a_later_source_raises_them(db: Store) -> None:
    from parsers.records import Official

    first = make_doc("东川市对口帮扶西岭县，投入帮扶资金300万元。", "https://news.example.cn/a/7.html", amounts=(3_000_000,))
    first.pairings[0] = first.pairings[0].model_copy(update={"confidence": 0.4, "basis": "unlisted/money/division"})
    db.save(first)
    again = make_doc("东川市对口帮扶西岭县的工作再获肯定。", "https://paper.example.cn/b/8.html")
    official = Official(programme="东西部协作", since=2016, source="国务院办公厅 《指导意见》 (2016)")
    again.pairings[0] = again.pairings[0].model_copy(
        update={"confidence": 0.9, "basis": "listed/stated/division", "official": official})
    db.save(again)
    data = json.loads(render_json(db.pending("x")))
    [pairing] = data["pairings"]
    assert pairing["confidence"] == 0.9  # the firmer of its two sources
    assert pairing["official"]["programme"] == "东西部协作"  # a later source's label fills an empty one
    [funding] = data["funding"]
    assert 0 <= funding["confidence"] <= 1


def test_a_reader_sees_which_items_are_official_and_which_to_check(db: Store) -> None:
    from parsers.records import Official

    sure = make_doc("东川市对口帮扶西岭县。", "https://news.example.cn/a/9.html")
    sure.pairings[0] = sure.pairings[0].model_copy(update={
        "confidence": 0.92, "official": Official(programme="东西部协作", since=2016, source="指导意见 (2016)")})
    unsure = make_doc("东川市与南溪县交流。", "https://news.example.cn/a/10.html", pairings=((EAST, SOUTH),))
    unsure.pairings[0] = unsure.pairings[0].model_copy(update={"confidence": 0.3})
    db.save(sure)
    db.save(unsure)
    items = db.pending("x")
    en = RenderOptions(lang="en")
    md, html = render_markdown(items, options=en), render_html(items, options=en)
    for out in (md, html):
        assert "official list: 东西部协作 (since 2016)" in out
        assert "in no official list" in out and "to check" in out
    assert md.index("official list") < md.index("## To check") < md.index("in no official list")


def test_sums_are_written_as_the_press_writes_them() -> None:
    from digests.render import format_yuan

    assert [format_yuan(a) for a in (228_000_000, 65_940_000, 4_200_000, 2_602_000_000_000, 14_600_000_000, 800)] == [
        "2.28亿元", "6594万元", "420万元", "2.6万亿元", "146亿元", "800元"]


def test_html_contents_and_largest_amounts_link_to_places_on_the_page(db: Store) -> None:
    import re

    db.save(sure(make_doc("东川市结对南溪县，投入帮扶资金2.5亿元。", "https://news.example.cn/a/3.html",
                          pairings=((EAST, SOUTH),), amounts=(250_000_000,))))
    db.save(sure(make_doc("北辰集团捐赠300万元。", "https://news.example.cn/a/5.html", pairings=(),
                          amounts=(3_000_000,)), confidence=0.3))
    html = render_html(db.pending("x"))
    targets = re.findall(r'href="#([^"]+)"', html)
    assert {"new", "check"} <= set(targets) and any(t.startswith("new-") for t in targets)  # contents, amounts
    assert all(f'id="{t}"' in html for t in targets)
    assert html.index('id="summary"') < html.index('id="new"') < html.index('id="check"')


def test_every_label_exists_in_every_language() -> None:
    from digests.labels import LABELS, LANGS

    assert set(LANGS) == set(LABELS) and len({frozenset(LABELS[lang]) for lang in LANGS}) == 1


def test_a_pair_seen_before_the_other_way_round_is_not_news(db: Store) -> None:
    db.save(sure(make_doc("西岭县与东川市结对。", "https://news.example.cn/a/1.html", pairings=((WEST, EAST),))))
    db.save(sure(make_doc("东川市对口帮扶西岭县。", "https://news.example.cn/a/2.html")))
    items = db.pending("x")
    assert [p.seen_before for p in items.pairings] == [False, True]
    md = render_markdown(items)
    assert "1 个新结对" in md and "此前已见反向结对" in md[md.index("## 已知结对"):]
    assert [p["new"] for p in json.loads(render_json(items))["pairings"]] == [True, False]


def test_english_counts_are_singular_for_one(db: Store) -> None:
    import re

    from digests.deliver import subject_line

    db.save(make_doc("东川市对口帮扶西岭县，投入帮扶资金300万元。", "https://news.example.cn/a/1.html", amounts=(3_000_000,),
                     confidence=0.95))
    subject = subject_line(db.pending("email:a@example.org"), [], RenderOptions(lang="en"))
    assert "1 funding item" in subject and "1 funding items" not in subject, subject
    for n, word in re.findall(r"(\d+) (?:new pairing|funding item)(s?)\b", subject):
        assert (word == "s") == (n != "1"), subject
