"""Lines of a page as the readers see them, and what its markup says beside them.

A page, HTML or text dump, becomes blocks: one paragraph a line, with how much
of it is link text and whether it lies in the article's main text.  The helpers
here are shared by the title, date and body readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.dates import FoundDate

PROSE_PUNCT = re.compile(r"[，。！？；,!?;]")
META_WORDS = re.compile(
    r"来源|作者|编辑|记者|责编|发布|时间|日期|字号|字体|分享|打印|浏览|阅读|点击|评论|关闭|收藏|通讯员|摄影|稿源|出处|纠错"
)


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
