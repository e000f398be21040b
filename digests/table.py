"""Stored items as flat rows with named columns: what an export holds, so a reader needs no manual.

Each kind (pairings, funding, articles, failures) has its own columns; a party is five columns
(name, full name, division code, level, province) on each side; every source is kept, URLs and
titles as lists in the same order (a file's path stands where a document had no URL).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from digests.stories import is_new, to_check
from parsers.records import Party
from store.items import FailureItem, FundingItem, PairingItem, SourceRef
from store.selection import ArticleInfo

Row = dict[str, Any]
LIST_COLUMNS = ("source_urls", "source_titles", "locations")  # one value per source: lists

_PARTY = ("", "_full_name", "_code", "_level", "_province")
PAIRING_COLUMNS = (
    "id", *(f"donor{s}" for s in _PARTY), *(f"recipient{s}" for s in _PARTY), "relation",
    "official_programme", "official_since", "official_document", "new_pairing", "seen_reversed", "confidence",
    "to_check",
    "evidence", "first_seen", "published", "source_count", "source_urls", "source_titles",
)
FUNDING_COLUMNS = (
    "id", "amount_yuan", "amount_as_written", "approximate", "kind", "period",
    *(f"donor{s}" for s in _PARTY), *(f"recipient{s}" for s in _PARTY), "likely_repeat_of", "confidence",
    "to_check", "evidence", "first_seen", "published", "source_count", "source_urls", "source_titles",
)
ARTICLE_COLUMNS = ("id", "title", "source", "published", "first_seen", "story", "pairings", "funding", "locations")
FAILURE_COLUMNS = ("location", "source", "reason", "first_failed", "last_failed", "attempts")
COLUMNS = {"pairings": PAIRING_COLUMNS, "funding": FUNDING_COLUMNS, "articles": ARTICLE_COLUMNS,
           "failures": FAILURE_COLUMNS}


def _iso(when: datetime | None) -> str | None:
    return when.isoformat(timespec="seconds") if when else None


def _party(prefix: str, p: Party | None) -> Row:
    values = (None,) * 5 if p is None else (p.name, p.full_name, p.code, p.level, p.province)
    return {f"{prefix}{s}": v for s, v in zip(_PARTY, values, strict=True)}


def _sources(refs: list[SourceRef]) -> Row:
    return {"source_count": len(refs), "source_urls": [s.url or s.path or "" for s in refs],
            "source_titles": [s.title or "" for s in refs]}


def pairing_row(p: PairingItem) -> Row:
    official = p.official
    return {
        "id": p.id, **_party("donor", p.donor), **_party("recipient", p.recipient), "relation": p.relation,
        "official_programme": official.programme if official else None,
        "official_since": official.since if official else None,
        "official_document": official.source if official else None,
        "new_pairing": is_new(p), "seen_reversed": p.seen_before, "confidence": p.confidence,
        "to_check": to_check(p),
        "evidence": p.evidence, "first_seen": _iso(p.first_seen_at), "published": p.first_published,
        **_sources(p.sources),
    }


def funding_row(f: FundingItem) -> Row:
    return {
        "id": f.id, "amount_yuan": f.amount_yuan, "amount_as_written": f.text, "approximate": f.approximate,
        "kind": f.kind, "period": f.period, **_party("donor", f.donor), **_party("recipient", f.recipient),
        "likely_repeat_of": f.repeat_of, "confidence": f.confidence, "to_check": to_check(f),
        "evidence": f.evidence, "first_seen": _iso(f.first_seen_at), "published": f.first_published,
        **_sources(f.sources),
    }


def article_row(a: ArticleInfo) -> Row:
    return {"id": a.id, "title": a.title, "source": a.source, "published": a.published,
            "first_seen": _iso(a.first_seen_at), "story": a.cluster_id, "pairings": a.pairings,
            "funding": a.funding, "locations": a.locations}


def failure_row(f: FailureItem) -> Row:
    return {"location": f.location, "source": f.source, "reason": f.reason,
            "first_failed": _iso(f.first_failed_at), "last_failed": _iso(f.failed_at), "attempts": f.attempts}
