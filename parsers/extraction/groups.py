"""Groups that give or receive money as a whole: 东部8个省市, 19个对口援疆省市, 中央企业,
社会各界、企业, 15户省属国有企业, 结对市县, 沿海发达市县, a place's units (上海市各区, 丹寨县各乡镇)
or people (莆田市爱心人士), a party joined to a group (住建局携手28家建筑企业 -> 住建局及28家建筑
企业), a list of parties (上海市及嘉定区), or a span the text names as a receiver (河南、湖北两省水源区).

They are parties of funding only: an aggregate "中央企业结对帮扶了246个县" names no pairing.
A group is written as stated, after the place written right before it (厦门市32家民营企业); a
list of parties joins their names with 、, a party with a group joins them with 及.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parsers.extraction.mentions import Mention
from parsers.extraction.money import number
from parsers.extraction.wording.funding import (
    COUNTED_WHOLE,
    COUNTED_WHOLE_JOINER,
    GROUP_ALIASES,
    GROUP_BACK_REACH,
    GROUP_BACK_REFERENCE,
    GROUP_GIVING_ADVERBS,
    GROUP_JOINERS,
    GROUP_PATTERNS,
    GROUP_QUANTIFIERS,
    GROUP_STARTS,
    LEVEL_FUNDS,
    MEMBER_GROUPS,
    PEOPLE_DONATING,
    PEOPLE_GROUP,
    PEOPLE_STARTS,
    REGION_EACH_TAILS,
    REGION_GROUP_GIVING,
    REGION_GROUP_TAILS,
    SIDE_COUNT,
    SIDE_HELPS,
    SPAN_TRAILING_ADVERBS,
)
from parsers.extraction.wording.parties import (
    GROUP_ANCHORS,
    GROUP_LEVEL_FUNDS,
    GROUP_LIST_JOINER,
    GROUP_MEMBER_JOINER,
    PARTY_POSSESSIVE,
)
from parsers.records import Party

_ANCHOR = re.compile(GROUP_ANCHORS)
_WHOLE = re.compile(COUNTED_WHOLE)
_PEOPLE = re.compile(f"(?={PEOPLE_STARTS})(?:{PEOPLE_GROUP})")
_SIDE_COUNT = re.compile(SIDE_COUNT)
_BACK = re.compile(GROUP_BACK_REFERENCE)
_SENTENCE_END = re.compile(r"[。!?;!?;\n]")
# 到位区级资金5.21亿元: a level's money, in the amount's own clause.
_LEVEL_FUNDS = re.compile(GROUP_LEVEL_FUNDS.format(levels="|".join(LEVEL_FUNDS)))


@lru_cache(maxsize=1)
def _group_re() -> re.Pattern[str]:
    """The group patterns as one, tried only where a group can start (most positions fail one test
    instead of eleven patterns)."""
    return re.compile(f"(?={GROUP_STARTS})(?:" + "|".join(f"(?:{p})" for p in GROUP_PATTERNS) + ")")


def span_party(span: str) -> Party:
    """A group written as stated (央企 written out as 中央企业; masking asterisks and 全体 dropped)."""
    name = GROUP_ALIASES.get(span, span).replace("*", "")
    name = next((name[len(q) :] for q in GROUP_QUANTIFIERS if name.startswith(q) and len(name) > len(q) + 1), name)
    name = next((name[: -len(a)] for a in SPAN_TRAILING_ADVERBS if name.endswith(a) and len(name) > len(a) + 1), name)
    return Party(name=name, full_name=name)


def list_party(parties: list[Party]) -> Party:
    """One party for several (上海市及嘉定区 -> 上海市、上海市嘉定区); a single one stays itself."""
    unique = list({p.key: p for p in parties}.values())
    if len(unique) == 1:
        return unique[0]
    provinces = {p.province for p in unique}
    return Party(name=GROUP_LIST_JOINER.join(p.name for p in unique),
                 full_name=GROUP_LIST_JOINER.join(p.full_name for p in unique),
                 province=provinces.pop() if len(provinces) == 1 else None)


def counted_whole(members: list[Party], text: str, end: int) -> tuple[Party, int] | None:
    """A list of places closed by 等 and their count (得禄村、…、金平县等5个县(市、区)7个行政村, the
    list ending at ``end``): the counted places as one whole, named by the count as written and
    written in full as its listed members and the count; where the whole ends.  None when no
    count closes the list: the listed places are all there is."""
    m = _WHOLE.match(text, end)
    if m is None or not members:
        return None
    listed = list_party(members)
    count = m.group(1)
    return Party(name=count, full_name=listed.full_name + COUNTED_WHOLE_JOINER + count,
                 province=listed.province), m.end()


def find_groups(text: str, mentions: list[Mention]) -> list[Mention]:
    """Group mentions outside the parties already found."""
    out: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    windows: list[tuple[int, int]] = []
    for a in _ANCHOR.finditer(text):  # the pattern runs only around the characters groups turn on
        lo, hi = max(0, a.start() - 14), min(len(text), a.end() + 14)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    taken = {i for p in mentions for i in range(p.start, p.end)}
    for lo, hi in windows:
        for m in [*_group_re().finditer(text, lo, hi), *_PEOPLE.finditer(text, lo, hi)]:
            if (m.start(), m.end()) in seen or any(i in taken for i in range(m.start(), m.end())):
                continue
            if m.re is _PEOPLE and not _donating(text, m.end()):
                continue
            seen.add((m.start(), m.end()))
            out.append(Mention(m.start(), m.end(), m.group(0), kind="group", party=span_party(m.group(0))))
    return sorted(out, key=lambda m: m.start)


def _donating(text: str, pos: int) -> bool:
    """The rest of the sentence from ``pos`` speaks of a donation (慷慨解囊,捐赠10万元)."""
    end = _SENTENCE_END.search(text, pos)
    rest = text[pos : end.start() if end else len(text)]
    return any(w in rest for w in PEOPLE_DONATING)


# What can follow a place that starts one of its groups, and a party that starts its members.
_AFTER_REGION = (*REGION_EACH_TAILS, *REGION_GROUP_TAILS, PARTY_POSSESSIVE)
_MEMBERS_AFTER = tuple(j + t for j in GROUP_JOINERS[:2] for t in MEMBER_GROUPS)


def region_group(m: Mention, text: str) -> Mention | None:
    """北京各区 / 上海市各区 / 丹寨县各乡镇: the units of a place as one group; 莆田市爱心企业 /
    鼓楼区企业 / 济南高新区的社会力量 (then giving: 还向, 捐赠...): the companies or people of a place (or
    of a zone or township), who give as themselves."""
    if m.kind not in ("region", "local") or m.party is None or not text.startswith(_AFTER_REGION, m.end):
        return None  # (one C-speed test first: this runs for every place of every article)
    tail = next((t for t in REGION_EACH_TAILS if text.startswith(t, m.end)), None)
    if tail is not None:
        return _joined(m, tail, m.end + len(tail), text, "")
    at = m.end + 1 if text.startswith(PARTY_POSSESSIVE, m.end) else m.end  # 上海的企业和社会组织
    tail = next((t for t in REGION_GROUP_TAILS if text.startswith(t, at)), None)
    if tail is None or not _giving(text, at + len(tail)):
        return None
    return _joined(m, tail, at + len(tail), text, "")


def _giving(text: str, pos: int) -> bool:
    """What follows ``pos`` is a giving verb, after at most a few adverbs (今年已经向)."""
    for _ in range(3):
        if text.startswith(REGION_GROUP_GIVING, pos):
            return True
        word = next((w for w in GROUP_GIVING_ADVERBS if text.startswith(w, pos)), None)
        if word is None:
            return False
        pos += len(word)
    return text.startswith(REGION_GROUP_GIVING, pos)


def _joined(first: Mention, name: str, end: int, text: str, joiner: str, as_written: bool = False) -> Mention:
    """``first``'s party followed by a group called ``name`` (ending at ``end``), as one group; with
    ``as_written`` its name is the text's (陕西50个脱贫县), its full name the place's full one."""
    p = first.party
    assert p is not None
    short = text[first.start : end] if as_written else p.name + joiner + name
    return Mention(first.start, end, text[first.start : end], kind="group",
                   party=Party(name=short, full_name=p.full_name + joiner + name, province=p.province))


def qualified(found: list[Mention], own: list[Mention], mentions: list[Mention], text: str) -> list[Mention]:
    """Groups with the party written before them: a place right before a group the patterns
    ``found`` qualifies it (厦门市32家民营企业, 浙江山区26县, 七都镇的3家企业); a party joined to a group by
    及/和/携手 gives with it (天津和东部九省市 -> 天津市及东部九省市), as does a party with its
    own members (集团及所属企业).  ``own`` are the places' groups (上海市各区).  Overlapping
    groups keep the outermost."""
    by_end = {m.end: m for m in mentions if m.party is not None and m.kind != "group"}
    out: list[Mention] = []
    for g in found:
        of = PARTY_POSSESSIVE if text.endswith(PARTY_POSSESSIVE, 0, g.start) else ""  # 七都镇的3家企业
        before = by_end.get(g.start - len(of))
        if before is not None and before.kind in ("region", "local") and g.party is not None:
            g = _joined(before, g.party.name, g.end, text, of, as_written=True)
        out.append(g)
    out[:0] = own  # a place's own group written as one (济南高新区社会力量) before the same span qualified
    for g in list(out):
        for j in GROUP_JOINERS:
            x = by_end.get(g.start - len(j))
            if x is not None and text.startswith(j, g.start - len(j)) and g.party is not None:
                out.append(_joined(x, g.party.name, g.end, text, GROUP_MEMBER_JOINER))
                break
    for m in by_end.values():  # 中国华电集团有限公司及所属企业
        if not text.startswith(_MEMBERS_AFTER, m.end):
            continue
        for j in GROUP_JOINERS[:2]:
            tail = next((t for t in MEMBER_GROUPS if text.startswith(j + t, m.end)), None)
            if tail is not None:
                out.append(_joined(m, tail, m.end + len(j) + len(tail), text, GROUP_MEMBER_JOINER))
    out.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for g in out:
        if not any(k.start <= g.start and g.end <= k.end for k in kept):
            kept.append(g)
    return kept


def all_groups(text: str, mentions: list[Mention]) -> list[Mention]:
    """Every group of the text: the patterns' and the places', qualified and joined, and the
    words that refer back to one (各企业)."""
    own = [g for m in mentions if (g := region_group(m, text))]
    found = qualified(find_groups(text, mentions), own, mentions, text)
    return sorted(found + referred(found, mentions, text), key=lambda m: m.start)


def referred(groups: list[Mention], mentions: list[Mention], text: str) -> list[Mention]:
    """各企业 / 这些企业 written after a group of companies (中央驻滇和省属企业…,各企业累计投入): that
    group again; with none near before, no party (各企业 alone names nobody)."""
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in [*mentions, *groups]]
    for m in _BACK.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        head = m.group(1)
        before = [g for g in groups if g.end <= m.start() and m.start() - g.end <= GROUP_BACK_REACH
                  and g.party is not None and g.party.name.endswith(head)]
        if before:
            out.append(Mention(m.start(), m.end(), m.group(0), kind="group", party=before[-1].party))
    return out


def counted_side(groups: list[Mention], helpers: list[Party], helped: list[Party]) -> list[Mention]:
    """东部4市 in an article whose pairs have four helpers: those four, as one list party (the count
    names who they are); a count that is not theirs leaves the group as written."""
    out = []
    for g in groups:
        m = _SIDE_COUNT.fullmatch(g.surface)
        side = list({p.key: p for p in (helpers if SIDE_HELPS[m.group(1)] else helped)}.values()) if m else []
        if m is not None and len(side) >= 2 and number(m.group(2)) == len(side):
            g = Mention(g.start, g.end, g.surface, kind="group", party=list_party(side))
        out.append(g)
    return out


def level_funds(donor: Party | None, before: str) -> Party | None:
    """区级资金 / 县级援藏资金 given by a province or a city: the money of its districts or
    counties as one group (上海市 -> 上海市各区); any other donor stays."""
    m = _LEVEL_FUNDS.search(before)
    if m is None or donor is None or donor.level not in ("province", "prefecture"):
        return donor
    tail = LEVEL_FUNDS[m.group(1)]
    return Party(name=donor.name + tail, full_name=donor.full_name + tail, province=donor.province)
