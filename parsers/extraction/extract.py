"""From an article's normalised title and body to its pairings and funding.

sentences -> parties (places.py) -> pairings (pairings.py, pairframes.py, oriented and added to
by the official lists: listedhits.py) -> funding (money.py, funding.py, attribution.py).  The title is the first sentence.  A figure
repeated (headline and body) is one item, kept where its parties are clearest.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

from parsers.deadline import MAX_MENTIONS, MAX_SENTENCES, cap, check
from parsers.extraction.attribution import Attribution, Pairs, Trust, attribute
from parsers.extraction.clauses import (
    ArticleContext,
    Sentence,
    clause_bounds,
    list_before,
    list_from,
    opens_clause,
    split_sentences,
    subject_of,
)
from parsers.extraction.confidence import REACHES, confidence, funding_basis, pairing_basis, reach
from parsers.extraction.groups import all_groups, counted_side, level_funds, list_party
from parsers.extraction.implied import COUNT, implied_hits
from parsers.extraction.listedhits import (
    as_listed,
    listed_in_article,
    listed_in_sentence,
    listed_inside,
    listed_rows,
)
from parsers.extraction.mentions import COUNTY_OR_BELOW, Mention, same_or_within, within
from parsers.extraction.money import find_amounts, number
from parsers.extraction.official import lookup
from parsers.extraction.pairframes import under_help_unnamed
from parsers.extraction.pairhits import PairHit
from parsers.extraction.pairings import continued_hits, pair_hits, respectively
from parsers.extraction.places import find_parties
from parsers.extraction.widths import as_written, half_width
from parsers.extraction.wording.funding import (
    AID_MONEY_WORDS,
    COMPANY_ENDINGS,
    GIVE_VERBS,
    OWN_SPEND_VERBS,
    PRODUCE_WORDS,
    PROGRAMME_CUES,
    PURCHASE_VERBS,
    RECEIVE_VERBS,
    SPEAKER_GAP,
    SPEAKER_TITLES,
    SPEAKING_VERBS,
)
from parsers.extraction.wording.pairing import (
    GENERIC_RELATION,
    LIST_SEPARATORS,
    REPRESENTS,
)
from parsers.extraction.wording.parties import GROUP_LIST_JOINER, ORG_REF_PREFIXES
from parsers.records import Funding, Pairing, Party

MAX_EVIDENCE = 300


@dataclass(frozen=True)
class Extracted:
    pairings: list[Pairing]
    funding: list[Funding]


def blocked_spans(text: str, garbled: list[str]) -> list[tuple[int, int]]:
    """Where the garbled runs (mojibake) sit in ``text``: nothing is extracted from inside them."""
    spans = []
    for run in dict.fromkeys(garbled):  # each run once: its copies are all found by one search
        check()
        if not run:
            continue
        for m in re.finditer(re.escape(run), text):
            spans.append((m.start(), m.end()))
    return spans


def _evidence(sentence: str) -> str:
    s = sentence.strip()
    return s if len(s) <= MAX_EVIDENCE else s[:MAX_EVIDENCE] + "…"


def _paragraphs(sents: list[Sentence]) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    for s in sents:
        lo, hi = out.get(s.para, (s.start, s.end))
        out[s.para] = (min(lo, s.start), max(hi, s.end))
    return out


def _pairings(hits: list[PairHit], year: int | None) -> list[Pairing]:
    seen: dict[tuple[str, str], Pairing] = {}
    for h in hits:
        key = (h.donor.key, h.recipient.key)
        if key not in seen and h.donor.party and h.recipient.party and "group" not in (h.donor.kind, h.recipient.kind):
            listed = lookup(h.donor.party, h.recipient.party, year)
            official = listed[0].official if listed and not listed[1] else None
            basis = pairing_basis(h.donor.party, h.recipient.party, h.frame, official is not None)
            seen[key] = Pairing(donor=h.donor.party, recipient=h.recipient.party, relation=h.relation,
                                evidence=_evidence(h.sentence.text), confidence=confidence("pairing", basis),
                                basis=basis, official=official)
    return list(seen.values())


def _covered_abbreviations(hits: list[PairHit]) -> set[int]:
    """粤黔协作 read as 广东省 -> 松桃县 where the article states who of 广东 helps 松桃 (虎门镇赴松桃开展
    东西部协作): the programme's name stood for that helper, whose own pair says it; ids of such hits."""
    out: set[int] = set()
    for h in hits:
        if h.frame != "abbrev" or h.donor.party is None or h.recipient.party is None:
            continue
        if any(o.frame != "abbrev" and o.donor.party is not None and o.recipient.party is not None
               and within(o.donor.party, h.donor.party) and within(o.recipient.party, h.recipient.party)
               and o.donor.key != h.donor.key for o in hits):
            out.add(id(h))
    return out


