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

from parsers.budget import check
from parsers.pinyin import _ORPHAN_ANNOTATION, _TRAILING_ANNOTATION, is_pinyin_syllable
from parsers.script import to_simplified


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


@functools.lru_cache(maxsize=65536)
def _commonness(ch: str) -> float:
    """log10 frequency of a character (Traditional via its Simplified form); punctuation neutral."""
    if "\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e" or ch in "“”‘’—…·":
        return 4.0
    freq = _lexicon()[0]
    return math.log10(max(freq.get(ch, 0), freq.get(to_simplified(ch), 0)) + 1)


@functools.lru_cache(maxsize=65536)
def _is_dbcs(ch: str) -> bool:
    """True for characters GBK/GB18030 encode in two bytes (CJK, full-width forms, kana...)."""
    return ord(ch) >= 0x80 and not "\ud800" <= ch <= "\udfff" and len(ch.encode("gb18030")) == 2


@functools.lru_cache(maxsize=65536)
def _pair(b: bytes) -> str | None:
    """The one non-ASCII character two bytes make in GB18030, else None."""
    ch = b.decode("gb18030", "replace")
    return ch if len(ch) == 1 and "\x80" <= ch != "\ufffd" else None


def _plausible(shown: str, fixed: str) -> bool:
    """The repair is common text while the shown text is rare and not made of real words."""
    if len(fixed) < 2 or not shown:
        return False
    ms = sum(map(_commonness, shown)) / len(shown)
    mf = sum(map(_commonness, fixed)) / len(fixed)
    words = sum(shown[k : k + 2] in _lexicon()[1] for k in range(len(shown) - 1))
    return mf >= 3.8 and ms <= 3.3 and mf - ms >= 1.2 and words <= 0.25 * max(1, len(shown) - 1)


def _shifted_spans(text: str, s: int, data: bytes) -> list[tuple[int, int]]:
    """GBK read one byte out of step: pairing each trail byte with the next lead byte repairs it.

    The misreading lasts until an ASCII byte resynchronises, so a found span is
    snapped forward to that point and takes an ASCII terminator (墙K) along.
    """
    n = len(data) // 2
    term = text[s + n] if s + n < len(text) and "\x40" <= text[s + n] <= "\x7e" else ""
    rec = [_pair(data[k : k + 2]) for k in range(1, 2 * n - 1, 2)]
    rec.append(_pair(data[-1:] + term.encode()) if term else None)
    segments, cur, start, best = [], 0.0, 0, (0, 0, 0.0)
    for i, r in enumerate([*rec, None]):  # maximal-gain segments (Kadane, with a bias)
        if r is not None:
            cur += _commonness(r) - _commonness(text[s + i]) - 0.5
            if cur > 0:
                best = (start, i, cur) if best[0] != start or cur > best[2] else best
                continue
        if best[0] == start and best[2] > 0:
            segments.append(best[:2])
        cur, start = 0.0, i + 1
    stop = [n] * (n + 1)  # stop[i]: first index >= i whose repair is missing or rare
    for i in range(n - 1, -1, -1):
        stop[i] = i if rec[i] is None or _commonness(rec[i]) < 3.0 else stop[i + 1]  # type: ignore[arg-type]
    out = []
    for a, b in segments:
        c = stop[b + 1] - 1
        if c + 1 == n or rec[c + 1] is None:  # plausible up to where the bytes resynchronise
            b = c
        elif b - a < 2:
            continue
        if _plausible(text[s + a : s + b + 1], "".join(r or "" for r in rec[a : b + 1])):
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
    for m in re.finditer(r"[^\x00-\x7f]{2,}", text):
        i, e = m.span()
        check()
        while i < e:  # runs of double-byte characters
            j = i
            while j < e and _is_dbcs(text[j]):
                j += 1
            if j - i >= 2:
                data = text[i:j].encode("gb18030")
                spans += _shifted_spans(text, i, data) + _utf8_spans(text, i, data)
            i = j + 1
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
