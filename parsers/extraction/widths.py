"""Full-width forms: read as their ASCII twins, reported as the page wrote them.

Pages served as HTML keep ，：；（）and full-width digits, while the extraction rules are written
with ASCII punctuation. ``half_width`` maps one character to one, so every offset into the mapped
text is an offset into the page's text, and ``as_written`` puts the page's characters back into
what is reported (evidence sentences, amounts as written).
"""

from __future__ import annotations

import re
from typing import TypeVar

from pydantic import BaseModel

_HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULL_WIDTH = re.compile("[\uff01-\uff5e]+")
_ANY_FULL_WIDTH = re.compile("[\uff01-\uff5e]")  # one character: the scan is sre's fast loop over a set

T = TypeVar("T", bound=BaseModel)


def half_width(text: str) -> str:
    """``text`` with U+FF01-FF5E as ASCII, one character for one."""
    if _ANY_FULL_WIDTH.search(text) is None:  # most text: one C-speed scan, no copy
        return text
    return _FULL_WIDTH.sub(lambda m: m.group().translate(_HALF_WIDTH), text)


def as_written(item: T, mapped: str, original: str) -> T:
    """``item`` (a Pairing or Funding) with its evidence, and a funding's surface text, in the
    original's characters; unchanged where the text has no full-width forms."""
    if mapped == original:
        return item
    evidence = getattr(item, "evidence", None)
    at = mapped.find(evidence.removesuffix("…")) if evidence else -1
    if at < 0:
        return item
    end = at + len(evidence.removesuffix("…"))
    changes = {"evidence": original[at:end] + evidence[len(evidence.removesuffix("…")):]}
    surface = getattr(item, "text", None)
    inside = mapped.find(surface, at, end) if surface else -1
    if inside >= 0:
        changes["text"] = original[inside : inside + len(surface)]
    return item.model_copy(update=changes)