def _money_ties(funding: list[Funding], pairings: list[Pairing]) -> list[Pairing]:
    """A body or place giving money to a township or village with both named next to the amount
    (某学院为某村投入资金32万元) is tied to it, as money moving states the tie elsewhere; a company
    only where the sentence names the assistance (a plain donation is charity); lists and gifts
    inside the giver are none."""
    have = {(p.donor.key, p.recipient.key) for p in pairings}
    out: list[Pairing] = []
    for f in funding:
        d, r = f.donor, f.recipient
        if d is None or r is None or not f.basis.startswith(REACHES[0] + "/") or r.level not in ("township", "village"):
            continue
        if (d.key, r.key) in have or GROUP_LIST_JOINER in d.name + r.name or same_or_within(d, r):
            continue
        if d.name.endswith(COMPANY_ENDINGS) and not any(cue in f.evidence for cue in PROGRAMME_CUES):
            continue
        basis = pairing_basis(d, r, "money", False)
        out.append(Pairing(donor=d, recipient=r, relation=GENERIC_RELATION, evidence=f.evidence,
                           confidence=confidence("pairing", basis), basis=basis, official=None))
        have.add((d.key, r.key))
    return out


def _represented(hits: list[PairHit], s: Sentence, text: str) -> list[PairHit]:
    """由深圳市代表广东省对口帮扶广西: the helper acts for the region it represents, which helps the
    partner of that clause too (not the places the helper itself focuses on in the next)."""
    out: list[PairHit] = []
    for h in hits:
        if not text.startswith(REPRESENTS, h.donor.end):
            continue
        at = h.donor.end + len(REPRESENTS)
        lo, hi = clause_bounds(text, h.donor.start, s.start, s.end)
        if lo <= h.recipient.start < hi:
            whom = next((m for m in s.mentions if m.start == at and m.kind == "region" and m.party is not None), None)
            if whom is not None and whom.key != h.recipient.key and not any(
                    (x.donor.key, x.recipient.key) == (whom.key, h.recipient.key) for x in hits + out):
                out.append(replace(h, donor=whom))
    return out


def _cue_scope(sents: list[Sentence], i: int) -> tuple[str, str | None]:
    """The words that may mark sentence ``i``'s money as assistance: the whole sentence up to
    its full stop (across semicolons), a quotation with the words that close it, and the
    sentence before in the paragraph."""
    def full(j: int) -> tuple[int, int]:
        lo = hi = j
        while lo > 0 and sents[lo - 1].para == sents[j].para and sents[lo - 1].text.endswith((";", ";")):
            lo -= 1
        while hi + 1 < len(sents) and sents[hi + 1].para == sents[j].para and sents[hi].text.endswith((";", ";")):
            hi += 1
        return lo, hi

    lo, hi = full(i)
    own = "".join(s.text for s in sents[lo : hi + 1])
    if own.lstrip().startswith(("“", "「")) and hi + 1 < len(sents) and sents[hi + 1].para == sents[i].para:
        own += sents[hi + 1].text
    previous = None
    if lo > 0 and sents[lo - 1].para == sents[i].para:
        plo, phi = full(lo - 1)
        previous = "".join(s.text for s in sents[plo : phi + 1])
    return own, previous


