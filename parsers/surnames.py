"""Common Chinese surnames (data/surnames.txt): the reader finds bylines with them, the extractor
tells a person's given name from a place's short form (带头人谢明光)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_SURNAMES_FILE = Path(__file__).parent / "data" / "surnames.txt"


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Common Chinese surnames (single characters), one string a line in data/surnames.txt."""
    return frozenset("".join(_SURNAMES_FILE.read_text(encoding="utf-8").split()))
