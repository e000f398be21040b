"""The Store: the one object flows use to save extractions and to ask what is new."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, case, func, insert, select, update

from parsers.records import Article, Extraction, ParseFailure

from . import clusters, delivery, subscriptions
from . import models as m
from .db import insert_ignore, make_engine, resolve_db_url, write_tx
from .digest import last_delivery, load_items, published_iso, published_local
from .health import FAILING_AFTER, QUIET_DAYS, SourceHealth, read_health, record_fetch, record_new_articles
from .items import ChannelInfo, ClusterInfo, DigestItems, FailureItem, RunInfo, SaveResult
from .migrate import ensure_schema
from .offtopic import known_off_topic, record_off_topic
from .saving import failure_location, resolve_failures, resolve_locations, save_extraction
from .selection import ArticleInfo, Selection, funding_condition, load_articles, pairing_condition

log = logging.getLogger(__name__)
_CHUNK = 500  # bound on IN (...) lists: old SQLite builds allow 999 parameters
_REASON_MAX = 2000
SAVE_CHUNK = 500  # documents per write transaction: a commit (an fsync, maybe a checkpoint) costs ~40 ms
DEFAULT_LEASE = timedelta(minutes=30)  # longer than the slowest delivery, retries included


def now() -> datetime:
    """The store's clock (UTC, aware); tests monkeypatch it."""
    return datetime.now(UTC)


