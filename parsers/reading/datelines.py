"""The page's own date among its lines: the labelled or short date line near the title, else
a post footer, else the URL, else a magazine issue month.

A date inside a sentence of the body is never the page's date; a date labelled as another
date (成文日期, 会议时间) only when nothing better is there.
"""

from __future__ import annotations

import re

from parsers.reading import bylines
from parsers.reading.dates import FoundDate, find_dates, parse_month
from parsers.reading.page_blocks import PROSE_PUNCT, Block, Hints, meta_text

STRONG_LABEL = re.compile(
    r"(发布|发表|公开|发稿|更新|刊发|上传|录入|时间|日期|发布于|发表于|Posted|posted|@)\s*[:：]?\s*[|｜]?\s*[(（]?\s*$"
)
WEAK_LABEL = re.compile(r"(成文|印发|生成|截止|截至|开始|结束|活动|会议|有效期)\s*(日期|时间)?\s*[:：]?\s*[|｜]?\s*$")


def rank(text: str, found: FoundDate) -> int:
    """How surely a date in a line is the page's own: 3 labelled 发布时间, 2 a short date line,
    1 at the start of a longer line, 0 labelled as another date (成文日期), -1 inside prose."""
    before = text[: found.start]
    if WEAK_LABEL.search(before):
        return 0
    if STRONG_LABEL.search(before[-12:]):
        return 3
    rest = before + text[found.end :]
    if len(rest) <= 60 and "。" not in rest:
        return 2
    if found.start <= 25 and not PROSE_PUNCT.search(before):
        return 1
    return -1


def dated(text: str) -> FoundDate | None:
    """The date of a metadata line: labelled, or at the start of a short line, never inside prose."""
    ranked = [(rank(text, f), f) for f in find_dates(text)]
    ranked = [(r, f) for r, f in ranked if r >= 0]
    return max(ranked, key=lambda x: x[0])[1] if ranked else None


def find_date(blocks: list[Block], head: list[int], hints: Hints) -> tuple[int | None, FoundDate | None]:
    """The head's date line with the strongest label (发布日期 over 成文日期), the first of equals."""
    best: tuple[int, int, FoundDate] | None = None
    for i in head:
        found = dated(meta_text(blocks, i))
        if found is None:
            continue
        score = rank(meta_text(blocks, i), found)
        if best is None or score > best[0]:
            best = (score, i, found)
    if best is not None:
        found = best[2]
        other = found.swapped()
        if other is not None and any(d.value.date() == other.value.date() for d in hints.dates):
            found = other  # 06/02/2022 read the way the page's own meta date says
        return best[1], found
    if hints.dates:
        return None, hints.dates[0]
    return None, None


def tail_date(blocks: list[Block], tail: list[int]) -> FoundDate | None:
    """A labelled date or a poster line after the text (发表于 ..., 由X张贴 @ ...), or a notice's
    signature: the issuer's name, then the day alone on the next line (海东市扶贫开发局 / 2018年11月1日)."""
    for i in tail:
        text = blocks[i].text
        for found in find_dates(text):
            if STRONG_LABEL.search(text[max(0, found.start - 12) : found.start]) or bylines.poster(text):
                return found
            if found.precision == "day" and text.strip() == text[found.start : found.end].strip() and i > 0 \
                    and _issuer(blocks[i - 1].text):
                return found
    return None


_ISSUER = re.compile(r"^[\u4e00-\u9fff()()]{4,30}(?:局|厅|委|委员会|办|办公室|政府|中心|公司|会|院|部|处|室|站|所)$")


def _issuer(text: str) -> bool:
    """A line that only names a body (海东市扶贫开发局): a notice's signature."""
    return bool(_ISSUER.match(text.strip()))


def month_date(blocks: list[Block], lines: list[int]) -> FoundDate | None:
    """A year and month alone on a short line (《刊名》1998年3月号): month precision."""
    for i in lines:
        text = blocks[i].text
        if len(text) <= 40 and not find_dates(text):
            found = parse_month(text)
            if found is not None:
                return found
    return None
