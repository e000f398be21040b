"""Organisations known by name (parsers/data/organisations.tsv): central SOEs, ministries and
central units, big banks, universities and national charities, with the short forms the press
uses (中石化 = 中国石油化工集团有限公司).

The rules in orgs.py find organisations by the shape of their names; this finds the ones whose
names have no telling shape (中国华能, 三峡集团) and gives every known one its full name.  A
short form of two or three characters counts only where it starts a word: after punctuation,
a non-Chinese character or a function word, so that 北大 inside 东北大学 is not Peking University.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import ahocorasick

from parsers.extraction.mentions import Mention
from parsers.extraction.wording.parties import ORG_LEFT_WORDS

TABLE_FILE = Path(__file__).resolve().parents[1] / "data" / "organisations.tsv"
SHORT = 3  # a form this long or shorter needs a word start


@lru_cache(maxsize=1)
def full_names() -> dict[str, str]:
    """Every name and short form -> the organisation's full name."""
    out: dict[str, str] = {}
    with TABLE_FILE.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out[row["name"]] = row["name"]
            for alias in filter(None, row["aliases"].split("|")):
                out.setdefault(alias, row["name"])
    return out


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """The full names of the organisations the lexicon knows."""
    return frozenset(full_names().values())


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for form, full in full_names().items():
        auto.add_word(form, (form, full))
    auto.make_automaton()
    return auto


def _starts_word(text: str, start: int) -> bool:
    if start == 0:
        return True
    before = text[start - 1]
    return not ("\u4e00" <= before <= "\u9fff") or before in ORG_LEFT_WORDS


def find_known(text: str) -> list[Mention]:
    """Known organisations as written, the longest where forms overlap."""
    found: list[tuple[int, int, str]] = []
    for end, (form, _) in _automaton().iter(text):
        start = end - len(form) + 1
        if len(form) > SHORT or _starts_word(text, start):
            found.append((start, end + 1, form))
    found.sort(key=lambda t: (t[0] - t[1], t[0]))
    kept: list[tuple[int, int, str]] = []
    for s, e, form in found:
        if not any(s < ke and ks < e for ks, ke, _ in kept):
            kept.append((s, e, form))
    return [Mention(s, e, form, kind="org", org=form) for s, e, form in sorted(kept)]
