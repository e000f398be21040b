"""The schema: one table per record kind, unique constraints on every natural key.

Natural keys (content hash, party key, donor+recipient, funding item key) are what make saving
idempotent and safe under concurrent writers; surrogate ids are what digests use as watermarks.
Clusters group the articles that tell one story (exact copies share an article row, near copies
share a cluster); signatures and LSH band keys are kept so clustering never recomputes old ones.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class TZDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out.

    SQLite has no time zones and drops tzinfo; storing naive UTC on every dialect (PostgreSQL
    included, as ``timestamp without time zone``) makes comparisons and round trips exact.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: the store needs a timezone-aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


def _fk(target: str, nullable: bool = False) -> Any:
    return mapped_column(ForeignKey(target), nullable=nullable, index=True)


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    parser: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    path: Mapped[str | None] = mapped_column(Text, index=True)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(TZDateTime)  # the instant, in UTC
    published_offset: Mapped[int | None] = mapped_column(Integer)  # seconds east of UTC, as given
    published_precision: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list] = mapped_column(JSON)
    publisher: Mapped[str | None] = mapped_column(Text)
    script: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(Text, unique=True)
    flags: Mapped[list] = mapped_column(JSON)
    mojibake_spans: Mapped[list] = mapped_column(JSON)
    first_seen_at: Mapped[datetime] = mapped_column(TZDateTime)
    # The story this text belongs to; set in the same transaction as the insert (store/dedupe.py).
    cluster_id: Mapped[int | None] = _fk("clusters.id", nullable=True)


class ClusterRow(Base):
    """One story, however many sites and scripts carried it: its first article and earliest publication.

    The article ids are plain integers, not foreign keys: articles point at clusters, and a cycle of
    foreign keys would need ALTER TABLE, which SQLite lacks.
    """

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_article_id: Mapped[int] = mapped_column(Integer, index=True)
    published: Mapped[datetime | None] = mapped_column(TZDateTime)  # earliest publication of any member
    published_article_id: Mapped[int | None] = mapped_column(Integer)  # the member that gave it
    first_seen_at: Mapped[datetime] = mapped_column(TZDateTime)


class ArticleSignatureRow(Base):
    """An article's MinHash signature under a named scheme; NULL for a text too short to compare."""

    __tablename__ = "article_signatures"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    scheme: Mapped[str] = mapped_column(Text)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)


class LshBandRow(Base):
    """One LSH band key of one article: a lookup by key is one index probe however many articles exist.

    Derived data (rebuilt from signatures by store.dedupe.reindex), so no foreign key to slow the
    many inserts; WITHOUT ROWID on SQLite keeps the table and its key one B-tree.
    """

    __tablename__ = "lsh_bands"
    __table_args__ = {"sqlite_with_rowid": False}

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class ArticleLocationRow(Base):
    """Every URL or path an article's exact text was found at: five sites, one article, five links."""

    __tablename__ = "article_locations"
    __table_args__ = (UniqueConstraint("article_id", "location"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = _fk("articles.id")
    location: Mapped[str] = mapped_column(Text, index=True)  # url, else path
    url: Mapped[str | None] = mapped_column(Text, index=True)
    path: Mapped[str | None] = mapped_column(Text, index=True)
    # parsers.urls.canonical_url of the URL, as the record carried it: one key however a link is spelt.
    canonical_url: Mapped[str | None] = mapped_column(Text, index=True)
    source: Mapped[str] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(TZDateTime)


class PartyRow(Base):
    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)  # division code for regions, else full name
    name: Mapped[str] = mapped_column(Text)
    full_name: Mapped[str] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(Text)
    level: Mapped[str | None] = mapped_column(Text)
    province: Mapped[str | None] = mapped_column(Text)


class PairingRow(Base):
    __tablename__ = "pairings"
    __table_args__ = (UniqueConstraint("donor_id", "recipient_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    donor_id: Mapped[int] = _fk("parties.id")
    recipient_id: Mapped[int] = _fk("parties.id")
    relation: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    first_article_id: Mapped[int] = _fk("articles.id")
    first_seen_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)
    # The highest confidence any source gave it (parsers/extraction/confidence.py), and what it rests on.
    confidence: Mapped[float | None] = mapped_column(Float)
    basis: Mapped[str | None] = mapped_column(Text)
    # The official list that holds the pair: {"programme", "since", "source"}, or None.
    official: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))


