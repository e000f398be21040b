"""Lines of a page as the readers see them, and what its markup says beside them.

A page, HTML or text dump, becomes blocks: one paragraph a line, with how much
of it is link text and whether it lies in the article's main text.  The helpers
here are shared by the title, date and body readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.reading.dates import FoundDate

PROSE_PUNCT = re.compile(r"[，。！？；,!?;]")
META_WORDS = re.compile(
    r"来源|作者|编辑|记者|责编|发布|时间|日期|字号|字体|分享|打印|浏览|阅读|点击|评论|关闭|收藏|通讯员|摄影|稿源|出处|纠错"
)
# 川乡振函〔2024〕58号: a government document's number, printed right under its title
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,16}\s*[〔［\[【(（]\s*(?:19|20)\d{2}\s*[〕］\]】)）]\s*第?\s*\d{1,5}\s*号$")
# 一、资金来源 / (二)项目安排 / 第三部分: a numbered section of the text, never its title
SECTION_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[章节部分])\s*\S")
_SENTENCE_END = re.compile(r"[。！？!?][”’」』]?$")
_NEWS_LEAD = re.compile(r"^\S{2,24}(?:讯|电)[\s（(【].{8,}")  # 本报讯 / 新华社北京3月1日电 opening a paragraph
_ADDRESSEE = re.compile(r"^(?:各|尊敬的|亲爱的)|[局委厅办处室部门单位府会院校司所队站中心公司们]$")


@dataclass(frozen=True)
class Block:
    """One line of the page: its text, how much of it is link text, and whether it is in the article."""

    text: str
    link_chars: int
    in_main: bool
    tag: str


@dataclass(frozen=True)
class Hints:
    """What the markup says about the page, beside its text (all empty for a text dump)."""

    page_title: str | None = None
    titles: tuple[str, ...] = ()
    dates: tuple[FoundDate, ...] = ()
    authors: tuple[str, ...] = ()
    url: str | None = None


def linky(block: Block, share: float = 0.5) -> bool:
    """More than ``share`` of the line is link text: navigation, a listing, a related-news box."""
    return block.link_chars > share * len("".join(block.text.split()))


def is_prose(block: Block) -> bool:
    """A paragraph of running text (not a heading, a label or a link)."""
    text = block.text
    if linky(block) or block.tag in ("h1", "h2", "h3", "title"):
        return False
    punct = len(PROSE_PUNCT.findall(text))
    return (len(text) >= 80 and punct >= 1) or (len(text) >= 30 and punct >= 2)


def lines_before(blocks: list[Block], anchor: int, count: int, share: float = 0.5) -> list[int]:
    """Up to ``count`` lines above ``anchor`` (and itself) that are not link lists, in page order."""
    found: list[int] = []
    i = anchor
    while i >= 0 and len(found) <= count:
        if not linky(blocks[i], share):
            found.append(i)
        i -= 1
    return found[::-1]


def meta_text(blocks: list[Block], i: int) -> str:
    """A metadata line; a bare label (发布日期：) in one table cell is read with the value in the next."""
    text = blocks[i].text
    if len(text) <= 10 and text.endswith((":", "：")) and i + 1 < len(blocks):
        return f"{text} {blocks[i + 1].text}"
    return text


def sentence(block: Block) -> bool:
    """A short paragraph of the text all the same: a whole sentence, or one opened by a 讯/电 dateline."""
    text = block.text
    if linky(block) or len(text) < 8:
        return False
    return bool(_SENTENCE_END.search(text)) or bool(_NEWS_LEAD.match(text))


def section_heading(block: Block) -> bool:
    """A short numbered heading inside the text (二、资金结构): the text goes on above it."""
    return len(block.text) <= 30 and not linky(block) and bool(SECTION_HEADING.match(block.text))


def announces(block: Block) -> bool:
    """A lead-in sentence that opens what follows (现将…公告如下:): the text's first line."""
    text = block.text
    return len(text) >= 12 and text.endswith((":", "：")) and not linky(block) and bool(PROSE_PUNCT.search(text))


def salutation(blocks: list[Block], i: int) -> bool:
    """各市(州)乡村振兴局： the recipients a notice (通知, 函, 通报) is addressed to, on the line above its
    first paragraph: the opening of the text, not a label of the page's metadata."""
    text = blocks[i].text
    if not text.endswith((":", "：")) or len(text) > 60 or linky(blocks[i]) or META_WORDS.search(text):
        return False
    who = text[:-1].strip()
    if len(who) < 2 or re.search(r"[。，,；;:：]", who) or not _ADDRESSEE.search(who):
        return False
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return nxt is not None and (is_prose(nxt) or sentence(nxt))
