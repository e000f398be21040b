"""What the store hands back: plain dataclasses, so flows and templates never see rows or SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from parsers.records import Official, Party


@dataclass(frozen=True)
class SaveResult:
    """The outcome of saving one extraction.

    ``new_article``: a new story (a text neither stored nor close to a stored one).
    ``duplicate``: a copy of a known story: the same text (content hash) was already stored, or
    the text is new but a near-duplicate (``near_duplicate``) of a stored one, whose cluster it
    joined. A copy adds sources, not items; it still adds the pairings and funding that only it
    states. So ``new_article`` and ``duplicate`` are exclusive and one of them is true.
    ``new_location``: this URL/path was not yet recorded for that text. ``similarity``: the
    estimated Jaccard similarity to the article a near-duplicate resembled.
    """

    article_id: int
    new_article: bool
    duplicate: bool
    new_pairings: int
    new_funding: int
    new_location: bool = False
    near_duplicate: bool = False
    cluster_id: int | None = None
    similarity: float | None = None


@dataclass(frozen=True)
class ClusterInfo:
    """One story: every article that carries it, and its earliest publication (ISO, as SourceRef)."""

    id: int
    article_ids: list[int]
    first_article_id: int
    published: str | None


@dataclass(frozen=True)
class SourceRef:
    """One place an item was reported: what a digest links to."""

    url: str | None
    path: str | None
    title: str | None
    published: str | None  # ISO, as Article.published_iso gives: a bare date when only the day is known
    source: str
    article_id: int | None = None
    cluster_id: int | None = None  # the story: sources of one cluster are copies of one article


@dataclass(frozen=True)
class PairingItem:
    id: int
    donor: Party
    recipient: Party
    relation: str
    evidence: str
    first_seen_at: datetime
    sources: list[SourceRef] = field(default_factory=list)
    first_published: str | None = None  # the earliest publication among its sources
    confidence: float | None = None  # None for items stored before confidences existed
    basis: str | None = None
    official: Official | None = None  # the official list that holds the pair, if any
    # The same two parties were stored paired the other way round before it: not news, whatever its list.
    seen_before: bool = False


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
    first_published: str | None = None  # the earliest publication among its sources
    cluster_id: int | None = None  # the story that announced it
    # Another story announced the same amount between the same parties within 30 days: likely
    # the same money reported again (kept, so nothing is lost; repeat_of is the earlier item).
    likely_repeat: bool = False
    repeat_of: int | None = None
    confidence: float | None = None
    basis: str | None = None


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
    first_failed_at: datetime | None = None


@dataclass(frozen=True)
class RunInfo:
    """A finished ingest run, as ``pairwatch status`` shows it."""

    kind: str
    started_at: datetime
    finished_at: datetime
    outcome: str  # "ok" | "partial" | "failed"
    summary: dict[str, int]


@dataclass(frozen=True)
class ChannelInfo:
    """A digest channel: when it last got a digest, how many it got, how many items wait for it."""

    channel: str
    last_delivered_at: datetime
    deliveries: int
    pending_pairings: int
    pending_funding: int
