"""Pair hits that another, more precise statement in the article already covers.

A pairing read off a programme's abbreviation (粤桂协作), off a place only near 援藏 or a front
command's name, a prefecture written as the qualifier of its own counties, or money given by a
part of a stated helper: each repeats, less precisely, a pairing the article states elsewhere,
and is dropped so that only the precise one is reported.  Split from extract.py, which
orchestrates; these are the rules of one concern.
"""

from __future__ import annotations

import re

from parsers.extraction.mentions import Mention
from parsers.extraction.pairhits import PairHit
from parsers.extraction.wording.pairing import FRONT_TEAM_WORDS, PROGRAMME_NOUNS
from parsers.extraction.wording.parties import PLACE_COUNT

# A count of places after a prefecture (文山州两县) or before an amount's receivers (三县各100万元).
COUNT = re.compile(PLACE_COUNT)


def implied_hits(hits: list[PairHit], mentions: list[Mention], text: str) -> set[int]:
    """The ids of the hits another hit of the article states more precisely."""
    return (_implied_by_abbreviation(hits) | _inside_stated(hits) | _covered_around(hits, text)
            | _qualifiers(hits, mentions, text))


def _abbreviated(m: Mention) -> bool:
    """A province named only by its one-character abbreviation (沪 in 沪滇协作)."""
    return len(m.surface) == 1 and m.level == "province"


def _implied_by_abbreviation(hits: list[PairHit]) -> set[int]:
    """Province pairs read only off a programme's abbreviation (粤桂协作, 沪滇协作) where the
    article names the actual helper and helped below them (龙岗区 -> 大化县): the abbreviation
    names the programme, not a separate province-to-province pairing.  A province pair the text
    also writes out (福建省对口帮扶宁夏) stays."""
    def covered(h: PairHit) -> bool:
        d, r = h.donor.party, h.recipient.party
        return bool(d and r) and any(
            o.donor.party and o.recipient.party and (o.donor.level != "province" or o.recipient.level != "province")
            and o.donor.party.province == d.province and o.recipient.party.province == r.province
            for o in hits)

    out = set()
    for h in hits:
        if h.frame == "stated":
            continue  # 京蒙两地建立对口帮扶关系: said to be set up, a pairing of its own
        if (_abbreviated(h.donor) or _abbreviated(h.recipient)) and h.donor.level == h.recipient.level == "province":
            written = any(o is not h and o.donor.key == h.donor.key and o.recipient.key == h.recipient.key
                          and not (_abbreviated(o.donor) or _abbreviated(o.recipient)) for o in hits)
            if not written and covered(h):
                out.add(id(h))
    return out


def _inside_stated(hits: list[PairHit]) -> set[int]:
    """Money given by a part of a stated helper to its partner (安吉县黄杜村向青川县捐赠 where
    安吉县 helps 青川县; 衙口村乡贤联谊会 where 衙口村 is paired): the tie at work, no new pairing."""
    def part_of(d: PairHit, o: PairHit) -> bool:
        a, b = d.donor.party, o.donor.party
        if a is None or b is None or a.key == b.key:
            return False
        if a.full_name and b.full_name and (a.code is None or a.level in ("township", "village")) and b.level != "province":
            return a.full_name.startswith(b.full_name) or a.name.startswith(b.name)
        return False

    return {id(h) for h in hits if h.frame == "money" and any(
        o.recipient.key == h.recipient.key and part_of(h, o) for o in hits)}


def _covered_around(hits: list[PairHit], text: str) -> set[int]:
    """X援藏 read with a place only near it (日喀则市召开援藏工作座谈会, 山东省援藏干部...), off a
    front command's name (X对口支援新疆前方指挥部) or off the programme's (落实对口支援新疆战略): where
    the article states X's pairings with places inside that one, those are the pairings."""
    def inside(o: PairHit, h: PairHit) -> bool:
        a, b = o.recipient.party, h.recipient.party
        return bool(a and b and a.full_name and b.full_name and a.key != b.key and a.full_name.startswith(b.full_name))

    return {id(h) for h in hits if (h.frame == "around" or text.startswith(FRONT_TEAM_WORDS + PROGRAMME_NOUNS, h.recipient.end)) and any(
        o.frame != "around" and o.donor.key == h.donor.key and inside(o, h) for o in hits)}


def _qualifiers(hits: list[PairHit], mentions: list[Mention], text: str) -> set[int]:
    """A prefecture written right before its own county (文山州富宁县、西畴县) or before a count
    of them (文山州两县) qualifies the counties: the pairing is with them, not also with the
    prefecture.  (With 的 between - 承德市的承德县 - both levels are stated and both stay.)"""
    after = {m.start: m for m in mentions}
    pairs = {(h.donor.key, h.recipient.key) for h in hits}
    out = set()
    for h in hits:
        r = h.recipient
        if r.party and r.party.full_name and COUNT.match(text, r.end) and any(
                o.donor.key == h.donor.key and o.recipient.key != r.key and o.recipient.party
                and o.sentence is not h.sentence
                and (o.recipient.party.full_name or "").startswith(r.party.full_name) for o in hits):
            out.add(id(h))  # 文山州两县 and, in another sentence, those counties by name
            continue
        for side, other in ((h.recipient, h.donor), (h.donor, h.recipient)):
            nxt = after.get(side.end)
            if nxt is None or nxt is side or not (nxt.party and side.party) or nxt.key == side.key:
                continue
            inside = nxt.party.full_name.startswith(side.party.full_name) if nxt.party.full_name and side.party.full_name else False
            key = (other.key, nxt.key) if side is h.recipient else (nxt.key, other.key)
            if inside and key in pairs:
                out.add(id(h))
    return out
