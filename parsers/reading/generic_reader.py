"""The generic page reader: title, date, authors, 来源 and body of a page from an unknown site.

It reads lines (blocks), each marked as inside the article's main text or not:
from HTML the DOM says so (parsers/reading/maintext.py); from a text dump the same
prose-versus-furniture value picks the densest run of lines.  Around the main
text the reader looks where Chinese pages put their metadata: the title just
above it (matching <title> or og:title when the page has them), the date line
and bylines between title and text, credits and poster lines just after it.
Dates are never taken from link lists (listings) or from below the footer.  A table's lines
(parsers/reading/tables.py) are text: never the title, and the body may start with them.
"""

from __future__ import annotations

import re

from parsers.deadline import check
from parsers.reading import bylines
from parsers.reading.datelines import dated, find_date, month_date, tail_date
from parsers.reading.dates import date_from_url, find_dates
from parsers.reading.headlines import clean_title, find_title, hint_title
from parsers.reading.maintext import piece_value
from parsers.reading.page_blocks import (
    META_WORDS,
    PROSE_PUNCT,
    Block,
    Hints,
    announces,
    is_prose,
    lines_before,
    linky,
    meta_text,
    salutation,
    section_heading,
    sentence,
)
from parsers.reading.site_reader import PageFields, check_body
from parsers.reading.site_rules import SiteRules
from parsers.reading.tables import table_lines, with_units

__all__ = ["Block", "Hints", "is_prose", "read_article", "text_blocks"]


_FOOTER_START = re.compile(r"^\W*(?:发表于|发布于|张贴于|posted\b)", re.I)
_MENU_SPLIT = re.compile(r"\s{2,}|\s*[|｜]\s*")
_ANY_PUNCT = re.compile(r"[，。！？；：、“”‘’（）《》…,.!?;:()\"]")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．)）]")
_SITE_REF = re.compile(r"www\.|https?://|\.(?:com|cn|net|org)\b", re.I)


def text_blocks(lines: list[str]) -> list[Block]:
    """A text dump's lines as blocks, the densest run of prose marked as the main text."""
    lines = [x for x in lines if x.strip()]
    tables = table_lines(lines)  # a table's rows are text, however short or widely spaced
    values = [max(_line_value(x), float(len(x))) if i in tables else _line_value(x) for i, x in enumerate(lines)]
    best, start, total = (0, -1, float("-inf")), 0, 0.0
    for i, v in enumerate(values):
        if total <= 0:
            start, total = i, 0.0
        total += v
        if total > best[2]:
            best = (start, i, total)
    lo, hi, _ = best
    return [Block(x, 0, lo <= i <= hi, "") for i, x in enumerate(lines)]


def _line_value(line: str) -> float:
    chars = len("".join(line.split()))
    punct = len(PROSE_PUNCT.findall(line))
    if not punct and len(_MENU_SPLIT.split(line.strip())) >= 3:
        return -chars  # a menu: items set apart by wide spaces or bars
    return piece_value(chars, punct)


def read_article(blocks: list[Block], hints: Hints, rules: SiteRules) -> PageFields:
    """Title, date, authors, 来源 and body of a page, by the generic rules (``rules`` adds data)."""
    out = PageFields()
    main = [i for i, b in enumerate(blocks) if b.in_main] or list(range(len(blocks)))
    if not main:
        return out
    ms, me = main[0], main[-1]
    tables = table_lines([b.text for b in blocks]) | {i for i, b in enumerate(blocks) if b.tag == "tr"}
    first = next((i for i in main if is_prose(blocks[i]) or i in tables), ms)  # a table may open the text
    # a menu or a breadcrumb above the text is neither the text nor a reason to look for it higher up
    menu = _menu_items(blocks[:first], tables)
    furniture = {i for i in main if i < first and (i in menu or _dropped(blocks[i].text, rules))}
    plain = [i for i in main if i <= first and not linky(blocks[i]) and i not in furniture]
    # where the text starts: its first paragraph, unless many other lines of the main text come before it
    anchor = first if len(plain) <= 9 else plain[0]
    title_i = find_title(blocks, anchor, me, hints, rules, tables)
    out.title = clean_title(blocks[title_i].text) if title_i is not None else hint_title(hints)
    lead = title_i + 1 if title_i is not None and title_i <= anchor else min(ms, anchor)
    head = _head(blocks, lead if title_i is not None else None, anchor, first)
    above = lines_before(blocks, title_i - 1, 2) if title_i else []  # forums print the date above the title
    date_i, out.date = find_date(blocks, head + above, hints)
    dated_text = {date_i} if date_i is not None and _DATED_OPENING.match(blocks[date_i].text) and is_prose(
        blocks[date_i]) else set()
    # 2018年1月9日,X向Y捐赠…: a paragraph that opens with its date is text, not a date line
    skip = ({i for i in head if i < anchor} | {date_i} | furniture) - _text_opening(blocks, head, first) - dated_text
    body_idx, end = _body(blocks, rules, max(lead, ms), me, out.title, skip, tables)
    out.body = with_units([blocks[i].text for i in body_idx])
    check_body(out.body)
    tail = [i for i in range(max(ms, (body_idx[-1] if body_idx else me) - 3), min(len(blocks), end + 6))
            if not linky(blocks[i]) or i == end]  # the line that ended the body (a post footer) counts
    if out.date is None:
        out.date = tail_date(blocks, tail) or date_from_url(hints.url) or month_date(blocks, head + tail)
    out.authors = _authors(blocks, [i for i in head if i < first], body_idx[:2], tail, hints)
    out.publisher = _publisher(blocks, head + tail, rules)
    return out


