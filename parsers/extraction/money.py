"""Money amounts in Chinese text: 近2.28亿元, 420余万元, 2亿多元, 三千万元, 1亿2000万元, 价值600万.

Finds spans that are money and turns them into whole yuan, with an approximate flag for
近 / 约 / 余 / 多 / 超 / 逾 / 多达 / 以上 / 左右 (and 至少 / 不少于 before it, not in its text).  An amount ends in 元 (or 人民币), or -
written 600万 or 110亿 - follows a money noun (资金, 价值, 金额...) closely and is not followed by
a measure (人次, 立方米).  Chinese numerals go through cn2an (``number``).

The forms read:

- units, alone or stacked: 元, 千元, 万元, 千万元, 亿元, 百亿元, 千亿元, 万亿元, with 余/多 after the
  number (2000余万元, 两千余万元), between the units (1万多亿元: over 10^12) or after them (2亿多元);
- a second figure under the first unit: 1亿2000万元, 一亿两千万元, 1亿零500万元, 1亿2000余万元,
  1亿2千万元, 1万1千元, 一万一千元; and a third under the second: 2万3千5百元; a count of 万 written
  in mixed figures and units, 3千5百万元 (= 三千五百万元);
- a unit alone after 近/超/逾/上: 近千万元, 上百万元, 近亿元, 上万元 (数千万元 / 几十万元 are no figure);
- the financial numerals: 伍万元, 壹佰万元, 人民币伍拾万元整;
- 1,200万元 (thousands separators), １２００万元 (full-width: read as ASCII, reported as written),
  one space left inside (4.25 亿元, 500余 万 元 - what removing pinyin leaves);
- 人民币 before or after (人民币500万元, 500万元人民币, 500万人民币): yuan.

Other currencies (500万美元, 1000港元, 港币500万元) are not found at all: a record's amount is in
yuan, and converting would need a rate of the day; such figures are left out, as before.

A range (300万至500万元, 300-500万元, 300万元~500万元) is one amount: its lower bound, approximate
(like 余 and 以上, "at least this much"), its text the whole range as written, its upper bound in
``Amount.upper``.

A per-unit amount (每县300万元, 每个村50万元, 1000元/户, 两家企业各捐赠100万元) is not a total:
``Amount.per`` names what it is per (县, 村, 户, 各 for "each").  Amounts are still found as
before; what to do with a per-unit one is the caller's choice.
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
    CURRENCIES_BEFORE,
    EACH_VERBS,
    FUNDS_AFTER,
    FUNDS_AFTER_GAP,
    LOWER_BOUND_LEADS,
    MEASURE_AFTER,
    MONEY_NOUNS,
    NOUN_WINDOW,
    PER_CLASSIFIERS,
    PER_MONEY_NOUNS,
    PER_NOUN_GAP,
    PER_UNITS,
    RANGE_JOINERS,
)

# The financial forms of the numerals (捐赠人民币伍拾万元, 壹佰万元): read as the common ones, one
# character for one, so spans stay where they were.
_CAPITALS = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")
_ANY_CAPITAL = re.compile("[壹贰叁肆伍陆柒捌玖拾佰仟]")
_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千]+"
# 近亿元 / 上万元: the large unit alone, right after a word that makes it a figure
_UNIT_ALONE = r"(?<=[近超逾上])[万亿]"
_APPROX_PRE = _alternation(APPROX_PREFIXES)
_INFIX = "".join(APPROX_INFIXES)
_SUFFIX = _alternation(APPROX_SUFFIXES)
_SP = r"[ \u3000]?"  # one space, as removing pinyin leaves it (5000万 元, 4.25 亿元)
_HEAD = (
    rf"(?P<pre>{_APPROX_PRE})?"
    rf"(?P<num>{_ARABIC}|{_CHINESE}|{_UNIT_ALONE})"
    rf"(?P<inf1>[{_INFIX}])?{_SP}"
)
# 万亿 with 余/多 between (1万多亿), 千亿 / 百亿 / 亿, 千万 / 万, 千 / 百 / 十
_LARGE = rf"[十百千]?万(?P<infm>[{_INFIX}])?亿|[十百千]?[万亿]"
# a second figure under the first unit: 1亿2000万, 一亿零五百万, 1亿2000余万, 1亿2千万, 1万1千, 一万一千;
# and a third under the second: 2万3千5百
_SECOND = (rf"(?:零?(?P<num2>\d{{1,4}}|[〇一二两三四五六七八九十百千]+)(?P<inf3>[{_INFIX}])?"
           rf"(?P<unit2>千亿|百亿|千万|百万|万|千|百)"
           rf"(?:零?(?P<num3>\d|[一二两三四五六七八九])(?P<unit3>千|百|十))?)?")
_AFTER = rf"(?P<inf2>[{_INFIX}])?"

# number, optional infix, optional unit(s), optional infix, then 元 or 人民币
MONEY_RE = re.compile(
    _HEAD
    + rf"(?:(?P<unit>{_LARGE}|[十百千]){_SP})?"
    + _SECOND
    + _AFTER
    + rf"{_SP}(?:(?:人民币)?元|人民币)"
    rf"(?P<suf>{_SUFFIX})?"
)
# 600万 / 110亿 with no 元: a large unit is required, and the context decides.
BARE_RE = re.compile(
    _HEAD + rf"(?P<unit>{_LARGE})" + _SECOND + _AFTER + r"(?![万亿])(?![ \u3000]?(?:人民币|元))"
)

# 慰问金1000/户: a plain figure per unit right after a money noun (no 万/亿, no 元).
PER_BARE_RE = re.compile(
    rf"(?:{_alternation(PER_MONEY_NOUNS)})[^\d,,。;;、]{{0,{PER_NOUN_GAP}}}?(?P<num>\d+(?:\.\d+)?)"
    rf"(?=[ \u3000]?/(?:{_alternation(PER_UNITS)}))"
)

_YUAN = re.compile("元|人民币")
_SLASH = re.compile("/")
_LARGE_UNIT = re.compile("[万亿](?![ \u3000]?元)")

# Digits just before the match mean we cut a longer number in two (e.g. a 5,000-digit run).
_MAX_DIGITS = 20
# ... and so does a unit or 零 (1亿零500万: never 500万 alone).
_CUT_BEFORE = "0123456789.,万亿零"

_JOINER = _alternation(RANGE_JOINERS)
# the lower end of a range, read backwards from the upper amount's start
_RANGE_LOW = re.compile(
    rf"(?P<pre>{_APPROX_PRE})?(?P<num>{_ARABIC}|{_CHINESE})(?P<inf1>[{_INFIX}])?"
    rf"(?P<unit>{_LARGE}|[十百千])?(?:人民币)?元?{_SP}(?:{_JOINER}){_SP}$"
)
_RANGE_WINDOW = 24
_JOINER_ENDS = {w[-1] for w in RANGE_JOINERS}
_BREAKS = ",;:。、!?()\n"
_PER_BEFORE = re.compile(
    rf"每(?:{_alternation(PER_CLASSIFIERS)})?(?P<per>{_alternation(PER_UNITS)})[^\d{re.escape(_BREAKS)}]{{0,6}}$"
    rf"|(?P<each>各)(?:{_alternation(EACH_VERBS)})?$"
)
_PER_AFTER = re.compile(rf"[ \u3000]?(?:/|每)(?P<per>{_alternation(PER_UNITS)})")
_PER_WINDOW = 14


@dataclass(frozen=True)
class Amount:
    yuan: int
    approximate: bool
    text: str
    start: int
    end: int
    upper: int | None = None  # a range's upper bound (300万至500万元: yuan 3000000, upper 5000000)
    per: str | None = None  # what a per-unit amount is per (每县300万元: 县; 各100万元: 各)


def number(token: str) -> Decimal | None:
    """A number written in Arabic digits (1,200 / 3.5) or Chinese numerals (两千, 二〇二三, 十),
    or None; a unit alone (千, 万, 亿 of 近千万元 / 近亿元) is one of it."""
    token = token.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        if len(token.split(".")[0]) > _MAX_DIGITS:
            return None
        try:
            return Decimal(token)
        except InvalidOperation:
            return None
    if token in _UNIT:  # 近千万元 / 上百万元 / 近亿元 written with the unit alone: one of it
        return Decimal(_UNIT[token])
    try:
        import cn2an

        return Decimal(str(cn2an.cn2an(token, "normal")))
    except (ValueError, KeyError, TypeError, InvalidOperation):
        return None


def _multiplier(unit: str | None) -> int:
    value = 1
    for ch in unit or "":
        value *= _UNIT.get(ch, 1)  # 余 / 多 between the units (1万多亿) count nothing
    return value


def _value(m: re.Match[str]) -> Decimal | None:
    base = number(m.group("num"))
    if base is None:
        return None
    value = base * _multiplier(m.group("unit"))
    if m.groupdict().get("num2"):
        extra = number(m.group("num2"))
        unit, unit2 = m.group("unit"), m.group("unit2")
        if extra is not None and unit in ("千", "百") and len(unit2) == 2 and _multiplier(unit2[0]) < _multiplier(unit):
            if m.groupdict().get("num3"):
                return None
            return (value + extra * _multiplier(unit2[0])) * _multiplier(unit2[1])  # 3千5百万: 万 counts all of 3千5百
        if extra is None or not unit or extra * _multiplier(unit2) >= _multiplier(unit):
            return None  # 1亿2000万: the second figure is under the first unit
        value += extra * _multiplier(unit2)
    if m.groupdict().get("num3"):
        third = number(m.group("num3"))
        if third is None or _multiplier(m.group("unit3")) >= _multiplier(m.group("unit2")):
            return None  # 2万3千5百: each figure under the one before
        value += third * _multiplier(m.group("unit3"))
    return value


def _cut_number(text: str, start: int) -> bool:
    """The match starts inside a longer number (1,200 read from 200; 1亿零500万); a comma or point
    after a word (扶贫,6万余元 - a full-width comma read as ASCII) ends a clause, no number."""
    if start == 0 or text[start - 1] not in _CUT_BEFORE:
        return False
    return text[start - 1] not in ".," or (start > 1 and text[start - 2].isdigit())


def _vague(text: str, m: re.Match[str]) -> bool:
    """数千万元 / 几百万元 / 数十万元: a unit alone after 数 / 几 is no figure (近千万元 and 上百万元 are)."""
    return m.group("num") in _UNIT and not m.group("pre") and m.start() > 0 and text[m.start() - 1] in "数几成"


def _above(text: str, m: re.Match[str]) -> bool:
    return m.group("num") in _UNIT and m.start() > 0 and text[m.start() - 1] in "上近超逾"


def _approximate(text: str, m: re.Match[str]) -> bool:
    groups = m.groupdict()
    return (any(groups.get(g) for g in ("pre", "inf1", "infm", "inf2", "inf3", "suf")) or _above(text, m)
            or text.endswith(LOWER_BOUND_LEADS, max(0, m.start() - 3), m.start()))


def _foreign(text: str, start: int) -> bool:
    """港币500万元: another currency written before the figure."""
    return text.endswith(CURRENCIES_BEFORE, max(0, start - 4), start)


def _bare_is_money(text: str, m: re.Match[str]) -> bool:
    """600万 / 110亿 count after a money noun (资金110亿, 价值600万) and before no measure."""
    if text.startswith(MEASURE_AFTER, m.end()):
        return False
    before = text[max(0, m.start() - NOUN_WINDOW) : m.start()]
    return any(noun in before for noun in MONEY_NOUNS) or _FUNDS_AFTER.match(text, m.end()) is not None


# the funds' own words between the figure and the noun: no figure, no stop, no people counted
# (20万贫困群众的帮扶资金 counts people)
_FUNDS_AFTER = re.compile(rf"(?:(?![人户名口群])[\u4e00-\u9fff]){{0,{FUNDS_AFTER_GAP}}}?(?:{'|'.join(FUNDS_AFTER)})")


_WINDOW = 30  # an amount's number and prefix fit in this many characters before its unit


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
    if _ANY_CAPITAL.search(text):  # rare: translate() copies the whole text character by character
        text = text.translate(_CAPITALS)
    return [Amount(a.yuan, a.approximate, original[a.start : a.end], a.start, a.end, a.upper, a.per)
            for a in _amounts(text)]


def _amounts(text: str) -> list[Amount]:
    out: list[Amount] = []
    for m in _matches(MONEY_RE, text, _windows(text, _YUAN, 3)):
        check()
        value = _value(m)
        if _cut_number(text, m.start()) or value is None or value <= 0 or _vague(text, m) or _foreign(text, m.start()):
            continue
        out.append(Amount(int(value), _approximate(text, m), m.group(0), m.start(), m.end()))
    taken = [(a.start, a.end) for a in out]
    for m in _matches(BARE_RE, text, _windows(text, _LARGE_UNIT, 2)):
        check()
        if any(s < m.end() and m.start() < e for s, e in taken) or _cut_number(text, m.start()):
            continue
        value = _value(m)
        if value is None or value <= 0 or not _bare_is_money(text, m) or _vague(text, m) or _foreign(text, m.start()):
            continue
        out.append(Amount(int(value), _approximate(text, m), m.group(0), m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in _matches(PER_BARE_RE, text, _windows(text, _SLASH, 1)):
        check()
        lo, hi = m.start("num"), m.end("num")
        value = number(m.group("num"))
        if value is None or value <= 0 or any(s < hi and lo < e for s, e in taken) or _cut_number(text, lo):
            continue
        out.append(Amount(int(value), False, m.group("num"), lo, hi))
    out = _ranges(text, sorted(out, key=lambda a: a.start))
    return [_with_per(text, a) for a in out]


def _ranges(text: str, amounts: list[Amount]) -> list[Amount]:
    """300万至500万元 / 300-500万元 as one amount: the lower bound, approximate, upper kept."""
    out: list[Amount] = []
    for a in amounts:
        lo = max(0, a.start - _RANGE_WINDOW)
        joined = text[max(0, a.start - 2) : a.start].strip(" \u3000")[-1:] in _JOINER_ENDS
        m = _RANGE_LOW.search(text, lo, a.start) if joined else None
        low = _low_end(text, m, a) if m else None
        if m is None or low is None:
            out.append(a)
            continue
        while out and out[-1].end > m.start():  # the lower end, found as an amount of its own
            out.pop()
        out.append(Amount(low, True, text[m.start() : a.end], m.start(), a.end, upper=a.yuan))
    return out


def _low_end(text: str, m: re.Match[str], upper: Amount) -> int | None:
    if _cut_number(text, m.start()) or _vague(text, m) or text[m.start() - 1 : m.start()] == "第":
        return None
    base = number(m.group("num"))
    if base is None:
        return None
    unit = m.group("unit")
    if unit is None and not m.group(0).rstrip().endswith("元"):  # 300-500万元: the unit of the upper end
        head = MONEY_RE.match(text, upper.start) or BARE_RE.match(text, upper.start)
        unit = head.group("unit") if head else None
    low = int(base * _multiplier(unit))
    return low if 0 < low < upper.yuan else None


def _with_per(text: str, a: Amount) -> Amount:
    before = text[max(0, a.start - _PER_WINDOW) : a.start]
    m = _PER_BEFORE.search(before) if "每" in before or "各" in before else None
    per = (m.group("per") or m.group("each")) if m else None
    if per is None and (after := _PER_AFTER.match(text, a.end)):
        per = after.group("per")
    if per is None:
        return a
    return Amount(a.yuan, a.approximate, a.text, a.start, a.end, a.upper, per)