class Store:
    """Articles, parties, pairings, funding, failures and deliveries in one SQL database."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_db_url(url)
        self.engine = make_engine(self.url)
        ensure_schema(self.engine)  # Alembic migrations, under the write lock
        self.reindex()

    def reindex(self, batch: int = 1000) -> int:
        """Sign the articles that lack a signature of the current dedupe scheme; how many were signed.

        A no-op (one query) on a database written by this version; after a change of the scheme it
        recomputes old signatures once, in batches, so later runs never do.
        """
        with self.engine.connect() as conn:
            if not clusters.needs_reindex(conn):
                return 0
        done = 0
        while True:
            with write_tx(self.engine) as conn:
                n = clusters.reindex(conn, now(), batch)
            done += n
            if n < batch:
                return done

    def close(self) -> None:
        """Close pooled connections (the engine stays usable and shared)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- saving ---------------------------------------------------------------------------------

    def save(self, extraction: Extraction) -> SaveResult:
        """Save one document in one transaction: all of it or, if anything raises, none of it."""
        with write_tx(self.engine) as conn:
            result = save_extraction(conn, extraction, now())
            resolve_failures(conn, [extraction.article])
            return result

    def save_many(self, extractions: Iterable[Extraction]) -> list[SaveResult | ParseFailure]:
        """Save documents, SAVE_CHUNK to a transaction and each in a savepoint; one that fails is
        recorded and the rest go on.

        Results are in input order: a SaveResult, or the ParseFailure that was recorded. A commit
        per document cost more than saving it; a savepoint keeps each document all-or-nothing.
        Should a chunk's transaction itself fail (a lost connection, a lock timeout), its
        documents are saved again one transaction each, so that each fails or saves on its own.
        """
        results: list[SaveResult | ParseFailure] = []
        items = list(extractions)
        for i in range(0, len(items), SAVE_CHUNK):
            chunk = items[i : i + SAVE_CHUNK]
            try:
                results += self._save_chunk(chunk)
            except Exception as exc:  # noqa: BLE001 - retried one document at a time below
                log.warning("saving %d documents together failed (%s); saving them one by one", len(chunk), exc)
                for ex in chunk:
                    try:
                        results += self._save_chunk([ex])
                    except Exception as exc_one:  # noqa: BLE001 - one document must not stop the rest
                        failure = self._failure_of(ex, exc_one)
                        self.record_failure(failure)
                        results.append(failure)
        return results

    def _save_chunk(self, chunk: list[Extraction]) -> list[SaveResult | ParseFailure]:
        """One write transaction: each document saved or recorded as failed; saved ones' old failures resolved."""
        with write_tx(self.engine) as conn:
            probe = clusters.ChunkProbe(conn, [ex.article.text for ex in chunk])  # the index asked once for the chunk
            done = [self._save_or_record(conn, ex, probe, i) for i, ex in enumerate(chunk)]
            probe.flush(conn)
            resolve_failures(conn, [ex.article for ex, r in zip(chunk, done, strict=True) if isinstance(r, SaveResult)])
        return done

    def _save_or_record(self, conn: Connection, ex: Extraction, probe: clusters.ChunkProbe, i: int) -> SaveResult | ParseFailure:
        """Save one document inside a savepoint; if it raises, undo it and record the failure instead."""
        try:
            with conn.begin_nested():
                result = save_extraction(conn, ex, now(), (probe, i))
        except Exception as exc:  # noqa: BLE001 - any failure of one document must not stop the rest
            probe.settle(i, kept=False)
            failure = self._failure_of(ex, exc)
            _record_failure(conn, failure, now())
            return failure
        probe.settle(i, kept=True)
        return result

    @staticmethod
    def _failure_of(ex: Extraction, exc: BaseException) -> ParseFailure:
        reason = f"store: {type(exc).__name__}: {exc}"[:_REASON_MAX]
        failure = ParseFailure(location=failure_location(ex.article), source=ex.article.source, reason=reason)
        log.warning("could not save %s: %s", failure.location, reason)
        return failure

    def record_failure(self, failure: ParseFailure) -> None:
        """Remember a document that failed; recording it again counts another attempt."""
        self.record_failures([failure])

    def record_off_topic(self, articles: Iterable[Article], reason: str) -> int:
        """Remember articles the ingest gate turned away as seen (location, title, date, reason):
        never fetched again, never stored in full; their old failures are over. How many were new."""
        articles = [a for a in articles if a.location]
        if not articles:
            return 0
        with write_tx(self.engine) as conn:
            new = record_off_topic(conn, articles, reason, now())
            resolve_locations(conn, [a.location for a in articles])
        return new

    def resolve(self, locations: Iterable[str]) -> None:
        """Locations read fine again (a listing page that failed before) are no longer failures."""
        locations = list(locations)
        if locations:
            with write_tx(self.engine) as conn:
                resolve_locations(conn, locations)

    def record_failures(self, failures: Iterable[ParseFailure]) -> None:
        """Remember failed documents, in one transaction."""
        failures = list(failures)
        if not failures:
            return
        with write_tx(self.engine) as conn:
            for failure in failures:
                _record_failure(conn, failure, now())

    def record_source_fetch(self, source: str, ok: bool, error: str | None = None) -> None:
        """One ingest run's outcome for a configured source: ok when at least one listing was read."""
        with write_tx(self.engine) as conn:
            record_fetch(conn, source, ok, error, now())

    def record_new_articles(self, counts: dict[str, int]) -> None:
        """Per source name, how many new articles this batch stored (only tracked sources change)."""
        with write_tx(self.engine) as conn:
            record_new_articles(conn, counts, now())

    # -- reading --------------------------------------------------------------------------------

    def source_health(self, failing_after: int = FAILING_AFTER, quiet_days: int = QUIET_DAYS,
                      sources: list[str] | None = None) -> list[SourceHealth]:
        """Health rows of the configured sources (all, or those named), by name, as of now: last
        successful fetch, last new article, consecutive failed runs, last error, and the flags
        ``failing`` (>= ``failing_after`` failed runs in a row) and ``quiet`` (no new article for
        ``quiet_days`` days, counted from the first run when it never brought one)."""
        with self.engine.connect() as conn:
            return read_health(conn, now(), failing_after, quiet_days, sources)

    def failures_since(
        self, when: datetime | None = None, include_resolved: bool = False, source: str | None = None
    ) -> list[FailureItem]:
        """Failures whose latest attempt is at or after ``when`` (all when None), oldest first."""
        f = m.failures
        stmt = select(f).order_by(f.c.failed_at, f.c.id)
        if when is not None:
            stmt = stmt.where(f.c.failed_at >= _aware(when))
        if source is not None:
            stmt = stmt.where(f.c.source == source)
        if not include_resolved:
            stmt = stmt.where(f.c.resolved.is_(False))
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        return [
            FailureItem(r.location, r.source, r.reason, r.failed_at, r.attempts, r.resolved,
                        r.first_failed_at or r.failed_at)
            for r in rows
        ]

    def known_locations(self, locations: Iterable[str]) -> set[str]:
        """The given URLs/paths already stored with an article or recorded as off-topic (failed
        ones are not known): the fetcher never asks for these again.

        A URL matches as stored or as its canonical form (parsers.urls.canonical_url), so a fetcher
        that asks with canonical URLs skips a page however the stored link was spelt.
        """
        wanted = sorted(set(locations))
        known: set[str] = set()
        loc = m.locations
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i : i + _CHUNK]
                stmt = select(loc.c.url, loc.c.path, loc.c.canonical_url).where(
                    loc.c.url.in_(chunk) | loc.c.path.in_(chunk) | loc.c.canonical_url.in_(chunk)
                )
                for row in conn.execute(stmt):
                    known.update(v for v in row if v is not None)
            known |= known_off_topic(conn, wanted)
        return known & set(wanted)

    def counts(self) -> dict[str, int]:
        """Row counts for summaries and tests; "failures" counts unresolved ones only."""
        tables = {
            "articles": m.articles,
            "locations": m.locations,
            "parties": m.parties,
            "pairings": m.pairings,
            "pairing_sources": m.pairing_sources,
            "funding": m.funding,
            "funding_sources": m.funding_sources,
            "deliveries": m.deliveries,
            "clusters": m.clusters,
            "signatures": m.article_signatures,
        }
        with self.engine.connect() as conn:
            out = {
                name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for name, t in tables.items()
            }
            unresolved = select(func.count()).select_from(m.failures).where(m.failures.c.resolved.is_(False))
            out["failures"] = conn.execute(unresolved).scalar_one()
        return out

    def record_run(self, kind: str, started_at: datetime, outcome: str, summary: dict[str, int]) -> None:
        """Remember a finished run (its counts and how it ended), for ``pairwatch status``."""
        with write_tx(self.engine) as conn:
            conn.execute(insert(m.runs).values(kind=kind, started_at=_aware(started_at), finished_at=now(),
                                               outcome=outcome, summary=summary))

    def last_run(self, kind: str) -> RunInfo | None:
        """The latest finished run of this kind, or None."""
        r = m.runs
        stmt = select(r).where(r.c.kind == kind).order_by(r.c.finished_at.desc(), r.c.id.desc()).limit(1)
        with self.engine.connect() as conn:
            row = conn.execute(stmt).first()
        return None if row is None else RunInfo(row.kind, row.started_at, row.finished_at, row.outcome,
                                                dict(row.summary))

    def channels(self, keep_for: Callable[[dict[str, Any]], delivery.Keep | None] | None = None) -> list[ChannelInfo]:
        """Every channel a digest was delivered on: its last delivery and how many items wait for it.

        ``keep_for`` turns a channel's subscription spec into its filter, so that only the items it
        would carry count as waiting.
        """
        d = m.deliveries
        stmt = select(d.c.channel, func.max(d.c.delivered_at), func.count()).group_by(d.c.channel).order_by(d.c.channel)
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        out = []
        for channel, last, n in rows:
            sub = self.subscription(channel) if keep_for is not None else None
            waiting = self.pending(channel, keep_for(sub.spec) if keep_for is not None and sub is not None else None)
            out.append(ChannelInfo(channel, last, n, len(waiting.pairings), len(waiting.funding)))
        return out

    def cluster(self, cluster_id: int) -> ClusterInfo | None:
        """A story: its articles (first seen first) and its earliest publication."""
        a, c = m.articles, m.clusters
        with self.engine.connect() as conn:
            row = conn.execute(select(c).where(c.c.id == cluster_id)).first()
            if row is None:
                return None
            ids = conn.execute(
                select(a.c.id).where(a.c.cluster_id == cluster_id).order_by(a.c.first_seen_at, a.c.id)
            ).scalars().all()
            first = None
            if row.published_article_id is not None:
                art = conn.execute(
                    select(a.c.published, a.c.published_offset, a.c.published_precision)
                    .where(a.c.id == row.published_article_id)
                ).first()
                first = published_iso(*art) if art is not None else None
        return ClusterInfo(cluster_id, list(ids), row.first_article_id, first)

    def get_article(self, article_id: int) -> Article | None:
        """The stored article as a record, published back in the offset the page gave."""
        with self.engine.connect() as conn:
            row = conn.execute(select(m.articles).where(m.articles.c.id == article_id)).first()
        if row is None:
            return None
        data = dict(row._mapping)
        data["published"] = published_local(data["published"], data.pop("published_offset"))
        for key in ("id", "first_seen_at", "cluster_id"):
            data.pop(key)
        return Article(**data)

    # -- digests --------------------------------------------------------------------------------

    def pending(self, channel: str, keep: delivery.Keep | None = None) -> DigestItems:
        """Every pairing and funding item not yet delivered on the channel nor claimed by a running digest
        (only those its filter ``keep`` lets through, when given)."""
        with self.engine.connect() as conn:
            return delivery.kept(delivery.pending_items(conn, channel, now()), keep)

    def claim(self, channel: str, lease: timedelta = DEFAULT_LEASE, keep: delivery.Keep | None = None,
              start: subscriptions.Start | None = None) -> delivery.Claim:
        """Hold the channel's pending items for one delivery; confirm or release the claim afterwards.

        Two overlapping digests of one channel get disjoint claims; a claim not confirmed within
        ``lease`` (its run died) expires and its items are pending again. ``keep`` is the channel's
        filter; ``start`` subscribes a channel used for the first time (store/subscriptions.py);
        without it every stored item is pending on a new channel.
        """
        at = now()
        with write_tx(self.engine) as conn:
            sub = subscriptions.subscribe(conn, channel, start, at) if start is not None else None
            claim = delivery.claim_items(conn, channel, at, at + lease, keep)
            # the first digest says "subscribed" until one was delivered (a failed first delivery keeps it)
            first = sub is not None and sub.start != subscriptions.INHERITED and last_delivery(conn, channel) is None
        return dataclasses.replace(claim, subscribed=first)

    def preview(self, channel: str, keep: delivery.Keep | None = None,
                start: subscriptions.Start | None = None) -> tuple[DigestItems, bool]:
        """What a claim would hold now and whether it would be the channel's first digest, holding and
        recording nothing (a dry run): the subscription a first claim makes is made, read, and rolled back."""
        at = now()
        with write_tx(self.engine) as conn:
            tx = conn.begin_nested()
            try:
                sub = subscriptions.subscribe(conn, channel, start, at) if start is not None else None
                items = delivery.kept(delivery.pending_items(conn, channel, at), keep)
                first = sub is not None and sub.start != subscriptions.INHERITED and last_delivery(conn, channel) is None
            finally:
                tx.rollback()
        return items, first

    def subscription(self, channel: str) -> subscriptions.Subscription | None:
        """The channel's subscription (where it started), or None for a channel never subscribed."""
        with self.engine.connect() as conn:
            return subscriptions.subscription(conn, channel)

    def take_over_stale(self, channel: str, lease: timedelta = DEFAULT_LEASE) -> list[delivery.Claim]:
        """The channel's claims whose run died before confirming, taken over with a new lease and
        their own delivery ids: confirm the one whose output exists, deliver the others again."""
        at = now()
        with write_tx(self.engine) as conn:
            return delivery.stale_claims(conn, channel, at, at + lease)

    def held(self, channel: str) -> tuple[int, datetime | None]:
        """Items a delivery in progress holds on the channel, and until when (0, None if none)."""
        with self.engine.connect() as conn:
            return delivery.live_holds(conn, channel, now())

    def confirm(self, claim: delivery.Claim) -> int:
        """Record the claim's items as delivered (call only after delivery succeeded)."""
        with write_tx(self.engine) as conn:
            held = delivery.confirm_claim(conn, claim, now())
        lost = len(claim.items.pairings) + len(claim.items.funding) - held
        if lost:
            log.warning("digest claim on %s outlived its lease: %d item(s) may be delivered twice", claim.channel, lost)
        return held

    def release(self, claim: delivery.Claim) -> None:
        """Give the claim's items back after a failed delivery: the next digest carries them."""
        with write_tx(self.engine) as conn:
            delivery.release_claim(conn, claim)

    def since(self, when: datetime) -> DigestItems:
        """Items first stored at or after ``when``; ad hoc, records nothing."""
        when = _aware(when)
        with self.engine.connect() as conn:
            return load_items(
                conn, m.pairings.c.first_seen_at >= when, m.funding.c.first_seen_at >= when, when, now()
            )

    # -- exports and the atlas ---------------------------------------------------------------

    def select(self, selection: Selection) -> DigestItems:
        """Every stored pairing and funding item the selection admits, oldest first, with all sources."""
        with self.engine.connect() as conn:
            return load_items(conn, pairing_condition(selection), funding_condition(selection), None, now())

    def articles(self, since: datetime | None = None, until: datetime | None = None) -> list[ArticleInfo]:
        """Every stored article published (else first stored) between ``since`` and ``until``."""
        with self.engine.connect() as conn:
            return load_articles(conn, since and _aware(since), until and _aware(until))

    def record_delivery(self, channel: str, items: DigestItems) -> None:
        """Record items delivered on a channel without a claim; an empty digest still starts a new period."""
        with write_tx(self.engine) as conn:
            delivery.record_items(conn, channel, items, now())


def _aware(when: datetime) -> datetime:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"naive datetime {when!r}: pass a timezone-aware one")
    return when


def _record_failure(conn: Connection, failure: ParseFailure, at: datetime) -> None:
    """Insert the failure, or count another attempt of a location that failed before."""
    row = {
        "location": failure.location,
        "source": failure.source,
        "reason": failure.reason,
        "failed_at": at,
        "first_failed_at": at,
        "attempts": 1,
        "resolved": False,
    }
    if not insert_ignore(conn, m.failures, row, ["location"]):
        stmt = update(m.failures).where(m.failures.c.location == failure.location)
        conn.execute(
            stmt.values(
                source=failure.source,
                reason=failure.reason,
                failed_at=at,
                # a location that failed again after being resolved starts a new streak
                first_failed_at=case((m.failures.c.resolved.is_(True), at),
                                     else_=func.coalesce(m.failures.c.first_failed_at, at)),
                attempts=case((m.failures.c.resolved.is_(True), 1), else_=m.failures.c.attempts + 1),
                resolved=False,
            )
        )