def _funding(text: str, mentions: list[Mention], hits_by_sentence: list[list[PairHit]], pairs: Pairs,
             blocked: list[tuple[int, int]], published: date | None) -> list[Funding]:
    from parsers.extraction.funding import allocation_list, candidates, continues_figure, drop_restated
    from parsers.extraction.wording.funding import FRIENDSHIP_WORDS

    if not pairs.hits and any(w in text for w in FRIENDSHIP_WORDS):
        return []

    groups = counted_side(all_groups(text, mentions), [h.donor.party for h in pairs.hits if h.donor.party],
                          [h.recipient.party for h in pairs.hits if h.recipient.party])
    spans = [(g.start, g.end) for g in groups]
    parties = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in spans)]
    sents = split_sentences(text, sorted(parties + groups, key=lambda m: (m.start, -m.end)))
    kept: dict[tuple[int, int], tuple[int, Funding]] = {}
    read_at: dict[tuple[int, int], tuple[int, int]] = {}  # each slot's sentence and offset
    last: dict[int, Funding] = {}  # the last amount read in each sentence
    found = [a for a in find_amounts(text) if not any(b0 < a.end and a.start < b1 for b0, b1 in blocked)]
    by_sentence: dict[int, list] = {}
    k = 0
    for i, s in enumerate(sents):
        while k < len(found) and found[k].start < s.end:
            if found[k].start >= s.start and found[k].end <= s.end:
                a = found[k]
                by_sentence.setdefault(i, []).append(replace(a, start=a.start - s.start, end=a.end - s.start))
            k += 1
    pair_keys = [(h.donor.key, h.recipient.key) for h in pairs.hits]
    org_helpers = {h.donor.key for h in pairs.hits if h.donor.kind == "org"}
    paired = [p for h in pairs.hits for p in (h.donor.party, h.recipient.party) if p is not None]
    helped = [h.recipient.party for h in pairs.hits if h.recipient.party is not None]
    helpers = {h.donor.key for h in pairs.hits}
    only_helped = {h.recipient.key for h in pairs.hits} - helpers
    helped_names = {h.recipient.party.full_name for h in pairs.hits if h.recipient.key in only_helped
                    and h.recipient.party is not None and h.recipient.kind == "region"}
    home_place = cache(lambda: _home_place(mentions))  # found when first needed: most articles never ask
    gives: set[int] = set()  # sentences in which a helper of the article's pairs gives
    for i, s in enumerate(sents):
        amounts = by_sentence.get(i, [])
        if not amounts:
            continue
        check()
        own, previous = _cue_scope(sents, i) if amounts else ("", None)
        shares = allocation_list(s.text) and i > 0
        if shares:  # 具体分配如下:...: the funds of the paragraph before are shared out
            own += "".join(x.text for x in sents[:i] if x.para == sents[i - 1].para)
        keys = {m.key for m in s.mentions}
        both = (bool(hits_by_sentence[i]) or any(d in keys and r in keys for d, r in pair_keys)
                or _helper_gives(s, org_helpers, paired))
        both = both or _buys_from_helped(s, helped)
        if _helper_gives(s, org_helpers, paired):
            gives.add(i)
        elif not s.mentions and i - 1 in gives and sents[i - 1].para == s.para:
            both = both or _goes_on_giving(s.text, amounts[0].start)  # ...;投入3500万元新建医疗服务中心
            gives.add(i)
        for c in candidates(s.text, amounts, previous, published, context=own, strict=not pairs.hits,
                            pairing=both, names_party=_names_own_party(s),
                            names_place=_names_local_place(s)):
            p = s.start + c.amount.start
            near = [h for h in hits_by_sentence[i] if h.at < p]
            j = i - 1
            while not near and j >= 0 and sents[j].para == s.para:  # the last pairing stated earlier in the paragraph
                near, j = hits_by_sentence[j], j - 1
            topic = _topic(text, sents[i - 1]) if i and sents[i - 1].para == s.para and not s.mentions else []
            if not any(h.at < p for h in hits_by_sentence[i]) and _spends_own(s, p, text, helpers, only_helped,
                                                                             helped_names):
                continue
            att = attribute(p, _without_speakers(s, text), text, pairs, hits_by_sentence[i], near, topic)
            if i and sents[i - 1].para == s.para and not any(m.kind != "group" for m in s.mentions):
                mine = [a for a in by_sentence.get(i, []) if a.start >= 0]
                att = _respective(s.text, c.amount.start, mine, hits_by_sentence[i - 1]) or att
            if not s.mentions and i - 1 in last and sents[i - 1].para == s.para and continues_figure(s.text[: c.amount.start]):
                att = Attribution(last[i - 1].donor, last[i - 1].recipient, Trust.NAMED_PARTIES)  # 2022年增至23亿元
                c = replace(c, kind=last[i - 1].kind) if c.kind == "other" else c
            if shares or "其中" in s.text[: c.amount.start]:  # 其中:乐都区819万元,民和县1226万元
                att = _shared(att, s, c.amount.start, list(kept.values()))
                if c.kind == "other" and kept:
                    c = replace(c, kind=list(kept.values())[-1][1].kind)
            att = _narrowed(att, s, p, text)
            if (att.donor is None or att.trust <= Trust.PARAGRAPH_PAIRING) and _buys_from_helped(s, helped):
                buyer = _buyer(s, p, helped)  # the sentence's buyer over a pairing found elsewhere
                att = Attribution(buyer, _seller(s, p, helped) or att.recipient, att.trust) if buyer else att
            if att.donor is not None and att.recipient is None:
                home = home_place()
                if home is not None and home.key != att.donor.key:
                    att = Attribution(att.donor, home, att.trust)  # 东裕公司投入资金250余万元 about 西乡县
            if att.donor is None and c.kind != "融资":
                att = Attribution(_main_helper(pairs, att.recipient), att.recipient, att.trust)
            donor = None if c.kind == "融资" else level_funds(att.donor, s.text[: c.amount.start])
            if donor is not None and att.recipient is not None and donor.key == att.recipient.key:
                if donor.key in only_helped:  # 河池工作组为河池市募集: the helped place's helper gives
                    donor = _partner(donor, pairs)
                else:
                    att = Attribution(donor, _partner(donor, pairs), att.trust)  # 江苏省共向我省投入…
            elif donor is not None and att.recipient is not None and _inside(donor, att.recipient):
                donor = _partners(att.recipient, pairs)  # 甘肃省扶贫开发办公室 -> 甘肃省: the helped side's own office
            listed = lookup(donor, att.recipient, published.year if published else None) \
                if donor and att.recipient else None
            main = pairs.main is not None and donor is not None and att.recipient is not None and (
                pairs.main.donor.key, pairs.main.recipient.key) == (donor.key, att.recipient.key)
            basis = funding_basis(donor, att.recipient, bool(listed and not listed[1]), main,
                                  reach(donor, att.recipient, s, p))
            item = Funding(amount_yuan=c.amount.yuan, approximate=c.amount.approximate, text=c.amount.text,
                           kind=c.kind, donor=donor, recipient=att.recipient, period=c.period,
                           evidence=_evidence(s.text), confidence=confidence("funding", basis), basis=basis)
            last[i] = item
            slot = _slot(kept, item, att.trust, (i, c.amount.start), read_at)
            best = kept.get(slot)
            if best is None or att.trust > best[0] or att.trust == best[0] and _more_specific(item, best[1]):
                kept[slot] = (att.trust, item)
                read_at[slot] = (i, c.amount.start)
    return drop_restated([f for _, f in kept.values()])


