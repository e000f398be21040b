"""Sentences, clauses, subjects and lists: the little syntax the pairing and funding rules need.

A sentence ends at 。!?; or a line break (a line is a paragraph); a clause ends at a comma
or colon too.  The subject of a clause is the party it opens with, after at most a time
phrase or a connective (2019年, 近年来, 此外); a clause without one takes the subject of
the clause before it in the same sentence (三乡镇作为东区组团的成员单位,结对帮扶木岗镇).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from parsers.extraction.mentions import Mention
from parsers.extraction.wording.pairing import (
    CLAUSE_LEAD,
    NOT_PREPOSITION_BEFORE,
    NOT_PREPOSITION_GIVE,
    NOT_PREPOSITION_RESPECTIVELY,
    NOT_PREPOSITION_WORDS,
    RECEIVER_PREPOSITION,
)
from parsers.extraction.wording.parties import PLACE_GOVERNMENT_TITLES

_SENTENCE = re.compile(r"[^。!?;!?;\n]*[。!?;!?;\n]?")
CLAUSE_BREAKS = frozenset(",,::。!?;!?;\n")
_BREAK_RE = re.compile("[" + "".join(sorted(CLAUSE_BREAKS)) + "]")
_LEAD_OK = re.compile(CLAUSE_LEAD)
MAX_LEAD = 16
TOPIC_REACH = 3  # sentences a dropped subject is carried over
_TOPIC_LIST = ("、", "以及", "和", "及")  # a list as a subject; 与 joins a pair, not a subject


@dataclass
class Sentence:
    start: int
    end: int
    text: str  # the sentence itself (text[start:end] of the whole)
    para: int  # paragraph (line) number
    mentions: list[Mention] = field(default_factory=list)  # absolute offsets
    # the sentence before it (topic_of reads back through it)
    previous: Sentence | None = field(default=None, repr=False, compare=False)


@lru_cache(maxsize=8)
def _spans(text: str) -> tuple[tuple[int, int, str, int], ...]:
    out = []
    para = 0
    for m in _SENTENCE.finditer(text):
        if not m.group(0):
            continue
        if m.group(0).strip():
            out.append((m.start(), m.end(), m.group(0), para))
        if m.group(0).endswith("\n"):
            para += 1
    return tuple(out)


def split_sentences(text: str, mentions: list[Mention]) -> list[Sentence]:
    """The sentences of ``text`` with the mentions inside each (offsets stay absolute)."""
    out = [Sentence(a, b, t, para) for a, b, t, para in _spans(text)]
    for before, s in zip(out, out[1:], strict=False):
        s.previous = before
    i = 0
    for s in out:
        while i < len(mentions) and mentions[i].start < s.start:
            i += 1
        j = i
        while j < len(mentions) and mentions[j].end <= s.end:
            s.mentions.append(mentions[j])
            j += 1
    return out


def topic_of(text: str, sent: Sentence) -> list[Mention]:
    """Chinese drops a subject the sentence before gave (甘肃银行积极响应….2019年对东乡县5个村进行帮扶):
    the party (or list) opening the nearest sentence before ``sent`` in its paragraph that opens
    with one, at most TOPIC_REACH sentences back."""
    before = sent.previous
    for _ in range(TOPIC_REACH):
        if before is None or before.para != sent.para:
            return []
        opener = next(iter(before.mentions), None)
        start = before.start + len(before.text) - len(before.text.lstrip())
        if opener is not None and opens_clause(text, opener, start):
            return list_from(opener, before.mentions, text, _TOPIC_LIST)
        before = before.previous
    return []


@lru_cache(maxsize=4)
def _breaks(text: str) -> list[int]:
    return [m.start() for m in _BREAK_RE.finditer(text)]


def clause_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause around ``pos`` inside [lo, hi)."""
    breaks = _breaks(text)
    k = bisect_left(breaks, pos)
    start = max(lo, breaks[k - 1] + 1) if k > 0 else lo
    end = min(hi, breaks[k]) if k < len(breaks) else hi
    return start, end


def joined(gap: str, separators: tuple[str, ...]) -> bool:
    """True if ``gap`` between two parties only joins them into a list (、, 和, 政府和)."""
    for title in PLACE_GOVERNMENT_TITLES:
        if gap.startswith(title):
            gap = gap[len(title) :]
            break
    if len(gap) == 2 and "、" in gap and gap.strip(",，、") == "":
        gap = "、"  # a stray comma beside the list mark (青岛市,、福州市) is a typo, not a clause break
    return gap in separators


def list_from(first: Mention, mentions: list[Mention], text: str, separators: tuple[str, ...]) -> list[Mention]:
    """``first`` and the parties chained to it by 、/和/及 (A、B和C)."""
    out = [first]
    for m in mentions:
        if m.start < out[-1].end:
            continue
        if not joined(text[out[-1].end : m.start], separators):
            break
        out.append(m)
    return out


def list_before(last: Mention, mentions: list[Mention], text: str, separators: tuple[str, ...]) -> list[Mention]:
    """``last`` and the parties chained before it (A、B和C, read from C)."""
    out = [last]
    for m in reversed([p for p in mentions if p.end <= last.start]):
        if not joined(text[m.end : out[0].start], separators):
            break
        out.insert(0, m)
    return out


def opens_clause(text: str, m: Mention, clause_start: int) -> bool:
    """True if ``m`` opens its clause (after at most a time phrase or a connective)."""
    lead = text[clause_start : m.start]
    return len(lead) <= MAX_LEAD and bool(_LEAD_OK.match(lead))


def own_subject(text: str, sent: Sentence, pos: int) -> Mention | None:
    """The party opening the clause that holds ``pos`` (not one inherited from before)."""
    cstart, _ = clause_bounds(text, pos, sent.start, sent.end)
    inside = [m for m in sent.mentions if cstart <= m.start < pos]
    return inside[0] if inside and opens_clause(text, inside[0], cstart) else None


def is_preposition(text: str, pos: int) -> bool:
    """True if the 为/给/向 at ``pos`` introduces a receiver (not 作为, 成为, 分别为, 给予, 定向, 为此)."""
    if text[pos] == RECEIVER_PREPOSITION and (text[pos - 1 : pos] in NOT_PREPOSITION_BEFORE
                                              or text[pos - 2 : pos] == NOT_PREPOSITION_RESPECTIVELY):
        return False
    if any(pos >= w.index(text[pos]) and text.startswith(w, pos - w.index(text[pos]))
           for w in NOT_PREPOSITION_WORDS if text[pos] in w):
        return False
    return not text.startswith(NOT_PREPOSITION_GIVE, pos)


def subject_of(text: str, sent: Sentence, pos: int, separators: tuple[str, ...]) -> list[Mention]:
    """The subject (one party or a list) of the clause holding ``pos``, or of the nearest clause
    before it in the sentence that has one; [] if none."""
    cstart, _ = clause_bounds(text, pos, sent.start, sent.end)
    while True:
        inside = [m for m in sent.mentions if cstart <= m.start < pos]
        if inside and opens_clause(text, inside[0], cstart):
            return list_from(inside[0], sent.mentions, text, separators)
        if cstart <= sent.start:
            return []
        pos = cstart - 1
        cstart, _ = clause_bounds(text, pos, sent.start, sent.end)


@dataclass
class ArticleContext:
    """What frames need beyond the sentence: every party, and where each paragraph lies."""

    mentions: list[Mention]
    paragraphs: dict[int, tuple[int, int]]
    _first: dict[str, list[Mention]] = field(default_factory=dict)
    _initials: set[str] | None = None
