"""Mojibake: spans of text decoded with the wrong byte alignment or the wrong charset.

Found by general tests, not by listing strings: GBK read one byte out of step
(re-pairing the bytes gives common text), UTF-8 read as GBK, pinyin remnants whose
character was lost, and runs of U+FFFD.  Nothing is extracted from inside a span.
"""

from __future__ import annotations

import functools
import importlib.resources
import math
import re
import sys
from array import array
from bisect import bisect_left
from collections.abc import Callable
from itertools import compress, count, repeat
from operator import gt, lt, sub

from parsers.deadline import check
from parsers.reading.pinyin import _ORPHAN_ANNOTATION, _TRAILING_ANNOTATION, is_pinyin_syllable
from parsers.reading.script import to_simplified


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, int], frozenset[str]]:
    """Character frequencies and two-character words from jieba's dictionary (once, ~0.3 s)."""
    freq: dict[str, int] = {}
    words = set()
    with (importlib.resources.files("jieba") / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, n, _ = line.split(" ", 2)
            for ch in word:
                freq[ch] = freq.get(ch, 0) + int(n)
            if len(word) == 2:
                words.add(word)
    return freq, frozenset(words)


_RARE = 3.3 + 1e-6  # _plausible wants the shown span's mean commonness <= 3.3 (see _candidate_runs)
_NONE = -math.inf  # the commonness table's value where two bytes make no character


class _Table(dict):
    """A dict that fills itself from ``fn``: ``map(table.__getitem__, ...)`` looks up at C speed."""

    def __init__(self, fn: Callable) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: object) -> object:
        value = self[key] = self.fn(key)
        return value


def _commonness(ch: str) -> float:
    """log10 frequency of a character (Traditional via its Simplified form); punctuation neutral."""
    if "\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e" or ch in "“”‘’—…·":
        return 4.0
    freq = _lexicon()[0]
    return math.log10(max(freq.get(ch, 0), freq.get(to_simplified(ch), 0)) + 1)


def _pair(b: bytes) -> str | None:
    """The one non-ASCII character two bytes make in GB18030, else None."""
    ch = b.decode("gb18030", "replace")
    return ch if len(ch) == 1 and "\x80" <= ch != "\ufffd" else None


def _pair_commonness(code: int) -> float:
    """Commonness of the character of a byte pair packed as in ``array("H")``; _NONE if there is none."""
    ch = _pair(code.to_bytes(2, sys.byteorder))
    return _NONE if ch is None else _COMMON[ch]


_COMMON = _Table(_commonness)
_PAIR_COMMON = _Table(_pair_commonness)


def _char_class(chars: list[str]) -> str:
    """A regex character class (without brackets) for sorted ``chars``, as ranges."""
    ranges: list[list[int]] = []
    for cp in map(ord, chars):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


@functools.cache
def _candidate_runs() -> re.Pattern[str]:
    """Maximal runs of double-byte characters that hold a rare one: the only places a span can be.

    Double-byte: what GB18030 encodes in two bytes (CJK, full-width forms, kana...); outside the
    BMP everything takes four.  Both searches report a span only if _plausible finds the mean
    commonness of its shown characters, all inside one run, <= 3.3, so a run without a character
    that rare is skipped whole.  Commonness is log10(n + 1) for whole n, or 4.0: every value above
    3.3 is >= log10(1996) = 3.30016, so no mean of such values rounds down to 3.3.
    Anchored at a run's start and lazy up to the first rare character, the search stays linear.
    Built once (~60 ms, commonness of all 23,940 characters included).
    """
    bmp = map(chr, [*range(0x80, 0xD800), *range(0xE000, 0x10000)])
    dbcs = [ch for ch in bmp if len(ch.encode("gb18030")) == 2]
    d, r = _char_class(dbcs), _char_class([ch for ch in dbcs if _COMMON[ch] <= _RARE])
    return re.compile(f"(?<![{d}])[{d}]*?([{r}](?:[{d}]*[{r}])?)[{d}]*")  # group 1: first to last rare one


def _plausible(shown: str, fixed: str) -> bool:
    """The repair is common text while the shown text is rare and not made of real words."""
    if len(fixed) < 2 or not shown:
        return False
    ms = sum(map(_COMMON.__getitem__, shown)) / len(shown)
    mf = sum(map(_COMMON.__getitem__, fixed)) / len(fixed)
    words = sum(shown[k : k + 2] in _lexicon()[1] for k in range(len(shown) - 1))
    return mf >= 3.8 and ms <= 3.3 and mf - ms >= 1.2 and words <= 0.25 * max(1, len(shown) - 1)


def _restart_before(data: bytes, first: int) -> int:
    """Just past the last position before ``first`` whose repair is missing (0 if none).

    A missing repair ends every segment, so the search can start afresh there.  Lead bytes are
    >= 0x81, so the last byte <= 0x80 is a trail byte that pairs with nothing (checked all the same).
    """
    m = _LOW_BYTE.search(data[: 2 * first][::-1])
    k = (2 * first - 2 - m.start()) // 2 if m else -1
    missing = k >= 0 and _PAIR_COMMON[int.from_bytes(data[2 * k + 1 : 2 * k + 3], sys.byteorder)] == _NONE
    return k + 1 if missing else 0