class PairingSourceRow(Base):
    __tablename__ = "pairing_sources"

    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairings.id"), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True, index=True)
    evidence: Mapped[str] = mapped_column(Text)


class FundingRow(Base):
    __tablename__ = "funding"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_key: Mapped[str] = mapped_column(Text, unique=True)
    amount_yuan: Mapped[int] = mapped_column(BigInteger)
    approximate: Mapped[bool] = mapped_column(Boolean)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    donor_id: Mapped[int | None] = _fk("parties.id", nullable=True)
    recipient_id: Mapped[int | None] = _fk("parties.id", nullable=True)
    period: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    first_article_id: Mapped[int] = _fk("articles.id")
    first_seen_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)
    # The story it was announced in: one item per (cluster, amount, donor, recipient).
    cluster_id: Mapped[int | None] = _fk("clusters.id", nullable=True)
    # When it was announced: the first article's publication, else when it was first seen.
    reported_on: Mapped[datetime | None] = mapped_column(TZDateTime)
    # The earlier item of another story with the same amount and parties within 30 days, if any.
    repeat_of: Mapped[int | None] = _fk("funding.id", nullable=True)
    confidence: Mapped[float | None] = mapped_column(Float)
    basis: Mapped[str | None] = mapped_column(Text)


Index("ix_funding_repeat_lookup", FundingRow.amount_yuan, FundingRow.reported_on)


class FundingSourceRow(Base):
    __tablename__ = "funding_sources"

    funding_id: Mapped[int] = mapped_column(ForeignKey("funding.id"), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True, index=True)
    evidence: Mapped[str] = mapped_column(Text)


class FailureRow(Base):
    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    location: Mapped[str] = mapped_column(Text, unique=True)
    source: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    failed_at: Mapped[datetime] = mapped_column(TZDateTime, index=True)  # the latest attempt
    attempts: Mapped[int] = mapped_column(Integer)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    first_failed_at: Mapped[datetime | None] = mapped_column(TZDateTime)  # the first attempt of this streak


