"""Pairings written with abbreviations: 援 + the helped place (X援疆 ... Y, X对口援乌) and pair
abbreviations with one character per side (沪滇协作, 靖永对口协作, 张沿两地扶贫协作).

A province's one-character abbreviation (parsers/extraction/wording/pairing.py) names the province; any other
character names the one division of the article whose name starts with it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from parsers.extraction.clauses import ArticleContext, Sentence, clause_bounds, list_before, list_from
from parsers.extraction.gazetteer import Region, load_gazetteer
from parsers.extraction.mentions import Mention, region_party
from parsers.extraction.official import lookup
from parsers.extraction.pairhits import (
    PairHit,
    at,
    governed,
    hits,
    occurrences,
    orient,
    recipients_after,
    relation_of,
)
from parsers.extraction.wording.pairing import (
    AID_CHAR,
    AID_PREFIX_GAP,
    AID_RELATION,
    AID_VERB_HEADS,
    AID_VERB_TAILS,
    EAST_PROVINCES,
    LIST_SEPARATORS,
    MEETING_VERBS,
    PAIR_ABBREV_FILLERS,
    PAIR_ABBREV_FUNDS,
    PAIR_ABBREV_LINKS,
    PAIR_ABBREV_RELATIONS,
    POSSESSIVE,
    PROVINCE_ABBREVIATIONS,
    RELATION_VERBS,
    TWO_OF_DEFAULT_RELATION,
    TWO_OF_JOINERS,
    TWO_OF_TIE,
    TWO_SIDES,
    TWO_SIDES_RELATION,
    WEST_PROVINCES,
)

_BREAK = set(",,。;;!?!?\n::")


def _one_inside(province: Region, sent: Sentence) -> Mention | None:
    """The one division of ``province`` the sentence names (奉贤区党政代表团来普洱市开展沪滇协作):
    the parties the programme's abbreviation stands for here."""
    found = {m.key: m for m in sent.mentions if m.kind == "region" and m.party is not None
             and m.level != "province" and m.party.province == province.name}
    return next(iter(found.values())) if len(found) == 1 else None


def _names_below(province: Region, sent: Sentence) -> bool:
    """The sentence names a party inside ``province`` (a division, a unit, an organisation of it)."""
    return any(m.party is not None and m.party.province == province.name and m.level != "province"
               for m in sent.mentions)


def _one_county(province: Region, sent: Sentence, text: str, span: tuple[int, int] | None = None) -> Mention | None:
    """The one county of ``province`` the sentence (or the clause ``span`` of it) is about (延川县东关小学由
    苏陕扶贫资金安排300万元: 延川县), or the one township of it it names, unless it is only a meeting's venue."""
    found: dict[str, Mention] = {}
    for m in sent.mentions if span is None else [x for x in sent.mentions if span[0] <= x.start < span[1]]:
        region = m.region
        if region is None or m.party is None or m.party.province != province.name or region.level != "county":
            continue
        if any(w in text[m.end : m.end + 12] for w in MEETING_VERBS) and governed(m, sent, text):
            continue  # the venue (沪滇协作会议在云县召开)
        # a township is a party of its own (延长县雷赤乡); a school or a firm stands for its county
        found.setdefault(region.code, m if m.kind != "org" else _synthetic(region, m.start, m.surface))
    return next(iter(found.values())) if len(found) == 1 else None


@lru_cache(maxsize=64)
def _province(name: str) -> Region | None:
    return next((r for r in load_gazetteer().lookup(name) if r.level == "province"), None)


def _synthetic(region: Region, pos: int, surface: str) -> Mention:
    return Mention(pos, pos + len(surface), surface, region=region, party=region_party(region))


def _lift(m: Mention) -> Mention:
    """A township or village seen from afar stands for its county (东营援疆 ... 疏勒县塔孜洪乡...村)."""
    if m.kind == "local" and m.region is not None:
        return _synthetic(m.region, m.start, m.surface)
    return m


