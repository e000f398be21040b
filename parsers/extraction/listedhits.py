"""Pair hits the official pairing lists (parsers/data/official_pairings.tsv) orient or add.

The lists know who helps whom: a hit is turned round when they say so; two listed partners named
in a sentence about the assistance are paired; an article naming the partners of one listed pair
apart, in a notice of funds, states it; a list of places all listed as a stated helper's
partners (策勒县、于田县、民丰县 in an article on 天津市's work) names its pairings; and a province written as the helped side (天津市对口支援新疆)
frames the programme whose listed partner inside it (和田地区) the article names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from parsers.extraction.clauses import Sentence, clause_bounds, list_from
from parsers.extraction.mentions import Mention, region_party, same_or_within
from parsers.extraction.official import lookup
from parsers.extraction.orglexicon import known_names
from parsers.extraction.pairhits import PairHit
from parsers.extraction.wording.pairing import LIST_SEPARATORS, OFFICIAL_PAIR_CUES, PROGRAMME_RELATIONS


@lru_cache(maxsize=1)
def _cues() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, OFFICIAL_PAIR_CUES)))


def as_listed(hits: list[PairHit], year: int | None) -> list[PairHit]:
    """Each hit oriented as the official lists orient its pair: the lists know who helps whom."""
    out = []
    for h in hits:
        listed = lookup(h.donor.party, h.recipient.party, year) if h.donor.party and h.recipient.party else None
        flip = bool(listed and listed[1]) or (listed is None and _central(h.recipient) and not _central(h.donor))
        out.append(replace(h, donor=h.recipient, recipient=h.donor) if flip else h)
    return out


def _central(m: Mention) -> bool:
    """A central enterprise, ministry, bank or university of the organisation lexicon: in this
    programme they help; a region is never theirs to receive from (凤山县…对其定点帮扶的中国一汽)."""
    return m.kind == "org" and m.party is not None and m.party.full_name in known_names()


def listed_in_sentence(s: Sentence, text: str, own: list[PairHit], stated: list[PairHit],
                        year: int | None) -> list[PairHit]:
    """Two partners of an official list named together in a sentence about the assistance that
    states no pairing of its own: their pair, unless the article states it (or a pair inside it)."""
    if own or not _cues().search(s.text):
        return []
    named = [m for m in s.mentions if m.party is not None and m.kind in ("region", "org")
             and not _in_document_title(text, m, s.start)]
    roll = _rolls(s, text)
    out: list[PairHit] = []
    for i, a in enumerate(named):
        for b in named[i + 1 :]:
            if a.key == b.key or same_or_within(a.party, b.party) or roll.get(id(a), -1) == roll.get(id(b), -2):
                continue
            lo = clause_bounds(text, a.start, s.start, s.end)[0]
            hi = clause_bounds(text, b.start, s.start, s.end)[1]
            if not any(w in text[lo:hi] for w in OFFICIAL_PAIR_CUES):
                continue  # the assistance is spoken of in another clause
            hit = _listed_hit(_as_region(a), _as_region(b), s, min(a.start, b.start), year)
            if hit is None or any((h.donor.key, h.recipient.key) == (hit.donor.key, hit.recipient.key)
                                  for h in stated + out):
                continue
            out.append(hit)
    return out


def _listed_hit(a: Mention, b: Mention, s: Sentence, at: int, year: int | None) -> PairHit | None:
    """The pair the official lists hold for two parties named exactly, oriented as the lists say."""
    listed = lookup(a.party, b.party, year, exact=True)
    if listed is None:
        return None
    donor, recipient = (b, a) if listed[1] else (a, b)
    return PairHit(donor, recipient, PROGRAMME_RELATIONS[listed[0].programme], s, at, frame="official")


MAX_ARTICLE_LISTED = 2


def listed_in_article(sents: list[Sentence], text: str, year: int | None) -> list[tuple[int, PairHit]]:
    """An article that states no pairing, whose sentence about the assistance names one partner
    of an official pair and whose text names the other only in other sentences (a notice of
    江苏省's funds shared out among 海东市's districts): that pair, when the article holds one or two
    such pairs at most (a meeting or survey naming many places pairs none of them)."""
    named: dict[str, Mention] = {}
    for s in sents:
        for m in s.mentions:
            if m.party is not None and m.kind in ("region", "org") and not _in_document_title(text, m, s.start):
                named.setdefault(m.key, _as_region(m))
    found: dict[tuple[str, str], tuple[int, PairHit]] = {}
    for i, s in enumerate(sents):
        if not _cues().search(s.text):
            continue
        here = {_as_region(m).key for m in s.mentions}
        for a in (m for m in s.mentions if m.party is not None and m.kind in ("region", "org")
                  and not _in_document_title(text, m, s.start)):
            a_region = _as_region(a)
            for b in named.values():
                if b.key in here or same_or_within(a_region.party, b.party):  # a sentence's own: its rules
                    continue
                hit = _listed_hit(a_region, b, s, a.start, year)
                if hit is not None:
                    found.setdefault((hit.donor.key, hit.recipient.key), (i, hit))
    return list(found.values()) if len(found) <= MAX_ARTICLE_LISTED else []


def _in_document_title(text: str, m: Mention, lo: int) -> bool:
    """The mention is inside the title of a rule or plan (根据《青海省…实施细则》): its author, not a partner."""
    opened = text.rfind("《", lo, m.start)
    return opened >= 0 and text.find("》", opened, m.start) < 0 and text.find("》", m.end, m.end + 80) >= 0


def _rolls(s: Sentence, text: str) -> dict[int, int]:
    """Mentions that stand in one list of three or more (重庆市、山东省、江苏省等30多个省区市): a roll
    of participants, whose members are not each other's partners.  id(mention) -> list number."""
    out: dict[int, int] = {}
    k = 0
    while k < len(s.mentions):
        members = list_from(s.mentions[k], s.mentions[k:], text, LIST_SEPARATORS)
        if len(members) >= 3:
            out.update((id(m), k) for m in members)
        k += len(members)
    return out


