"""How far to trust an extracted item: a calibrated confidence from the evidence that made it.

Each item falls into one *basis* - for a pairing, whether the official lists hold the pair, which
kind of frame read it and what kind of parties it joins; for a funding item, how its donor and
recipient were found (the attribution rule's trust) and how many of them there are.  The
confidence of a basis is read from ``parsers/data/confidence.toml``, which ``bench/calibrate.py``
writes from real articles with hand-made gold: the lower bound of a 90% Wilson interval of the
share of items on that basis that were right, so a basis seen on few items gets a low figure.
A basis the calibration never saw gets ``UNSEEN``.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from parsers.records import Party

TABLE_FILE = Path(__file__).resolve().parents[1] / "data" / "confidence.toml"
UNSEEN = 0.5
_DIVISION_LEVELS = ("province", "prefecture", "county")


def _party_kind(p: Party | None) -> str:
    if p is None:
        return "none"
    if p.code and p.level in _DIVISION_LEVELS:
        return "division"
    if p.level in ("township", "village"):
        return "local"
    return "group" if "、" in p.name or "及" in p.name or "各" in p.name else "org"


def pairing_basis(donor: Party, recipient: Party, frame: str, listed: bool) -> str:
    """listed|unlisted / the frame (stated, money, around, official) / the parties' kinds."""
    kinds = "+".join(sorted({_party_kind(donor), _party_kind(recipient)}))
    return f"{'listed' if listed else 'unlisted'}/{frame or 'stated'}/{kinds}"


def funding_basis(donor: Party | None, recipient: Party | None, trust: int, listed: bool) -> str:
    """The attribution rule's trust (6 = the sentence says who gives to whom ... 0 = nobody),
    which parties were found, and whether the official lists pair them."""
    found = "both" if donor and recipient else "donor" if donor else "recipient" if recipient else "none"
    return f"trust{int(trust)}/{found}" + ("/listed" if listed else "")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, float]]:
    if not TABLE_FILE.exists():
        return {"pairing": {}, "funding": {}}
    data = tomllib.loads(TABLE_FILE.read_text(encoding="utf-8"))
    return {kind: {k: float(v["confidence"]) for k, v in data.get(kind, {}).items()} for kind in ("pairing", "funding")}


def confidence(kind: str, basis: str) -> float:
    """The calibrated confidence of a basis ("pairing" or "funding")."""
    return _table()[kind].get(basis, UNSEEN)