def _home_place(mentions: list[Mention]) -> Party | None:
    """The city or county the article keeps naming (twice or more, the most): where a giver's money
    goes when its sentence names no receiver."""
    counts = Counter(m.key for m in mentions
                     if m.kind == "region" and m.level in ("county", "prefecture") and m.party is not None)
    if not counts or counts.most_common(1)[0][1] < 2:
        return None
    top = counts.most_common(1)[0][0]
    return next(m.party for m in mentions if m.key == top)


def _main_helper(pairs: Pairs, recipient: Party | None) -> Party | None:
    """Who gives money whose sentence names no giver (向10户困难户发放慰问金 in a story on one helper's
    work): the helper of the pairing the article states most, unless it would give to itself, to a
    body of its own or to a whole its partner is only part of."""
    helper = pairs.main.donor.party if pairs.main is not None else None
    if helper is None or recipient is not None and (helper.key == recipient.key or _inside(recipient, helper)):
        return None
    helped = pairs.main.recipient.party
    if recipient is not None and helped is not None and helped.key != recipient.key and within(helped, recipient):
        return None  # a total arriving in the whole that holds the helped place (援疆资金到疆480亿元) is no one helper's
    return helper


def _partner(party: Party, pairs: Pairs) -> Party | None:
    """A party never gives to itself: where an item would (江苏省共向我省投入, 我省 read as the place
    named before it), the one partner of the same level the article pairs it with is meant."""
    found = {p.key: p for h in pairs.hits for a, p in ((h.donor, h.recipient.party), (h.recipient, h.donor.party))
             if a.key == party.key and p is not None and p.level == party.level}
    return next(iter(found.values())) if len(found) == 1 else None


