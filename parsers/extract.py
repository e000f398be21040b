"""From an article's normalised title and body to its pairings and funding."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.funding import SentenceContext, funding_in
from parsers.pairings import PairHit, pair_hits
from parsers.places import Mention, find_parties
from parsers.records import Funding, Pairing

_SENTENCE_END = re.compile(r"[^。!?;!?;\n]*[。!?;!?;\n]?")
MAX_EVIDENCE = 300


@dataclass(frozen=True)
class Extracted:
    pairings: list[Pairing]
    funding: list[Funding]


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a sentence ends at 。!?; or a line break."""
    return [(m.start(), m.group(0)) for m in _SENTENCE_END.finditer(text) if m.group(0).strip()]


def blocked_spans(text: str, garbled: list[str]) -> list[tuple[int, int]]:
    """Where the garbled runs (mojibake) sit in ``text``: nothing is extracted from inside them."""
    spans = []
    for run in garbled:
        if not run:
            continue
        for m in re.finditer(re.escape(run), text):
            spans.append((m.start(), m.end()))
    return spans


def _evidence(sentence: str) -> str:
    s = sentence.strip()
    return s if len(s) <= MAX_EVIDENCE else s[:MAX_EVIDENCE] + "…"


def extract(title: str | None, body: str, garbled: list[str] | None = None,
            context_province: str | None = None) -> Extracted:
    """Pairings and funding stated in the title and the body; nothing from inside garbled runs."""
    text = f"{title}\n{body}" if title else body
    blocked = blocked_spans(text, garbled or [])
    mentions: list[Mention] = find_parties(text, blocked, context_province)
    contexts: list[SentenceContext] = []
    for offset, sentence in sentences(text):
        inside = [m for m in mentions if offset <= m.start and m.end <= offset + len(sentence)]
        hits = pair_hits(sentence, offset, inside)
        contexts.append(SentenceContext(sentence, offset, inside, hits))

    by_pair: dict[tuple[str, str], tuple[PairHit, int]] = {}
    for ctx in contexts:
        for hit in ctx.hits:
            key = (hit.donor.key, hit.recipient.key)
            first, count = by_pair.get(key, (hit, 0))
            by_pair[key] = (first, count + 1)
    ordered = [hit for hit, _ in by_pair.values()]
    main = max(by_pair.values(), key=lambda t: t[1])[0] if by_pair else None

    funding: list[Funding] = []
    seen: set[tuple[int, str]] = set()
    for ctx in contexts:
        for item in funding_in(ctx, ordered, main, blocked):
            key = (item.amount_yuan, item.text)
            if key in seen:
                continue
            seen.add(key)
            item.evidence = _evidence(item.evidence)
            funding.append(item)

    pairings = [
        Pairing(donor=h.donor.party, recipient=h.recipient.party, relation=h.relation, evidence=_evidence(h.sentence))
        for h in ordered
    ]
    return Extracted(pairings, funding)
