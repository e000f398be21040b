"""The pair hit and what every pairing frame shares: who helps whom in which direction, the
helpers before a relation verb and the helped after it, lists paired in order, and the party
at a position.

Below parsers/extraction/pairings.py (the plain shapes), pairframes.py and pairabbrev.py
(the other frames), and the attribution rules, which all build or read pair hits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parsers.extraction.clauses import Sentence, clause_bounds, list_before, list_from, subject_of
from parsers.extraction.mentions import Mention
from parsers.extraction.wording.pairing import (
    EAST_PROVINCES,
    EAST_WEST_CUES,
    EAST_WEST_RELATION,
    GOVERNING_WORDS,
    ISSUING_VERBS,
    LESS_DEVELOPED,
    LIST_CONTINUATIONS,
    LIST_SEPARATORS,
    ON_BEHALF,
    PROGRAMME_NOUN_ENDS,
    RECIPIENT_GAPS,
    RELATION_VERBS,
    TITLE_CLOSE,
    TITLE_OPEN,
    VERB_GAP_BREAKS,
    WEST_PROVINCES,
)
from parsers.records import Party

MAX_DONOR_GAP = 20  # characters between the helper and the verb (宁波市按照...的工作部署对口支援)




CLAUSE_STOPS = set("。!?;!?;\n")


@dataclass(frozen=True)
class PairHit:
    donor: Mention
    recipient: Mention
    relation: str
    sentence: Sentence
    at: int  # where the words that state it are (absolute offset)
    frame: str = ""  # "money": read off money moving (X向Y捐赠); "around": X援藏 + a place near it


@lru_cache(maxsize=1)
def verb_re() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, RELATION_VERBS), key=len, reverse=True)))


def relation_of(word: str, sentence: str) -> str:
    """The relation reported: 东西部协作 where the sentence says so, else the verb's own."""
    if any(cue in sentence for cue in EAST_WEST_CUES):
        return EAST_WEST_RELATION
    return RELATION_VERBS.get(word, word)


def orient(a: Mention, b: Mention) -> tuple[Mention, Mention]:
    """Who helps whom when the writing does not say: east helps west, the developed county the
    less developed one, an organisation a place; else the order of the text."""
    pa, pb = a.party, b.party
    if pa is None or pb is None:
        return a, b
    if (a.kind == "org") != (b.kind == "org") and "group" not in (a.kind, b.kind):
        return (a, b) if a.kind == "org" else (b, a)  # a body helps a place, wherever its name says it sits
    if pa.province in WEST_PROVINCES and pb.province in EAST_PROVINCES:
        return b, a
    if pa.province in EAST_PROVINCES and pb.province in WEST_PROVINCES:
        return a, b
    if _less_developed(pa.full_name) and not _less_developed(pb.full_name):
        return b, a
    if _city_helps(pb, pa):  # 宁强县与西安市结对帮扶: within a province, a city helps another city's county
        return b, a
    if a.kind != "org" and b.kind == "org":
        return b, a
    return a, b


def across(a: Mention, b: Mention) -> bool:
    """One side is in an eastern province, the other in a western one: the pair the east-west
    programme makes (夏津县 and 大溪乡 of 秀山县)."""
    pa, pb = a.party, b.party
    if pa is None or pb is None:
        return False
    return ((pa.province in EAST_PROVINCES and pb.province in WEST_PROVINCES)
            or (pa.province in WEST_PROVINCES and pb.province in EAST_PROVINCES))


def _city_helps(city: Party, county: Party) -> bool:
    """A prefecture-level city and a county of another prefecture of its own province."""
    return (city.level == "prefecture" and county.level == "county" and city.province == county.province
            and city.province is not None and not county.full_name.startswith(city.full_name))


def _less_developed(full_name: str) -> bool:
    return any(full_name.startswith(ld) for ld in LESS_DEVELOPED)


def governed(m: Mention, sent: Sentence, text: str) -> bool:
    """True if ``m`` (or the list it ends) is the object of 在/赴/向/与...: not a subject."""
    head = list_before(m, sent.mentions, text, LIST_SEPARATORS)[0]
    cstart, _ = clause_bounds(text, head.start, sent.start, sent.end)
    return text[cstart : head.start].endswith(GOVERNING_WORDS)


