"""Attribution read off the article's pairings, for an amount whose sentence does not say in
so many words who gives to whom (rules 2-4 and 6 of parsers/extraction/attribution.py): a pairing stated
in the sentence, what the clause's subject is in the article's pairings, the pairing whose
parties the sentence names, the article's main pairing.

Split out of parsers/extraction/attribution.py, which keeps rule 1 (the sentence's own words: 向Y投入,
Y获得X捐赠 ...) and the order the rules are tried in; these rules read only the pairings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from parsers.extraction.clauses import Sentence
from parsers.extraction.groups import list_party, span_party
from parsers.extraction.mentions import Mention
from parsers.extraction.pairhits import PairHit
from parsers.extraction.wording.funding import TARGET_AREAS, TARGET_VERBS
from parsers.records import Party

_ALT = "|".join
# 对口支援三峡库区 / 对口协作水源区: a helped area the gazetteer cannot name.
_TARGET = re.compile(rf"(?:{_ALT(TARGET_VERBS)})([\u4e00-\u9fff]{{2,6}}?(?:{_ALT(TARGET_AREAS)}))")


@dataclass
class Pairs:
    """The article's pairings as attribution sees them."""

    hits: list[PairHit]
    counts: Counter = field(default_factory=Counter)
    main: PairHit | None = None
    target: Party | None = None  # what the article says is helped when it names no party (三峡库区)

    @classmethod
    def of(cls, hits: list[PairHit], text: str = "") -> Pairs:
        counts = Counter((h.donor.key, h.recipient.key) for h in hits)
        first: dict[tuple[str, str], PairHit] = {}
        for h in hits:
            first.setdefault((h.donor.key, h.recipient.key), h)
        main = first[counts.most_common(1)[0][0]] if counts else None
        targets = Counter(m.group(1) for m in _TARGET.finditer(text))
        target = span_party(targets.most_common(1)[0][0]) if targets else None
        return cls(list(first.values()), counts, main, target)

    def as_donor(self, key: str) -> list[PairHit]:
        return sorted((h for h in self.hits if h.donor.key == key), key=lambda h: -self.counts[(h.donor.key, h.recipient.key)])

    def as_recipient(self, key: str) -> list[PairHit]:
        return sorted((h for h in self.hits if h.recipient.key == key), key=lambda h: -self.counts[(h.donor.key, h.recipient.key)])


@dataclass(frozen=True)
class Attribution:
    donor: Party | None
    recipient: Party | None
    trust: int  # 6 = stated in the sentence ... 1 = the article's main pairing, 0 = none


def party_of(ms: list[Mention]) -> Party | None:
    parties = [m.party for m in ms if m.party is not None]
    return list_party(parties) if parties else None


def from_hits(p: int, hits: list[PairHit], clause_end: int, subject: Mention | None = None) -> Attribution | None:
    """Rule 2: a pairing stated in the sentence before the amount or in its clause; one helper's
    several recipients form a group."""
    usable = [h for h in hits if h.at <= clause_end]
    if not usable:
        return None
    if subject is not None and any(h.donor.key == subject.key for h in usable):
        usable = [h for h in usable if h.donor.key == subject.key]  # 泉州市安排...: the clause's own helper
    elif subject is not None and subject.kind in ("org", "group") and all(
            h.at < subject.start and subject.key != h.recipient.key for h in usable):
        return None  # X向Y捐赠..., Z红十字会捐赠...价值68万元: a giver of its own, named after the pairing
    first = max(usable, key=lambda h: h.at)
    same = [h for h in usable if h.donor.key == first.donor.key and h.at == first.at]
    recipient = list_party([h.recipient.party for h in same if h.recipient.party is not None])
    return Attribution(first.donor.party, recipient, 5)


def from_subject(subject: list[Mention], sent: Sentence, text: str, pairs: Pairs) -> Attribution | None:
    """Rule 3: what the clause's subject is in the article's pairings."""
    if not subject or any(m.party is None for m in subject):
        return None
    if len(subject) == 2 and text[subject[0].end : subject[1].start] in ("与", "和", "同") and all(
            m.kind == "group" for m in subject):
        return Attribution(subject[0].party, subject[1].party, 4)  # 东部8个省市与西部10个省区市
    keys = {m.key for m in subject}
    named = {m.key: m for m in sent.mentions if m.key not in keys}
    giver = party_of(subject)
    if len(subject) > 1 and all(pairs.as_donor(m.key) for m in subject):  # 朝阳村、华光村 -> their partners
        return Attribution(giver, list_party([pairs.as_donor(m.key)[0].recipient.party for m in subject]), 4)
    if len(subject) == 1:
        own = pairs.as_donor(subject[0].key)
        if own:
            partner = next((h for h in own if h.recipient.key in named), own[0])
            return Attribution(giver, partner.recipient.party, 4)
        helpers = pairs.as_recipient(subject[0].key)
        if helpers:
            return Attribution(helpers[0].donor.party, subject[0].party, 4)
    recipients = [h.recipient for h in pairs.hits if h.recipient.key in named]
    if recipients:
        return Attribution(giver, recipients[0].party, 3)
    if subject[0].kind == "group" or subject[0].kind == "org":
        recipient = pairs.target if subject[0].kind == "group" and pairs.target else (
            pairs.main.recipient.party if pairs.main else None)
        return Attribution(giver, recipient, 3)
    return None


def from_named(sent: Sentence, pairs: Pairs) -> Attribution | None:
    """Rule 4: the one article pairing whose parties the sentence names most."""
    named = {m.key for m in sent.mentions}
    scored = [(int(h.donor.key in named) + int(h.recipient.key in named), h) for h in pairs.hits]
    scored = [t for t in scored if t[0] > 0]
    if not scored:
        return None
    top = max(s for s, _ in scored)
    best = [h for s, h in scored if s == top]
    if len({(h.donor.key, h.recipient.key) for h in best}) != 1:
        return None
    return Attribution(best[0].donor.party, best[0].recipient.party, 3)


def list_helpers(recipient: Party, pairs: Pairs) -> list[PairHit]:
    """向美姑县、雷波县拨付...: places listed together that all have one helper in the article."""
    names = (recipient.full_name or "").split("、")
    if len(names) < 2:
        return []
    by_name = [[h for h in pairs.hits if h.recipient.party and h.recipient.party.full_name == n] for n in names]
    donors = {h.donor.key for hs in by_name for h in hs}
    return by_name[0][:1] if all(by_name) and len(donors) == 1 else []