def _inside(body: Party, place: Party) -> bool:
    """The body belongs to the place (甘肃省扶贫开发办公室 in 甘肃省, 嘉黎县中学 in 嘉黎县)."""
    return body.full_name.startswith(place.full_name) or (
        body.code is None and len(place.name) >= 2 and body.full_name.startswith(place.name))


def _partners(party: Party, pairs: Pairs) -> Party | None:
    """A body inside the helped place does not help it: its helpers in the article's pairs do
    (all of them as one list party), else nobody named."""
    found = [h.donor.party for h in pairs.hits if h.recipient.key == party.key and h.donor.party is not None]
    return list_party(found) if found else None


def _slot(kept: dict[tuple[int, int], tuple[int, Funding]], item: Funding, trust: int,
          at: tuple[int, int], read_at: dict[tuple[int, int], tuple[int, int]]) -> tuple[int, int]:
    """Where an amount goes: onto the same amount read before (a headline's figure again), unless
    both were stated exactly, with their own pairs, for different recipients or from different
    givers (5042万元 to 万州区, 5042万元 to 夷陵区; A商会捐赠5万元、B商会捐赠5万元: two sums that
    happen to be equal; 超1000亿元 and 1000多亿元 are one).  A giver's sums read from the clause's
    subject for different receivers are two as well (每年投入100万元 for a school it built, 每年补贴
    100万元 for a station in the county): a restated figure names the same receiver again.  Two
    exact figures of one sentence are two sums (出资15万元培训干部,并出资15万元培训致富带头人):
    a sentence does not restate its own figure."""
    n = 0
    for (amount, k), (t, other) in kept.items():
        if amount != item.amount_yuan:
            continue
        n = max(n, k + 1)
        exact = not (item.approximate or other.approximate)
        where = read_at.get((amount, k))
        same_sentence = where is not None and where[0] == at[0] and where != at
        distinct = exact and (
            same_sentence
            or min(t, trust) >= Trust.SENTENCE_PAIRING and (_differ(item.recipient, other.recipient) or _differ(
                item.donor, other.donor))
            or min(t, trust) >= Trust.CLAUSE_PAIRING and _differ(item.recipient, other.recipient))
        if not distinct:
            return amount, k
    return item.amount_yuan, n


def _more_specific(item: Funding, before: Funding) -> bool:
    """The same figure read again names a receiver inside the one read first (资助云南 in the headline,
    资助云南大理州A、B等5个县 in the body) from the same giver: the fuller reading is kept."""
    a, b = item.recipient, before.recipient
    if a is None or b is None or a.key == b.key or (item.donor is None) != (before.donor is None):
        return False
    if item.donor is not None and before.donor is not None and not same_or_within(item.donor, before.donor):
        return False
    first = a.full_name.split("、")[0]
    return len(first) > len(b.full_name) and first.startswith(b.full_name)


def _differ(a: Party | None, b: Party | None) -> bool:
    """Two parties both named and neither the other nor inside it."""
    return a is not None and b is not None and not same_or_within(a, b)


@lru_cache(maxsize=1)
def _speaker_re() -> re.Pattern[str]:
    titles, verbs = "|".join(SPEAKER_TITLES), "|".join(SPEAKING_VERBS)
    return re.compile(rf"[^,。;:]{{0,{SPEAKER_GAP}}}?(?:{titles})[^,。;:]{{0,6}}?(?:{verbs})")


def _helper_gives(s: Sentence, org_helpers: set[str], paired: list[Party]) -> bool:
    """中石化投入1120万元建成制氧充氧站: an organisation that helps in the article's pairings (``org_helpers``)
    gives, and the sentence names no party outside the article's pairs (``paired``) and the bodies inside
    their places (投入近1亿元建立班戈县中石化小学): its money is the assistance."""
    named = [m for m in s.mentions if m.key in org_helpers]
    if not named or not any(v in s.text[named[0].end - s.start :] for v in GIVE_VERBS):
        return False
    return all(m.party is not None and any(same_or_within(p, m.party) or _inside(m.party, p) for p in paired)
               for m in s.mentions)