def listed_inside(hits: list[PairHit], mentions: list[Mention], year: int | None) -> list[PairHit]:
    """天津市对口支援新疆, and the article names 和田地区: a province as the helped side frames the
    programme; the official lists' partner of the helper inside it, when the article names it (or
    places inside it), is the partner too - the one place inside the province the lists give."""
    out: list[PairHit] = []
    seen = {(h.donor.key, h.recipient.key) for h in hits}
    below = [m for m in mentions if m.kind == "region" and m.party is not None and m.party.code
             and m.party.level in ("prefecture", "county")]
    framed: dict[tuple[str, str], PairHit] = {}
    for h in hits:  # each framing pair once, where it is first stated
        if h.recipient.party is not None and h.recipient.party.level == "province" and h.donor.party is not None \
                and h.donor.kind == "region":
            framed.setdefault((h.donor.key, h.recipient.key), h)
    for h in framed.values():
        r = h.recipient.party
        found: dict[str, Mention] = {}
        for m in below:
            if m.party.code[:2] == (r.code or "")[:2]:
                listed = lookup(h.donor.party, m.party, year)
                if listed is not None and not listed[1] and listed[0].recipient_code[:4] == (m.party.code or "")[:4]:
                    outer = next((x for x in mentions if x.party is not None and x.party.code == listed[0].recipient_code),
                                 None)
                    if outer is not None:
                        found.setdefault(outer.key, outer)
        if len(found) > 1:  # 天津 -> 策勒、于田、民丰 (all in 和田地区): the prefecture holding them, if named
            codes = {(m.party.code or "")[:4] for m in found.values()}
            found = {x.key: x for x in mentions if len(codes) == 1 and x.kind == "region" and x.party is not None
                     and x.party.level == "prefecture" and (x.party.code or "")[:4] in codes}
        if len(found) == 1:
            (m,) = found.values()
            if (h.donor.key, m.key) not in seen:
                seen.add((h.donor.key, m.key))
                out.append(replace(h, recipient=m, frame="official"))
    return out


MIN_LISTED_ROW = 2


def listed_rows(hits: list[PairHit], sents: list[Sentence], text: str, year: int | None) -> list[PairHit]:
    """策勒县、于田县、民丰县 written as one list in an article whose stated helper (天津市) the official
    lists pair with every one of them: the helper's partners named at their work, each a pairing.
    A list holding any place the lists do not give the helper is a roll of places, no statement."""
    helpers: dict[str, Mention] = {}
    for h in hits:
        if h.frame != "official" and h.donor.kind == "region" and h.donor.party is not None:
            helpers.setdefault(h.donor.key, h.donor)
    if not helpers:
        return []
    seen = {(h.donor.key, h.recipient.key) for h in hits}
    out: list[PairHit] = []
    partners: dict[str, bool] = {}  # place key -> some helper's listed partner (looked up once a place)
    for s in sents:
        places = [m for m in s.mentions if m.kind == "region" and m.party is not None and m.party.code
                  and m.party.level in ("prefecture", "county")]
        for m in places:
            if m.key not in partners:
                partners[m.key] = any((x := lookup(h.party, m.party, year, exact=True)) is not None and not x[1]
                                      for h in helpers.values())
        if sum(partners[m.key] for m in places) < MIN_LISTED_ROW:
            continue
        k = 0
        while k < len(places):
            row = list_from(places[k], places[k:], text, LIST_SEPARATORS)
            k += len(row)
            if len({m.key for m in row}) < MIN_LISTED_ROW:
                continue
            for helper in helpers.values():
                listed = []
                for m in row:  # stop at the first place the lists do not give this helper
                    x = lookup(helper.party, m.party, year, exact=True)
                    if x is None or x[1]:
                        break
                    listed.append(x)
                if len(listed) != len(row):
                    continue
                for m, x in zip(row, listed, strict=True):
                    if x is not None and (helper.key, m.key) not in seen:
                        seen.add((helper.key, m.key))
                        out.append(PairHit(helper, m, PROGRAMME_RELATIONS[x[0].programme], s, m.start, frame="official"))
    return out


def _as_region(m: Mention) -> Mention:
    """A government department stands for its region in the official lists (浙江省发改委 → 浙江省)."""
    if m.kind == "org" and m.dept and m.region is not None:
        return replace(m, kind="region", party=region_party(m.region))
    return m
