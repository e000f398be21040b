"""Funding: amounts tied to the assistance, with their kind and, where the text says, who gives to whom.

An amount counts only in a sentence that speaks of the assistance and when the words
just before it are not an income, an output or a price.  Its parties come, in order
of trust, from an explicit "X向Y捐赠", from a pairing stated in the same sentence,
from an article pairing whose party the sentence names, or from the article's main
pairing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.money import Amount, find_amounts
from parsers.pairings import PairHit
from parsers.patterns import (
    ASSISTANCE_CUES,
    DIRECT_GIVE_VERBS,
    GIVE_PREPOSITIONS,
    GIVE_VERBS,
    KIND_CUES,
    KIND_WINDOW,
    NEGATIVE_WINDOW,
    NON_FUNDING_CUES,
    PERIOD_PATTERNS,
)
from parsers.places import Mention
from parsers.records import Funding, Party

_CLAUSE_BREAK = re.compile(r"[,,;;::]")
_PERIOD_RES = tuple(re.compile(p) for p in PERIOD_PATTERNS)
MAX_GIVER_GAP = 16


@dataclass
class SentenceContext:
    text: str
    offset: int
    mentions: list[Mention]  # offsets in the full text
    hits: list[PairHit]


def kind_of(before: str) -> str | None:
    """The kind named nearest before the amount, or None when nothing marks it as assistance."""
    best: tuple[int, str] | None = None
    for kind, cues in KIND_CUES.items():
        for cue in cues:
            pos = before.rfind(cue)
            if pos >= 0 and (best is None or pos + len(cue) > best[0]):
                best = (pos + len(cue), kind)
    return best[1] if best else None


def is_assistance_amount(sentence: str, amount: Amount) -> bool:
    before = sentence[max(0, amount.start - NEGATIVE_WINDOW) : amount.start]
    clause = _CLAUSE_BREAK.split(before)[-1]
    if any(cue in clause for cue in NON_FUNDING_CUES):
        return False
    return any(cue in sentence for cue in ASSISTANCE_CUES)


def _period(before: str) -> str | None:
    for rx in _PERIOD_RES:
        found = list(rx.finditer(before))
        if found:
            return found[-1].group(0).removeprefix("从")
    return None


def _explicit(ctx: SentenceContext, amount_pos: int) -> tuple[Party, Party] | None:
    """X向Y捐赠 / X到Y投资 / X捐赠Y款物, before the amount in the same sentence."""
    text = ctx.text
    local = [(m.start - ctx.offset, m.end - ctx.offset, m) for m in ctx.mentions]
    local = [t for t in local if t[1] <= amount_pos]
    for (_, e1, a), (s2, e2, b) in zip(local, local[1:], strict=False):
        gap = text[e1:s2]
        after = text[e2 : min(amount_pos, e2 + 12)]
        if gap.endswith(GIVE_PREPOSITIONS) and len(gap) <= MAX_GIVER_GAP and "。" not in gap:
            if any(v in after for v in GIVE_VERBS):
                return a.party, b.party
        if any(gap.endswith(v) for v in DIRECT_GIVE_VERBS) and len(gap) <= MAX_GIVER_GAP + 4:
            return a.party, b.party
    return None


def _from_pairings(ctx: SentenceContext, pairings: list[PairHit], main: PairHit | None) -> PairHit | None:
    if ctx.hits:
        return ctx.hits[0]
    named = {m.key for m in ctx.mentions}
    scored = [(int(p.donor.key in named) + int(p.recipient.key in named), p) for p in pairings]
    scored = [t for t in scored if t[0] > 0]
    if scored:
        top = max(s for s, _ in scored)
        best = [p for s, p in scored if s == top]
        if len({(p.donor.key, p.recipient.key) for p in best}) == 1:
            return best[0]
        return None
    return main


def funding_in(ctx: SentenceContext, pairings: list[PairHit], main: PairHit | None,
               blocked: list[tuple[int, int]]) -> list[Funding]:
    """The funding items one sentence announces."""
    out: list[Funding] = []
    for amount in find_amounts(ctx.text):
        start = amount.start + ctx.offset
        if any(s < start + len(amount.text) and start < e for s, e in blocked):
            continue
        if not is_assistance_amount(ctx.text, amount):
            continue
        before = ctx.text[max(0, amount.start - KIND_WINDOW) : amount.start]
        kind = kind_of(before) or kind_of(ctx.text[: amount.start]) or "other"
        donor = recipient = None
        explicit = _explicit(ctx, amount.start)
        if explicit:
            donor, recipient = explicit
        else:
            pair = _from_pairings(ctx, pairings, main)
            if pair is not None:
                donor, recipient = pair.donor.party, pair.recipient.party
                if kind == "融资":
                    donor = None  # financing comes from lenders, not from the helping side
        out.append(Funding(
            amount_yuan=amount.yuan, approximate=amount.approximate, text=amount.text, kind=kind,
            donor=donor, recipient=recipient, period=_period(ctx.text[: amount.start]),
            evidence=ctx.text.strip(),
        ))
    return out
