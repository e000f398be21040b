"""Short names an article defines for a party: X(以下简称“Y”) makes every later Y a mention of X.

Press reports name a body in full once and then by the short name they announce in brackets
(广州某某职业技术学院(以下简称“某职院”), 毕节某某有限公司(以下简称毕节某某)); without this the short name is
no party at all, or is read as the place it starts with (毕节某某 as 毕节市).  A short name is taken
only when its characters are the full name's, in order (番职院 of 广州番禺职业技术学院, 塔县 of
塔什库尔干塔吉克自治县): a bracket that names something else (工作队 after a corps division) defines
nothing for that party.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from parsers.extraction.legalnames import in_order
from parsers.extraction.mentions import Mention
from parsers.extraction.wording.parties import ALIAS_LEADS, ALIAS_LENGTH, ALIAS_QUOTES


@lru_cache(maxsize=1)
def _definition() -> re.Pattern[str]:
    quotes = re.escape(ALIAS_QUOTES)
    lo, hi = ALIAS_LENGTH
    return re.compile(rf"[((](?:{'|'.join(ALIAS_LEADS)})[::]?[{quotes}]?([^{quotes}()(),,。;;\s]{{{lo},{hi}}})[{quotes}]?[))]")


def with_aliases(text: str, mentions: list[Mention], blocked: list[tuple[int, int]] | None = None) -> list[Mention]:
    """``mentions`` with every later occurrence of a defined short name read as its party; a
    mention lying inside such an occurrence or inside the definition (毕节 in 毕节某某) gives way."""
    added: list[Mention] = []
    brackets: list[tuple[int, int]] = []  # the definitions themselves: nothing inside them is a party
    for m in mentions:
        d = _definition().match(text, m.end)
        if d is None or m.party is None:
            continue
        short = d.group(1)
        if short == m.surface or not in_order(short, m.surface):
            continue
        brackets.append(d.span())
        pos = text.find(short, d.end())
        while pos >= 0:
            end = pos + len(short)
            if not any(a < end and pos < b for a, b in blocked or []):
                added.append(replace(m, start=pos, end=end, surface=short))
            pos = text.find(short, end)
    if not brackets:
        return mentions
    kept = [m for m in mentions if not any(a.start <= m.start and m.end <= a.end for a in added)
            and not any(lo <= m.start and m.end <= hi for lo, hi in brackets)]
    fresh = [a for a in added if not any(m.start <= a.start and a.end <= m.end for m in kept)]
    return sorted(kept + fresh, key=lambda m: (m.start, -m.end))