class RunRow(Base):
    """One finished ingest run: when, how it ended, its summary counts (``pairwatch status``)."""

    __tablename__ = "runs"
    __table_args__ = (Index("ix_runs_kind_finished_at", "kind", "finished_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(Text)  # "ingest"
    started_at: Mapped[datetime] = mapped_column(TZDateTime)
    finished_at: Mapped[datetime] = mapped_column(TZDateTime)
    outcome: Mapped[str] = mapped_column(Text)  # "ok" | "partial" | "failed"
    summary: Mapped[dict] = mapped_column(JSON)


class DeliveryRow(Base):
    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(Text, index=True)  # "file:/abs/path.md", "email:a@x,b@y", "atom"
    delivered_at: Mapped[datetime] = mapped_column(TZDateTime)
    pairing_watermark: Mapped[int] = mapped_column(Integer)  # highest pairing id delivered so far
    funding_watermark: Mapped[int] = mapped_column(Integer)
    pairings_count: Mapped[int] = mapped_column(Integer)
    funding_count: Mapped[int] = mapped_column(Integer)


metadata = Base.metadata
# Core tables: the repository writes with Core statements (upserts) on connections.
articles: Table = ArticleRow.__table__  # type: ignore[assignment]
locations: Table = ArticleLocationRow.__table__  # type: ignore[assignment]
parties: Table = PartyRow.__table__  # type: ignore[assignment]
pairings: Table = PairingRow.__table__  # type: ignore[assignment]
pairing_sources: Table = PairingSourceRow.__table__  # type: ignore[assignment]
funding: Table = FundingRow.__table__  # type: ignore[assignment]
funding_sources: Table = FundingSourceRow.__table__  # type: ignore[assignment]
failures: Table = FailureRow.__table__  # type: ignore[assignment]
deliveries: Table = DeliveryRow.__table__  # type: ignore[assignment]
runs: Table = RunRow.__table__  # type: ignore[assignment]
clusters: Table = ClusterRow.__table__  # type: ignore[assignment]
article_signatures: Table = ArticleSignatureRow.__table__  # type: ignore[assignment]
lsh_bands: Table = LshBandRow.__table__  # type: ignore[assignment]

# Core-only tables: the digest delivery ledger (store/delivery.py) and the fetcher's memory of
# every URL (store/fetch_state.py).
ledger = Table(
    "delivery_ledger",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel", Text, nullable=False),
    Column("kind", Text, nullable=False),  # "pairing" | "funding"
    Column("item_id", Integer, nullable=False),
    Column("state", Text, nullable=False),  # "claimed" | "delivered"
    Column("token", Text, nullable=False),  # the run that claimed (and then delivered) it
    Column("claimed_at", TZDateTime, nullable=False),
    Column("lease_until", TZDateTime, nullable=False),
    Column("delivered_at", TZDateTime),
    UniqueConstraint("channel", "kind", "item_id"),
    Index("ix_delivery_ledger_token", "token"),
)

baselines = Table(
    "delivery_baselines",
    metadata,
    Column("channel", Text, primary_key=True),
    Column("pairing_id", Integer, nullable=False),  # pairings with id <= this were delivered by watermark
    Column("funding_id", Integer, nullable=False),
)

# A digest channel's subscription (store/subscriptions.py): what it is, and where its history starts.
channels = Table(
    "digest_channels",
    metadata,
    Column("channel", Text, primary_key=True),  # the ledger's key: destination, format and filters
    Column("spec", JSON, nullable=False),  # {"kind", "target", "format", "filters"}, for people and status
    Column("start", Text, nullable=False),  # "now" | "all" | an ISO date | "inherited"
    Column("subscribed_at", TZDateTime, nullable=False),
    Column("since", TZDateTime),  # where its first digest's period starts (None: the beginning)
    Column("inherited_from", JSON),  # the pre-0006 channel ids whose deliveries it continues
)



fetch_state = Table(
    "fetch_state",
    metadata,
    Column("url", Text, primary_key=True),  # as fetched (clean form), not the canonical key
    Column("source", Text, nullable=False, index=True),
    Column("kind", Text, nullable=False),  # listing | article | robots
    Column("etag", Text),
    Column("last_modified", Text),
    Column("status", Integer),  # last HTTP status, None when no response came
    Column("reason", Text),  # why the last attempt failed or was skipped; None when it succeeded
    Column("attempts", Integer, nullable=False, default=0),
    Column("done", Boolean, nullable=False, default=False),  # article stored, skipped or given up
    Column("body", Text),  # kept for robots.txt only: its rules, reused for a day
    Column("first_seen_at", TZDateTime, nullable=False),
    Column("fetched_at", TZDateTime),
)


# Articles the ingest gate turned away (parsers/extraction/topic.py): kept as seen, so the fetcher
# never asks for them again, but not stored, clustered or digested (store/offtopic.py).
off_topic = Table(
    "off_topic",
    metadata,
    Column("location", Text, primary_key=True),  # url, else path
    Column("url", Text),
    Column("canonical_url", Text, index=True),
    Column("path", Text),
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("published", TZDateTime),
    Column("reason", Text, nullable=False),
    Column("seen_at", TZDateTime, nullable=False),
)


# Per configured source, how its fetches have gone across runs (store/health.py): what tells a
# listing that moved or a site that went quiet from one that merely had a slow day.
source_health = Table(
    "source_health",
    metadata,
    Column("source", Text, primary_key=True),
    Column("tracked_since", TZDateTime, nullable=False),  # its first run: "quiet" counts from here
    Column("last_run_at", TZDateTime),
    Column("last_success_at", TZDateTime),  # a run in which at least one of its listings was read
    Column("last_new_article_at", TZDateTime),  # a run that stored a new article of it
    Column("consecutive_failures", Integer, nullable=False, default=0),  # runs in a row with no listing read
    Column("last_error", Text),
)
