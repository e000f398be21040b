"""How far to trust an extracted item: a calibrated confidence from the evidence that made it.

Each item falls into one *basis* - for a pairing, whether the official lists hold the pair, which
kind of frame read it and what kind of parties it joins; for a funding item, the evidence the
text itself gives for its donor and recipient (see ``funding_basis``).  The confidence of a basis
is read from ``parsers/data/confidence.toml``, which ``bench/calibrate.py`` writes from real
articles with hand-made gold: the lower bound of a 90% Wilson interval of the share of items on
that basis that were right, so a basis seen on few items gets a low figure.
A basis the calibration never saw gets ``UNSEEN``.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from parsers.extraction.clauses import Sentence
from parsers.extraction.mentions import LEVEL_ORDER
from parsers.extraction.wording.parties import GROUP_LIST_JOINER
from parsers.records import Party

TABLE_FILE = Path(__file__).resolve().parents[1] / "data" / "confidence.toml"
UNSEEN = 0.5
_DIVISION_LEVELS = ("province", "prefecture", "county")
# Both parties named within this many characters of the amount: the words around the figure say who
# gives to whom (浙江省向四川省投入…12亿元), not a pairing the article stated elsewhere.  Anywhere from
# 25 to 40 separates about as well on the shared corpora; a long sentence's far end often names
# another place or a whole the money is only part of.
NEAR = 30
REACHES = ("near", "named", "one", "context")


def _party_kind(p: Party | None) -> str:
    if p is None:
        return "none"
    if p.code and p.level in _DIVISION_LEVELS:
        return "division"
    if p.level in ("township", "village"):
        return "local"
    return "group" if "、" in p.name or "及" in p.name or "各" in p.name else "org"


def pairing_basis(donor: Party, recipient: Party, frame: str, listed: bool) -> str:
    """listed|unlisted / the frame (stated, money, around, official) / the parties' kinds, and
    ``/wide`` for parties two levels apart or more (see ``level_span``)."""
    kinds = "+".join(sorted({_party_kind(donor), _party_kind(recipient)}))
    return f"{'listed' if listed else 'unlisted'}/{frame or 'stated'}/{kinds}{level_span(donor.level, recipient.level)}"


WIDE_GAP = 2


def level_span(donor_level: str | None, recipient_level: str | None) -> str:
    """``/wide`` when the two sides sit WIDE_GAP levels apart or more (上海市 and a county of 云南,
    宝安区 and 广西): a province standing for one of its cities, or a county's partner read at the
    other's province level.  On first sight of new sites such pairs were right 4 times in 10, the
    pairs of near levels 80 in 83 (blind sets 2-8, predictions made before they were read)."""
    a, b = LEVEL_ORDER.get(donor_level or ""), LEVEL_ORDER.get(recipient_level or "")
    return "/wide" if a is not None and b is not None and abs(a - b) >= WIDE_GAP else ""


def reach(donor: Party | None, recipient: Party | None, sentence: Sentence, at: int) -> str:
    """Where the amount's own sentence names its parties (``at``: the amount's absolute offset):
    ``near`` both within NEAR characters of it, ``named`` both in the sentence, ``one`` of them, else
    ``context`` - the article's pairings gave them.  Evidence next to the figure carries over to
    sites never seen; how far a rule reached for the parties does not."""
    spans = [_spans(p, sentence) for p in (donor, recipient)]
    if all(spans):
        if all(min(_distance(s, at) for s in ss) <= NEAR for ss in spans):
            return "near"
        return "named"
    return "one" if any(spans) else "context"


def _spans(party: Party | None, sentence: Sentence) -> list[tuple[int, int]]:
    """Where the sentence names the party, or one of the parties a list party stands for."""
    if party is None:
        return []
    parts = set(party.full_name.split(GROUP_LIST_JOINER))
    return [(m.start, m.end) for m in sentence.mentions if m.party is not None
            and (m.party.key == party.key or m.party.full_name in parts)]


def _distance(span: tuple[int, int], at: int) -> int:
    return at - span[1] if span[1] <= at else abs(span[0] - at)


def funding_basis(donor: Party | None, recipient: Party | None, listed: bool, main: bool, where: str) -> str:
    """The evidence for a funding item's donor and recipient, strongest first:

    * ``near/<giver>``: the amount's own words name both (``reach``); a place gives
      (``place``: a division, a unit below a county or a group of them) or an organisation
      (``org``: its name is harder to read right, and its money often goes to a part of the
      place named);
    * ``listed/main`` and ``listed/other``: the official lists pair donor and recipient, and
      they are (or are not) the pairing the article states most;
    * ``unlisted/<reach>/<giver>``: neither; how much of the pair the sentence names, and who gives
      (``none``: nobody).

    The attribution rule that chose the parties (attribution.Trust) is left out on purpose: its
    levels were right on one corpus and wrong on another, so they do not carry to sites never seen.

    A pair of two provinces gets ``/provinces`` after ``near`` and ``listed``: the year-end reports of a
    whole programme (广东-广西) mix the helped province's own spending and region-wide totals into
    their figures, which a blind check on reports from new sites found wrong far more often than
    the pairs below province level."""
    giver = "none" if donor is None else "org" if _party_kind(donor) == "org" else "place"
    provinces = "/provinces" if donor is not None and recipient is not None and donor.level == recipient.level == \
        "province" else ""
    if where == "near":
        return f"near/{giver}{provinces}"
    if listed:
        return ("listed/main" if main else "listed/other") + provinces
    return f"unlisted/{where}/{giver}"


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, float]]:
    if not TABLE_FILE.exists():
        return {"pairing": {}, "funding": {}}
    data = tomllib.loads(TABLE_FILE.read_text(encoding="utf-8"))
    return {kind: {k: float(v["confidence"]) for k, v in data.get(kind, {}).items()} for kind in ("pairing", "funding")}


def confidence(kind: str, basis: str) -> float:
    """The calibrated confidence of a basis ("pairing" or "funding")."""
    return _table()[kind].get(basis, UNSEEN)
