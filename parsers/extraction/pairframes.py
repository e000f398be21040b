"""Pairing frames where the helper is not simply the subject of a relation verb.

  在X的(精准)帮扶下, Y...        Y依托X对口帮扶...           Y作为X对口支援的重点地区
  X作为Y的帮扶单位 / Y帮扶单位X   X驻Y(帮扶)工作队            X赴Y开展...结对帮扶
  X开展对Y的结对帮扶              X给予结对的Y / 结对村——Y    X和Y等对口帮扶单位
  X向Y投入帮扶资金                  X深入推进与Y的东西部协作
  X投入Y帮扶资金 / X安排Y、Z援疆资金
Abbreviations (X援疆, 沪滇协作) are read by parsers/extraction/pairabbrev.py.  All wording comes from
parsers/extraction/wording/pairing.py; which frames run on a sentence, in what order, is the
``FRAMES`` table at the end (trigger words -> frame).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

import ahocorasick

from parsers.extraction.clauses import (
    TOPIC_REACH,
    ArticleContext,
    Sentence,
    clause_bounds,
    is_preposition,
    list_before,
    list_from,
    opens_clause,
    subject_of,
    topic_of,
)
from parsers.extraction.mentions import COUNTY_OR_BELOW, Mention, region_party, same_or_within, within
from parsers.extraction.pairabbrev import abbrev_hits, aid_hits
from parsers.extraction.pairhits import (
    PairHit,
    at,
    donors_before,
    ending,
    governed,
    hits,
    occurrences,
    orient,
    recipients_after,
    relation_of,
    verb_re,
)
from parsers.extraction.wording.funding import GIVER_GROUP_WORDS
from parsers.extraction.wording.pairing import (
    ADJECTIVE_LIST_JOINERS,
    AID_CHAR,
    AS_WORDS,
    BINDING_ACTS,
    BUILT_VERBS,
    CLAUSE_BREAK,
    COME,
    COOPERATION_EXTRA_TIES,
    COOPERATION_TIE,
    DISPATCH_PEOPLE,
    DISPATCH_TO,
    DISPATCH_VERBS,
    DOCKING_WORDS,
    GENERIC_RELATION,
    GRATITUDE_AFTER,
    HELPED_NOUNS,
    JOIN_WORDS,
    LIST_ETC,
    LIST_SEPARATORS,
    MAX_DISPATCH_SPAN,
    MODIFIER_GAP,
    MODIFIER_MARK,
    MODIFIER_RELATION_VERBS,
    MONEY_DIRECTIONS,
    MONEY_FRAME_CUES,
    MONEY_GIVE_VERBS,
    NOT_VISIT_COME_AFTER,
    PAIR_ABBREV_FUNDS,
    PAIR_ABBREV_RELATIONS,
    PAIRED_ADJECTIVES,
    PAIRED_RELATION,
    POINT_APPOSITION,
    POINT_NOT_AFTER,
    POINT_ROLE_WORDS,
    POINT_WORDS,
    POSSESSIVE,
    PROVIDE_GAP,
    PROVIDE_LINK,
    PROVIDE_TO,
    PROVIDE_VERBS,
    PROVIDED_GOODS,
    RELATION_VERBS,
    RELY_WORDS,
    RESPECTIVELY_WORDS,
    SECTION_HEADING,
    SECTION_WORD,
    SINCE_CLOSE,
    SINCE_OPEN,
    SINCE_PARTNER,
    SPEND_VERBS,
    SPENT_OBJECT_TAIL,
    STATIONED,
    TEAM_WORDS,
    TIE_WORDS,
    TIED_MONEY,
    TOWARD,
    TOWARD_COUNTED,
    TOWARD_LINKS,
    UNDER_END,
    UNDER_LEAD,
    UNDER_TAIL,
    UNDER_WORDS,
    UNDERTAKE_VERBS,
    UNDERTAKEN_WORK,
    UNIT_CUE,
    UNIT_WORDS,
    UNITS_OF,
    UNITS_OF_RELATION,
    VAGUE_RELATION_VERBS,
    VISIT_ACTS,
    VISIT_WORDS,
)

# What follows the helped place after a spending verb: money (资金, 款) or an amount.
_SPENT = re.compile(SPENT_OBJECT_TAIL)
_UNDER_TAIL = re.compile(UNDER_TAIL.format(words="|".join(UNDER_WORDS)))
_TOWARD_LINK = re.compile(TOWARD_LINKS)
_TOWARD_COUNTED = re.compile(TOWARD_COUNTED)
_PROVIDE_LINK = re.compile(PROVIDE_LINK)
_CLAUSE_BREAK = re.compile(CLAUSE_BREAK)
MAX_MODIFIER = 8  # characters of a modifier between 承担 and the places it took on
_PAIRED_LONGEST_FIRST = tuple(sorted(PAIRED_ADJECTIVES, key=len, reverse=True))


def _under_frames(sent: Sentence, text: str) -> list[tuple[int, Mention, list[Mention]]]:
    """Each 在X的(精准)帮扶下 of the sentence: where it is, X, and the helped it names (the clause's
    subject, or the party right after 下; none where the clause names nobody helped)."""
    out: list[tuple[int, Mention, list[Mention]]] = []
    for pos in occurrences(text, UNDER_LEAD, sent):
        x = at(sent, pos + 1)
        m = _UNDER_TAIL.match(text[x.end : x.end + 16]) if x else None
        if x is None or m is None:
            continue
        end = x.end + m.end()
        cstart, _ = clause_bounds(text, pos, sent.start, sent.end)
        before = [p for p in sent.mentions if cstart <= p.start and p.end <= pos]
        if before and opens_clause(text, before[0], cstart):
            ys = list_from(before[0], sent.mentions, text, LIST_SEPARATORS)
        else:
            after = [p for p in sent.mentions if p.start >= end]
            ys = after[:1] if after and text[end : after[0].start] in ("", ",", ",") else []
        out.append((pos, x, ys))
    return out


def _under_help_frame(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """在X的(精准)帮扶下, Y: X helps the clause's subject, or the party right after 下."""
    return [h for pos, x, ys in _under_frames(sent, text) for h in hits([x], ys, GENERIC_RELATION, sent, pos)]