def _buys_from_helped(s: Sentence, helped: list[Party]) -> bool:
    """采购了2.2万元本地产品 in a sentence naming a helped place of the article's pairs (or the place
    holding one): buying its produce is the consumption assistance."""
    if not any(v in s.text for v in PURCHASE_VERBS) or not any(w in s.text for w in PRODUCE_WORDS):
        return False
    return any(m.party is not None and m.kind in ("region", "local") and any(same_or_within(m.party, p) for p in helped)
               for m in s.mentions)


def _buyer(s: Sentence, at: int, helped: list[Party]) -> Party | None:
    """Who buys the helped side's produce when no pairing says: the last organisation named before
    the amount that does not belong to a helped place (进入X分行食堂采购目录,采购了2.2万元本地产品)."""
    orgs = [m.party for m in s.mentions if m.kind == "org" and m.end <= at and m.party is not None
            and not any(_inside(m.party, p) or same_or_within(m.party, p) for p in helped)]
    return orgs[-1] if orgs else None


def _seller(s: Sentence, at: int, helped: list[Party]) -> Party | None:
    """The helped place (or the place holding one) the sentence names before the amount: whose produce is bought."""
    places = [m.party for m in s.mentions if m.kind in ("region", "local") and m.end <= at and m.party is not None
              and any(same_or_within(m.party, p) for p in helped)]
    return places[-1] if places else None


def _spends_own(s: Sentence, at: int, text: str, helpers: set[str], only_helped: set[str],
                helped_names: set[str]) -> bool:
    """我区大力实施消费帮扶,累计投入资金20.7亿元: the amount's subject is only ever helped in the
    article's pairs (``only_helped``), the sentence names none of their ``helpers`` before the amount
    (the caller checks it states no pairing there), and its own clause spends without receiving and
    without naming the money as assistance: the helped side's own money."""
    subject = subject_of(text, s, at, LIST_SEPARATORS) if only_helped else []
    if not subject or not all(m.key in only_helped or _department_of(m, helped_names) for m in subject):
        return False
    if any(m.key in helpers for m in s.mentions if m.start < at):
        return False
    lo = max(clause_bounds(text, at, s.start, s.end)[0], subject[-1].end)
    clause = text[lo:at]
    return (any(v in clause for v in OWN_SPEND_VERBS) and not any(v in clause for v in RECEIVE_VERBS)
            and not any(w in clause for w in AID_MONEY_WORDS))


def _department_of(m: Mention, places: set[str]) -> bool:
    """``m`` is a government department of one of ``places`` (full names: 自治区财政厅 of 内蒙古自治区): it
    spends its place's money."""
    return m.kind == "org" and m.dept and m.party is not None and m.party.full_name.startswith(tuple(places))


def _names_local_place(s: Sentence) -> bool:
    """The sentence names a county, a township or a village - or, past its subject, a body of one
    (向岳西县慈善协会捐赠, 修缮罗定市连城村小学: the county's own body receives for it)."""
    return any(m.kind in ("region", "local") and m.level in COUNTY_OR_BELOW or k > 0 and m.kind == "org"
               and m.region is not None and m.region.level in COUNTY_OR_BELOW for k, m in enumerate(s.mentions))


def _names_own_party(s: Sentence) -> bool:
    """The sentence names a party other than one it only refers back to (该公司, 该商会): a sentence
    of those goes on with the one before, whose words may say it is the assistance."""
    return any(not (m.kind == "org" and m.surface.startswith(ORG_REF_PREFIXES)) for m in s.mentions)


def _goes_on_giving(sentence: str, at: int) -> bool:
    """The amount's clause opens with a giving verb and names nobody (围绕…,投入3500万元新建…): it
    goes on with the giver of the sentence before."""
    clause = re.split(r"[,;:。]", sentence[:at])[-1].lstrip()
    clause = clause.lstrip("并还又再另同时")
    return clause.startswith(GIVE_VERBS)


def _without_speakers(s: Sentence, text: str) -> Sentence:
    """The sentence without the parties that only speak in it (X主任Y介绍,…)."""
    kept = [m for m in s.mentions if not _speaker_re().match(text, m.end, s.end)]
    return s if len(kept) == len(s.mentions) else replace(s, mentions=kept)


