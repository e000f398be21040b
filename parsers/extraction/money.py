"""Money amounts in Chinese text: 近2.28亿元, 420余万元, 2亿多元, 三千万元, 1亿2000万元, 价值600万.

Finds spans that are money and turns them into whole yuan, with an approximate flag for
近 / 约 / 余 / 多 / 超 / 以上.  An amount ends in 元, or - written 600万 or 110亿 - follows a
money noun (资金, 价值, 金额...) closely and is not followed by a measure (人次, 立方米).
Chinese numerals go through cn2an.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from parsers.deadline import check
from parsers.extraction.widths import half_width
from parsers.extraction.wording.funding import (
    APPROX_INFIXES,
    APPROX_PREFIXES,
    APPROX_SUFFIXES,
    MEASURE_AFTER,
    MONEY_NOUNS,
    NOUN_WINDOW,
)

_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千]+"
_APPROX_PRE = "|".join(sorted(APPROX_PREFIXES, key=len, reverse=True))
_INFIX = "".join(APPROX_INFIXES)
_SUFFIX = "|".join(APPROX_SUFFIXES)
_HEAD = (
    rf"(?P<pre>{_APPROX_PRE})?"
    rf"(?P<num>{_ARABIC}|{_CHINESE})"
    rf"(?P<inf1>[{_INFIX}])?"
)

# number, optional infix, optional large unit(s), optional infix, then 元 (人民币 optional)
MONEY_RE = re.compile(
    _HEAD
    + rf"(?P<unit>[十百千]?[万亿]|[万亿][万亿]?|[十百千])?"
    rf"(?:(?P<num2>\d{{1,4}}|[零〇一二两三四五六七八九十百千]+)(?P<unit2>万))?"
    rf"(?P<inf2>[{_INFIX}])?"
    rf"(?:人民币)?元"
    rf"(?P<suf>{_SUFFIX})?"
)
# 600万 / 110亿 with no 元: a large unit is required, and the context decides.
BARE_RE = re.compile(_HEAD + rf"(?P<unit>[十百千]?[万亿]|[万亿][万亿]?)(?P<inf2>[{_INFIX}])?(?!(?:人民币)?元)")

_YUAN = re.compile("元")
_LARGE_UNIT = re.compile("[万亿](?!元)")

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
    if token in ("百", "千"):  # 近千万元 / 上百万元 written with the unit alone: one of it
        return Decimal(_UNIT[token])
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


def _value(m: re.Match[str]) -> Decimal | None:
    base = _number(m.group("num"))
    if base is None:
        return None
    value = base * _multiplier(m.group("unit"))
    if m.groupdict().get("num2"):
        extra = _number(m.group("num2"))
        if extra is None:
            return None
        value += extra * _multiplier(m.group("unit2"))
    return value


def _cut_number(text: str, start: int) -> bool:
    return start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".,")


def _vague(text: str, m: re.Match[str]) -> bool:
    """数千万元 / 几百万元: a unit alone after 数 / 几 is no figure (近千万元 and 上百万元 are)."""
    return m.group("num") in ("百", "千") and not m.group("pre") and m.start() > 0 and text[m.start() - 1] in "数几成"


def _above(text: str, m: re.Match[str]) -> bool:
    return m.group("num") in ("百", "千") and m.start() > 0 and text[m.start() - 1] == "上"


def _bare_is_money(text: str, m: re.Match[str]) -> bool:
    """600万 / 110亿 count after a money noun (资金110亿, 价值600万) and before no measure."""
    if text.startswith(MEASURE_AFTER, m.end()):
        return False
    before = text[max(0, m.start() - NOUN_WINDOW) : m.start()]
    return any(noun in before for noun in MONEY_NOUNS)


_WINDOW = 26  # an amount's number and prefix fit in this many characters before its unit


def _windows(text: str, anchor: re.Pattern[str], after: int) -> list[tuple[int, int]]:
    """Merged stretches of text around each anchor (元, 万, 亿): only there can an amount be."""
    out: list[tuple[int, int]] = []
    for m in anchor.finditer(text):
        lo, hi = max(0, m.start() - _WINDOW), min(len(text), m.end() + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _matches(rx: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> list[re.Match[str]]:
    found: dict[tuple[int, int], re.Match[str]] = {}
    for lo, hi in windows:
        for m in rx.finditer(text, lo, hi):
            found.setdefault((m.start(), m.end()), m)
    return [found[k] for k in sorted(found)]


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in ``text`` that can be normalised to yuan, in order; full-width digits
    (１２００万元) read like ASCII ones, each amount's text as written."""
    original, text = text, half_width(text)
    return [Amount(a.yuan, a.approximate, original[a.start : a.end], a.start, a.end) for a in _amounts(text)]


def _amounts(text: str) -> list[Amount]:
    out: list[Amount] = []
    for m in _matches(MONEY_RE, text, _windows(text, _YUAN, 3)):
        check()
        value = _value(m)
        if _cut_number(text, m.start()) or value is None or value <= 0 or _vague(text, m):
            continue
        approximate = bool(m.group("pre") or m.group("inf1") or m.group("inf2") or m.group("suf")) or _above(text, m)
        out.append(Amount(int(value), approximate, m.group(0), m.start(), m.end()))
    taken = [(a.start, a.end) for a in out]
    for m in _matches(BARE_RE, text, _windows(text, _LARGE_UNIT, 2)):
        check()
        if any(s < m.end() and m.start() < e for s, e in taken) or _cut_number(text, m.start()):
            continue
        value = _value(m)
        if value is None or value <= 0 or not _bare_is_money(text, m) or _vague(text, m):
            continue
        approximate = bool(m.group("pre") or m.group("inf1") or m.group("inf2"))
        out.append(Amount(int(value), approximate, m.group(0), m.start(), m.end()))
    return sorted(out, key=lambda a: a.start)
