"""Pairings: which party helps which, as a sentence states it.

The three plain shapes live here, the other frames in parsers/extraction/pairframes.py; all read
their wording from parsers/extraction/wording/pairing.py:
  X <verb> Y[、Z...][, 包括 ...]   杭州市对口帮扶黔东南州、恩施州
  X[、X2] (分别)与 Y[、Y2] ... act  张家港市与沿河县建立对口帮扶关系
  X—Y <relation>                   靖江—永寿对口协作
The helper is the donor: where the writing does not say who helps (X与Y...), the eastern,
the more developed or the organisation side is.  Two places merely named together are no
pairing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parsers.extraction.clauses import (
    ArticleContext,
    Sentence,
    clause_bounds,
    joined,
    list_before,
    list_from,
    subject_of,
)
from parsers.extraction.mentions import Mention, same_or_within
from parsers.extraction.pairabbrev import two_sides_hits
from parsers.extraction.pairframes import frame_hits
from parsers.extraction.pairhits import (
    CLAUSE_STOPS,
    PairHit,
    across,
    donors_before,
    governed,
    mapping,
    orient,
    recipients_after,
    relation_of,
    verb_re,
)
from parsers.extraction.parallellists import parallel_items
from parsers.extraction.wording.pairing import (
    BINDING_ACTS,
    CLAUSE_BREAK,
    CONTINUING_CLAUSE_LEADS,
    COUNTED_UNITS,
    DASH_CHARS,
    DASH_RELATION_LEADS,
    DASH_RELATIONS,
    DISPATCH_VERBS,
    JOIN_LEAD_DATE,
    JOIN_LEAD_RESPECTIVELY,
    JOIN_LEAD_TIME_WORDS,
    JOIN_WORDS,
    LIST_SEPARATORS,
    LIST_SUMMARY,
    MUTUAL_VERBS,
    OBJECT_FRAME_ADVERBS,
    OBJECT_FRAME_FILLERS,
    OBJECT_FRAME_GAP,
    OBJECT_FRAME_MARKS,
    OBJECT_FRAME_VERBS,
    PAIR_GATE,
    PAIRED_RELATION,
    PASSIVE_MARK,
    PASSIVE_VERBS,
    RELATION_VERBS,
    RESPECTIVELY_WORDS,
    SIDES_PARAGRAPH_CUES,
    SIGNED_TIES,
    SIGNING_ACTS,
    TIE_RELATIONS,
    TIE_WORDS,
    TIES_AS_ACTS,
)

MAX_JOIN_WINDOW = 40
MIN_SIDE = 2  # places on the one side of 与 that make it two sides of a tie
_DASHES = frozenset(DASH_CHARS)
_CLAUSE_BREAK = re.compile(CLAUSE_BREAK)


@lru_cache(maxsize=1)
def _gate_re() -> re.Pattern[str]:
    """The words without which a sentence states no pairing: the gate's own and every relation verb
    (定点扶贫 and 挂钩扶贫 hold none of the gate's words)."""
    return re.compile("|".join(map(re.escape, dict.fromkeys((*PAIR_GATE, *RELATION_VERBS, *DISPATCH_VERBS)))))


def _verb_hits(sent: Sentence, text: str) -> list[PairHit]:
    hits: list[PairHit] = []
    for v in verb_re().finditer(text, sent.start, sent.end):
        if any(m.start <= v.start() < m.end for m in sent.mentions):
            continue
        recipients = recipients_after(v.end(), sent, text)
        if not recipients:
            continue
        recipients += [m for m, _ in parallel_items(recipients[-1], sent, text)[1:]]
        donors = [d for d in donors_before(v.start(), sent, text) if d not in recipients]
        if not donors and hits and (_continues(text, sent, v.start()) or _after_object(hits[-1], v.start(), text)):
            donors = [h.donor for h in hits if h.at < v.start()][-1:]
        if not donors:
            continue
        rel = relation_of(v.group(0), sent.text)
        each = respectively(text[donors[0].start : min(sent.end, recipients[-1].end + 12)])
        for d, r in mapping(donors, recipients, each):
            a, b = orient(d, r) if v.group(0) in MUTUAL_VERBS else (d, r)
            hits.append(PairHit(a, b, rel, sent, v.start()))
    return hits


MAX_OBJECT_GAP = 10  # characters between one verb's object and the next verb of the same helper (、2020年又)


def _continues(text: str, sent: Sentence, pos: int) -> bool:
    """The verb at ``pos`` opens its clause after only a continuing word (…,重点帮扶B和C)."""
    start, _ = clause_bounds(text, pos, sent.start, sent.end)
    return start > sent.start and text[start:pos].strip() in CONTINUING_CLAUSE_LEADS


def _after_object(hit: PairHit, pos: int, text: str) -> bool:
    """The verb at ``pos`` follows the object of the hit before within its clause (帮扶A县、2020年又
    帮扶B县): the same helper goes on."""
    gap = text[hit.recipient.end : pos]
    return hit.recipient.end <= pos and len(gap) <= MAX_OBJECT_GAP and not _CLAUSE_BREAK.search(gap)


def respectively(span: str) -> bool:
    """The span maps two lists one-to-one in order (分别, 一一, 一对一)."""
    return any(w in span for w in RESPECTIVELY_WORDS)


def _pair_list(i: int, ms: list[Mention], text: str) -> list[tuple[Mention, Mention]]:
    """A与B、C与D(、E与F)分别...: pairs listed one after another, each joined by 与/和/同;
    [] unless there are two pairs or more."""
    out: list[tuple[Mention, Mention]] = []
    while i + 1 < len(ms) and text[ms[i].end : ms[i + 1].start] in JOIN_WORDS:
        out.append((ms[i], ms[i + 1]))
        if i + 2 >= len(ms) or text[ms[i + 1].end : ms[i + 2].start] != "、":
            break
        i += 2
    return out if len(out) > 1 else []


def _join_hits(sent: Sentence, text: str) -> list[PairHit]:
    hits: list[PairHit] = []
    ms = sent.mentions
    listed: set[int] = set()
    taken: set[int] = set()  # parties already joined to the one before their 与 (X与A和B: A is X's partner)
    for i, a in enumerate(ms):
        if i in listed or i in taken:
            continue
        if text[a.start - 1 : a.start] in JOIN_WORDS and text[a.start - 1] != "和":
            continue  # X与A和B with X unknown: A is X's partner, not B's helper
        pairs = [] if text[a.start - 1 : a.start] == "、" else _pair_list(i, ms, text)
        if pairs:
            listed.update(range(i, ms.index(pairs[-1][1]) + 1))
            window = re.split(r"[,,。;;!?!?::]", text[pairs[-1][1].end : pairs[-1][1].end + MAX_JOIN_WINDOW])[0]
            # each pair is written with its own 与: no 分别 is needed to map them (A与B、C与D签订结对协议)
            if any(w in window for w in BINDING_ACTS) and any(t in window for t in TIE_WORDS):
                verb = next((v for v in RELATION_VERBS if v in window), None) or next(
                    (rel for tie, rel in TIE_RELATIONS if tie in window), PAIRED_RELATION)
                hits += [PairHit(*orient(x, y), relation_of(verb, sent.text), sent, x.end) for x, y in pairs]
            continue
        lead = _join_lead().match(text, a.end, sent.end)
        at = lead.end() if lead else a.end
        if at >= sent.end or text[at] not in JOIN_WORDS:
            continue
        after = [m for m in ms[i + 1 :] if m.start > at]
        if not after or after[0].start - at - 1 > 20 or CLAUSE_STOPS & set(text[at : after[0].start]):
            continue
        if any(ch in text[at + 1 : after[0].start] for ch in ",,"):
            continue
        givers = list_before(a, ms, text, LIST_SEPARATORS)
        if text[at] == "和" and governed(givers[0], sent, text):
            continue  # 访问团先后在A、B和C开展捐赠帮扶: the places it went to, not two sides
        takers = list_from(after[0], after, text, LIST_SEPARATORS)
        if text[at] != JOIN_WORDS[0] and any(text[x.end : y.start] == JOIN_WORDS[0] for x, y in zip(takers, takers[1:], strict=False)):
            continue  # A和B与C: the 和 lists helpers, the 与 joins them to C
        window = re.split(r"[,,。;;!?!?::]", text[takers[-1].end : takers[-1].end + MAX_JOIN_WINDOW])[0]
        if _third_party_first(window, takers[-1].end, givers + takers, sent, text):
            continue  # A和B是X在省内重点结对扶贫区域: X ties them both, they are not each other's partners
        gap = text[at + 1 : after[0].start]  # X与定点帮扶村Y签订捐赠协议: the tie written before the partner
        tied = any(t in window or t in gap for t in TIE_WORDS) or _signed_across(window, givers, takers, sent.text)
        # 和 lists helpers before their tie (A、B和C对口支援Y); 与 joins the two sides (A与B协作帮扶)
        if not (any(w in window for w in BINDING_ACTS) or text[at] != "和" and window.startswith(TIES_AS_ACTS)) or not tied:
            continue
        verb = next((v for v in RELATION_VERBS if v in window), None) or next(
            (rel for tie, rel in TIE_RELATIONS if tie in window), PAIRED_RELATION)
        rel = relation_of(verb, sent.text)
        each = bool(lead and lead.group(1)) or respectively(window)
        found = [PairHit(*orient(g, t), rel, sent, at) for g, t in mapping(givers, takers, each)]
        if found:
            taken.update(k for k, m in enumerate(ms) if m in takers)
        hits += found
    return hits


def _third_party_first(window: str, at: int, sides: list[Mention], sent: Sentence, text: str) -> bool:
    """A party other than ``sides`` is named in ``window`` (starting at ``at``) before its first
    binding act or tie; a venue after 在 does not count (A与B在龙泉召开…)."""
    cut = min((k for k in (window.find(w) for w in (*BINDING_ACTS, *TIE_WORDS)) if k >= 0), default=len(window))
    keys = {x.key for x in sides}
    return any(at < m.start < at + cut and m.key not in keys and not governed(m, sent, text) for m in sent.mentions)


def _signed_across(window: str, givers: list[Mention], takers: list[Mention], sentence: str) -> bool:
    """X与Y签订了《…框架协议》 where the agreement's name has no tie word: an eastern and a western
    place below province level signing, in a sentence about the assistance, sign as partners of the
    programme (two provinces sign cooperation agreements of every kind)."""
    return (any(w in window for w in SIGNING_ACTS) and any(t in sentence for t in TIE_WORDS)
            and all(across(g, t) and "province" not in (g.level, t.level) for g in givers for t in takers))


def _clause_join_hits(sent: Sentence, text: str) -> list[PairHit]:
    """X坚决扛起协作责任,与Y、Z携手推进...: a clause opening with 与 joins Y to the sentence's subject."""
    hits: list[PairHit] = []
    for m in sent.mentions:
        q = m.start - 1
        if q - 1 < sent.start or text[q] not in JOIN_WORDS or text[q - 1] not in ",,":
            continue
        takers = list_from(m, sent.mentions, text, LIST_SEPARATORS)
        window = re.split(r"[,,。;;!?!?::]", text[takers[-1].end : takers[-1].end + MAX_JOIN_WINDOW])[0]
        if not any(w in window for w in BINDING_ACTS) or not any(t in window for t in TIE_WORDS):
            continue
        givers = [g for g in subject_of(text, sent, q - 1, LIST_SEPARATORS) if g not in takers]
        verb = next((v for v in RELATION_VERBS if v in window), PAIRED_RELATION)
        hits += [PairHit(*orient(g, t), relation_of(verb, sent.text), sent, q) for g, t in mapping(givers, takers)]
    return hits


@lru_cache(maxsize=1)
def _join_lead() -> re.Pattern[str]:
    """What may stand between a list and its 与: a count summing it up, a date, a time word, 分别."""
    return re.compile(rf"[,, ]*(?:{LIST_SUMMARY})?(?:{JOIN_LEAD_DATE})?(?:{'|'.join(JOIN_LEAD_TIME_WORDS)})?"
                      rf"({'|'.join(JOIN_LEAD_RESPECTIVELY)})?")


def _dash_hits(sent: Sentence, text: str) -> list[PairHit]:
    hits: list[PairHit] = []
    for a, b in zip(sent.mentions, sent.mentions[1:], strict=False):
        gap = text[a.end : b.start]
        if not gap or not _DASHES.issuperset(gap):
            continue
        after = text[b.end : b.end + 8]
        lead = next((w for w in DASH_RELATION_LEADS if after.startswith(w)), "")  # 广州--梅州全面对口帮扶
        rel = next((r for r in DASH_RELATIONS if after.startswith(r, len(lead)) or not lead and after[1:].startswith(r)), None)
        if rel:
            hits.append(PairHit(*orient(a, b), relation_of(rel, sent.text), sent, a.end))
    return hits


@lru_cache(maxsize=1)
def _object_tail() -> re.Pattern[str]:
    verbs = "|".join(OBJECT_FRAME_VERBS)
    adverbs, fillers = "|".join(OBJECT_FRAME_ADVERBS), "|".join(OBJECT_FRAME_FILLERS)
    rels = "|".join(sorted(RELATION_VERBS, key=len, reverse=True))
    return re.compile(rf"(?:[的等][^,。;:!?]{{0,{OBJECT_FRAME_GAP}}}?)?(?:{adverbs})?(?:{verbs})(?:{fillers})?"
                      rf"(?P<rel>{rels})")


def _object_hits(sent: Sentence, text: str) -> list[PairHit]:
    """X对Y、Z(的5个村)实行定点帮扶 / X在Y、Z扎实开展各项定点帮扶工作: the helped after 对 or 在,
    the relation after them."""
    hits: list[PairHit] = []
    for mark in OBJECT_FRAME_MARKS:
        pos = text.find(mark, sent.start, sent.end)
        while pos >= 0:
            if not any(m.start <= pos < m.end for m in sent.mentions):
                recipients = recipients_after(pos + 1, sent, text)
                tail = _object_tail().match(text, recipients[-1].end, sent.end) if recipients else None
                if tail is not None:
                    donors = [d for d in donors_before(pos, sent, text) if d not in recipients]
                    rel = relation_of(tail.group("rel"), sent.text)
                    hits += [PairHit(d, r, rel, sent, pos) for d, r in mapping(donors, recipients)]
            pos = text.find(mark, pos + 1, sent.end)
    return hits


def _passive_hits(sent: Sentence, text: str) -> list[PairHit]:
    """<place>…由X、Y援建: the helpers after 由, the helped the last place written before it."""
    hits: list[PairHit] = []
    pos = text.find(PASSIVE_MARK, sent.start, sent.end)
    while pos >= 0:
        after_mark = [m for m in sent.mentions if m.start == pos + 1]
        donors = list_from(after_mark[0], [m for m in sent.mentions if m.start > pos], text, LIST_SEPARATORS) \
            if after_mark else []
        if donors:
            after = re.sub(r"^[((][^()()]{0,20}[))]", "", text[donors[-1].end : sent.end]).lstrip("共同分别等")
            after = re.sub(r"^(?:进行|开展|负责|实施)", "", after)  # 由X进行帮扶
            verb = next((v for v in PASSIVE_VERBS if after.startswith(v)), None)
            helped = [m for m in sent.mentions if m.end <= pos and m.kind in ("region", "local")]
            if verb and helped:
                rel = relation_of(verb, sent.text)
                hits += [PairHit(d, helped[-1], rel, sent, pos) for d in donors]
        pos = text.find(PASSIVE_MARK, pos + 1, sent.end)
    return hits


_COUNTED_UNITS = re.compile(COUNTED_UNITS)


def valid(hit: PairHit) -> bool:
    """Both sides are parties, and neither is the other nor lies inside it."""
    d, r = hit.donor.party, hit.recipient.party
    return d is not None and r is not None and not same_or_within(d, r)


def _sides_hits(sent: Sentence, text: str, article: ArticleContext) -> list[PairHit]:
    """甲区、乙区、丙区与丁县充分发挥优势…, in a paragraph on their 结对: several places joined by 与 to
    one, with no tie word of the sentence's own, are the two sides of the tie the paragraph speaks of
    (each of the several with the one).  A lone pair or lists on both sides are no such sides."""
    ms = sent.mentions
    lo, hi = article.paragraphs.get(sent.para, (sent.start, sent.end))
    if not any(w in text[lo:hi] for w in SIDES_PARAGRAPH_CUES):
        return []
    out: list[PairHit] = []
    for i, a in enumerate(ms[:-1]):
        b = ms[i + 1]
        if text[a.end : b.start] != JOIN_WORDS[0] or (i + 2 < len(ms) and joined(text[b.end : ms[i + 2].start], LIST_SEPARATORS)):
            continue
        givers = list_before(a, ms, text, (LIST_SEPARATORS[0],))
        if len(givers) < MIN_SIDE or not all(m.kind in ("region", "local") and m.level in ("prefecture", "county")
                                             for m in [*givers, b]):
            continue
        out += [PairHit(*orient(g, b), PAIRED_RELATION, sent, a.end) for g in givers]
    return out


def pair_hits(sent: Sentence, text: str, article: ArticleContext) -> list[PairHit]:
    """Every pairing a sentence states; ``article`` gives every party of the article and its
    paragraphs (for frames that look beyond the sentence: 援疆, 援乌, 靖永)."""
    if not _gate_re().search(sent.text):
        if "两" in sent.text and len(sent.mentions) >= 2:
            sides = [h for h in two_sides_hits(sent, text) if valid(h)]
            if sides:
                return sides
        if len(sent.mentions) >= MIN_SIDE + 1 and JOIN_WORDS[0] in sent.text:
            sides = [h for h in _sides_hits(sent, text, article) if valid(h)]
            if sides:
                return sides
        if not (any(w in sent.text for w in SIGNED_TIES) and any(a in sent.text for a in BINDING_ACTS)):
            return []  # 与怒江州签订了脱贫攻坚合作协议: only the joining frames read a signed tie of these words
        hits = _join_hits(sent, text) if len(sent.mentions) >= 2 else []
        return [h for h in hits if valid(h)]
    hits = frame_hits(sent, text, article)
    if len(sent.mentions) >= 2:
        hits = (_verb_hits(sent, text) + _join_hits(sent, text) + _clause_join_hits(sent, text) + _dash_hits(sent, text)
                + _object_hits(sent, text) + _passive_hits(sent, text) + hits)
    each = any(w in sent.text for w in RESPECTIVELY_WORDS)
    return [h for h in hits if valid(h) and not (each and _COUNTED_UNITS.match(text, h.recipient.end))]


def continued_hits(sent: Sentence, prev: Sentence, text: str, prev_hits: list[PairHit]) -> list[PairHit]:
    """X对口支援A,...;对口支援B,...: a clause after a semicolon that opens with the pairing verb
    has no subject of its own and goes on with the one helper of the clause before."""
    if prev.para != sent.para or not prev.text.rstrip().endswith((";", "；")) or not prev_hits:
        return []
    donors = {h.donor.key: h.donor for h in prev_hits}
    if len(donors) != 1:
        return []
    lead = len(sent.text) - len(sent.text.lstrip())
    v = verb_re().match(text, sent.start + lead)
    if v is None or v.group(0) in MUTUAL_VERBS:
        return []
    donor = next(iter(donors.values()))
    rel = relation_of(v.group(0), sent.text)
    hits = [PairHit(donor, r, rel, sent, v.start()) for r in recipients_after(v.end(), sent, text)]
    return [h for h in hits if valid(h)]