def under_help_unnamed(sents: list[Sentence], text: str, stated: list[PairHit]) -> list[PairHit]:
    """在杭州对口帮扶下,我们茶叶基地增加了1000亩: a 在X帮扶下 whose clause names nobody helped (a
    quote by someone of the helped place) speaks of X's help to the article's helped place - the
    one place the stated pairs give X or a place inside X (拱墅区 -> 巴东县) as helping."""
    out: list[PairHit] = []
    for s in sents:
        if UNDER_LEAD not in s.text or UNDER_END not in s.text:
            continue
        for pos, x, ys in _under_frames(s, text):
            if ys or x.party is None or x.kind != "region":
                continue
            helped = {h.recipient.key: h.recipient for h in stated if h.donor.party is not None
                      and h.recipient.party is not None and within(h.donor.party, x.party)
                      and not same_or_within(h.recipient.party, x.party)}
            outer = [r for r in helped.values() if all(within(o.party, r.party) for o in helped.values())]
            if len(outer) == 1 and not any((h.donor.key, h.recipient.key) == (x.key, outer[0].key) for h in stated + out):
                out.append(PairHit(x, outer[0], GENERIC_RELATION, s, pos))
    return out


def _rely(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """Y依托X(的)对口帮扶: X helps Y."""
    out: list[PairHit] = []
    for word in RELY_WORDS:
        for pos in occurrences(text, word, sent):
            x = at(sent, pos + len(word))
            v = verb_re().match(text, x.end + (text.startswith(POSSESSIVE, x.end) if x else 0)) if x else None
            if x is None or v is None:
                continue
            y = ending(sent, pos)
            ys = [y] if y else subject_of(text, sent, pos, LIST_SEPARATORS)
            out += hits([x], ys, relation_of(v.group(0), sent.text), sent, pos)
    return out


def _since(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """自2015年对口帮扶马关县以来,云南财经大学…(自1995年定点帮扶A县、2015年又帮扶B县以来,X…; 自与Y结对
    协作以来,X…): the time clause names the assistance and the helped, the next clause's subject helps."""
    out: list[PairHit] = []
    for pos in occurrences(text, SINCE_CLOSE, sent):
        after = pos + len(SINCE_CLOSE)
        if not text.startswith(",", after):  # widths.py has made every comma half-width
            continue
        cstart, _ = clause_bounds(text, pos, sent.start, sent.end)
        opens = [i for i in range(cstart, pos) if text[i] in SINCE_OPEN
                 and not any(m.start <= i < m.end for m in sent.mentions)]  # not the 自 of 自治县
        if not opens:
            continue
        opened = opens[0]
        inside = [m for m in sent.mentions if opened < m.start and m.end <= pos]
        verbs = list(verb_re().finditer(text, opened, pos))
        if not inside or not verbs:
            continue
        if any(text.startswith(v.group(0), m.end) and not text.endswith(SINCE_PARTNER, opened, m.start)
               for m in inside for v in verbs):
            continue  # 自X对口帮扶Y以来: the clause names its own helper (the verb frames read it)
        nxt = [m for m in sent.mentions if m.start > after]
        if not nxt or not opens_clause(text, nxt[0], after + 1):
            continue
        xs = list_from(nxt[0], sent.mentions, text, LIST_SEPARATORS)
        ys = [m for m in inside if m.kind in ("region", "local", "org")]
        out += [PairHit(x, y, relation_of(verbs[0].group(0), sent.text), sent, pos) for x in xs for y in ys
                if x is not y]
    return out


_MODIFIER_GAP = re.compile(MODIFIER_GAP + "$")


def _built_by(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X援建的Y…, 由X援建的Y, X出资百万援建的Y村…, X对口支援的Y、Z: the party right before the verb (and
    what it put in) helps the place right after 的; after a building verb a body named after its place
    (兴山县中医医院) stands for that place."""
    out: list[PairHit] = []
    for verb in BUILT_VERBS + MODIFIER_RELATION_VERBS:
        for pos in occurrences(text, verb + MODIFIER_MARK, sent):
            if any(text.startswith(v, pos - len(v) + len(verb)) and len(v) > len(verb)
                   for v in BUILT_VERBS + MODIFIER_RELATION_VERBS if v.endswith(verb)):
                continue  # 援建 inside 对口援建: read once, as the longer verb
            before = [m for m in sent.mentions if m.end <= pos and _MODIFIER_GAP.match(text[m.end : pos])]
            after_at = pos + len(verb) + len(MODIFIER_MARK)
            ys = recipients_after(after_at, sent, text)
            if not before or not ys:
                continue
            # 湖南省、大连市援建的兴山县: each helper of the list the one before the verb ends
            xs = list_before(before[-1], sent.mentions, text, LIST_SEPARATORS)
            while len(xs) > 1 and text.endswith(MODIFIER_MARK, 0, xs[0].start):  # A援建的B、C援建的D: B is A's object
                xs = xs[1:]
            xs = [x for x in xs if x.kind != "group"]
            builds = verb in BUILT_VERBS
            places = [_place_of(y) if builds else y for y in ys]
            places = [y for y in places if y is not None and y.kind in ("region", "local")]
            if before[-1].kind == "group" or not places:
                continue
            out += [PairHit(x, y, relation_of(verb, sent.text), sent, pos) for x in xs for y in places if y.key != x.key]
    return out


def _place_of(m: Mention) -> Mention | None:
    """A place itself, or the county, township or village a body is named after (兴山县中医医院)."""
    if m.kind in ("region", "local"):
        return m
    if m.kind == "org" and m.region is not None and m.region.level in COUNTY_OR_BELOW:
        return replace(m, kind="region", party=region_party(m.region))
    return None


def _dispatch(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X(先后)选派N名干部到Y挂职 / X派驻工作队进驻Y村: the sender helps the place its people serve in,
    read from the sides (an exchange sends cadres both ways: 陕西选派干部赴江苏挂职 is 江苏's help)."""
    out: list[PairHit] = []
    for verb in DISPATCH_VERBS:
        for pos in occurrences(text, verb, sent):
            _, cend = clause_bounds(text, pos, sent.start, sent.end)
            span = text[pos : min(cend, pos + MAX_DISPATCH_SPAN)]
            for word in DISPATCH_TO:
                k = span.find(word)
                y = at(sent, pos + k + len(word)) if k > 0 else None
                if y is None or not any(p in span[:k] for p in DISPATCH_PEOPLE):
                    continue
                xs = [x for x in donors_before(pos, sent, text) if x.kind != "group"]
                out += [PairHit(*orient(x, y), GENERIC_RELATION, sent, pos) for x in xs if x.key != y.key
                        and not same_or_within(x.party, y.party)]
                break
    return out


# The work taken on after the list, its places maybe counted (等5个县, 共6县3区), maybe with other
# work listed before it (A县、B县及地方政府分派的帮扶任务).
_UNDERTAKEN = re.compile(rf"(?:等|共)?(?:(?:\d+|[两二三四五六七八九十]+)个?[县市区乡镇村])*"
                         rf"(?:(?:及|以及|和)[^,,。;;]{{1,10}}?的)?的?({'|'.join(UNDERTAKEN_WORK)})")


def _undertakes(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X(又)承担了A县、B县(等)的(结对)帮扶工作: X helps each place of the list."""
    out: list[PairHit] = []
    for word in UNDERTAKE_VERBS:
        for pos in occurrences(text, word, sent):
            start = pos + len(word) + text.startswith("了", pos + len(word))
            start += _modifier_length(text, start, sent)  # 承担中央部署的A县、B县的帮扶任务
            ys = [m for m in recipients_after(start, sent, text) if m.kind in ("region", "local")]
            if not ys or ys[0].start != start:
                continue
            rest = text[ys[-1].end : ys[-1].end + 16]
            v = _UNDERTAKEN.match(rest)
            xs = subject_of(text, sent, pos, LIST_SEPARATORS)
            if v is not None and xs:
                out += hits(xs, ys, relation_of(v.group(1).removesuffix("工作").removesuffix("任务"), sent.text),
                            sent, pos)
    return out


def _modifier_length(text: str, start: int, sent: Sentence) -> int:
    """How long a short modifier ending in 的 that opens at ``start`` is (中央部署的, 上级安排的), if a
    place follows it; 0 otherwise."""
    end = text.find(POSSESSIVE, start, min(sent.end, start + MAX_MODIFIER + 1))
    if end < 0 or _CLAUSE_BREAK.search(text, start, end) or any(start <= m.start < end for m in sent.mentions):
        return 0
    return end + len(POSSESSIVE) - start if any(m.start == end + len(POSSESSIVE) for m in sent.mentions) else 0


def _as_role_frame(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """Y作为X对口支援的地区 / Y是X的定点帮扶县 (X helps Y); X作为Y的帮扶单位 (X helps Y)."""
    out: list[PairHit] = []
    for pos, word in [(p, w) for w in AS_WORDS for p in occurrences(text, w, sent)]:
        right = at(sent, pos + len(word))
        if right is None:
            continue
        left = ending(sent, pos)
        lefts = [left] if left else subject_of(text, sent, pos, LIST_SEPARATORS)
        v = verb_re().match(text, right.end + (text.startswith(POSSESSIVE, right.end)))
        while v and (more := verb_re().match(text, v.end())):  # 对口 + 扶贫协作 + 地区
            v = more if more.end() > v.end() else None
        if v and (text.startswith(HELPED_NOUNS, v.end()) or POSSESSIVE in text[v.end() : v.end() + 2]):
            out += hits([right], lefts, relation_of(v.group(0), sent.text), sent, pos)
        elif text.startswith(POSSESSIVE, right.end) and text.startswith(UNIT_WORDS, right.end + 1):
            out += hits(lefts, [right], GENERIC_RELATION, sent, pos)
    return out


def _named_around(sent: Sentence, text: str, words: tuple[str, ...], helper_first: bool) -> list[PairHit]:
    """A(的)<word>B, the helper written first (X的扶贫点Y) or after the word (Y的帮扶单位X)."""
    out: list[PairHit] = []
    for word in words:
        for pos in occurrences(text, word, sent):
            first = ending(sent, pos - 1) if text[pos - 1 : pos] == POSSESSIVE else ending(sent, pos)
            second = at(sent, pos + len(word))
            if first and second:
                x, y = (first, second) if helper_first else (second, first)
                out += hits([x], [y], GENERIC_RELATION, sent, pos)
    return out


def _unit(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """Y(的)帮扶单位X: X helps Y."""
    return _named_around(sent, text, UNIT_WORDS, helper_first=False)


def _point(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X(的)扶贫点Y: X helps Y; and a place in apposition to a helper's role word (X向挂钩扶贫点——Y捐赠,
    X决定给予挂钩帮扶县Y): the helper is the party right before the word, else the clause's subject."""
    out = _named_around(sent, text, POINT_WORDS, helper_first=True)
    seen = {(h.donor.key, h.recipient.key) for h in out}
    taken: list[tuple[int, int]] = []
    for word in sorted(POINT_ROLE_WORDS, key=len, reverse=True):
        for pos in occurrences(text, word, sent):
            end = pos + len(word)
            if any(a <= pos and end <= b for a, b in taken) or text.endswith(POINT_NOT_AFTER, sent.start, pos):
                continue
            taken.append((pos, end))
            gap = next((g for g in POINT_APPOSITION if text.startswith(g, end)), "")
            y = at(sent, end + len(gap))
            if y is None or y.kind not in ("region", "local") or y.level not in COUNTY_OR_BELOW:
                continue
            right_before = ending(sent, pos - 1) if text[pos - 1 : pos] == POSSESSIVE else ending(sent, pos)
            if right_before is None or governed(right_before, sent, text) or _holds(right_before, y):
                right_before = None  # 向云南挂钩扶贫点: where the point lies, not whose it is
            xs = [x for x in ([right_before] if right_before else donors_before(pos, sent, text))[:1]
                  if not _holds(x, y)]
            out += [h for h in hits(xs, [y], GENERIC_RELATION, sent, pos) if (h.donor.key, h.recipient.key) not in seen]
    return out


def _holds(x: Mention, y: Mention) -> bool:
    """``x`` is no party, or is ``y`` or a place holding it."""
    return x.party is None or y.party is None or same_or_within(x.party, y.party)


def _team(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X驻Y(帮扶)工作队: the helper's team stationed in the helped place."""
    out: list[PairHit] = []
    for pos in occurrences(text, STATIONED, sent):
        y = at(sent, pos + 1)
        if y is None or y.party is None or not any(t in text[y.end : y.end + 8] for t in TEAM_WORDS):
            continue
        cstart, _ = clause_bounds(text, pos, sent.start, sent.end)
        for x in reversed([m for m in sent.mentions if cstart <= m.start and m.end <= pos]):
            if pos - x.end > 12:
                break
            if x.party is not None and same_or_within(x.party, y.party):
                continue  # 珠海市对口茂名市乡村振兴驻电白区观珠镇工作队: 茂名 holds the place
            if orient(x, y)[0] is x:
                out += hits([x], [y], GENERIC_RELATION, sent, pos)
            break
    return out


def _visit(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X赴Y开展...结对帮扶: the helper goes to the helped place to do the helping."""
    out: list[PairHit] = []
    for word in VISIT_WORDS:
        for pos in occurrences(text, word, sent):
            y = at(sent, pos + len(word))
            if word == COME and pos > 0 and text[pos - 1] in NOT_VISIT_COME_AFTER:
                continue  # 2016年以来X县…: 来 ends a word
            if y is None or text.startswith(POINT_WORDS, y.end + text.startswith(POSSESSIVE, y.end)):
                continue  # 到X扶贫点Y开展…: X keeps the point (_point); the visitor is not paired with X
            _, cend = clause_bounds(text, y.end, sent.start, sent.end)
            rest = text[y.end : cend]
            if any(a in rest for a in VISIT_ACTS) and any(t in rest for t in TIE_WORDS):
                v = verb_re().search(rest)  # 调研定点帮扶工作: the relation the words name
                rel = relation_of(v.group(0), sent.text) if v and v.group(0) not in VAGUE_RELATION_VERBS else PAIRED_RELATION
                found = hits(donors_before(pos, sent, text), [y], rel, sent, pos)
                if any(w in rest for w in DOCKING_WORDS):  # 到Y进行帮扶对接: either side may come to dock
                    found = [PairHit(*orient(h.donor, h.recipient), h.relation, h.sentence, h.at, h.frame) for h in found]
                out += found
    return out


def _toward(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X开展对Y的结对帮扶 / X对Y进行对口帮扶: Y is the object of the helping."""
    out: list[PairHit] = []
    for pos in occurrences(text, TOWARD, sent):
        y = at(sent, pos + 1)
        ys = list_from(y, sent.mentions, text, LIST_SEPARATORS) if y else []  # 对A、B、C的对口援建
        counted = _TOWARD_COUNTED.match(text, ys[-1].end) if ys else None  # 对东乡县5个村进行帮扶
        tail = counted.end() if counted else ys[-1].end if ys else 0
        link = _TOWARD_LINK.match(text[tail : tail + 4]) if ys else None
        v = verb_re().match(text, tail + link.end()) if ys and link else None
        if ys and v and not _thanks(text, v.end(), sent):
            helpers = donors_before(pos, sent, text)
            if not helpers and not any(m.start < pos for m in sent.mentions):
                helpers = [m for m in topic_of(text, sent) if m not in ys]  # 该行….2019年对东乡县5个村进行帮扶
            out += hits(helpers, ys, relation_of(v.group(0), sent.text), sent, pos)
    return out


_SECTION = re.compile(SECTION_HEADING)


def _sections(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """…主要包括:对口支援方面:A和B,C。东西部扶贫协作方面:D、E。: every place after a heading is
    helped by the helper named before the first heading of the paragraph."""
    marks = list(_SECTION.finditer(text, sent.start, sent.end))
    if not marks:
        return []
    helpers = _section_helper(sent, text, marks[0].start())
    out: list[PairHit] = []
    for k, mark in enumerate(marks):
        stop = marks[k + 1].start() if k + 1 < len(marks) else sent.end
        ys = [m for m in sent.mentions if mark.end() <= m.start < stop and m.kind in ("region", "local")]
        out += hits(helpers, ys, relation_of(mark.group("rel"), sent.text), sent, mark.start())
    return out


def _section_helper(sent: Sentence, text: str, at: int) -> list[Mention]:
    """The helper of a list by headings: the subject before the first heading in its sentence, else
    before the first heading of the sentences of headings just before it in the paragraph (up to
    TOPIC_REACH back)."""
    if any(m.start < at for m in sent.mentions):
        return donors_before(at, sent, text)
    before = sent.previous
    for _ in range(TOPIC_REACH):
        if before is None or before.para != sent.para:
            return []
        mark = _SECTION.search(text, before.start, before.end)
        if mark is None:
            return []
        if any(m.start < mark.start() for m in before.mentions):
            return donors_before(mark.start(), before, text)
        before = before.previous  # a heading opening that sentence too: the list goes on
    return []


def _thanks(text: str, at: int, sent: Sentence) -> bool:
    """对Y的帮扶(和支持)表示感谢: the rest of the clause thanks Y for its help (Y helps the speaker)."""
    end = _CLAUSE_BREAK.search(text, at, sent.end)
    rest = text[at : end.start() if end else sent.end]
    return any(word in rest for word in GRATITUDE_AFTER)


def _provided(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X向Y提供全面对口支援 / X为Y提供结对帮扶: Y receives the helping X provides."""
    out: list[PairHit] = []
    for word in PROVIDE_TO:
        for pos in occurrences(text, word, sent):
            y = at(sent, pos + 1)
            link = _PROVIDE_LINK.match(text, y.end) if y else None
            v = _verb_within(text, link.end(), PROVIDE_GAP) if link else None
            if y and v and not text.startswith(PROVIDED_GOODS, v.end()):
                out += hits(donors_before(pos, sent, text), [y], relation_of(v.group(0), sent.text), sent, pos)
    return out


def _verb_within(text: str, at: int, gap: int) -> re.Match[str] | None:
    """A relation verb starting at most ``gap`` characters after ``at``, in the same clause
    (提供全面对口支援: 全面 stands between)."""
    for k in range(gap + 1):
        if _CLAUSE_BREAK.search(text, at, at + k):
            return None
        v = verb_re().match(text, at + k)
        if v is not None:
            return v
    return None


def _paired(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X给予结对的Y / 结对村——Y、Z: the party paired with the clause's subject; with no subject
    at all (安排...资金,支持对口帮扶的Y), the place the article is about (a report by 我市)."""
    out: list[PairHit] = []
    for word in _PAIRED_LONGEST_FIRST:
        for pos in occurrences(text, word, sent):
            ys = recipients_after(pos + len(word), sent, text)
            if ys:
                xs = _helper_of_list_before(pos, sent, text) or donors_before(pos, sent, text)
                if not xs and word.endswith(POSSESSIVE) and not any(m.end <= pos for m in sent.mentions):
                    xs = _home(art, ys)
                out += hits(xs, ys, PAIRED_RELATION, sent, pos)
    return out


def _helper_of_list_before(pos: int, sent: Sentence, text: str) -> list[Mention]:
    """X定点帮扶的A、B和对口支援的C: the adjective at ``pos`` goes on a list that another helped by
    X opened; X helps C too (A and B help nobody)."""
    if not text.endswith(ADJECTIVE_LIST_JOINERS, 0, pos):
        return []
    prior = [m for m in sent.mentions if m.end <= pos]
    if not prior:
        return []
    head = list_before(prior[-1], sent.mentions, text, LIST_SEPARATORS)[0]
    adjective = _RELATION_POSSESSIVE.search(text, sent.start, head.start)
    return donors_before(adjective.start(), sent, text) if adjective else []


def _units_of(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X和Y等对口帮扶单位: helpers of the sentence's subject, or of the place the article is about."""
    out: list[PairHit] = []
    for word in UNITS_OF if LIST_ETC in sent.text else ():
        for pos in occurrences(text, word, sent):
            x = ending(sent, pos)
            if x is None:
                continue
            xs = list_before(x, sent.mentions, text, LIST_SEPARATORS)
            ys = [s for s in subject_of(text, sent, xs[0].start, LIST_SEPARATORS) if s not in xs]
            home = ys or _home(art, xs)
            out += hits(xs, home, UNITS_OF_RELATION, sent, pos)
    return out


def _home(art: ArticleContext, exclude: list[Mention]) -> list[Mention]:
    """The place the article keeps naming (below province level), other than ``exclude``."""
    keys = {m.key for m in exclude}
    counts = Counter(m.key for m in art.mentions if m.kind != "org" and m.level not in (None, "province")
                     and m.key not in keys)
    if not counts:
        return []
    top = counts.most_common(1)[0][0]
    return [next(m for m in art.mentions if m.key == top)]


_TIES = "|".join(sorted(map(re.escape, [*RELATION_VERBS, *COOPERATION_EXTRA_TIES]), key=len, reverse=True))
_COOPERATION_TIE = re.compile(COOPERATION_TIE.format(ties=_TIES))  # built once: _cooperation_with_frame runs for every sentence
_RELATION_POSSESSIVE = re.compile(f"(?:{_TIES}){POSSESSIVE}$")  # 定点帮扶的 right before a list


def _cooperation_with_frame(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X深入推进与Y的东西部协作 / X深化同Y的对口协作: Y is the partner of the clause's subject."""
    out: list[PairHit] = []
    for word in JOIN_WORDS:
        for pos in occurrences(text, word, sent):
            y = at(sent, pos + 1)
            if y is None or not any(text.endswith(a, max(sent.start, pos - 4), pos) for a in BINDING_ACTS):
                continue
            ys = list_from(y, sent.mentions, text, LIST_SEPARATORS)
            m = _COOPERATION_TIE.match(text, ys[-1].end, ys[-1].end + 16)
            if m is None:
                continue
            xs = [x for x in donors_before(pos, sent, text) if x not in ys]
            rel = relation_of(m.group(0)[1:], sent.text)
            out += [PairHit(*orient(x, y), rel, sent, pos) for x in xs[:1] for y in ys]
    return out


def _money(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X向Y投入帮扶资金: money from one place to another also states the tie."""
    out: list[PairHit] = []
    for word in MONEY_DIRECTIONS:
        for pos in occurrences(text, word, sent):
            y = at(sent, pos + 1)
            if y is None or y.kind == "org" or not is_preposition(text, pos):
                continue
            ys = [m for m in recipients_after(pos + 1, sent, text) if m.kind != "org"]
            rest = _CLAUSE_BREAK.split(text[ys[-1].end : ys[-1].end + 14])[0]
            if not any(v in rest for v in MONEY_GIVE_VERBS):
                continue
            # a place (not its companies or people: 厦门市爱心人士向...), or a body of its own, not a
            # department; any organisation where the money is named as the tie's (结对帮扶资金)
            tied = any(w in rest for w in TIED_MONEY)
            xs = [x for x in donors_before(pos, sent, text)
                  if (x.kind != "org" or tied or not x.dept and x.region is None)
                  and not any(w in text[x.end : pos] for w in GIVER_GROUP_WORDS)]
            # A、B分别向C、D捐赠: the lists map one-to-one; else several givers go with the first place
            each = len(xs) == len(ys) > 1 and any(w in text[xs[-1].end : pos] for w in RESPECTIVELY_WORDS)
            takers = ys if len(xs) == 1 or each else [y]
            out += [replace(h, frame="money") for h in hits(xs, takers, GENERIC_RELATION, sent, pos)]
    return out


def _spend(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X投入Y帮扶资金... / X安排Y、Z援疆资金...: the helped places as the spending verb's object."""
    out: list[PairHit] = []
    for word in SPEND_VERBS:
        for pos in occurrences(text, word, sent):
            ys = recipients_after(pos + len(word), sent, text)
            if not ys or ys[0].start != pos + len(word) or any(y.kind == "org" for y in ys):
                continue
            if not _SPENT.match(text, ys[-1].end, min(sent.end, ys[-1].end + 14)):
                continue
            xs = [x for x in donors_before(pos, sent, text) if x.kind != "org"]
            out += [PairHit(x, y, GENERIC_RELATION, sent, pos) for x in xs[:1] for y in ys]
    return out


# The frames in the order they run: a frame runs on a sentence holding a word of each of its
# trigger groups (so each runs only where its words are).
Frame = Callable[[Sentence, str, ArticleContext], list[PairHit]]
FRAMES: tuple[tuple[tuple[tuple[str, ...], ...], Frame], ...] = (
    (((UNDER_LEAD,), (UNDER_END,)), _under_help_frame),
    ((RELY_WORDS,), _rely),
    ((SINCE_OPEN, (SINCE_CLOSE,)), _since),
    ((DISPATCH_VERBS, DISPATCH_TO), _dispatch),
    ((tuple(v + MODIFIER_MARK for v in BUILT_VERBS + MODIFIER_RELATION_VERBS),), _built_by),
    ((UNDERTAKE_VERBS, UNDERTAKEN_WORK), _undertakes),
    ((AS_WORDS,), _as_role_frame),
    (((UNIT_CUE,),), _unit),
    (((UNIT_CUE,),), _units_of),
    ((POINT_WORDS + POINT_ROLE_WORDS,), _point),
    (((STATIONED,),), _team),
    ((VISIT_WORDS, VISIT_ACTS), _visit),
    (((TOWARD,),), _toward),
    (((SECTION_WORD,),), _sections),
    ((PROVIDE_TO, PROVIDE_VERBS), _provided),
    ((PAIRED_ADJECTIVES,), _paired),
    ((JOIN_WORDS, (POSSESSIVE,)), _cooperation_with_frame),
    ((MONEY_DIRECTIONS, MONEY_FRAME_CUES), _money),
    ((SPEND_VERBS, MONEY_FRAME_CUES), _spend),
    (((AID_CHAR,),), aid_hits),
    ((PAIR_ABBREV_RELATIONS + tuple(PAIR_ABBREV_FUNDS),), abbrev_hits),
)


@lru_cache(maxsize=1)
def _triggers() -> tuple[ahocorasick.Automaton, tuple[tuple[frozenset[int], Frame], ...]]:
    """Every frame's trigger words in one automaton, each word with the trigger groups it is in, and
    each frame with the groups it needs: a sentence is read once for all the words it holds
    (overlapping ones too), not once a group, and a frame runs when it has all its groups."""
    groups = [words for triggers, _ in FRAMES for words in triggers]
    auto = ahocorasick.Automaton()
    for word in {w for words in groups for w in words}:
        auto.add_word(word, frozenset(k for k, words in enumerate(groups) if word in words))
    auto.make_automaton()
    frames, k = [], 0
    for triggers, frame in FRAMES:
        frames.append((frozenset(range(k, k + len(triggers))), frame))
        k += len(triggers)
    return auto, tuple(frames)


def frame_hits(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """Every pairing the frames find in one sentence."""
    auto, frames = _triggers()
    found = set().union(*(groups for _, groups in auto.iter(sent.text)))
    out: list[PairHit] = []
    for needed, frame in frames if found else ():
        if needed <= found:
            out += frame(sent, text, art)
    return out