def _head(blocks: list[Block], lead: int | None, anchor: int, first: int) -> list[int]:
    """The lines between title and text, where date lines and bylines are: from the title (else a few
    lines above the text's start) down to the first paragraph.  A date line may carry a link (来源,
    the site's address), but a line that is mostly links is a listing."""
    start = lead if lead is not None else (lines_before(blocks, anchor, 12, 0.75) or [anchor])[0]
    if first - start > 60:  # a long run of short lines (an agenda, a form): its top and the text's start
        span = [*range(start, start + 30), *lines_before(blocks, first, 12, 0.75)]
    else:
        span = list(range(start, first + 1))
    return sorted({i for i in span if not linky(blocks[i], 0.75)})


# 2018年1月9日,恒大集团向…: a paragraph opening with the day it tells of, then a comma.
_DATED_OPENING = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[,，、]")


def _text_opening(blocks: list[Block], head: list[int], first: int) -> set[int]:
    """Head lines that already belong to the text: the short sentences (a 讯 lead-in), a notice's
    salutation (各市乡村振兴局：), its lead-in (现将…公告如下:) and numbered section headings (一、资金来源)
    in one run right above its first paragraph."""
    found: set[int] = set()
    i = first - 1
    while i in head and (_opening_line(blocks, i) or section_heading(blocks[i])):  # 一、资金来源: no 来源: label
        found.add(i)
        i -= 1
    return found


def _opening_line(blocks: list[Block], i: int) -> bool:
    text = blocks[i].text
    return (sentence(blocks[i]) or salutation(blocks, i) or announces(blocks[i])) and not _is_meta_line(text)


def _body(blocks: list[Block], rules: SiteRules, start: int, me: int, title: str | None,
          skip: set[int | None], tables: set[int]) -> tuple[list[int], int]:
    """Indices of the body lines (main text without metadata, links and furniture) and where it stopped;
    the lines of a table are text, however much they look like labels or furniture."""
    kept: list[int] = []
    end = me + 1
    for i in range(start, me + 1):
        check()
        b = blocks[i]
        text = b.text
        if not b.in_main or i in skip or text == title:
            continue
        footer = bool(kept) and _is_post_footer(text)
        if kept and (footer or any(rx.search(text) for rx in rules.body_end)):
            if not footer and _inline_box(blocks, i, me):
                continue  # a 延伸阅读 box of links inside the text: the text goes on after it
            end = i  # a blog or forum post ends at its footer; replies and older posts follow
            break
        if linky(b):
            continue
        if any(rx.search(text) for rx in rules.drop_lines):
            continue
        if not kept and i not in tables and (any(rx.search(text) for rx in rules.body_end) or _is_meta_line(text)
                                             or _label_cell(blocks, i)):
            continue
        kept.append(i)
    while kept and kept[-1] not in tables and _trailing_furniture(blocks[kept[-1]].text):
        kept.pop()
    return kept, end


def _menu_items(blocks: list[Block], tables: set[int]) -> set[int]:
    """A navigation menu whose items are not links (<li>首页</li><li>政务公开</li>): a run of at least
    four short list items without punctuation, outside any table."""
    found: set[int] = set()
    run: list[int] = []
    for i, b in enumerate([*blocks, Block("", 0, False, "")]):
        if b.tag == "li" and len(b.text) <= 8 and not _ANY_PUNCT.search(b.text) and i not in tables:
            run.append(i)
            continue
        if len(run) >= 4:
            found.update(run)
        run = []
    return found


