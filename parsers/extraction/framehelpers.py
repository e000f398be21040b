"""Small helpers shared by the pairing frames: the party at a position, word positions outside
parties, and hits from lists of helpers and helped."""

from __future__ import annotations

from parsers.extraction.clauses import Sentence
from parsers.extraction.pairings import PairHit, mapping
from parsers.extraction.places import Mention


def at(sent: Sentence, pos: int) -> Mention | None:
    return next((m for m in sent.mentions if m.start == pos), None)


def ending(sent: Sentence, pos: int) -> Mention | None:
    return next((m for m in sent.mentions if m.end == pos), None)


def occurrences(text: str, word: str, sent: Sentence) -> list[int]:
    out, pos = [], text.find(word, sent.start, sent.end)
    while pos >= 0:
        if not any(m.start <= pos < m.end for m in sent.mentions):
            out.append(pos)
        pos = text.find(word, pos + 1, sent.end)
    return out


def hits(xs: list[Mention], ys: list[Mention], rel: str, sent: Sentence, at: int) -> list[PairHit]:
    """A frame's lists of equal length pair in order (结对村——A、B after the helpers X、Y)."""
    return [PairHit(x, y, rel, sent, at) for x, y in mapping(xs, ys, each=True) if x is not y]
