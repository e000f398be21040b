"""Traditional → Simplified (OpenCC t2s) and telling which script a text is in."""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Literal

import opencc

Script = Literal["simplified", "traditional", "mixed", "unknown"]
_CJK_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@functools.cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


# Variant characters that OpenCC's t2s leaves as they are, though a Simplified text never has
# them: 陜 (a Hong Kong form of 陝) stops 陕西省 from being found.
VARIANTS = str.maketrans({"陜": "陕", "衞": "卫", "綫": "线", "麪": "面"})


def to_simplified(text: str) -> str:
    """OpenCC t2s, character level, then the variants it leaves; tw2sp would rewrite vocabulary
    (对口支援 -> 对口支持)."""
    return _converter("t2s").convert(text).translate(VARIANTS) if text else text


@functools.lru_cache(maxsize=65536)
def _char_script(ch: str) -> int:
    """+1 only-Traditional, -1 only-Simplified, 0 shared by both scripts."""
    t2s, s2t = _converter("t2s").convert(ch), _converter("s2t").convert(ch)
    return 1 if t2s != ch and s2t == ch else -1 if s2t != ch and t2s == ch else 0


def detect_script(text: str) -> Script:
    """The text's script, judged by characters that exist in only one of the two scripts."""
    counts = Counter(_CJK_RE.findall(text))
    trad = sum(n for ch, n in counts.items() if _char_script(ch) > 0)
    simp = sum(n for ch, n in counts.items() if _char_script(ch) < 0)
    if trad + simp == 0:
        return "unknown"
    share = trad / (trad + simp)
    return "traditional" if share >= 0.9 else "simplified" if share <= 0.1 else "mixed"