def _dropped(text: str, rules: SiteRules) -> bool:
    return any(rx.search(text) for rx in rules.drop_lines)


def _inline_box(blocks: list[Block], i: int, me: int) -> bool:
    """A link box (相关阅读：a, b, c) set inside the text: a few link lines, then more paragraphs."""
    if not (linky(blocks[i]) or (i + 1 <= me and linky(blocks[i + 1]))):
        return False
    j = i + 1
    while j <= me and j - i <= 8 and (linky(blocks[j]) or not blocks[j].text):
        j += 1
    prose = [k for k in range(j, min(me + 1, j + 6)) if is_prose(blocks[k])]
    return j - i <= 8 and len(prose) >= 2


def _is_post_footer(text: str) -> bool:
    """由X张贴 @ date, 发表于 date, 发布时间 date by X: the line that closes a post."""
    if len(text) > 160 or "。" in text or "，" in text or not find_dates(text):
        return False
    return bool(_FOOTER_START.match(text)) or bool(bylines.poster(text))


def _trailing_furniture(text: str) -> bool:
    """Lines that end a main container without being text: links to the site, labels, app promotions
    (short and unpunctuated; a list item or a sentence cut off by the page keeps its place)."""
    if _SITE_REF.search(text):
        return True
    return len(text) < 20 and not _ANY_PUNCT.search(text) and not _LIST_ITEM.match(text)


def _label_cell(blocks: list[Block], i: int) -> bool:
    """A bare label (索引号：) or the value after one: a metadata table above the text.  A paragraph
    after a label is no value (字体大小： whose buttons a text dump lost, then the first paragraph)."""
    label = re.compile(r"^.{1,10}[:：]$")
    if salutation(blocks, i) or (i > 0 and salutation(blocks, i - 1)):
        return False  # a notice's recipients and its first paragraph
    return bool(label.match(blocks[i].text)) or (i > 0 and bool(label.match(blocks[i - 1].text))
                                                 and not is_prose(blocks[i]))


def _is_meta_line(text: str) -> bool:
    if len(text) > 80 or "。" in text or "，" in text:
        return False
    return bool(META_WORDS.search(text)) or dated(text) is not None


def _authors(blocks: list[Block], head: list[int], lead: list[int], tail: list[int], hints: Hints) -> list[str]:
    texts = {k: [meta_text(blocks, i) for i in v] for k, v in (("head", head), ("lead", lead), ("tail", tail))}
    tiers = [
        lambda: _collect(_writers, texts["head"]),
        lambda: _collect(bylines.labelled_writers, texts["tail"], _collect(bylines.closing_credit, texts["tail"])),
        lambda: _collect(bylines.labelled_writers, texts["lead"]),
        lambda: bylines.meta_authors(list(hints.authors)),
        lambda: _collect(bylines.name_line, texts["head"][:4]),
        lambda: _collect(bylines.bracketed, [meta_text(blocks, i) for i in head if dated(blocks[i].text)]),
        lambda: _collect(bylines.poster, texts["head"] + texts["tail"]),
        lambda: _collect(bylines.editors, texts["tail"] + texts["head"]),
        lambda: _collect(bylines.source_person, texts["head"] + texts["tail"]),
        lambda: _collect(bylines.issuer, texts["head"]),
    ]
    for tier in tiers:
        names = tier()
        if names:
            return names
    return []


def _writers(line: str) -> list[str]:
    """Labelled writers; on a metadata line (a date line, 来源 and 记者) 记者 is always a credit."""
    return bylines.labelled_writers(line, meta=_is_meta_line(line) and dated(line) is not None)


def _collect(fn, lines: list[str], found: list[str] | None = None) -> list[str]:
    """Names ``fn`` finds in ``lines``, each once, after those already ``found``."""
    found = list(found or [])
    for line in lines:
        for name in fn(line):
            if name not in found:
                found.append(name)
    return found


def _publisher(blocks: list[Block], lines: list[int], rules: SiteRules) -> str | None:
    for i in lines:
        for rx in rules.publisher_patterns:
            m = rx.search(meta_text(blocks, i))
            if m:
                return m.group("p").strip("[]【】 ")
    return None