def _narrowed(att: Attribution, s: Sentence, at: int, text: str) -> Attribution:
    """The most specific recipient the money's sentence names: a place inside the recipient the
    rules found (延川县 in 陕西省, 百色 in 广西) - the nearest before the amount in its own clause, else
    the one such place of the sentence or the first of the one list they form (那曲地区及那曲、比如、
    嘉黎三县).  A total for a whole province stays the province's: only a place the sentence itself
    names narrows it, and several places in other clauses leave it as it was."""
    r = att.recipient
    if r is None or r.code is None:
        return att
    inside = [m for m in s.mentions if m.party is not None and (
              m.kind in ("region", "local") and m.party.full_name.startswith(r.full_name)
              and len(m.party.full_name) > len(r.full_name) or _body_in(m, r))
              and not (att.donor is not None and same_or_within(m.party, att.donor))]
    lo = clause_bounds(text, at, s.start, s.end)[0]
    if any(m.party is not None and m.party.key == r.key and lo <= m.start < at for m in s.mentions):
        return att  # the amount's own clause names the recipient itself
    own_clause = [m for m in inside if lo <= m.start and m.end <= at]
    if own_clause:
        pick = own_clause[-1]
    elif att.trust == Trust.STATED and _named_before(r, s, lo):
        return att  # 并向大溪乡捐赠…,发放慰问金1000/户: the receiver the sentence's words gave, not a village of another clause
    elif len({m.party.key for m in inside}) == 1:
        pick = inside[0]
    else:
        listed = list_from(inside[0], s.mentions, text, LIST_SEPARATORS) if inside else []
        if not inside or not all(m in listed for m in inside):
            return att  # several places inside the recipient, none in the amount's clause: no guess
        pick = inside[0]
    listed = list_before(pick, s.mentions, text, LIST_SEPARATORS)
    head = next((m for m in listed if m.party is not None and same_or_within(r, m.party) and m.party.level == r.level),
                None)
    if head is not None:  # the place itself heads the list of places inside it: the money is the whole place's
        return Attribution(att.donor, head.party, att.trust)
    first = next((m for m in listed if m in inside), pick)
    return Attribution(att.donor, first.party, att.trust)


def _named_before(r: Party, s: Sentence, lo: int) -> bool:
    """The receiver itself is written in the sentence, after its last place inside it and before
    the amount's clause (X村与Y村结对,并向Y乡捐赠…,发放…): the words that name it are the latest."""
    own = [m.start for m in s.mentions if m.party is not None and m.party.key == r.key and m.start < lo]
    inner = [m.start for m in s.mentions if m.party is not None and m.party.key != r.key and m.start < lo
             and m.party.full_name.startswith(r.full_name)]
    return bool(own) and (not inner or max(own) > max(inner))


def _body_in(m: Mention, place: Party) -> bool:
    """A named body written with the place's own name (班戈县中石化小学 in 班戈县): money for it is
    that body's, not the whole place's; a department is the place's own office, not a receiver."""
    return m.kind == "org" and not m.dept and m.party is not None and m.party.code is None and len(place.name) >= 2 \
        and m.surface.startswith(place.name) and len(m.surface) > len(place.name)


def _shared(att: Attribution, s: Sentence, at: int, before: list[tuple[int, Funding]]) -> Attribution:
    """An allocation list's share: to the place written with it, from the giver of the funds
    shared out (the last amount before that has one)."""
    from parsers.extraction.funding import share_of

    places = [(m.end - s.start, m.party) for m in s.mentions if m.party and m.kind != "group"]
    place = share_of(s.text[:at], places)
    giver = next((f.donor for _, f in reversed(before) if f.donor is not None), att.donor)
    return Attribution(giver, place, Trust.NAMED_PARTIES) if place is not None else att


