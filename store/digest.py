"""Reading digest items: pairings and funding with their parties and every place they were reported."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Table, select

from parsers.records import Party

from .items import DigestItems, FundingItem, PairingItem, SourceRef
from .models import (
    articles,
    deliveries,
    funding,
    funding_sources,
    locations,
    pairing_sources,
    pairings,
    parties,
)

_PARTY_FIELDS = ("name", "full_name", "code", "level", "province")


def last_delivery(conn: Connection, channel: str) -> Row[Any] | None:
    """The channel's latest delivery (its watermarks and time), or None if it never had one."""
    stmt = select(deliveries).where(deliveries.c.channel == channel).order_by(deliveries.c.id.desc()).limit(1)
    return conn.execute(stmt).first()


def load_items(
    conn: Connection,
    pairing_cond: ColumnElement[bool],
    funding_cond: ColumnElement[bool],
    period_start: datetime | None,
    period_end: datetime,
) -> DigestItems:
    """Items matching the conditions, oldest first, each with all its sources."""
    return DigestItems(
        pairings=_pairings(conn, pairing_cond),
        funding=_funding(conn, funding_cond),
        period_start=period_start,
        period_end=period_end,
    )


def _party_cols(alias: Any, prefix: str) -> list[Any]:
    return [alias.c.id.label(f"{prefix}_id")] + [alias.c[f].label(f"{prefix}_{f}") for f in _PARTY_FIELDS]


def _party(row: Row[Any], prefix: str) -> Party | None:
    m = row._mapping
    if m[f"{prefix}_id"] is None:
        return None
    return Party(**{f: m[f"{prefix}_{f}"] for f in _PARTY_FIELDS})


def _pairings(conn: Connection, cond: ColumnElement[bool]) -> list[PairingItem]:
    d, r = parties.alias("d"), parties.alias("r")
    stmt = (
        select(pairings, *_party_cols(d, "d"), *_party_cols(r, "r"))
        .join(d, d.c.id == pairings.c.donor_id)
        .join(r, r.c.id == pairings.c.recipient_id)
        .where(cond)
        .order_by(pairings.c.id)
    )
    rows = conn.execute(stmt).all()
    refs = _sources(conn, pairing_sources, "pairing_id", select(pairings.c.id).where(cond))
    items = []
    for row in rows:
        donor, recipient = _party(row, "d"), _party(row, "r")
        assert donor is not None and recipient is not None  # inner joins
        items.append(
            PairingItem(
                id=row.id,
                donor=donor,
                recipient=recipient,
                relation=row.relation,
                evidence=row.evidence,
                first_seen_at=row.first_seen_at,
                sources=refs.get(row.id, []),
            )
        )
    return items


def _funding(conn: Connection, cond: ColumnElement[bool]) -> list[FundingItem]:
    d, r = parties.alias("d"), parties.alias("r")
    stmt = (
        select(funding, *_party_cols(d, "d"), *_party_cols(r, "r"))
        .outerjoin(d, d.c.id == funding.c.donor_id)
        .outerjoin(r, r.c.id == funding.c.recipient_id)
        .where(cond)
        .order_by(funding.c.id)
    )
    rows = conn.execute(stmt).all()
    refs = _sources(conn, funding_sources, "funding_id", select(funding.c.id).where(cond))
    return [
        FundingItem(
            id=row.id,
            amount_yuan=row.amount_yuan,
            approximate=row.approximate,
            text=row.text,
            kind=row.kind,
            donor=_party(row, "d"),
            recipient=_party(row, "r"),
            period=row.period,
            evidence=row.evidence,
            first_seen_at=row.first_seen_at,
            sources=refs.get(row.id, []),
        )
        for row in rows
    ]


def _sources(conn: Connection, link: Table, item_col: str, item_ids: Any) -> dict[int, list[SourceRef]]:
    """Every location of every article that reported each item, first reported first, each place once."""
    stmt = (
        select(
            link.c[item_col].label("item_id"),
            articles.c.id.label("article_id"),
            articles.c.title,
            articles.c.published,
            articles.c.published_offset,
            articles.c.published_precision,
            articles.c.source.label("article_source"),
            locations.c.location,
            locations.c.url,
            locations.c.path,
            locations.c.source,
        )
        .join(articles, articles.c.id == link.c.article_id)
        .outerjoin(locations, locations.c.article_id == articles.c.id)
        .where(link.c[item_col].in_(item_ids))
        .order_by(link.c[item_col], articles.c.first_seen_at, articles.c.id, locations.c.id)
    )
    refs: dict[int, list[SourceRef]] = defaultdict(list)
    seen: set[tuple[int, str]] = set()
    for row in conn.execute(stmt):
        where = row.location or f"article:{row.article_id}"
        if (row.item_id, where) in seen:
            continue
        seen.add((row.item_id, where))
        published = published_iso(row.published, row.published_offset, row.published_precision)
        ref = SourceRef(row.url, row.path, row.title, published, row.source or row.article_source)
        refs[row.item_id].append(ref)
    return refs


def published_local(published: datetime | None, offset: int | None) -> datetime | None:
    """The stored UTC instant back in the offset the page gave."""
    if published is None:
        return None
    return published.astimezone(timezone(timedelta(seconds=offset or 0)))


def published_iso(published: datetime | None, offset: int | None, precision: str | None) -> str | None:
    """Same rule as Article.published_iso: a page that gives only a day yields a date."""
    local = published_local(published, offset)
    if local is None:
        return None
    return local.date().isoformat() if precision == "day" else local.isoformat()
