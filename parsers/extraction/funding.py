"""Funding: amounts tied to the assistance, with their kind, period and, where the text says
or clearly implies it, who gives to whom (parsers/extraction/attribution.py).

An amount counts when its sentence speaks of the assistance (or, for a sentence that only
goes on with the figures, the sentence before it in the paragraph does), and when the
words just around it are not an income, an output, a price, a fund's size or a transfer
from the centre.  Its kind is named by the nearest cue before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from parsers.extraction.eventdates import resolve_period
from parsers.extraction.money import Amount
from parsers.extraction.wording.funding import (
    AFTER_WINDOW,
    ALLOCATION_LEADS,
    ASSISTANCE_CUES,
    FUND_QUALIFIERS,
    GIFT_CUES,
    GOODS_WORDS,
    INVEST_ATTRACT_CUES,
    KIND_CUES,
    KIND_WINDOW,
    MONEY_NOUNS,
    NEGATIVE_WINDOW,
    NON_FUNDING_AFTER,
    NON_FUNDING_CUES,
    NOT_NON_FUNDING,
    NOT_PROGRAMME,
    OTHER_CURRENCIES,
    OWN_FUNDS_CUES,
    PARALLEL_SUBJECT_MAX,
    PERIOD_PATTERNS,
    PROGRAMME_CUES,
    QUALIFIED_FUNDS,
    SHARE_VERBS,
    SUBJECTLESS_LEADS,
    SUBJECTLESS_OPENERS,
    WEAK_CUES,
)
from parsers.records import Funding, Party

_CLAUSE_BREAK = re.compile(r"[,,;;::。]")
# 广元市5200万元 / 广元市资金5200万元 in an allocation list: the place the share goes to.
_SHARE = re.compile(r"(?:资金|[分下]?配|安排|下达)?$")
_PERIOD_RES = tuple(re.compile(p) for p in PERIOD_PATTERNS)
# "compared with ..., grew by": the amount is a difference between two figures.
_DELTA = re.compile(r"(?:较|比|同比)[^,,;;。]{0,12}(?:增长|增加|提高|多|减少|下降)了?(?:近|约|超过?)?$")


@dataclass(frozen=True)
class Candidate:
    """An amount that passed the filters, with its kind and period."""

    amount: Amount  # offsets inside the sentence
    kind: str
    period: str | None


def kind_of(before: str) -> str | None:
    """The kind named nearest before the amount, or None when nothing marks it."""
    best: tuple[int, int, str] | None = None
    for kind, cues in KIND_CUES.items():
        for cue in cues:
            pos = before.rfind(cue)
            if pos >= 0 and (best is None or (pos + len(cue), len(cue)) > best[:2]):
                best = (pos + len(cue), len(cue), kind)  # nearest end, then the longer cue (捐赠资金)
    return best[2] if best else None


def speaks_of_assistance(sentence: str, previous: str | None, strict: bool = False, pairing: bool = False,
                         names_party: bool = False, names_place: bool = False) -> bool:
    """The sentence names the assistance (or brings in investment); or it only continues with
    figures and the sentence before it in the paragraph names it.  ``strict`` (an article that
    states no pairing) asks for the words of the programme itself, or a gift in a sentence that
    names a county, township or village (``names_place``): giving to a place is assistance; giving
    to a library (他捐出10万元建图书馆, 爱心人士向图书馆捐赠) is charity."""
    if pairing:
        return True  # the sentence itself states a pairing
    sentence, previous = _plain(sentence), _plain(previous) if previous is not None else None
    if strict:  # a sentence naming parties of its own must say it itself (a fair's 协作展区, then 重庆展团签约...)
        texts = (sentence,) if names_party else (sentence, previous or "")
        if any(cue in text for text in texts for cue in PROGRAMME_CUES):
            return True
        if names_place and any(cue in sentence for cue in GIFT_CUES):
            return True  # X集团向庙前村捐款160万元: a gift to a place the sentence names is funding
        return names_party and "投资" in sentence and any(cue in sentence for cue in INVEST_ATTRACT_CUES) and any(
            cue in (previous or "") for cue in PROGRAMME_CUES)
    if any(cue in sentence for cue in ASSISTANCE_CUES + WEAK_CUES):
        return True
    if "投资" in sentence and any(cue in sentence for cue in INVEST_ATTRACT_CUES):
        return True
    return previous is not None and any(cue in previous for cue in ASSISTANCE_CUES)


def _plain(text: str) -> str:
    """``text`` with the school and office words that only look like the programme blanked."""
    for word in NOT_PROGRAMME:
        if word in text:
            text = text.replace(word, "□" * len(word))
    return text


def subjectless(clause: str) -> bool:
    """The clause opens with a bare predicate (达到, 增至, 突破...): it has no subject of its own."""
    rest = clause.lstrip()
    for lead in SUBJECTLESS_LEADS:
        rest = rest.removeprefix(lead)
    return rest.startswith(SUBJECTLESS_OPENERS)


def _parallel(clause: str) -> bool:
    """A short subject and at most such a predicate before the figure (苏南超过 in 江苏人均GDP突破1万元,
    苏南超过2万元): a figure parallel to the one before, of the same measure."""
    rest = clause.strip()
    subject = next((rest[: -len(p)] for p in SUBJECTLESS_OPENERS if rest.endswith(p)), rest)
    return (0 < len(subject) <= PARALLEL_SUBJECT_MAX and all("\u4e00" <= c <= "\u9fff" for c in subject)
            and not any(w in subject for w in (*MONEY_NOUNS, *GOODS_WORDS)))  # 教育物资50万元: its own kind


def _negative(clause: str) -> bool:
    """The clause names an income, output, own fund...; a fund word qualified by the programme
    itself (劳务协作专项资金, 帮扶专项资金) is the programme's money, not the place's own."""
    for word in NOT_NON_FUNDING:  # 销售价值约2亿元: the value of goods sold, not a price
        clause = clause.replace(word, "□" * len(word))
    for cue in NON_FUNDING_CUES:
        pos = clause.find(cue)
        while pos >= 0:
            if cue not in QUALIFIED_FUNDS or not any(q in clause[max(0, pos - 4) : pos] for q in FUND_QUALIFIERS):
                return True
            pos = clause.find(cue, pos + 1)
    return False


def not_assistance_money(sentence: str, amount: Amount) -> bool:
    """An income, output, price, dividend, central transfer or fund size (words around it say so).
    A clause without a subject (…增长9.1%,达到1.3万元) inherits the cue of the clause before it."""
    before = sentence[max(0, amount.start - NEGATIVE_WINDOW) : amount.start]
    clause = _CLAUSE_BREAK.split(before)[-1]
    if _negative(clause):
        return True
    clauses = _CLAUSE_BREAK.split(sentence[: amount.start])
    k = len(clauses) - 1
    while k > 0 and (subjectless(clauses[k]) or k == len(clauses) - 1 and _parallel(clauses[k])):
        k -= 1
        if _negative(clauses[k]):
            return True
    if _DELTA.search(clause):
        return True  # 较2016年增长28.78亿元: by how much a figure grew, not a sum given
    after = sentence[amount.end : amount.end + AFTER_WINDOW]
    return after.startswith(OTHER_CURRENCIES) or any(cue in after for cue in NON_FUNDING_AFTER)


def period_of(before: str, published: date | None) -> str | None:
    """The period written nearest before the amount (2013年到2017年, 今年 -> 2024年)."""
    best: tuple[int, str] | None = None
    for rx in _PERIOD_RES:
        for m in rx.finditer(before):
            if best is None or m.end() > best[0] or (m.end() == best[0] and len(m.group(0)) > len(best[1])):
                best = (m.end(), m.group(0).removeprefix("从"))
    return resolve_period(best[1], published) if best else None


def candidates(sentence: str, amounts: list[Amount], previous: str | None,
               published: date | None = None, context: str | None = None, strict: bool = False,
               pairing: bool = False, names_party: bool = True, names_place: bool = False) -> list[Candidate]:
    """The amounts of one sentence that are assistance funding; ``context`` is the text whose
    words may mark it as assistance (the whole sentence up to its full stop), by default the
    sentence itself; ``pairing`` says the sentence states a pairing, ``names_party`` that it names
    a party (a sentence that names nobody goes on with the one before), ``names_place`` that it names
    a county, township or village."""
    if not amounts or not speaks_of_assistance(context or sentence, previous, strict, pairing, names_party,
                                               names_place):
        return []
    if not names_party and previous and any(cue in previous for cue in OWN_FUNDS_CUES):
        return []
    out: list[Candidate] = []
    for a in amounts:
        if not_assistance_money(sentence, a):
            continue
        before = sentence[max(0, a.start - KIND_WINDOW) : a.start]
        kind = kind_of(before) or kind_of(sentence[: a.start]) or "other"
        out.append(Candidate(a, kind, period_of(sentence[: a.start], published)))
    return out


def allocation_list(sentence: str) -> bool:
    """The sentence opens a list sharing out funds named before (具体分配如下:A市5200万元,...), or
    shares them out and lists the shares (资金全部分配给各区县,其中:A县600万元,...)."""
    if sentence.lstrip(" \t\u3000一二三四五六七八九十、.()").startswith(ALLOCATION_LEADS):
        return True
    share = min((sentence.find(v) for v in SHARE_VERBS if v in sentence), default=-1)
    return share >= 0 and "其中" in sentence[share:]


def share_of(before: str, places: list[tuple[int, Party]]) -> Party | None:
    """In an allocation list, the place written right before the amount (``before`` is the
    sentence up to it; ``places`` are (end, party) in sentence offsets, in order)."""
    for end, party in reversed(places):
        if end <= len(before):
            return party if _SHARE.fullmatch(before[end:]) else None
    return None


_YEAR_LEAD = re.compile(r"^\s*(?:(?:19|20)\d{2}年(?:度)?|今年|去年|全年|当年|次年)?")


def continues_figure(before: str) -> bool:
    """The amount's clause only takes the figure of the sentence before further: a year and a
    bare predicate (…援疆资金为21亿元;2022年增至23亿元;2023年达到24.5亿元)."""
    clause = _CLAUSE_BREAK.split(before)[-1]
    return subjectless(_YEAR_LEAD.sub("", clause, count=1))


def _range(f: Funding) -> tuple[float, float]:
    """The sums a loose figure stands for (超12亿元: 12 to 13.2亿; 近千万元: 900万 to 1000万)."""
    x, t = f.amount_yuan, f.text
    if t.startswith(("近", "将近")):
        return x * 0.9, x
    if t.startswith(("约", "大约")) or t.endswith("左右"):
        return x * 0.95, x * 1.05
    return x, x * 1.1


def drop_restated(items: list[Funding]) -> list[Funding]:
    """A loose figure (超12亿元 in the headline) that only rounds a precise one of the same giver
    and receiver (12.6亿元 in the body) is that figure again, not a second sum."""
    def same(a: Party | None, b: Party | None) -> bool:
        return a is None or b is None or a.full_name == b.full_name

    def rounds(loose: Funding, exact: Funding) -> bool:
        lo, hi = _range(loose)
        return exact is not loose and not exact.approximate and lo <= exact.amount_yuan <= hi and exact.amount_yuan != \
            loose.amount_yuan and same(loose.donor, exact.donor) and same(loose.recipient, exact.recipient) and \
            (loose.donor or exact.donor) is not None
    return [f for f in items if not (f.approximate and any(rounds(f, e) for e in items))]
