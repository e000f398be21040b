"""Who gives an amount to whom, in order of trust:

1. the sentence says it: X向Y投入 / X为Y募集 / 捐赠Y款物 / ...万元支持Y / 在Y投资 / 采购Y农产品 /
   Y获得X捐赠;
2. a pairing stated in the same sentence (several recipients of one helper form one group);
3. the clause's subject: a helper of the article's pairings gives to its partner, a helped
   place receives from its helper, any other party or group gives to the partner named;
4. parties named in the sentence that belong to one of the article's pairings;
5. a pairing stated in the sentence before, in the same paragraph;
6. the article's main pairing.
Rules 2-4 and 6 read only the article's pairings; rule 1 reads the sentence's own words.
Groups (东部8个省市, 社会各界、企业, 苏南发达市县) and lists of parties stand as one party.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import IntEnum

from parsers.extraction.clauses import (
    Sentence,
    clause_bounds,
    is_preposition,
    list_before,
    own_subject,
    subject_of,
)
from parsers.extraction.gazetteer import load_gazetteer
from parsers.extraction.groups import counted_whole, list_party, span_party
from parsers.extraction.mentions import Mention, region_party, same_or_within
from parsers.extraction.money import find_amounts, number
from parsers.extraction.official import lookup
from parsers.extraction.pairhits import PairHit, donors_before, orient, recipients_after
from parsers.extraction.parallellists import parallel_item_at
from parsers.extraction.wording.funding import (
    AGENT_LEAD,
    AGENT_VERBS,
    ATTRACT_OPENERS,
    COMPANY_WORD,
    COUNTED_PLACES,
    COUNTED_RECEIVERS,
    DEMONSTRATIVES,
    DIRECT_GIVE_VERBS,
    FOR_AFTER,
    GIVE_PREPOSITIONS,
    GIVE_VERBS,
    HELPING_AT,
    INTO_WORDS,
    INVEST_AT,
    INVEST_ATTRACT_CUES,
    INVEST_VERB,
    LOCATIVE,
    LOCATIVE_LEADS,
    NEXT_CLAUSE_LEADS,
    ORG_GIVES_AMOUNT,
    ORG_GIVES_NOT_AFTER,
    OWN_TREASURY,
    OWNED_FUNDS,
    PAIR_JOINERS,
    PLACE_UNIT_COUNT,
    PURCHASE_VERBS,
    RECEIVE_VERBS,
    RECEIVER_AREA,
    RECEIVER_DESCRIPTION_LEADS,
    RECEIVER_HEADS,
    RECEIVER_HERE,
    RECEIVER_PEOPLE_HEADS,
    SALE_VERBS,
    SPEND_AT_ADVERBS,
    SPEND_AT_VERBS,
    TARGET_AREAS,
    TARGET_VERBS,
    USED_FOR,
    USED_FOR_ENDS,
    USED_FOR_LEADS,
    USED_FOR_PLACE_ENDS,
    USED_FOR_VERB,
)
from parsers.extraction.wording.pairing import (
    EAST_PROVINCES,
    LIST_SEPARATORS,
    PAIRED_ADJECTIVES,
    POINT_APPOSITION,
    POINT_ROLE_WORDS,
    POINT_WORDS,
    PROVINCE_ABBREVIATIONS,
    RESPECTIVELY_WORDS,
    SPEND_VERBS,
    TOWARD,
)
from parsers.records import Party

_STOP = set("。;;!?!?\n")
_ALT = "|".join
# 援助资金到疆: money going into a province written by its abbreviation.
_INTO_PROVINCE = re.compile(rf"(?:{_ALT(INTO_WORDS)})([{''.join(PROVINCE_ABBREVIATIONS)}])(?![\u4e00-\u9fff])"
                            rf"|(?:{_ALT(INTO_WORDS)})([{''.join(PROVINCE_ABBREVIATIONS)}])(?=新增|累计|共计|总计|达)")
# 为3个村分别捐赠了25万元、14万元: a counted receiver, amounts in order.
# 向两县投入: the giver's partners, counted.
_COUNTED_PLACES = re.compile(COUNTED_PLACES)
# 用于结对县市区发展: the receiver of what the money is used for.
_USED_FOR = re.compile(USED_FOR.format(ends=_ALT(USED_FOR_ENDS)))
# 特别是在“三区三州”等深度贫困地区,...投入: where the money went.
_LOCATIVE = re.compile(LOCATIVE.format(leads=_ALT(LOCATIVE_LEADS)))
MAX_SPAN = 16
_PLACE_UNIT_COUNT = re.compile(PLACE_UNIT_COUNT)
_COUNTED_AFTER = re.compile(COUNTED_RECEIVERS)
_HELPING_AT = re.compile(HELPING_AT)
_SPEND_AT = re.compile(f"(?:{_ALT(SPEND_AT_ADVERBS)})*(?:{_ALT(SPEND_AT_VERBS)})")
# 浙江省2024年第二批东西部协作财政援助资金1.5亿元: a place, then the name of its funds, then the sum.
_OWNED = re.compile(OWNED_FUNDS)
_ORG_GIVES = re.compile(ORG_GIVES_AMOUNT.format(verbs=_ALT(sorted(GIVE_VERBS, key=len, reverse=True))))
# 投入沿河县帮扶资金1.21亿元 / 投入思南县9860万元: the place, a few words, then the amount.
_SPENT = re.compile(r"[^,,。;;、]{0,12}$")


# the amount and at most its unit words end the clause (1010万元, / 300万元资金,)
_SPENT_TAIL = re.compile(r"[^,,。;;]{0,12}$")
_RECEIVER_AREA = re.compile(RECEIVER_AREA.format(heads=_ALT(RECEIVER_HEADS)))
# 对口支援三峡库区 / 对口协作水源区: a helped area the gazetteer cannot name.
_TARGET = re.compile(rf"(?:{_ALT(TARGET_VERBS)})([\u4e00-\u9fff]{{2,6}}?(?:{_ALT(TARGET_AREAS)}))")


def _specificity(h: PairHit) -> int:
    """How many of a pair's parties are below a province."""
    return sum(m.level not in (None, "province") for m in (h.donor, h.recipient))