def recipients_after(pos: int, sent: Sentence, text: str) -> list[Mention]:
    """The party right after ``pos``, those chained to it by 、/和/及, and a 包括 list after them."""
    after = [m for m in sent.mentions if m.start >= pos]
    if not after or text[pos : after[0].start] not in RECIPIENT_GAPS:
        return []
    out = _cut_at_new_subject(list_from(after[0], after, text, LIST_SEPARATORS), text)
    tail = text[out[-1].end : sent.end]
    for word in LIST_CONTINUATIONS:
        k = tail.find(word)
        if 0 <= k <= 30 and not (CLAUSE_STOPS & set(tail[:k])):
            start = out[-1].end + k + len(word)
            out += [m for m in sent.mentions if m.start >= start]
            break
    return out


def _cut_at_new_subject(items: list[Mention], text: str) -> list[Mention]:
    """A帮扶B、C帮扶D: a list member followed by a pairing verb opens a clause of its own."""
    for k, m in enumerate(items[1:], 1):
        if verb_re().match(text, m.end):
            return items[:k]
    return items


def _drop_objects(items: list[Mention], sent: Sentence, text: str) -> list[Mention]:
    """...the helper list of A帮扶B、C帮扶D's second verb is C: B is the first verb's object; and a
    list that is itself a verb's object (帮扶A县、2020年又帮扶B县) helps nobody."""
    for k in range(len(items) - 1, 0, -1):
        if any(text.endswith(v, sent.start, items[k - 1].start) for v in RELATION_VERBS):
            return items[k:]
    if items and any(text.endswith(v, sent.start, items[0].start) for v in RELATION_VERBS
                     if not v.endswith(PROGRAMME_NOUN_ENDS)):  # 东西部协作宁波结对凉山州: a programme's name
        return []
    return items


def donors_before(pos: int, sent: Sentence, text: str) -> list[Mention]:
    """The helper(s) of a verb at ``pos``: the nearest subject-like party before it in its clause,
    with the list it ends (上海、苏州、杭州、广州4个东部城市对口帮扶贵州), else the clause's subject."""
    cstart, _ = clause_bounds(text, pos, sent.start, sent.end)
    before = [m for m in sent.mentions if cstart <= m.start and m.end <= pos]
    for m in reversed(before):
        gap = text[m.end : pos]
        if len(gap) > MAX_DONOR_GAP:
            break
        if gap.startswith(VERB_GAP_BREAKS) or governed(m, sent, text):
            continue
        if TITLE_OPEN in gap and TITLE_CLOSE not in gap:
            return []  # the verb is in a document's title (X印发了《关于…对口帮扶…》): X issued it
        if gap.startswith(("(", "(")):
            return [m]  # 江苏省(援助克州): the bracket speaks of the one party before it
        agent = next((a for a in reversed(before) if a.end <= m.start and text[a.end : m.start] == ON_BEHALF), None)
        if agent is not None:
            return [agent]  # 温州市代表浙江省对口帮扶阿坝州: the one who acts is named first
        return _drop_objects(list_before(m, sent.mentions, text, LIST_SEPARATORS), sent, text)
    return [m for m in subject_of(text, sent, pos, LIST_SEPARATORS) if not _issues_documents(m, text)]


def _issues_documents(m: Mention, text: str) -> bool:
    """The subject issues a document (国务院办公厅印发了《…》): the author of a policy, not a helper."""
    after = text[m.end : m.end + 8].lstrip("于在年月日0123456789")
    return after.startswith(ISSUING_VERBS)


def mapping(givers: list[Mention], takers: list[Mention], each: bool = False) -> list[tuple[Mention, Mention]]:
    """One-to-one in order for lists of equal length mapped by 分别 (``each``), every giver with
    every taker when one side is a single party; two lists of several parties otherwise say
    nothing (a mapping by list order alone is ambiguous, and the cross product is wrong)."""
    if len(givers) == len(takers) > 1:
        return list(zip(givers, takers, strict=True)) if each else []
    if len(givers) == 1 or len(takers) == 1:
        return [(g, t) for g in givers for t in takers]
    return []


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
