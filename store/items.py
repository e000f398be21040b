"""What the store hands back: plain dataclasses, so flows and templates never see rows or SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from parsers.records import Party


@dataclass(frozen=True)
class SaveResult:
    """The outcome of saving one extraction.

    ``duplicate``: the same text (content hash) was already stored, whether from this location or
    another; ``new_location``: this URL/path was not yet recorded for that text (another site
    carrying the same article). ``new_article`` is ``not duplicate`` until near-duplicate
    clustering arrives, when an article can be new and still a duplicate of another.
    """

    article_id: int
    new_article: bool
    duplicate: bool
    new_pairings: int
    new_funding: int
    new_location: bool = False


@dataclass(frozen=True)
class SourceRef:
    """One place an item was reported: what a digest links to."""

    url: str | None
    path: str | None
    title: str | None
    published: str | None  # ISO, as Article.published_iso gives: a bare date when only the day is known
    source: str


@dataclass(frozen=True)
class PairingItem:
    id: int
    donor: Party
    recipient: Party
    relation: str
    evidence: str
    first_seen_at: datetime
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(frozen=True)
class FundingItem:
    id: int
    amount_yuan: int
    approximate: bool
    text: str
    kind: str
    donor: Party | None
    recipient: Party | None
    period: str | None
    evidence: str
    first_seen_at: datetime
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(frozen=True)
class DigestItems:
    """What one digest reports; period_start is None when the channel never had a delivery."""

    pairings: list[PairingItem]
    funding: list[FundingItem]
    period_start: datetime | None
    period_end: datetime

    @property
    def empty(self) -> bool:
        return not self.pairings and not self.funding


@dataclass(frozen=True)
class FailureItem:
    location: str
    source: str
    reason: str
    failed_at: datetime
    attempts: int
    resolved: bool