@dataclass
class Pairs:
    """The article's pairings as attribution sees them."""

    hits: list[PairHit]
    counts: Counter = field(default_factory=Counter)
    main: PairHit | None = None
    target: Party | None = None  # what the article says is helped when it names no party (三峡库区)
    # a helper's partners listed with their count (A、B等5个县): the whole, and the keys of its listed members
    wholes: dict[str, tuple[Party, frozenset[str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, hits: list[PairHit], text: str = "") -> Pairs:
        counts = Counter((h.donor.key, h.recipient.key) for h in hits)
        first: dict[tuple[str, str], PairHit] = {}
        for h in hits:
            first.setdefault((h.donor.key, h.recipient.key), h)
        # the most stated pair; of those stated as often, the more specific (大兴区 -> 察右前旗 over the
        # province pair 京蒙 that the article's history paragraph names), then the first
        order = {k: i for i, k in enumerate(first)}
        best = max(counts, key=lambda k: (counts[k], _specificity(first[k]), -order[k])) if counts else None
        main = first[best] if best is not None else None
        targets = Counter(m.group(1) for m in _TARGET.finditer(text))
        target = span_party(targets.most_common(1)[0][0]) if targets else None
        return cls(list(first.values()), counts, main, target, _wholes(hits, text))

    def whole_of(self, donor: str, recipients: set[str] | None = None) -> Party | None:
        """The counted whole of ``donor``'s partners (those ``recipients`` all among its members)."""
        whole = self.wholes.get(donor)
        return whole[0] if whole is not None and (recipients is None or recipients <= whole[1]) else None

    def as_donor(self, key: str) -> list[PairHit]:
        return sorted((h for h in self.hits if h.donor.key == key), key=lambda h: -self.counts[(h.donor.key, h.recipient.key)])

    def as_recipient(self, key: str) -> list[PairHit]:
        return sorted((h for h in self.hits if h.recipient.key == key), key=lambda h: -self.counts[(h.donor.key, h.recipient.key)])


def _wholes(hits: list[PairHit], text: str) -> dict[str, tuple[Party, frozenset[str]]]:
    """云南建投集团对得禄村、…、金平县等5个县(市、区)7个行政村实行定点帮扶: per helper, the whole its
    partners listed in one statement make with the count that closes the list (the first so stated)."""
    statements: dict[tuple[str, int], list[PairHit]] = {}
    for h in hits:
        if h.recipient.party is not None:
            statements.setdefault((h.donor.key, h.at), []).append(h)
    out: dict[str, tuple[Party, frozenset[str]]] = {}
    for (donor, _), hs in statements.items():
        ms = sorted({h.recipient.start: h.recipient for h in hs}.values(), key=lambda m: m.start)
        found = counted_whole([m.party for m in ms if m.party is not None], text, ms[-1].end) if text else None
        if found is not None and donor not in out:
            out[donor] = (found[0], frozenset(m.key for m in ms))
    return out


class Trust(IntEnum):
    """How an attribution was found, weakest first: of two for one amount the higher wins."""

    NONE = 0  # nothing says who gives or receives
    MAIN_PAIRING = 1  # the article's main pairing (rule 6)
    PARAGRAPH_PAIRING = 2  # a pairing stated earlier in the paragraph (rule 5); a province whose cities help
    NAMED_PARTIES = 3  # parties the sentence names in the article's pairings (rule 4), the subject's partner
    #                    named, the place written with the amount, a figure carried on from the sentence before
    CLAUSE_PAIRING = 4  # the clause's subject in the article's pairings (rule 3); lists mapped one-to-one
    SENTENCE_PAIRING = 5  # a pairing stated in the same sentence (rule 2)
    STATED = 6  # the sentence says who gives to whom (rule 1)


@dataclass(frozen=True)
class Attribution:
    donor: Party | None
    recipient: Party | None
    trust: Trust


def combined_party(ms: list[Mention]) -> Party | None:
    """The one party that mentions stand for together: a list party when they name several."""
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
    same: dict[str, PairHit] = {}
    for h in usable:  # one party written twice (那曲地区及那曲…): the fuller writing names it
        if h.donor.key == first.donor.key and h.at == first.at and h.recipient.party is not None:
            kept = same.setdefault(h.recipient.key, h)
            if len(h.recipient.surface) > len(kept.recipient.surface):
                same[h.recipient.key] = h
    recipient = _enclosing_recipient(first, usable) or list_party([h.recipient.party for h in same.values()])
    if subject is not None and subject.kind == "group" and subject.start == first.donor.start:
        return Attribution(subject.party, recipient, Trust.SENTENCE_PAIRING)  # 天津市援藏干部: the helper's people give
    return Attribution(first.donor.party, recipient, Trust.SENTENCE_PAIRING)


def _enclosing_recipient(first: PairHit, usable: list[PairHit]) -> Party | None:
    """对口支援那曲地区及那曲、比如、嘉黎三县,...投入资金近20亿元: one helper's recipients that are a
    place and places inside it; the money is the whole place's."""
    own = [h.recipient.party for h in usable if h.donor.key == first.donor.key and h.recipient.party is not None]
    if len({p.key for p in own}) < 2:
        return None
    outer = _holding_all(own)
    if outer is not None and outer.level == "province":  # 天津市对口支援新疆 with its listed partner 和田地区
        listed = [h.recipient.party for h in usable if h.donor.key == first.donor.key and h.frame == "official"
                  and h.recipient.party is not None and h.recipient.party.level != "province"]
        if len(listed) == 1:
            return listed[0]
    return outer


def _holding_all(parties: list[Party]) -> Party | None:
    """The one of ``parties`` that is or holds every other (凉山州 of 凉山州, 昭觉县, 布拖县), else None."""
    return next((p for p in parties if all(same_or_within(p, q) and len(p.full_name or "") <= len(q.full_name or "")
                                           for q in parties)), None)


def from_subject(subject: list[Mention], sent: Sentence, text: str, pairs: Pairs) -> Attribution | None:
    """Rule 3: what the clause's subject is in the article's pairings."""
    if not subject or any(m.party is None for m in subject):
        return None
    if len(subject) == 2 and text[subject[0].end : subject[1].start] in PAIR_JOINERS and all(
            m.kind == "group" for m in subject):
        return Attribution(subject[0].party, subject[1].party, Trust.CLAUSE_PAIRING)  # 东部8个省市与西部10个省区市
    keys = {m.key for m in subject}
    named = {m.key: m for m in sent.mentions if m.key not in keys}
    giver = combined_party(subject)
    if len(subject) > 1 and all(pairs.as_donor(m.key) for m in subject):  # 朝阳村、华光村 -> their partners
        return Attribution(giver, list_party([pairs.as_donor(m.key)[0].recipient.party for m in subject]), Trust.CLAUSE_PAIRING)
    if len(subject) == 1 and _holds_recipients(subject[0], pairs):  # 新疆兵团安排援疆资金22.8亿元: its own total
        return Attribution(None, subject[0].party, Trust.CLAUSE_PAIRING)
    if len(subject) == 1:
        own = pairs.as_donor(subject[0].key)
        if own:
            partner = next((h for h in own if h.recipient.key in named), None)
            recipient = partner.recipient.party if partner else (
                _outermost(own) or pairs.whole_of(subject[0].key) or own[0].recipient.party)
            return Attribution(giver, recipient, Trust.CLAUSE_PAIRING)
        helpers = pairs.as_recipient(subject[0].key)
        if helpers:
            return Attribution(helpers[0].donor.party, subject[0].party, Trust.CLAUSE_PAIRING)
    recipients = [h.recipient for h in pairs.hits if h.recipient.key in named]
    if recipients:
        return Attribution(giver, recipients[0].party, Trust.NAMED_PARTIES)
    if subject[0].kind == "group" or subject[0].kind == "org":
        recipient = pairs.target if subject[0].kind == "group" and pairs.target else (
            pairs.main.recipient.party if pairs.main else None)
        if subject[0].kind == "group" and not _of_helpers(subject[0], pairs):
            recipient = pairs.target  # 中央驻滇和省属企业: not the partner of one of them the article pairs
        return Attribution(giver, recipient, Trust.NAMED_PARTIES)
    return None


def _of_helpers(group: Mention, pairs: Pairs) -> bool:
    """The group is written with a helper of the article's pairs (杨浦区企业, 天津市援藏干部) or the
    article pairs no organisation (东部9个省市 in a story of provinces): the main partner may be its."""
    full = group.party.full_name if group.party is not None else ""
    return any(h.donor.party is not None and full.startswith(h.donor.party.full_name) for h in pairs.hits) or not any(
        h.donor.kind == "org" for h in pairs.hits)


def _holds_recipients(m: Mention, pairs: Pairs) -> bool:
    """The subject is no party of the article's pairs but holds several of their helped places (新疆兵团
    and its 第一师, 第三师), and none of their helpers: a total for the whole, never one pair's."""
    if m.kind != "region" or m.party is None or pairs.as_donor(m.key) or pairs.as_recipient(m.key):
        return False
    inside = {h.recipient.key for h in pairs.hits if h.recipient.party is not None and h.recipient.key != m.key
              and same_or_within(m.party, h.recipient.party)
              and len(h.recipient.party.full_name) > len(m.party.full_name)}
    return len(inside) >= 2 and not any(h.donor.party is not None and same_or_within(m.party, h.donor.party)
                                        for h in pairs.hits)


def _outermost(own: list[PairHit]) -> Party | None:
    """宁波合计投入13亿元: of one helper's partners (凉山州, 昭觉县, 布拖县), the one holding all the
    others - a sum the sentence gives no receiver for is the whole partner's, not one county's.  A
    province holding them (天津 援疆: 新疆, 和田地区) only frames the programme: the partner is inside it."""
    parties = list({h.recipient.party.key: h.recipient.party for h in own if h.recipient.party is not None}.values())
    if len(parties) < 2:
        return None
    provinces = [p for p in parties if p.level == "province"]
    inner = [p for p in parties if p.level != "province"]
    if not inner or any(not any(same_or_within(pv, q) for q in inner) for pv in provinces):
        return None  # a province with no partner of the helper inside it (a fair's 山东·重庆周): no whole
    if any(not any(same_or_within(pv, q) for pv in provinces) for q in inner) and provinces:
        return None
    whole = _holding_all(inner)
    if whole is not None and provinces and not any(
            h.recipient.party is not None and h.recipient.party.key == whole.key and h.donor.party is not None
            and (h.frame == "official" or lookup(h.donor.party, whole, exact=True) is not None) for h in own):
        return None  # inside a province, only a partner the official lists give is the whole partner
    return whole


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
    return Attribution(best[0].donor.party, best[0].recipient.party, Trust.NAMED_PARTIES)


def _inner_paragraph_pair(found: Attribution | None, paragraph_hits: list[PairHit]) -> Attribution | None:
    """京蒙 named in the sentence (赴内蒙古考察), 大兴区与察右前旗、正镶白旗 stated earlier in the paragraph: the
    paragraph's pair inside the named one is what its figures are about."""
    if found is None or not paragraph_hits or found.donor is None or found.recipient is None:
        return found
    last = paragraph_hits[-1]
    same = [h for h in paragraph_hits if h.donor.key == last.donor.key and h.at == last.at and h.recipient.party]
    if last.donor.party is None or not same or (last.donor.key, last.recipient.key) == (found.donor.key,
                                                                                          found.recipient.key):
        return found
    if not (same_or_within(found.donor, last.donor.party) and all(same_or_within(found.recipient, h.recipient.party)
                                                                  for h in same)):
        return found
    return Attribution(last.donor.party, list_party([h.recipient.party for h in same]), found.trust)


def _helper_around(recipient: Party, pairs: Pairs) -> Party | None:
    """平安区、循化县各100万元 with no giver named: the one helper of the helped place they lie in (海东市)."""
    names = (recipient.full_name or "").split("、")
    donors = {h.donor.key: h.donor.party for h in pairs.hits if h.recipient.party is not None and h.donor.party
              and h.recipient.party.level in ("province", "prefecture", "county")
              and all(n.startswith(h.recipient.party.full_name) and n != h.recipient.party.full_name for n in names)}
    return next(iter(donors.values())) if len(donors) == 1 else None


def list_helpers(recipient: Party, pairs: Pairs) -> list[PairHit]:
    """向美姑县、雷波县拨付...: places listed together that all have one helper in the article."""
    names = (recipient.full_name or "").split("、")
    if len(names) < 2:
        return []
    by_name = [[h for h in pairs.hits if h.recipient.party and h.recipient.party.full_name == n] for n in names]
    donors = {h.donor.key for hs in by_name for h in hs}
    return by_name[0][:1] if all(by_name) and len(donors) == 1 else []


def _occurrences(text: str, words: tuple[str, ...], lo: int, hi: int) -> list[tuple[int, str]]:
    out = []
    for w in words:
        pos = text.find(w, lo, hi)
        while pos >= 0:
            out.append((pos, w))
            pos = text.find(w, pos + 1, hi)
    return sorted(out)


def _innermost(ms: list[Mention], sent: Sentence) -> list[Mention]:
    """A receiver written with the places it lies in before it (磐安县九和乡九和村, three mentions
    one after another) is the innermost place; the others are its address."""
    if not ms:
        return ms
    last = ms[-1]
    for m in sent.mentions:
        # right after it, or after a role word (向云南挂钩扶贫点——临沧市临翔区璋珍村: the point named after it)
        adjacent = m.start == last.end or (m.start > last.end and _role_gap(
            sent.text[last.end - sent.start : m.start - sent.start]))
        if adjacent and m.party is not None and last.party is not None and m.kind in ("region", "local") \
                and same_or_within(m.party, last.party) and m.party.key != last.party.key:
            last = m
    return [*ms[:-1], last] if last is not ms[-1] else ms


def _role_gap(gap: str) -> bool:
    """A helper's role word for the place after it (挂钩扶贫点——, 定点帮扶村)."""
    gap = gap.rstrip("".join(POINT_APPOSITION))
    return gap in POINT_ROLE_WORDS or gap in POINT_WORDS


MAX_RECEIVER_LEAD = 6  # characters of description written before a receiver that is a party (革命老区, 深度贫困县)


def _receiver_at(pos: int, sent: Sentence, text: str, verbs: tuple[str, ...]) -> tuple[Party | None, int]:
    """The receiver written at ``pos``: a party or a list of them, or - when the text goes on
    with a head noun (河南、湖北两省水源区) or names no party (深度贫困地区) - the span as written."""
    ms = _innermost([m for m in recipients_after(pos, sent, text) if m.kind != "group" or m.start == pos], sent)
    m = re.match(rf"([^,,。;;::!?!?\n]{{2,{MAX_SPAN}}}?)(?:{'|'.join(verbs)})", text[pos : sent.end])
    if ms and ms[0].start == pos:
        whole = counted_whole([x.party for x in ms if x.party is not None], text, ms[-1].end)
        if whole is not None:  # 向A县、B县等5个县捐赠: the places counted
            return whole
        group = _counted_inside(ms[-1], sent, text)
        if group is not None:  # 向广西8市33个贫困县投入: the place's counted units, as stated
            return span_party(text[pos : group.end]), group.end
        if m is None or not text.startswith(RECEIVER_HEADS, ms[-1].end):
            return combined_party(ms), ms[-1].end
        return span_party(m.group(1)), pos + m.end(1)
    if m:  # 向革命老区江西省吉安县庙前村捐款: the place, after a short description of it
        last = [x for x in sent.mentions if pos < x.start <= pos + MAX_RECEIVER_LEAD and x.end == pos + m.end(1)]
        if last and last[0].party is not None and last[0].kind != "group":
            return last[0].party, last[0].end
    if m and m.group(1) in RECEIVER_HERE:  # 在湖山村,X为村里捐赠: the place the sentence is in
        here = [x for x in sent.mentions if x.end <= pos and x.party is not None and x.kind in ("local", "region")]
        return (here[-1].party, pos + m.end(1)) if here else (None, pos)
    if m and not names_nobody(m.group(1)):
        return span_party(m.group(1)), pos + m.end(1)
    return None, pos


def names_nobody(span: str) -> bool:
    """A receiver span that names people or a thing (10户困难户, 爱心超市), or only describes (所帮扶的村,
    当地困难学生): no party; the money's place comes from the article."""
    return span.endswith(RECEIVER_PEOPLE_HEADS) or span.startswith(RECEIVER_DESCRIPTION_LEADS) or "—" in span


def _counted_inside(place: Mention, sent: Sentence, text: str) -> Mention | None:
    """The counted group written right after a place (广西 + 8市 + 33个贫困县), if any."""
    if place.kind == "group":
        return None
    count = _PLACE_UNIT_COUNT.match(text, place.end)
    at = count.end() if count else place.end
    return next((m for m in sent.mentions if m.kind == "group" and m.start == at), None)


def _helped_where(text: str, sent: Sentence, p: int) -> Party | None:
    """The party written after 在 in a clause of helping before the amount (在陕西50个脱贫县开展定点帮扶),
    with the counted units after it as stated."""
    for m in _HELPING_AT.finditer(text, sent.start, p):
        place = next((x for x in sent.mentions if x.start == m.start(1) and x.party is not None), None)
        if place is not None:
            group = _counted_inside(place, sent, text)
            return span_party(text[place.start : group.end]) if group is not None else place.party
    return None


def _helpers(ms: list[Mention], text: str) -> list[Mention]:
    """A subject written X与Y (两地) speaks of a pair: the helper side gives."""
    if len(ms) == 2 and text[ms[0].end : ms[1].start] in PAIR_JOINERS and ms[0].kind != "group":
        return [orient(ms[0], ms[1])[0]]
    return ms


def _other_pair(ms: list[Mention], recipient: Party, sent: Sentence, text: str) -> bool:
    """The subject is a pair written X与Y, and the receiver is neither of them nor inside one (向Y所在的Z乡):
    the pair is not who gives to it."""
    if len(ms) == 1:
        joiner = next((j for j in PAIR_JOINERS if text.startswith(j, ms[0].end)), None)
        partner = next((m for m in sent.mentions if joiner and m.start == ms[0].end + len(joiner)), None)
        ms = [ms[0], partner] if partner is not None else ms
    if len(ms) != 2 or text[ms[0].end : ms[1].start] not in PAIR_JOINERS or any(m.party is None for m in ms):
        return False
    return not any(same_or_within(m.party, recipient) and len(recipient.full_name) >= len(m.party.full_name)
                   for m in ms if m.party is not None)


def _between_groups(pos: int, at: int, sent: Sentence, text: str) -> bool:
    """苏南发达市县向苏北欠发达市县转移...: one group toward another states the direction whatever the verb."""
    givers = donors_before(pos, sent, text)
    return bool(givers) and all(g.kind == "group" for g in givers) and any(
        m.start == at and m.kind == "group" for m in sent.mentions)


def _donor_for(recipient: Party | None, pos: int, sent: Sentence, text: str, pairs: Pairs) -> Party | None:
    before = donors_before(pos, sent, text)
    if recipient is not None and _other_pair(before, recipient, sent, text):
        helpers = pairs.as_recipient(recipient.key)
        if helpers:  # X村与Y村结对,并向Z乡捐赠: Z's own helper gives, not the pair written before
            return helpers[0].donor.party
    givers = _helpers(before, text)
    if givers and all(g.kind == "group" and COMPANY_WORD in g.surface for g in givers) and any(
            text.endswith(cue, 0, givers[0].start) for cue in INVEST_ATTRACT_CUES):
        givers = [s for s in subject_of(text, sent, givers[0].start, LIST_SEPARATORS) if s not in givers]
    if givers:
        return combined_party(givers)
    if recipient is not None:
        helpers = pairs.as_recipient(recipient.key)
        if helpers:
            return helpers[0].donor.party
    return None


def _stated(p: int, sent: Sentence, text: str, pairs: Pairs) -> Attribution | None:
    """Rule 1: the sentence says who gives to whom."""
    found: list[tuple[int, Party | None, Party | None]] = []
    cstart, cend = clause_bounds(text, p, sent.start, sent.end)
    own = own_subject(text, sent, p)
    for pos, word in _occurrences(text, GIVE_PREPOSITIONS + (TOWARD,), sent.start, p):  # 将对甘孜州18县投入
        if not is_preposition(text, pos) or (own is not None and pos < cstart):
            continue  # 作为 / 给予; or the amount's clause has a giver of its own
        if word == TOWARD and not any(m.start == pos + 1 for m in sent.mentions) and not _COUNTED_AFTER.match(text, pos + 1):
            continue  # 对 gives to a party written right after it (对甘孜州18县投入) or to places counted
            #           (对246个定点扶贫县投入), nothing else (对口, 对此)
        if any(m.start > pos for m in subject_of(text, sent, p, LIST_SEPARATORS)[:1]):
            continue  # X向Y捐赠..., Z捐赠救护车2辆、价值68万元: a later clause's giver took over
        at = pos + len(word)
        at += next((len(a) for a in PAIRED_ADJECTIVES if text.startswith(a, at)), 0)  # 向结对帮扶的Y捐赠
        recipient, end = _receiver_at(at, sent, text, GIVE_VERBS + SALE_VERBS)
        if recipient is not None and text.startswith(DEMONSTRATIVES, at) and not any(m.start == at for m in sent.mentions):
            recipient = _used_for_place(p, sent, text)  # 向该计划捐赠十万元,用于保障高岗镇…: no place of its own
        verb = next((v for v in GIVE_VERBS + SALE_VERBS if v in text[end:p]), None)
        if recipient is None or _STOP & set(text[end:p]) or verb is None and not _between_groups(pos, at, sent, text):
            continue
        giver = _donor_for(recipient, pos, sent, text, pairs)
        listed = _counted_members(at, end, p, sent, text)
        if listed is not None:  # 为康庄村、巴庄村…, 并为3个村分别捐赠了25万元、14万元…
            recipient = listed
        elif verb in SALE_VERBS:  # 麦积区向天津销售农产品: the buyer gives
            giver, recipient = recipient, giver
        elif giver is not None and _COUNTED_PLACES.fullmatch(recipient.name):  # 向两县投入: the giver's partners
            partners = [h.recipient.party for h in pairs.as_donor(giver.key) if h.recipient.party is not None]
            recipient = list_party(partners) if partners else recipient
        found.append((pos, giver, recipient))
    after: Party | None = None  # the receiver a giving verb after the amount names
    for pos, word in _occurrences(text, DIRECT_GIVE_VERBS + PURCHASE_VERBS + INVEST_AT + SPEND_VERBS + FOR_AFTER,
                                  cstart, _next_clause_giving(text, p, cend) or min(cend, p + 12)):
        if word in FOR_AFTER and (pos < p or not is_preposition(text, pos)):
            continue  # 筹措资金205万元为Y建成…: only after the amount (X为Y投入… is read above)
        at = pos + len(word)
        at += next((len(a) for a in PAIRED_ADJECTIVES if text.startswith(a, at)), 0)  # 给予结对的Y
        if word in INVEST_AT:  # 在Y投资 / 在Y先后投入…资金
            recipient, end = _receiver_at(at, sent, text, SPEND_AT_VERBS)
            spend = _SPEND_AT.match(text, end)
            if recipient is None or end - at > MAX_SPAN or spend is None:
                continue
            if not spend.group(0).endswith(INVEST_VERB) and not any(m.start == at for m in sent.mentions):
                continue  # 在定点帮扶县投入…: only a party named after 在 receives what is put in there
        else:
            ms = recipients_after(at, sent, text)
            use = _USED_FOR.match(text, at) if word == USED_FOR_VERB and not (ms and ms[0].start == at) else None
            if use is not None and not use.group(1).endswith(USED_FOR_PLACE_ENDS):
                continue
            if use is not None:  # 用于结对县市区发展: the receiver as written
                recipient = span_party(use.group(1))
            elif not ms or ms[0].start != at:
                continue
            elif word in SPEND_VERBS and (p < ms[-1].end or not _SPENT.match(text, ms[-1].end, p)):
                continue  # 投入沿河县...1.21亿元: only with the amount right after the place
            elif word in SPEND_VERBS and text.startswith(OWN_TREASURY, ms[-1].end) and all(
                    x.party is not None and x.party.province in EAST_PROVINCES for x in ms):
                # 投入广东省财政帮扶资金10亿元: an eastern place's own treasury gives (投入陕西省财政援助资金: received)
                giver = combined_party(ms)
                partners = [h.recipient.party for h in pairs.as_donor(ms[-1].key) if h.recipient.party is not None]
                found.append((pos if pos < p else cstart, giver, list_party(partners) if partners else None))
                continue
            else:
                whole = counted_whole([x.party for x in ms if x.party is not None], text, ms[-1].end)
                area = _RECEIVER_AREA.match(text, ms[-1].end) if whole is None and len(ms) > 1 else None
                recipient = (whole[0] if whole is not None  # 资助A、B等5个县
                             else span_party(text[at : area.end()]) if area is not None  # 支持A、B两省部分…地区
                             else combined_party(ms))
        found.append((pos if pos < p else cstart, _donor_for(recipient, pos, sent, text, pairs), recipient))
        if pos > p:
            after = after or recipient  # 三峡集团安排8亿元支持A、B两省…: whom the giver's money is for
    for pos, word in _occurrences(text, RECEIVE_VERBS, cstart if own else sent.start, p):  # 隆德县获得...捐赠
        ms = recipients_after(pos + len(word), sent, text)
        if ms and ms[0].start == pos + len(word):
            takers = [m for m in subject_of(text, sent, pos, LIST_SEPARATORS) if m not in ms]
            giver = combined_party(ms)
            taker = combined_party(takers) if takers else None
            if taker is None and giver is not None:  # 全县共争取X资金: the taker is the giver's partner
                partners = pairs.as_donor(giver.key)
                taker = partners[0].recipient.party if len(partners) == 1 else None
            found.append((pos, giver, taker))
    giver = _giver_before(p, sent, text)
    item = parallel_item_at(p, sent, text)  # 安排万州区资金1.3亿元、夷陵区资金4500万元
    if item is not None and item[1] is not giver:  # (A捐赠10万元、B捐赠5万元 lists givers)
        first, place = item
        found.append((p, _donor_for(place.party, first.start, sent, text, pairs), place.party))
    for m in _INTO_PROVINCE.finditer(text, cstart if own else sent.start, p):  # 援助资金到疆45.8亿元
        region = next((r for r in load_gazetteer().lookup(PROVINCE_ABBREVIATIONS[m.group(1) or m.group(2)])), None)
        if region is not None:
            recipient = region_party(region)
            found.append((m.start(), _donor_for(recipient, m.start(), sent, text, pairs), recipient))
    if giver is not None and giver.party is not None:  # 市温州商会捐赠10万元: the organisation gives
        found.append((giver.start, giver.party, after or _partner_of(giver, sent, pairs)))
    if not found:
        return None
    _, donor, recipient = max(found, key=lambda t: t[0])
    return Attribution(donor, recipient, Trust.STATED)


def _next_clause_giving(text: str, p: int, cend: int) -> int | None:
    """…支出1010万元,定向资助A、B等5个县: the amount ends its clause and the next opens with a giving
    verb (a lead word before it): that verb names the receiver; where the verb ends, else None."""
    if _SPENT_TAIL.match(text, p, cend) is None or cend >= len(text) or text[cend] not in ",,":
        return None
    at = cend + 1
    at += next((len(w) for w in NEXT_CLAUSE_LEADS if text.startswith(w, at)), 0)
    verb = next((v for v in DIRECT_GIVE_VERBS if text.startswith(v, at)), None)
    return at + len(verb) if verb else None


def _giver_before(p: int, sent: Sentence, text: str) -> Mention | None:
    """The named organisation written right before a giving verb and the amount at ``p`` (X发动Y捐赠
    10万元、Z捐赠5万元: Y, then Z) - not one a preposition or a giving verb makes the receiver."""
    m = next((m for m in reversed(sent.mentions) if m.end <= p), None)
    if m is None or m.kind != "org" or not _ORG_GIVES.fullmatch(text, m.end, p):
        return None
    return None if text[m.start - 1 : m.start] in ORG_GIVES_NOT_AFTER else m


def _partner_of(giver: Mention, sent: Sentence, pairs: Pairs) -> Party | None:
    """Whom an organisation's money goes to when the sentence names no receiver: its partner in the
    article's pairs, one of them the sentence names (else the whole its partners were counted as,
    else the first), else the article's main recipient."""
    own = pairs.as_donor(giver.key)
    named = {m.key for m in sent.mentions}
    if own:
        partner = next((h for h in own if h.recipient.key in named), None)
        return partner.recipient.party if partner else (pairs.whole_of(giver.key) or own[0].recipient.party)
    return pairs.main.recipient.party if pairs.main is not None else None


def _used_for_place(p: int, sent: Sentence, text: str) -> Party | None:
    """The place the clause after the amount says the money is for (…十万元,用于保障高岗镇…)."""
    _, cend = clause_bounds(text, p, sent.start, sent.end)
    at = cend + 1
    if not text.startswith(USED_FOR_VERB, at):
        return None
    at += len(USED_FOR_VERB)
    at += next((len(v) for v in USED_FOR_LEADS if text.startswith(v, at)), 0)
    ms = recipients_after(at, sent, text)
    return combined_party(ms) if ms and ms[0].start == at and ms[0].kind in ("region", "local") else None


def _counted_members(at: int, end: int, p: int, sent: Sentence, text: str) -> Party | None:
    """A receiver written as a count (为3个村分别捐赠, 向两镇各拨付) of places the sentence has just
    listed (为康庄村、巴庄村、豹子滩村…发放…): those places; with 分别 and as many amounts as places
    after the verb (25万元、14万元、10万元), the amount at ``p`` is its own place's, in order."""
    m = _COUNTED_PLACES.match(text, at, end)
    n = number(m.group(1)) if m else None
    if m is None or n is None:
        return None
    kind = m.group(0)[-1]
    before = [x for x in sent.mentions if x.end <= at and x.party is not None and x.kind != "group"]
    lists = [list_before(x, before, text, LIST_SEPARATORS) for x in reversed(before)]
    members = next((ms for ms in lists if len(ms) == n and all(x.party.name.endswith(kind) for x in ms)), None)
    if members is None:
        return None
    if any(w in text[m.end() : end + 4] for w in RESPECTIVELY_WORDS):
        _, cend = clause_bounds(text, p, sent.start, sent.end)
        amounts = [a.start + end for a in find_amounts(text[end:cend])]
        if len(amounts) == n and p in amounts:
            return members[amounts.index(p)].party
    return combined_party(members)


_AID_NAMED = re.compile(rf"援([{''.join(c for c in '疆藏青')}])(?:资金|项目资金|专项资金)")


def _aided_province(text: str, sent: Sentence, p: int) -> Party | None:
    """The province a programme's money is named after (援疆资金, 援藏资金, 援青资金) in the amount's clause."""
    lo, _ = clause_bounds(text, p, sent.start, sent.end)
    found = list(_AID_NAMED.finditer(text, lo, p + 8))
    if not found:
        return None
    m = found[-1]
    region = next((r for r in load_gazetteer().lookup(PROVINCE_ABBREVIATIONS[m.group(1)]) if r.level == "province"), None)
    return region_party(region) if region is not None else None


def _agent(p: int, sent: Sentence, text: str) -> list[Mention]:
    """由X(联合)发起 / 由X组织: the party a passive sentence names as the doer."""
    for pos, _ in reversed(_occurrences(text, (AGENT_LEAD,), sent.start, p)):
        ms = recipients_after(pos + 1, sent, text)
        if not ms or ms[0].start != pos + 1:
            continue
        below = [m for m in sent.mentions if m.start == ms[0].end and m.party and ms[0].party
                 and m.party.full_name.startswith(ms[0].party.full_name)]
        if below:  # 由军乐镇朝阳、华光两村党总支发起: the villages, not their township
            ms = recipients_after(below[0].start, sent, text)
        if any(v in text[ms[-1].end : ms[-1].end + 10] for v in AGENT_VERBS):
            return ms
    return []


def _enclosing(subject: list[Mention], pairs: Pairs) -> Attribution | None:
    """广东省帮助两省区...: a province (or city) whose own cities (districts) are the helpers of
    several of the article's pairings gives as itself, to its partners as a whole."""
    if len(subject) != 1 or subject[0].kind != "region" or subject[0].party is None:
        return None
    whole = subject[0].party.full_name
    inner = {h.donor.key for h in pairs.hits if h.donor.party and h.donor.key != subject[0].key
             and h.donor.party.full_name.startswith(whole)}
    return Attribution(subject[0].party, None, Trust.PARAGRAPH_PAIRING) if len(inner) >= 2 else None


def attribute(p: int, sent: Sentence, text: str, pairs: Pairs, sentence_hits: list[PairHit],
              paragraph_hits: list[PairHit], topic: list[Mention]) -> Attribution:
    """Donor and recipient of the amount at ``p`` (absolute offset) in ``sent``; ``topic`` is the
    subject of the paragraph's sentences before, for a sentence that names nobody."""
    nearest = own_subject(text, sent, p) or next(iter(subject_of(text, sent, p, LIST_SEPARATORS)), None)
    lo = clause_bounds(text, p, sent.start, sent.end)[0]
    if text[lo:p].lstrip().startswith(ATTRACT_OPENERS):
        nearest = None  # …,引进东部10家企业投资6.69亿元: the firms are brought in; an earlier clause's subject is not theirs
    found = _stated(p, sent, text, pairs) or from_hits(
        p, sentence_hits, clause_bounds(text, p, sent.start, sent.end)[1], nearest)
    if found is None:
        subject = (subject_of(text, sent, p, LIST_SEPARATORS) or _agent(p, sent, text)
                   or ([] if sent.mentions else topic))
        found = from_subject(subject, sent, text, pairs) or _inner_paragraph_pair(
            from_named(sent, pairs), paragraph_hits) or _enclosing(subject, pairs)
    if found is not None and found.recipient is None or found is None and topic:
        loc = _LOCATIVE.match(text[sent.start : sent.end].lstrip())
        if loc is not None:  # 特别是在“三区三州”等深度贫困地区,...投入扶贫资金5.9亿元
            giver = found.donor if found is not None else combined_party(topic)
            found = Attribution(giver, span_party(loc.group(1)), Trust.NAMED_PARTIES)
    if found is not None and found.recipient is None:
        where = _helped_where(text, sent, p)
        if where is not None:  # 37家中央单位在陕西50个脱贫县开展定点帮扶工作,累计投入…
            found = Attribution(found.donor, where, found.trust)
    if found is None and paragraph_hits:
        h = paragraph_hits[-1]
        whole = pairs.whole_of(h.donor.key, {h.recipient.key})
        found = Attribution(h.donor.party, whole or h.recipient.party, Trust.PARAGRAPH_PAIRING)
    if found is None and pairs.main is not None:
        main = pairs.main
        # a sum no sentence ties to a place is the helper's whole partner's (江苏援藏项目共66个,安排援藏资金
        # 36670万元: 拉萨市, not the 达孜区 most stated), as it is a province's programme's
        whole = _outermost(pairs.as_donor(main.donor.key))
        if whole is not None and main.recipient.party is not None and not same_or_within(whole, main.recipient.party):
            whole = None
        found = Attribution(main.donor.party, whole or main.recipient.party, Trust.MAIN_PAIRING)
    if found is None or found.donor is None:
        owner = own_subject(text, sent, p)
        if owner is not None and owner.party and owner.kind == "region" and owner.party.province in EAST_PROVINCES \
                and _OWNED.fullmatch(text, owner.end, p):  # an eastern place's own funds; a western one's are received
            found = Attribution(owner.party, found.recipient if found else None, Trust.NAMED_PARTIES)
    if found is None or found.recipient is None:
        aided = _aided_province(text, sent, p)  # 19个援疆省市安排援疆资金150亿元: the money is Xinjiang's
        if aided is not None:
            found = Attribution(found.donor if found else None, aided, found.trust if found else Trust.NAMED_PARTIES)
    if found is None and pairs.target is not None and not pairs.hits:
        # 对口支援三峡库区…签约金额307.3亿元: an article about helping an area no party names
        found = Attribution(None, pairs.target, Trust.MAIN_PAIRING)
    if found is None:
        return Attribution(None, None, Trust.NONE)
    if found.recipient is not None and found.donor is None:
        helpers = pairs.as_recipient(found.recipient.key) or list_helpers(found.recipient, pairs)
        if helpers:
            found = Attribution(helpers[0].donor.party, found.recipient, found.trust)
        else:
            found = Attribution(_helper_around(found.recipient, pairs), found.recipient, found.trust)
    return found
