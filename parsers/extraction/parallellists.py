"""Parallel lists after one verb: 安排万州区资金1.3亿元、夷陵区资金4500万元 - each place with
the same short noun and an amount of its own.

Split out of parsers/extraction/pairings.py: both the pairing verbs (each listed place is a recipient)
and funding attribution (each amount goes to its own place) read these lists, and the list
shape is a concern of its own, not one of the pairing shapes.
"""

from __future__ import annotations

import re

from parsers.extraction.clauses import Sentence
from parsers.extraction.mentions import Mention

# One item of a parallel list after a verb: a place, a short noun and its amount (万州区资金1.3亿元).
_ITEM = re.compile(r"([\u4e00-\u9fff]{0,6}?)(?:近|约|超过|超|逾)?\d+(?:\.\d+)?(?:多|余)?[万亿]+元")


def parallel_items(first: Mention, sent: Sentence, text: str) -> list[tuple[Mention, int]]:
    """安排万州区资金1.3亿元、夷陵区资金4500万元: each place with the same noun and its own amount,
    joined by 、, as (place, where its item ends); [] unless there are two items or more."""
    m = _ITEM.match(text, first.end, sent.end)
    if m is None:
        return []
    out = [(first, m.end())]
    while text.startswith("、", out[-1][1]):
        nxt = next((x for x in sent.mentions if x.start == out[-1][1] + 1), None)
        item = _ITEM.match(text, nxt.end, sent.end) if nxt else None
        if nxt is None or item is None or item.group(1) != m.group(1):
            break
        out.append((nxt, item.end()))
    return out if len(out) > 1 else []


def parallel_item_at(p: int, sent: Sentence, text: str) -> tuple[Mention, Mention] | None:
    """The first place of a parallel list and the place whose item holds the amount at ``p``."""
    for first in sent.mentions:
        if first.end > p or text[first.start - 1 : first.start] == "、":
            continue
        items = parallel_items(first, sent, text)
        for place, end in items:
            if place.end <= p < end:
                return first, place
        if items and items[-1][1] > p:
            return None
    return None