_LOW_BYTE = re.compile(rb"[\x00-\x80]")


def _shifted_spans(text: str, s: int, data: bytes, first: int, last: int) -> list[tuple[int, int]]:
    """GBK read one byte out of step: pairing each trail byte with the next lead byte repairs it.

    The misreading lasts until an ASCII byte resynchronises, so a found span is
    snapped forward to that point and takes an ASCII terminator (墙K) along.
    Position i's repair is the character of (trail byte i, lead byte i + 1); its gain is how much
    more common the repair is than the shown character, less a bias of 0.5.  A span must show one
    of the run's rare characters (positions first..last, see _candidate_runs), so the gains are
    computed from the last missing repair before ``first`` on, and only as far past ``last`` as the
    segments found need: the spans are those of the search over the whole run.
    """
    n = len(data) // 2
    term = text[s + n] if s + n < len(text) and "\x40" <= text[s + n] <= "\x7e" else ""
    p = _restart_before(data, first)
    rec: list[float] = [_NONE] * p  # commonness of repairs, _NONE where missing; computed from p on
    gain: list[float] = [_NONE] * p
    stops: list[int] = []  # positions >= p whose repair is missing or rare

    def grow(m: int) -> None:
        """Compute positions len(rec).. up to m - 1, and at least 16 more."""
        lo = len(rec)
        hi = min(n, max(m, lo + 16))
        codes = array("H", data[2 * lo + 1 : 2 * min(hi, n - 1) + 1])  # (trail i, lead i + 1) pairs
        new = list(map(_PAIR_COMMON.__getitem__, codes))
        if hi == n:
            new.append(_PAIR_COMMON[int.from_bytes(data[-1:] + term.encode(), sys.byteorder)] if term else _NONE)
        rec.extend(new)
        gain.extend(map(sub, map(sub, new, map(_COMMON.__getitem__, text[s + lo : s + hi])), repeat(0.5)))
        stops.extend(compress(count(lo), map(lt, new, repeat(3.0))))

    grow(last + 1)
    segments, i = [], p
    for a in compress(count(p), map(gt, gain[p : last + 1], repeat(0.0))):  # maximal-gain segments
        if a < i:  # (Kadane, with a bias): one opens only at a positive gain, runs while the sum is
            continue  # positive, and ends where it was largest
        cur = top = gain[a]
        b, i = a, a + 1
        while i < n:
            if i == len(gain):
                grow(i + 1)
            cur += gain[i]
            if not cur > 0:
                break
            if cur > top:
                top, b = cur, i
            i += 1
        segments.append((a, b))
        i += 1
    out: list[tuple[int, int]] = []
    for a, b in segments:
        while (k := bisect_left(stops, b + 1)) == len(stops) and len(rec) < n:
            grow(len(rec) + 1)
        c = (stops[k] if k < len(stops) else n) - 1
        if c + 1 == n or rec[c + 1] == _NONE:  # plausible up to where the bytes resynchronise
            b = c
        elif b - a < 2:
            continue
        fixed = "".join(_pair(data[2 * k + 1 : 2 * k + 3]) or "" for k in range(a, min(b + 1, n - 1)))
        if b == n - 1 and term:
            fixed += _pair(data[-1:] + term.encode()) or ""
        if _plausible(text[s + a : s + b + 1], fixed):
            out.append((s + a, s + b + 1 + (b + 1 < n or bool(term))))
    return out


_UTF8_RUN = re.compile(rb"(?:[\xe2-\xe9\xef][\x80-\xbf]{2}){2,}")


def _utf8_spans(text: str, s: int, data: bytes) -> list[tuple[int, int]]:
    """UTF-8 read as GBK: the shown characters' GB18030 bytes are UTF-8 for common text."""
    out = []
    for m in _UTF8_RUN.finditer(data):
        a, b = s + m.start() // 2, s + (m.end() + 1) // 2
        if _plausible(text[a:b], m.group().decode("utf-8", "ignore")):
            out.append((a, b))
    return out


def find_mojibake(text: str) -> list[tuple[int, int]]:
    """Spans of garbled text: shifted GBK, UTF-8 read as GBK, orphaned pinyin, U+FFFD runs."""
    spans = [m.span() for m in re.finditer("\ufffd+", text)]
    spans += [m.span() for m in _ORPHAN_ANNOTATION.finditer(text) if is_pinyin_syllable(m.group(1), True)]
    for m in _candidate_runs().finditer(text):
        s = m.start()
        if m.end() - s < 2:
            continue
        check()
        data = m.group().encode("gb18030")
        spans += _shifted_spans(text, s, data, m.start(1) - s, m.end(1) - 1 - s) + _utf8_spans(text, s, data)
    merged: list[list[int]] = []
    for a, b in sorted(spans):  # take adjacent '?', a following (pinyin), merge near neighbours
        while b < len(text) and text[b] in "?\ufffd":
            b += 1
        if (t := _TRAILING_ANNOTATION.match(text, b)) and is_pinyin_syllable(t.group(1)):
            b = t.end()
        while a > 0 and text[a - 1] in "?\ufffd":
            a -= 1
        if merged and (a <= merged[-1][1] or (a == merged[-1][1] + 1 and not text[a - 1].isspace())):
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]
