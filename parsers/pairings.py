"""Pairings: which party helps which, as a sentence states it.

Three shapes, all read from the rules in parsers/patterns.py:
  X <verb> Y[、Z...]      杭州市对口帮扶黔东南州、恩施州
  X 与 Y ... <binding act> 张家港市与沿河县建立对口帮扶关系
  X—Y <relation>          靖江—永寿对口协作
Two places merely named together are no pairing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parsers.patterns import (
    BINDING_ACTS,
    DASH_CHARS,
    DASH_RELATIONS,
    EAST_PROVINCES,
    EAST_WEST_CUES,
    JOIN_WORDS,
    LIST_SEPARATORS,
    RELATION_VERBS,
    TIE_WORDS,
    WEST_PROVINCES,
)
from parsers.places import Mention

_STOP = set(",。;:!?,;:!?“”\"《》()()\n")
MAX_DONOR_GAP = 8  # characters between the helper and the verb (杭州安排对口帮扶黔东南)
MAX_RECIPIENT_GAP = 1
MAX_JOIN_WINDOW = 40
_LEAD_IN = re.compile(r"[,, ]*")


@dataclass(frozen=True)
class PairHit:
    donor: Mention
    recipient: Mention
    relation: str
    sentence: str


@lru_cache(maxsize=1)
def _verb_re() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, RELATION_VERBS), key=len, reverse=True)))


def _inside_mention(pos: int, mentions: list[Mention]) -> bool:
    return any(m.start <= pos < m.end for m in mentions)


def _clean_gap(gap: str) -> bool:
    return not (_STOP & set(gap))


def _relation(verb: str, sentence: str) -> str:
    if any(cue in sentence for cue in EAST_WEST_CUES):
        return "东西部协作"
    return RELATION_VERBS.get(verb, verb)


def _recipients_after(pos: int, text: str, mentions: list[Mention]) -> list[Mention]:
    """The party right after ``pos`` and those chained to it by 、/和/及."""
    out: list[Mention] = []
    cursor = pos
    for m in mentions:
        if m.start < cursor:
            continue
        gap = text[cursor : m.start]
        if not out:
            if len(gap) > MAX_RECIPIENT_GAP or not _clean_gap(gap):
                break
        elif gap.strip() not in LIST_SEPARATORS:
            break
        out.append(m)
        cursor = m.end
    return out


def _verb_hits(text: str, mentions: list[Mention], sentence: str) -> list[PairHit]:
    hits = []
    for v in _verb_re().finditer(text):
        if _inside_mention(v.start(), mentions):
            continue
        before = [m for m in mentions if m.end <= v.start()]
        if not before:
            continue
        donor = before[-1]
        gap = text[donor.end : v.start()]
        if len(gap) > MAX_DONOR_GAP or not _clean_gap(gap) or _verb_re().search(gap) or any(
            j in gap for j in JOIN_WORDS
        ):
            continue
        for r in _recipients_after(v.end(), text, mentions):
            hits.append(PairHit(donor, r, _relation(v.group(0), sentence), sentence))
    return hits


def _join_hits(text: str, mentions: list[Mention], sentence: str) -> list[PairHit]:
    hits = []
    for i, a in enumerate(mentions[:-1]):
        lead_in = _LEAD_IN.match(text, a.end)
        join_at = lead_in.end() if lead_in else a.end
        if join_at >= len(text) or text[join_at] not in JOIN_WORDS:
            continue
        join_at += 1
        recipients = [m for m in mentions[i + 1 :] if m.start >= join_at]
        if not recipients:
            continue
        first = recipients[0]
        lead = text[join_at : first.start]
        if len(lead) > 20 or not _clean_gap(lead):
            continue
        window = text[first.end : first.end + MAX_JOIN_WINDOW]
        window = re.split(r"[。;!?]", window)[0]
        act = next((w for w in BINDING_ACTS if w in window), None)
        if act is None or not any(t in window for t in TIE_WORDS):
            continue
        verb = next((v for v in RELATION_VERBS if v in window), "结对帮扶")
        donor, recipient = _orient(a, first, sentence)
        hits.append(PairHit(donor, recipient, _relation(verb, sentence), sentence))
    return hits


def _dash_hits(text: str, mentions: list[Mention], sentence: str) -> list[PairHit]:
    hits = []
    for a, b in zip(mentions, mentions[1:], strict=False):
        gap = text[a.end : b.start]
        if not gap or set(gap) - set(DASH_CHARS):
            continue
        after = text[b.end : b.end + 8]
        rel = next((r for r in DASH_RELATIONS if after.startswith(r) or after[1:].startswith(r)), None)
        if rel:
            hits.append(PairHit(a, b, _relation(rel, sentence), sentence))
    return hits


def _orient(a: Mention, b: Mention, sentence: str) -> tuple[Mention, Mention]:
    """In 东西部协作 the eastern side helps, whichever the text names first."""
    pa = a.party.province if a.party else None
    pb = b.party.province if b.party else None
    if any(c in sentence for c in EAST_WEST_CUES) and pa in WEST_PROVINCES and pb in EAST_PROVINCES:
        return b, a
    return a, b


def pair_hits(sentence: str, offset: int, mentions: list[Mention]) -> list[PairHit]:
    """Every pairing a sentence states.  ``mentions`` carry offsets into the full text."""
    local = [
        Mention(m.start - offset, m.end - offset, m.surface, m.regions, m.region, m.org,
                m.org_needs_region, m.org_region_len, m.party)
        for m in mentions
        if offset <= m.start and m.end <= offset + len(sentence)
    ]
    if len(local) < 2:
        return []
    hits = _verb_hits(sentence, local, sentence) + _join_hits(sentence, local, sentence) + _dash_hits(
        sentence, local, sentence
    )
    return [h for h in hits if h.donor.party and h.recipient.party and h.donor.key != h.recipient.key]