def aid_hits(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """X援疆 ... Y / X对口援乌: 援 + an abbreviation of the helped place."""
    out: list[PairHit] = []
    for pos in occurrences(text, AID_CHAR, sent):
        c = text[pos + 1 : pos + 2]
        before = [m for m in sent.mentions if m.end <= pos and pos - m.end <= AID_PREFIX_GAP]
        if not c or not before or _BREAK & set(text[before[-1].end : pos]) or before[-1].kind == "org":
            continue
        if text[pos - 1 : pos] in AID_VERB_HEADS or c in AID_VERB_TAILS:
            continue  # 支援, 救援, 援助, 援建: the verb, not 援 + a place
        x = before[-1]
        named = at(sent, pos + 1)
        if named is not None:  # 援 + the place written out
            if named.kind != "org" and x.party and named.party and x.party.province != named.party.province:
                out += hits([x], [named], AID_RELATION, sent, pos)
            continue
        province = _province(PROVINCE_ABBREVIATIONS[c]) if c in PROVINCE_ABBREVIATIONS else None
        if province is not None:
            if x.party is None or x.party.province == province.name:
                continue
            # 上海、山东、吉林、黑龙江四省市的援藏干部: every helper of the list the last one ends
            helpers = [m for m in list_before(x, sent.mentions, text, LIST_SEPARATORS)
                       if m.kind != "org" and m.party is not None and m.party.province != province.name]
            ys = _inside(province, [m for m in sent.mentions if m.start > pos], text, sent)
            if ys:  # the first place in the province, with the list it opens (莎车县、泽普县、叶城县)
                ys = [m for m in list_from(ys[0], sent.mentions, text, LIST_SEPARATORS) if m in ys]
            else:
                lo, hi = art.paragraphs.get(sent.para, (sent.start, sent.end))
                around = [m for m in art.mentions if lo <= m.start < hi and not sent.start <= m.start < sent.end]
                ys = [_lift(m) for m in _inside(province, around, text, None)][:1]
                out += [replace(h, frame="around") for y in ys for h in hits(helpers, [y], AID_RELATION, sent, pos)]
                continue
            out += [h for y in ys for h in hits(helpers, [y], AID_RELATION, sent, pos)]
        elif "\u4e00" <= c <= "\u9fff":
            ys = _by_first_char(c, art, exclude=x)
            out += hits([x], ys, AID_RELATION, sent, pos)
    return out


def _inside(province: Region, mentions: list[Mention], text: str, sent: Sentence | None) -> list[Mention]:
    out = []
    for m in mentions:
        if m.kind == "org" or m.party is None or m.party.province != province.name or m.level == "province":
            continue
        if any(w in text[m.end : m.end + 12] for w in MEETING_VERBS) and (sent is None or governed(m, sent, text)):
            continue  # the venue of a meeting (援藏项目推进会在拉萨市墨竹工卡县召开)
        out.append(m)
    return out


def _by_first_char(c: str, art: ArticleContext, exclude: Mention | None = None) -> list[Mention]:
    """The one division the article names whose name starts with ``c`` (靖 -> 靖江市)."""
    if c not in art._first:
        found: dict[str, Mention] = {}
        for m in art.mentions:
            if m.kind == "region" and m.region is not None and m.party is not None and m.level != "province":
                if m.region.name.startswith(c):
                    found.setdefault(m.key, m)
        art._first[c] = list(found.values())
    found_list = [m for m in art._first[c] if exclude is None or m.key != exclude.key]
    return found_list if len(found_list) == 1 else []


@lru_cache(maxsize=1)
def _abbrev_re() -> re.Pattern[str]:
    fillers = "|".join(f for f in PAIR_ABBREV_FILLERS if f)
    rels = "|".join(sorted((*PAIR_ABBREV_RELATIONS, *PAIR_ABBREV_FUNDS), key=len, reverse=True))
    links = "|".join(sorted(PAIR_ABBREV_LINKS, key=len, reverse=True))
    # what may follow the two characters, tested first: most pairs of characters are followed by none of it
    after = "".join(sorted({w[0] for w in (*PAIR_ABBREV_FILLERS, *PAIR_ABBREV_RELATIONS, *PAIR_ABBREV_FUNDS) if w}))
    return re.compile(rf"([\u4e00-\u9fff])([\u4e00-\u9fff])(?=[{after}])"
                      rf"(?:(?:{fillers})(?:{POSSESSIVE}|{links})?)?(?P<rel>{rels})")


def abbrev_hits(sent: Sentence, text: str, art: ArticleContext) -> list[PairHit]:
    """沪滇协作 / 靖永对口协作 / 张沿两地扶贫协作: one character per side."""
    out: list[PairHit] = []
    if art._initials is None:
        art._initials = {m.region.name[0] for m in art.mentions if m.kind == "region" and m.region is not None}
    known = art._initials | PROVINCE_ABBREVIATIONS.keys()
    for m in _abbrev_re().finditer(text, sent.start, sent.end):
        c1, c2 = m.group(1), m.group(2)
        if c1 not in known or c2 not in known:
            continue
        if any(p.start < m.end(2) and m.start() < p.end for p in sent.mentions):
            continue
        c0 = text[m.start() - 1 : m.start()] if m.start() > sent.start else ""
        if c0 in PROVINCE_ABBREVIATIONS and c1 not in PROVINCE_ABBREVIATIONS:
            out += _three_way(c0, m, sent, art)  # 沪万夷对口支援: 上海 helps 万州 and 夷陵
            continue
        both = c1 in PROVINCE_ABBREVIATIONS and c2 in PROVINCE_ABBREVIATIONS
        sides = []
        for i, c in ((m.start(1), c1), (m.start(2), c2)):
            place = None if both else next(iter(_by_first_char(c, art)), None)
            if place is None and c in PROVINCE_ABBREVIATIONS:
                prov = _province(PROVINCE_ABBREVIATIONS[c])
                place = _synthetic(prov, i, c) if prov else None
            sides.append(place)
        if both:  # both sides named below their provinces in the sentence: those divisions
            inside = [_one_inside(p.region, sent) if p is not None and p.region else None for p in sides]
            if all(inside):
                sides = inside
            else:  # one side's county, the other side's province named by nothing
                clause = clause_bounds(text, m.start(), sent.start, sent.end)  # …县A由苏陕扶贫资金…,…县B由…: each its own
                counties = [(_one_county(p.region, sent, text, clause) or _one_county(p.region, sent, text))
                            if p is not None and p.region else None for p in sides]
                named = [p is not None and p.region is not None and _names_below(p.region, sent) for p in sides]
                if sum(c is not None for c in counties) == 1 and sum(named) == 1:
                    sides = [c or p for c, p in zip(counties, sides, strict=True)]
        a, b = sides
        if m.group("rel") in PAIR_ABBREV_FUNDS and both and all(s is not None and s.level == "province" for s in sides):
            continue  # 闽宁帮扶资金 alone: the money is the article's place's, which the sentence does not name
        if a is not None and b is not None and a.key != b.key:
            x, y = orient(a, b)
            rel = PAIR_ABBREV_FUNDS.get(m.group("rel"), m.group("rel"))
            # 京蒙两地建立对口帮扶关系: a statement that the pair was set up, not only the programme's name
            founded = any(link in text[m.end(2) : m.start("rel")] for link in PAIR_ABBREV_LINKS)
            # a province read off its abbreviation paired with a place below province level (粤黔协作 and 松桃县):
            # the province often stands for one of its cities - the one the lists pair with the place, when
            # the article names it; else the pair is trusted on a basis of its own
            mixed = (x.level == "province") != (y.level == "province")
            helper = _listed_helper_named(x, y, art) if mixed and x.level == "province" else None
            if helper is not None:
                out.append(PairHit(helper, y, relation_of(rel, sent.text), sent, m.start(), frame="official"))
                continue
            out.append(PairHit(x, y, relation_of(rel, sent.text), sent, m.start(),
                               frame="abbrev" if mixed else "stated" if founded else ""))
    return out + two_of_hits(sent, text)


def _listed_helper_named(province: Mention, helped: Mention, art: ArticleContext) -> Mention | None:
    """粤黔协作 beside 松桃县 in an article that names 东莞市, which the official lists pair with 铜仁市:
    the one place of the helping province the article names that a listed pair below province
    level joins with the helped place (or a division holding it); None for none or several."""
    if province.party is None or helped.party is None:
        return None
    found: dict[str, Mention] = {}
    for m in art.mentions:
        if (m.kind == "region" and m.party is not None and m.level not in (None, "province")
                and m.party.province == province.party.province):
            listed = lookup(m.party, helped.party)
            if listed is not None and not listed[1] and listed[0].level != "province":
                found.setdefault(m.key, m)
    return next(iter(found.values())) if len(found) == 1 else None


def _three_way(c0: str, m: re.Match[str], sent: Sentence, art: ArticleContext) -> list[PairHit]:
    """A province's abbreviation before two places' (沪万夷): the province helps each of them."""
    prov = _province(PROVINCE_ABBREVIATIONS[c0])
    if prov is None:
        return []
    helper = _synthetic(prov, m.start() - 1, c0)
    out = []
    for c in (m.group(1), m.group(2)):
        place = next(iter(_by_first_char(c, art)), None)
        if place is not None and place.party is not None and place.party.province != prov.name:
            rel = relation_of(PAIR_ABBREV_FUNDS.get(m.group("rel"), m.group("rel")), sent.text)
            out.append(PairHit(helper, place, rel, sent, m.start() - 1))  # one statement: one position
    return out


_TWO_OF = re.compile(TWO_OF_TIE)


def two_of_hits(sent: Sentence, text: str) -> list[PairHit]:
    """江苏、陕西两省协作 / 张家港和沿河两地结对帮扶: two parties summed up as 两省 with a tie."""
    hits: list[PairHit] = []
    for a, b in zip(sent.mentions, sent.mentions[1:], strict=False):
        m = _TWO_OF.match(text, b.end)
        if text[a.end : b.start] in TWO_OF_JOINERS and m and text[a.start - 1 : a.start] not in TWO_OF_JOINERS:
            if recipients_after(m.end(), sent, text):
                continue  # 杭州和宁波两市对口支援第一师: the two are helpers of the party after the verb
            hits.append(PairHit(*orient(a, b), relation_of(RELATION_VERBS.get(m.group(1), TWO_OF_DEFAULT_RELATION), sent.text), sent, a.end))
    return hits


_TWO_SIDES = re.compile(TWO_SIDES)


def two_sides_hits(sent: Sentence, text: str) -> list[PairHit]:
    """惠城、册亨两地…: two places below province level, one in an eastern province and one in a
    western, summed up as 两地."""
    hits: list[PairHit] = []
    for a, b in zip(sent.mentions, sent.mentions[1:], strict=False):
        if (text[a.end : b.start] in TWO_OF_JOINERS and _TWO_SIDES.match(text, b.end) and a.party and b.party
                and "province" not in (a.party.level, b.party.level)  # 贵州、潮州两地: a province is no such side
                and text[a.start - 1 : a.start] not in TWO_OF_JOINERS
                and {a.party.province in EAST_PROVINCES, b.party.province in EAST_PROVINCES} == {True, False}
                and {a.party.province in WEST_PROVINCES, b.party.province in WEST_PROVINCES} == {True, False}):
            hits.append(PairHit(*orient(a, b), TWO_SIDES_RELATION, sent, a.end))
    return hits
