"""The official pairing lists (parsers/data/official_pairings.tsv): which helper the state
assigned to which helped region, under which programme, from when, by which document.

Extraction uses them three ways:
- direction: a pair the lists know is oriented as they say (a county that "receives Ningbo's
  help" is the recipient, whatever the clause order);
- recall: two listed partners named together in a sentence about the assistance are that pair;
- labelling: every pairing carries its programme, first year and source, or nothing - a pair
  in no list is the news a reader looks for first.

A listed pair covers the parties inside it: 杭州市 → 黔东南州 covers a district of Hangzhou
helping a county of Qiandongnan.  Regions are compared by division code (a county lies in its
prefecture when their first four digits agree, in its province when the first two do), corps
divisions and organisations by name and the organisation lexicon's short forms.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from parsers.extraction.orglexicon import full_names
from parsers.extraction.wording.pairing import TITLE_CLOSE, TITLE_OPEN
from parsers.records import Official, Party

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
PAIRS_FILE = DATA_DIR / "official_pairings.tsv"

@dataclass(frozen=True)
class ListedPair:
    programme: str
    donor: str
    donor_code: str
    recipient: str
    recipient_code: str
    level: str
    from_year: int
    to_year: int | None
    source: str

    @property
    def official(self) -> Official:
        return Official(programme=self.programme, since=self.from_year, source=self.source)


def _source(row: dict[str, str]) -> str:
    """Issuer, title, number and date; a document's own title in 《》, a description of a report in
    our own words (English, not the report's headline) in quotation marks."""
    title = row["source_title"]
    quoted = "" if not title else f"{TITLE_OPEN}{title}{TITLE_CLOSE}" if _cjk(title) else f"“{title}”"
    parts = [row["source_issuer"], quoted]
    if row["source_number"]:
        parts.append(row["source_number"])
    if row["source_date"]:
        parts.append(f"({row['source_date']})")
    return " ".join(p for p in parts if p)


def _cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


@lru_cache(maxsize=1)
def listed_pairs() -> tuple[ListedPair, ...]:
    with PAIRS_FILE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return tuple(
        ListedPair(r["programme"], r["donor"], r["donor_code"], r["recipient"], r["recipient_code"], r["level"],
                   int(r["from_year"]), int(r["to_year"]) if r["to_year"] else None, _source(r))
        for r in rows
    )


def _depth(code: str) -> int:
    """The code digits a division shares with every division inside it: 2 for a province
    (330000), 4 for a prefecture (330100), all 6 for a county."""
    return 2 if code.endswith("0000") else 4 if code.endswith("00") else 6


def _region_within(code: str | None, listed_code: str) -> bool:
    """``code`` names the listed division or a division inside it."""
    if not code or not listed_code or len(code) < 6:
        return False
    return code[: _depth(listed_code)] == listed_code[: _depth(listed_code)]


def _names(party: _PartyKey, listed: str) -> bool:
    """An organisation or a corps division named as the list names it (or by a known short form)."""
    orgs = full_names()
    for name in (party.name, party.full_name):
        if not name:
            continue
        if name == listed or orgs.get(name) == listed or listed.endswith(name) and len(name) >= 3:
            return True
    return False


def _side(party: _PartyKey, name: str, code: str, exact: bool = False) -> bool:
    if code:
        return party.code == code if exact else _region_within(party.code, code)
    return _names(party, name)


def _in_force(pair: ListedPair, year: int | None) -> bool:
    return year is None or pair.to_year is None or year <= pair.to_year + 1


def _specificity(pair: ListedPair) -> int:
    """How narrow the pair is: a named organisation or corps division counts as a county."""
    return sum(_depth(c) if c else 6 for c in (pair.donor_code, pair.recipient_code))


@lru_cache(maxsize=1)
def _by_province() -> tuple[dict[str, tuple[ListedPair, ...]], tuple[ListedPair, ...]]:
    """Listed pairs by the province (first two code digits) of each coded side, and the pairs
    coded on neither side (organisations or corps divisions on both)."""
    by: dict[str, list[ListedPair]] = {}
    uncoded: list[ListedPair] = []
    for pair in listed_pairs():
        codes = [c for c in (pair.donor_code, pair.recipient_code) if c]
        if not codes:
            uncoded.append(pair)
        for code in codes:
            by.setdefault(code[:2], []).append(pair)
    return {k: tuple(v) for k, v in by.items()}, tuple(uncoded)


def _candidates(a: _PartyKey, b: _PartyKey) -> list[ListedPair]:
    """The listed pairs that may hold the two parties: those with a coded side in a province of
    theirs, or, when neither has a code, those coded on neither side."""
    by, uncoded = _by_province()
    if not a.code and not b.code:
        return list(uncoded)
    out: dict[ListedPair, None] = {}
    for party in (a, b):
        if party.code:
            out.update(dict.fromkeys(by.get(party.code[:2], ())))
    return list(out)


def lookup(donor: Party, recipient: Party, year: int | None = None,
           exact: bool = False) -> tuple[ListedPair, bool] | None:
    """The most specific listed pair covering (donor, recipient), and whether the extracted order
    is the reverse of the list's; None when no list has them.  ``exact``: the list must name
    the two parties themselves, not divisions they lie in."""
    return _lookup(_side_key(donor), _side_key(recipient), year, exact)


def _side_key(p: Party) -> _PartyKey:
    return _PartyKey(p.name, p.full_name, p.code)


@dataclass(frozen=True)
class _PartyKey:
    """What the lists compare of a party: hashable, so lookups are cached."""

    name: str
    full_name: str
    code: str | None


@lru_cache(maxsize=16384)
def _lookup(donor: _PartyKey, recipient: _PartyKey, year: int | None, exact: bool) -> tuple[ListedPair, bool] | None:
    found: list[tuple[int, bool, ListedPair]] = []
    for pair in _candidates(donor, recipient):
        if not _in_force(pair, year):
            continue
        if (_side(donor, pair.donor, pair.donor_code, exact)
                and _side(recipient, pair.recipient, pair.recipient_code, exact)):
            found.append((_specificity(pair), False, pair))
        elif (_side(recipient, pair.donor, pair.donor_code, exact)
                and _side(donor, pair.recipient, pair.recipient_code, exact)):
            found.append((_specificity(pair), True, pair))
    if not found:
        return None
    found.sort(key=lambda t: (-t[0], t[1], t[2].from_year))
    _, reverse, pair = found[0]
    earliest = min(p.from_year for _, r, p in found
                   if r == reverse and (p.programme, p.donor, p.recipient) == (pair.programme, pair.donor, pair.recipient))
    return replace(pair, from_year=earliest), reverse
