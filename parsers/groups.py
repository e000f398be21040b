"""Groups that give or receive money as a whole: 东部8个省市, 19个对口援疆省市, 中央企业,
社会各界、企业, a list of parties (上海市及嘉定区), or a span the text names as a receiver
(河南、湖北两省水源区).

They are parties of funding only: an aggregate "中央企业结对帮扶了246个县" names no pairing.
A group is written as stated; a list of parties joins their names with 、.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parsers.fundingwords import GROUP_ALIASES, GROUP_PATTERNS, REGION_GROUP_GIVING, REGION_GROUP_TAILS
from parsers.places import Mention
from parsers.records import Party

# Where a group can be: a count, 各, a side of the country, or the fixed names.
_ANCHOR = re.compile(r"(?:\d|[一二三四五六七八九十])(?:个|户|家|省)|各(?:对口|帮扶|结对)|[东西中]部|对口(?:支援|帮扶|援)|社会|央企|中央企业")


@lru_cache(maxsize=1)
def _group_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in GROUP_PATTERNS))


def span_party(span: str) -> Party:
    """A group written as stated (央企 written out as 中央企业)."""
    name = GROUP_ALIASES.get(span, span)
    return Party(name=name, full_name=name)


def list_party(parties: list[Party]) -> Party:
    """One party for several (上海市及嘉定区 -> 上海市、上海市嘉定区); a single one stays itself."""
    unique = list({p.key: p for p in parties}.values())
    if len(unique) == 1:
        return unique[0]
    provinces = {p.province for p in unique}
    return Party(name="、".join(p.name for p in unique), full_name="、".join(p.full_name for p in unique),
                 province=provinces.pop() if len(provinces) == 1 else None)


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
        for m in _group_re().finditer(text, lo, hi):
            if (m.start(), m.end()) in seen or any(i in taken for i in range(m.start(), m.end())):
                continue
            seen.add((m.start(), m.end()))
            out.append(Mention(m.start(), m.end(), m.group(0), kind="group", party=span_party(m.group(0))))
    return sorted(out, key=lambda m: m.start)


def region_group(m: Mention, text: str) -> Mention | None:
    """北京各区 / 上海市各区: the districts of a place as one group; 莆田市爱心企业 / 鼓楼区企业
    (then giving: 还向, 捐赠...): the place's companies or people, who give as themselves."""
    if m.kind != "region" or m.party is None:
        return None
    tail = next((t for t in REGION_GROUP_TAILS if text.startswith(t, m.end)), None)
    if tail is None or tail != "各区" and not text.startswith(REGION_GROUP_GIVING, m.end + len(tail)):
        return None
    return Mention(m.start, m.end + len(tail), text[m.start : m.end + len(tail)], kind="group",
                   party=Party(name=m.party.name + tail, full_name=m.party.full_name + tail, province=m.party.province))
