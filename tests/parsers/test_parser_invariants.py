"""Property-based checks of the parser's invariants over random text and HTML (issue 8, item 2).

Whatever the input: the parser terminates, returns an Extraction or raises ParseError
with a reason, and every funding amount it reports is written in the article (its
``text`` is in the title or body, and its ``amount_yuan`` parses back from that text).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.deadline import ParseError
from parsers.document import parse_document
from parsers.extraction.money import find_amounts
from parsers.records import Extraction

# Fragments written for this test: parties, relation verbs, money in its many spellings, noise.
FRAGMENTS = [
    "宁波市", "延边州", "杭州市", "阿克苏地区", "上海市", "云南省", "福建省", "宁夏", "对口帮扶", "东西部协作",
    "对口支援", "结对帮扶", "定点帮扶", "投入", "帮扶资金", "资金", "共", "近", "约", "余", "多", "300", "1.5",
    "2,000", "三千", "两", "万", "亿", "元", "万元", "亿元", "人民币", "项目", "，", "。", "、", "；", "\n",
    "2024年5月6日", "记者", "来源：", "（", "）", "分别", "9" * 40, "\ufffd", "锟斤拷", "�", "\x00", " ",
    "１２００", "３．５", "：", "；",  # full-width forms, as HTML pages serve them
]
TAGS = ["p", "div", "span", "a", "td", "h1", "title", "script", "li", "article"]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60).map("".join)


@st.composite
def html_pages(draw) -> str:
    parts = []
    for piece in draw(st.lists(texts, max_size=12)):
        tag = draw(st.sampled_from(TAGS))
        depth = draw(st.integers(0, 4))
        parts.append(f"<{tag}>" * depth + piece + (f"</{tag}>" * depth if draw(st.booleans()) else ""))
    return "<html><head><title>" + draw(texts) + "</title></head><body>" + "".join(parts) + "</body></html>"


documents = st.one_of(
    texts,
    html_pages(),
    texts.map(lambda t: t.encode("utf-8")),
    texts.map(lambda t: t.encode("gb18030", "replace")),
    st.binary(max_size=2000),
)


def _check_invariants(data: bytes | str) -> None:
    try:
        out = parse_document(data, time_limit=10)
    except ParseError as exc:
        assert str(exc).strip(), "a failure must give its reason"
        return
    assert isinstance(out, Extraction)
    article = out.article
    for f in out.funding:
        assert f.text and (f.text in article.text or f.text in (article.title or "")), f.text
        assert f.amount_yuan > 0
        back = [a.yuan for a in find_amounts("资金" + f.text) if a.text == f.text]
        assert f.amount_yuan in back, (f.text, f.amount_yuan, back)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_the_parser_terminates_and_every_amount_is_in_the_text(data):
    _check_invariants(data)


DONORS = ["宁波市", "杭州市", "上海市", "福建省"]
RECIPIENTS = ["延边州", "阿克苏地区", "云南省", "宁夏"]
RELATIONS = ["对口帮扶", "对口支援", "结对帮扶", "东西部协作"]
NUMBERS = ["300", "1.5", "2,000", "三千", "两", "12", "9" * 40, "0", "１２", "３．５"]
UNITS = ["", "万", "亿", "千万", "万亿"]
NOISE = st.one_of(st.just(""), st.sampled_from(FRAGMENTS), st.text(max_size=3))


@st.composite
def funding_sentences(draw) -> str:
    """A funding sentence (A对口帮扶B，投入帮扶资金…元) with random noise between its parts."""
    parts = [draw(st.sampled_from(DONORS)), draw(st.sampled_from(RELATIONS)), draw(st.sampled_from(RECIPIENTS)),
             "，", draw(st.sampled_from(["投入帮扶资金", "投入", "落实资金", "援助资金"])),
             draw(st.sampled_from(["", "近", "约", "共"])), draw(st.sampled_from(NUMBERS)),
             draw(st.sampled_from(["", "余", "多"])), draw(st.sampled_from(UNITS)), draw(st.sampled_from(["元", "", "人民币元"])),
             "。"]
    return "".join(p + draw(NOISE) for p in parts)


articles = st.lists(funding_sentences(), min_size=1, max_size=6).map(lambda s: "示例标题\n2024-05-06\n" + "\n".join(s) + "\n")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_funding_sentences_report_only_amounts_they_contain(text):
    _check_invariants(text)


def test_the_funding_strategy_does_produce_funding():
    """Without this, the amount invariant above might never be exercised."""
    out = parse_document("示例标题\n2024-05-06\n宁波市对口帮扶延边州，投入帮扶资金近三千万元。\n")
    assert [f.amount_yuan for f in out.funding] == [30_000_000]
