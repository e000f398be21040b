"""Word boundaries from jieba, with the gazetteer as its user dictionary.

A bare two-character short form (长白, 中山, 浙江) is a place only where the text's words
say so: 长白 inside 长白山, 中山 inside 中山大学 or 浙江 inside 浙江日报 are parts of other
words.  jieba is slow next to the rest of extraction (about 1 ms per 1,000 characters),
so it is run only on a few characters around the matches that need confirming, and the
tokenizer is built on first use.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from parsers.extraction.gazetteer import load_gazetteer
from parsers.extraction.wording.parties import NAME_PLACEHOLDER, NOT_NAME_OPENER_TAGS, WORD_BOUNDARY_WORDS

WINDOW = 3  # characters of context on each side of a match


@lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202 - jieba has no type hints
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for surface in load_gazetteer().all_surfaces():
        if len(surface) >= 2:
            tk.add_word(surface)
    return tk


@lru_cache(maxsize=4096)
def _cuts(snippet: str) -> frozenset[int]:
    """Offsets in ``snippet`` where jieba puts a word boundary."""
    pos, cuts = 0, {0}
    for word in _tokenizer().cut(snippet, HMM=False):
        pos += len(word)
        cuts.add(pos)
    return frozenset(cuts)


# Characters that end a word on their side whatever jieba would say: punctuation, digits,
# and function words that never start or end a place name (WORD_BOUNDARY_WORDS).
_BOUNDS = frozenset(",。;:!?、,;:!?()()“”\"'《》「」 \n\t—-·0123456789" + WORD_BOUNDARY_WORDS)


def bounded(text: str, start: int, end: int) -> bool:
    """True if the characters on both sides end a word whatever jieba would say."""
    left = text[start - 1] if start > 0 else " "
    right = text[end] if end < len(text) else " "
    return left in _BOUNDS and right in _BOUNDS


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """True if text[start:end] is a whole word (or words) in jieba's reading of its context."""
    if bounded(text, start, end):
        return True
    lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
    cuts = _cuts(text[lo:hi])
    return (start - lo) in cuts and (end - lo) in cuts


def all_on_word_boundaries(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """``on_word_boundaries`` for many spans with one call to jieba: the snippets around them are
    cut as one text, one per line (a line break always ends a word)."""
    if not spans:
        return []
    snippets = []
    for start, end in spans:
        lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
        snippets.append((text[lo:hi], start - lo, end - lo))
    joined = "\n".join(s for s, _, _ in snippets)
    pos, cuts = 0, {0}
    for word in _tokenizer().cut(joined, HMM=False):
        pos += len(word)
        cuts.add(pos)
    out, base = [], 0
    for snippet, a, b in snippets:
        out.append((base + a in cuts or a == 0) and base + b in cuts)
        base += len(snippet) + 1
    return out


def frequency(word: str) -> int:
    """How often jieba's dictionary counts ``word`` (0 for a word it lacks): how common it is in Chinese text."""
    return _tokenizer().FREQ.get(word, 0)


def words(text: str) -> list[str]:
    """jieba's words for ``text`` (the same dictionary), for callers that need whole tokens."""
    return list(_tokenizer().cut(text, HMM=False))


@lru_cache(maxsize=1)
def _pos_tokenizer():  # noqa: ANN202 - jieba has no type hints
    from jieba.posseg import POSTokenizer

    return POSTokenizer(_tokenizer())


@lru_cache(maxsize=4096)
def ends_in_verb(stem: str) -> bool:
    """``stem`` ends in a word of two characters or more that jieba tags a verb or a time word (its
    dictionary has 前往 as one; 驻 is too short to tell)."""
    pairs = list(_pos_tokenizer().cut(stem, HMM=False))
    return bool(pairs) and pairs[-1].flag in ("v", "t") and len(pairs[-1].word) >= 2


@lru_cache(maxsize=4096)
def opener_length(stem: str) -> int:
    """How many characters of ``stem`` a word that never opens a name takes (招募, 咱们, 使; 0: none)."""
    for pair in _pos_tokenizer().cut(stem, HMM=False):
        return len(pair.word) if pair.flag in NOT_NAME_OPENER_TAGS and not pair.word.startswith(NAME_PLACEHOLDER) else 0
    return 0
