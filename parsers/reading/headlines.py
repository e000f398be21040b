"""The title line of a page: the line near the text that its <title> or og:title names, else a
heading, else (text dumps) the first of the title-like lines above the date line or the text.
"""

from __future__ import annotations

import re

from parsers.reading import bylines
from parsers.reading.datelines import dated
from parsers.reading.dates import find_dates
from parsers.reading.page_blocks import (
    DOC_NUMBER,
    META_WORDS,
    PROSE_PUNCT,
    SECTION_HEADING,
    Block,
    Hints,
    lines_before,
    linky,
)
from parsers.reading.site_rules import SiteRules

TITLE_JUNK = re.compile(
    r"^[(（【\[▲△■□●◆◎★☆◇•·]|(摄|供图|图片来源|资料图片?)\W*$|仅供参考|^(上一篇|下一篇|上一条|下一条|上一版|下一版|返回|首页|正文)"
    r"|加入收藏|设为首页|(?:APP|App|app|公众号|客户端|小程序)$|[|｜].*[|｜]"  # menus (A | B | C), an app's name
    r"|[>»→]|(部分内容|全文)阅读$|^https?://|\.(com|cn|net)\b|^第\s*\d+\s*版"
)
_COLUMN_TAG = re.compile(r"^【[^【】:：]{2,12}】(?=\S{4})")  # 【对话援疆干部】 a column's name before the headline
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|--|—{1,2}|–|(?<!\d)-(?!\d)|::)\s*")


def find_title(blocks: list[Block], ms: int, me: int, hints: Hints, rules: SiteRules,
               tables: set[int] | frozenset[int] = frozenset()) -> int | None:
    """Index of the title line: the line near the main text that the page's <title>/og:title names.
    A line of a table (``tables``: header, rows, its lead sentence) is text, never the title."""
    window = lines_before(blocks, ms, 25) + [i for i in range(ms + 1, min(me + 1, ms + 3)) if not linky(blocks[i])]
    window = [i for i in window if i not in tables]
    refs = [t for t in (*hints.titles, hints.page_title) if t]
    best: tuple[float, int] | None = None
    for i in window:
        text = blocks[i].text
        if not 4 <= len(text) <= 120:
            continue
        score = max((_title_match(text, r) for r in refs), default=0.0)
        if score <= 0:
            continue
        score += 0.3 if blocks[i].tag in ("h1", "h2") else 0.0
        if best is None or score > best[0] + 1e-9:  # the first of equals: a repeat inside the text comes later
            best = (score, i)
    if best is not None:
        return best[1]
    headings = [i for i in window if blocks[i].tag in ("h1", "h2") and _title_like(blocks[i].text, rules)]
    near = [i for i in headings if i in window[-10:]]
    if near:  # a heading just above the text
        return near[-1]
    above, on_date = _title_above(blocks, ms, rules, tables)
    if headings and not on_date:
        return max(headings)
    return above


# 作者:张三 / 来源:某某网: a labelled line of the page's metadata, never its title.
_LABEL = re.compile(r"^\s*(?:作者|来源|编辑|责编|责任编辑|记者|通讯员|撰稿|摄影|发布时间|发布日期|时间|日期)\s*[:：]")
# 原标题:… / 中新网贵阳12月9日电 题:…: the words before the headline itself.
_TITLE_LEAD = re.compile(r"^(?:原标题|原题|标题)\s*[:：]\s*|^\S{2,24}电\s*题\s*[:：]\s*")


def clean_title(text: str) -> str:
    """The headline without a 原标题: or a wire service's 电 题: lead."""
    return _TITLE_LEAD.sub("", text, count=1) or text


def hint_title(hints: Hints) -> str | None:
    """The headline the markup gives when no line of the page matches it (site name cut off)."""
    for t in hints.titles:
        if len(t.strip()) >= 4:
            return t.strip()
    if hints.page_title:
        parts = [p for p in _TITLE_SPLIT.split(hints.page_title) if p.strip()]
        best = max(parts, key=len).strip() if parts else ""
        return best if len(best) >= 4 else None
    return None


def _title_like(text: str, rules: SiteRules) -> bool:
    """Short, unpunctuated, not furniture, not a date line, not a line of names."""
    text = _COLUMN_TAG.sub("", text)
    return (4 <= len(text) <= 80 and not text.endswith(("。", "；", ";", ":", "：", "，", ","))
            and text.count("。") == 0 and len(PROSE_PUNCT.findall(text)) <= 3
            and not TITLE_JUNK.search(text) and not SECTION_HEADING.match(text) and not _LABEL.match(text) and not any(rx.search(text) for rx in rules.not_title)
            and not find_dates(text) and not bylines.name_line(text))


def _title_match(line: str, ref: str) -> float:
    """How well a line matches a headline from the markup (which may carry the site's name)."""
    a, b = "".join(line.split()), "".join(ref.split())
    if not a or not b:
        return 0.0
    if a == b:
        return 3.0
    if len(a) >= 5 and a in b:
        return 1.0 + len(a) / len(b)
    if len(b) >= 5 and b in a and len(b) >= 0.6 * len(a):
        return 1.5
    return 0.0


def _title_above(blocks: list[Block], ms: int, rules: SiteRules, tables: set[int] | frozenset[int]
                 ) -> tuple[int | None, bool]:
    """The first line of the run of title-like lines above the date line or a document number
    (川乡振函〔2024〕58号, printed right under a notice's title), else above the text, and whether such
    a line anchored it (the layout of text dumps, of old table-built pages and of government notices)."""
    stop = ms
    for i in range(max(0, ms - 6), ms + 1):
        if dated(blocks[i].text) is not None or DOC_NUMBER.match(blocks[i].text):
            stop = i
            break
    run: list[int] = []
    i = stop - 1
    while i >= max(0, stop - 8):
        text = blocks[i].text
        if i in tables:
            break  # the text goes on above: no title below it
        if text.startswith(("—", "－－", "--")) or bylines.name_line(text):
            pass  # a subtitle (——...) or the author's name between title and text (or date line)
        elif _title_like(text, rules) and not linky(blocks[i]):
            run.insert(0, i)
        elif run or not (META_WORDS.search(text) or TITLE_JUNK.search(text) or len(text) < 4):
            break
        i -= 1
    while len(run) > 1 and len(blocks[run[0]].text) <= 6:  # a kicker (引题) above the headline
        run.pop(0)
    if not run and stop < ms:  # a page's own date line above the headline (出版日期 … / 标题 / 作者 …)
        run = [i for i in range(stop + 1, ms) if _title_like(blocks[i].text, rules) and not linky(blocks[i])
               and i not in tables][:1]
    return (run[0] if run else None), stop < ms
