"""Money amounts in Chinese text: 近2.28亿元, 420余万元, 2亿多元, 三千万元, 1亿2000万元.

Finds spans that are money (they end in 元) and turns them into whole yuan, with
an approximate flag for 近 / 约 / 余 / 多 / 超 / 以上.  Chinese numerals go through cn2an.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from parsers.patterns import APPROX_INFIXES, APPROX_PREFIXES, APPROX_SUFFIXES

_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千]+"
_APPROX_PRE = "|".join(sorted(APPROX_PREFIXES, key=len, reverse=True))
_INFIX = "".join(APPROX_INFIXES)
_SUFFIX = "|".join(APPROX_SUFFIXES)

# number, optional infix, optional large unit(s), optional infix, then 元 (人民币 optional)
MONEY_RE = re.compile(
    rf"(?P<pre>{_APPROX_PRE})?"
    rf"(?P<num>{_ARABIC}|{_CHINESE})"
    rf"(?P<inf1>[{_INFIX}])?"
    rf"(?P<unit>[十百千]?[万亿]|[万亿][万亿]?|[十百千])?"
    rf"(?:(?P<num2>\d{{1,4}}|[零〇一二两三四五六七八九十百千]+)(?P<unit2>万))?"
    rf"(?P<inf2>[{_INFIX}])?"
    rf"(?:人民币)?元"
    rf"(?P<suf>{_SUFFIX})?"
)

# Digits just before the match mean we cut a longer number in two (e.g. a 5,000-digit run).
_MAX_DIGITS = 20


@dataclass(frozen=True)
class Amount:
    yuan: int
    approximate: bool
    text: str
    start: int
    end: int


def _number(token: str) -> Decimal | None:
    token = token.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        if len(token.split(".")[0]) > _MAX_DIGITS:
            return None
        try:
            return Decimal(token)
        except InvalidOperation:
            return None
    try:
        import cn2an

        return Decimal(str(cn2an.cn2an(token, "normal")))
    except (ValueError, KeyError, TypeError, InvalidOperation):
        return None


def _multiplier(unit: str | None) -> int:
    value = 1
    for ch in unit or "":
        value *= _UNIT[ch]
    return value


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in ``text`` that can be normalised to yuan."""
    out: list[Amount] = []
    for m in MONEY_RE.finditer(text):
        start = m.start()
        if start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".,"):
            continue  # the tail of a longer number: not an amount we can trust
        base = _number(m.group("num"))
        if base is None:
            continue
        value = base * _multiplier(m.group("unit"))
        if m.group("num2"):
            extra = _number(m.group("num2"))
            if extra is None:
                continue
            value += extra * _multiplier(m.group("unit2"))
        if value <= 0:
            continue
        approximate = bool(m.group("pre") or m.group("inf1") or m.group("inf2") or m.group("suf"))
        out.append(Amount(int(value), approximate, m.group(0), start, m.end()))
    return out
