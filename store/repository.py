"""The Store: the one object flows use to save extractions and to ask what is new."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from types import TracebackType

from sqlalchemy import func, select, update

from parsers.records import Article, Extraction, ParseFailure

from . import models as m
from .db import insert_ignore, make_engine, resolve_db_url, write_tx
from .digest import last_delivery, load_items, published_local
from .items import DigestItems, FailureItem, SaveResult
from .saving import failure_location, save_extraction

log = logging.getLogger(__name__)
_CHUNK = 500  # bound on IN (...) lists: old SQLite builds allow 999 parameters
_REASON_MAX = 2000


def now() -> datetime:
    """The store's clock (UTC, aware); tests monkeypatch it."""
    return datetime.now(UTC)


class Store:
    """Articles, parties, pairings, funding, failures and deliveries in one SQL database."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_db_url(url)
        self.engine = make_engine(self.url)
        with write_tx(self.engine) as conn:  # the write lock also serialises concurrent create_all
            m.metadata.create_all(conn)

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
            return save_extraction(conn, extraction, now())

    def save_many(self, extractions: Iterable[Extraction]) -> list[SaveResult | ParseFailure]:
        """Save each document in its own transaction; one that fails is recorded and the rest go on.

        Results are in input order: a SaveResult, or the ParseFailure that was recorded.
        """
        results: list[SaveResult | ParseFailure] = []
        for ex in extractions:
            try:
                results.append(self.save(ex))
            except Exception as exc:  # noqa: BLE001 - any failure of one document must not stop the rest
                reason = f"store: {type(exc).__name__}: {exc}"[:_REASON_MAX]
                failure = ParseFailure(
                    location=failure_location(ex.article), source=ex.article.source, reason=reason
                )
                log.warning("could not save %s: %s", failure.location, reason)
                self.record_failure(failure)
                results.append(failure)
        return results

    def record_failure(self, failure: ParseFailure) -> None:
        """Remember a document that failed; recording it again counts another attempt."""
        at = now()
        with write_tx(self.engine) as conn:
            row = {
                "location": failure.location,
                "source": failure.source,
                "reason": failure.reason,
                "failed_at": at,
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
                        attempts=m.failures.c.attempts + 1,
                        resolved=False,
                    )
                )

    # -- reading --------------------------------------------------------------------------------

    def failures_since(
        self, when: datetime | None = None, include_resolved: bool = False
    ) -> list[FailureItem]:
        """Failures whose latest attempt is at or after ``when`` (all when None), oldest first."""
        f = m.failures
        stmt = select(f).order_by(f.c.failed_at, f.c.id)
        if when is not None:
            stmt = stmt.where(f.c.failed_at >= _aware(when))
        if not include_resolved:
            stmt = stmt.where(f.c.resolved.is_(False))
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        return [
            FailureItem(r.location, r.source, r.reason, r.failed_at, r.attempts, r.resolved) for r in rows
        ]

    def known_locations(self, locations: Iterable[str]) -> set[str]:
        """The given URLs/paths already stored with an article (failed ones are not known)."""
        wanted = sorted(set(locations))
        known: set[str] = set()
        loc = m.locations
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i : i + _CHUNK]
                stmt = select(loc.c.url, loc.c.path).where(loc.c.url.in_(chunk) | loc.c.path.in_(chunk))
                for url, path in conn.execute(stmt):
                    known.update(v for v in (url, path) if v is not None)
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
        }
        with self.engine.connect() as conn:
            out = {
                name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for name, t in tables.items()
            }
            unresolved = select(func.count()).select_from(m.failures).where(m.failures.c.resolved.is_(False))
            out["failures"] = conn.execute(unresolved).scalar_one()
        return out

    def get_article(self, article_id: int) -> Article | None:
        """The stored article as a record, published back in the offset the page gave."""
        with self.engine.connect() as conn:
            row = conn.execute(select(m.articles).where(m.articles.c.id == article_id)).first()
        if row is None:
            return None
        data = dict(row._mapping)
        data["published"] = published_local(data["published"], data.pop("published_offset"))
        for key in ("id", "first_seen_at"):
            data.pop(key)
        return Article(**data)

    # -- digests --------------------------------------------------------------------------------

    def pending(self, channel: str) -> DigestItems:
        """Every pairing and funding item first stored after the channel's last delivery."""
        with self.engine.connect() as conn:
            last = last_delivery(conn, channel)
            pw = last.pairing_watermark if last else 0
            fw = last.funding_watermark if last else 0
            start = last.delivered_at if last else None
            return load_items(conn, m.pairings.c.id > pw, m.funding.c.id > fw, start, now())

    def since(self, when: datetime) -> DigestItems:
        """Items first stored at or after ``when``; ad hoc, records nothing."""
        when = _aware(when)
        with self.engine.connect() as conn:
            return load_items(
                conn, m.pairings.c.first_seen_at >= when, m.funding.c.first_seen_at >= when, when, now()
            )

    def record_delivery(self, channel: str, items: DigestItems) -> None:
        """Remember what a channel was sent: watermarks only ever rise, an empty digest keeps them."""
        with write_tx(self.engine) as conn:
            last = last_delivery(conn, channel)
            pw = max([last.pairing_watermark if last else 0] + [p.id for p in items.pairings])
            fw = max([last.funding_watermark if last else 0] + [f.id for f in items.funding])
            row = {
                "channel": channel,
                "delivered_at": now(),
                "pairing_watermark": pw,
                "funding_watermark": fw,
                "pairings_count": len(items.pairings),
                "funding_count": len(items.funding),
            }
            conn.execute(m.deliveries.insert().values(**row))


def _aware(when: datetime) -> datetime:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"naive datetime {when!r}: pass a timezone-aware one")
    return when