def _respective(sentence: str, at: int, amounts: list, before: list[PairHit]) -> Attribution | None:
    """A sentence naming nobody that goes on with lists the sentence before mapped one-to-one
    (A、B、C分别与X、Y、Z结对): "三个区共..." is the helpers as one group, and as many amounts
    as pairs written 分别 (分别投入3000万元、2500万元、2800万元) are theirs in order."""
    if len(before) < 2 or len({h.at for h in before}) != 1:
        return None
    if len({h.donor.key for h in before}) != len(before) or len({h.recipient.key for h in before}) != len(before):
        return None
    k = next((j for j, a in enumerate(amounts) if a.start == at), None)
    if respectively(sentence[:at]) and len(amounts) == len(before) and k is not None:
        return Attribution(before[k].donor.party, before[k].recipient.party, Trust.CLAUSE_PAIRING)
    count = COUNT.search(sentence[:at])
    if count and number(count.group(1)) == len(before):
        return Attribution(list_party([h.donor.party for h in before if h.donor.party]),
                           list_party([h.recipient.party for h in before if h.recipient.party]), Trust.CLAUSE_PAIRING)
    return None


def _topic(text: str, s: Sentence) -> list[Mention]:
    """What a sentence that names nobody may go on about: the last party opening a clause of the
    sentence before it in the paragraph."""
    openers = [m for m in s.mentions if opens_clause(text, m, clause_bounds(text, m.start, s.start, s.end)[0])]
    return openers[-1:]


def extract(title: str | None, body: str, garbled: list[str] | None = None,
            context_province: str | None = None, published: date | None = None) -> Extracted:
    """Pairings and funding stated in the title and the body; nothing from inside garbled runs.
    ``published`` (the article's date) turns 今年/去年 into years in a funding's period and
    chooses divisions by their validity (渝北区 before 2025-11 is not yet 两江新区)."""
    original = f"{title}\n{body}" if title else body
    text = half_width(original)  # the rules read ，as , ; what is reported keeps the page's own
    garbled = [half_width(g) for g in garbled or []]
    blocked = blocked_spans(text, garbled or [])
    mentions = find_parties(text, blocked, context_province, on=published)
    cap(len(mentions), MAX_MENTIONS, "place and organisation mentions")
    sents = split_sentences(text, mentions)
    cap(len(sents), MAX_SENTENCES, "sentences")
    art = ArticleContext(mentions, _paragraphs(sents))
    hits_by_sentence = []
    for i, s in enumerate(sents):  # the hot loop: the document's time limit is checked once a sentence
        check()
        hs = pair_hits(s, text, art)
        hits_by_sentence.append(hs or (continued_hits(s, sents[i - 1], text, hits_by_sentence[-1]) if i else []))
    hits_by_sentence = [hs + _represented(hs, s, text) for hs, s in zip(hits_by_sentence, sents, strict=True)]
    implied = implied_hits([h for hs in hits_by_sentence for h in hs], mentions, text)
    year = published.year if published else None
    hits_by_sentence = [as_listed([h for h in hs if id(h) not in implied], year) for hs in hits_by_sentence]
    inside = listed_inside([h for hs in hits_by_sentence for h in hs], mentions, year)
    for i, hs in enumerate(hits_by_sentence):
        hits_by_sentence[i] = hs + [h for h in inside if h.sentence is sents[i]]
    stated = [h for hs in hits_by_sentence for h in hs]
    where = {id(s): i for i, s in enumerate(sents)}
    for h in listed_rows(stated, sents, text, year) + under_help_unnamed(sents, text, stated):
        hits_by_sentence[where[id(h.sentence)]].append(h)
    stated = [h for hs in hits_by_sentence for h in hs]
    for i, s in enumerate(sents):
        hits_by_sentence[i] = hits_by_sentence[i] + listed_in_sentence(s, text, hits_by_sentence[i], stated, year)
    if not any(hits_by_sentence):
        for i, h in listed_in_article(sents, text, year):
            hits_by_sentence[i].append(h)
    covered = _covered_abbreviations([h for hs in hits_by_sentence for h in hs])
    hits_by_sentence = [[h for h in hs if id(h) not in covered] for hs in hits_by_sentence]
    hits = [h for hs in hits_by_sentence for h in hs]
    pairs = Pairs.of(hits, text)
    funding = _funding(text, mentions, hits_by_sentence, pairs, blocked, published)
    pairings = _pairings(hits, year)
    pairings += _money_ties(funding, pairings)
    return Extracted([as_written(p, text, original) for p in pairings],
                     [as_written(f, text, original) for f in funding])
