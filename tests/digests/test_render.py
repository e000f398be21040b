"""Rendering a digest (digests/render.py): Markdown grouped by province with funding by amount, the
empty digest, HTML escaping, likely repeats, and JSON listing every source.  The places and
sentences are made up.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from digest_helpers import EAST, SOUTH, fill, make_doc

from digests.render import render_html, render_json, render_markdown, render_text
from parsers.records import ParseFailure
from store import FundingItem, Store


def test_markdown_groups_by_province_and_sorts_funding_by_amount(db: Store) -> None:
    fill(db)
    db.record_failure(ParseFailure(location="https://down.example.cn/list.html", source="down", reason="timeout"))
    items = db.pending("x")
    md = render_markdown(items, db.failures_since(None))
    assert md.index("### 高原省") < md.index("### 河谷省")  # provinces in division-code order
    gaoyuan = md[md.index("### 高原省"):md.index("### 河谷省")]
    assert "→ 西岭县" in gaoyuan and "→ 北坡县" in gaoyuan and "→ 南溪县" not in gaoyuan
    assert md.index("**2.5亿元** (250,000,000 yuan)") < md.index("**300万元** (3,000,000 yuan)")
    assert "1 source(s) failed since the last digest: https://down.example.cn/list.html (timeout)" in md
    assert "3 new pairings, 2 funding items" in md.splitlines()[0]
    # the pairing reported by two articles is one item with both links
    assert ("(https://news.example.cn/a/1.html), 2024-03-05T09:00:00+00:00; "
            "[东川市与西岭县签订协](https://paper.example.cn/b/2.html)") in md


def test_empty_digest_is_one_line(db: Store) -> None:
    for render in (render_markdown, render_text):
        text = render(db.pending("x"))
        assert text.strip().count("\n") == 0 and "Nothing new since the last digest." in text
    assert "Nothing first stored since" in render_markdown(db.since(datetime(2024, 1, 1, tzinfo=UTC)), adhoc=True)


def test_html_escapes_article_text(db: Store) -> None:
    db.save(make_doc("东川市对口帮扶西岭县，<b>加粗</b>的说法 & 其他。", "https://news.example.cn/a/1.html",
                     title='<script>alert("x")</script>标题', amounts=(1_200_000,)))
    db.save(make_doc("东川市对口帮扶南溪县。", "javascript:alert(1)", pairings=((EAST, SOUTH),)))
    html = render_html(db.pending("x"))
    assert "<script>" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;标题" in html
    assert "&lt;b&gt;加粗&lt;/b&gt;的说法 &amp; 其他" in html and "<b>" not in html
    assert 'href="https://news.example.cn/a/1.html"' in html and 'href="javascript' not in html
    assert "120万元" in html and "1,200,000 yuan" in html


def test_likely_repeat_is_shown_when_the_store_marks_it(db: Store) -> None:
    fill(db)
    items = db.pending("x")

    @dataclass(frozen=True)
    class Marked(FundingItem):
        likely_repeat: bool = True

    marked = dataclasses.replace(items, funding=[Marked(**{f.name: getattr(items.funding[0], f.name)
                                                           for f in dataclasses.fields(FundingItem)
                                                           if f.name != "likely_repeat"})])
    assert "likely repeat" in render_markdown(marked) and "likely repeat" in render_html(marked)
    assert json.loads(render_json(marked))["funding"][0]["likely_repeat"] is True
    assert "likely repeat" not in render_markdown(dataclasses.replace(items, funding=items.funding[1:]))


def test_json_lists_every_source_of_every_item(db: Store) -> None:
    fill(db)
    data = json.loads(render_json(db.pending("x")))
    assert data["counts"] == {"pairings": 3, "funding": 2}
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
    md, html = render_markdown(items), render_html(items)
    for out in (md, html, render_text(items)):
        assert "official list: 东西部协作 since 2016" in out
        assert "in no official list; to check" in out
