"""Reading digest items: pairings and funding with their parties and every place they were reported."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Row, Table, select

from parsers.records import Official, Party

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
_CHUNK = 500  # bound on IN (...) lists: old SQLite builds allow 999 parameters


class Sources(NamedTuple):
    refs: list[SourceRef]
    first_published: str | None


_NO_SOURCES = Sources([], None)


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
    """Items matching the conditions, oldest first, each with all its sources (whole clusters)."""
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


def _with_parties(
    conn: Connection, table: Table, link: Table, item_col: str, cond: ColumnElement[bool], *, outer: bool
) -> tuple[list[Row[Any]], dict[int, Sources]]:
    """Rows of ``table`` matching ``cond``, oldest first, with donor (d_*) and recipient (r_*) columns,
    and their sources.  A pairing always has both parties (inner join); funding may have neither (outer)."""
    d, r = parties.alias("d"), parties.alias("r")
    stmt = (
        select(table, *_party_cols(d, "d"), *_party_cols(r, "r"))
        .join(d, d.c.id == table.c.donor_id, isouter=outer)
        .join(r, r.c.id == table.c.recipient_id, isouter=outer)
        .where(cond)
        .order_by(table.c.id)
    )
    rows = conn.execute(stmt).all()
    return rows, _sources(conn, link, item_col, select(table.c.id).where(cond))


def _reversed_earlier(conn: Connection, cond: ColumnElement[bool], rows: list[Row[Any]]) -> set[int]:
    """Ids among ``rows`` whose two parties an earlier pairing already held the other way round."""
    if not rows:
        return set()
    p = pairings.alias("p")
    stmt = select(p.c.id, p.c.donor_id, p.c.recipient_id).where(
        p.c.donor_id.in_(select(pairings.c.recipient_id).where(cond)),
        p.c.recipient_id.in_(select(pairings.c.donor_id).where(cond)),
    )
    first = {(r.donor_id, r.recipient_id): r.id for r in conn.execute(stmt)}
    return {r.id for r in rows if first.get((r.recipient_id, r.donor_id), r.id) < r.id}


def _pairings(conn: Connection, cond: ColumnElement[bool]) -> list[PairingItem]:
    rows, refs = _with_parties(conn, pairings, pairing_sources, "pairing_id", cond, outer=False)
    seen = _reversed_earlier(conn, cond, rows)
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
                sources=refs.get(row.id, _NO_SOURCES).refs,
                first_published=refs.get(row.id, _NO_SOURCES).first_published,
                confidence=row.confidence,
                basis=row.basis,
                official=Official(**row.official) if row.official else None,
                seen_before=row.id in seen,
            )
        )
    return items


def _funding(conn: Connection, cond: ColumnElement[bool]) -> list[FundingItem]:
    rows, refs = _with_parties(conn, funding, funding_sources, "funding_id", cond, outer=True)
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
            sources=refs.get(row.id, _NO_SOURCES).refs,
            first_published=refs.get(row.id, _NO_SOURCES).first_published,
            cluster_id=row.cluster_id,
            likely_repeat=row.repeat_of is not None,
            repeat_of=row.repeat_of,
            confidence=row.confidence,
            basis=row.basis,
        )
        for row in rows
    ]


def _sources(conn: Connection, link: Table, item_col: str, item_ids: Any) -> dict[int, Sources]:
    """Every location of every article of every story that reported each item, first seen first, each once.

    An item's sources are the clusters of the articles it was found in: a republished copy that
    was cut before the sentence is still the same story, and the reader wants all its links.
    """
    stmt = (
        select(link.c[item_col].label("item_id"), articles.c.id.label("article_id"), articles.c.cluster_id)
        .join(articles, articles.c.id == link.c.article_id)
        .where(link.c[item_col].in_(item_ids))
    )
    found = conn.execute(stmt).all()
    cluster_ids = sorted({r.cluster_id for r in found if r.cluster_id is not None})
    loose_ids = sorted({r.article_id for r in found if r.cluster_id is None})
    members: dict[int, list[int]] = defaultdict(list)
    info: dict[int, Row[Any]] = {}
    places: dict[int, list[Row[Any]]] = defaultdict(list)
    for col, ids in ((articles.c.cluster_id, cluster_ids), (articles.c.id, loose_ids)):
        for i in range(0, len(ids), _CHUNK):
            q = (
                select(articles.c.id, articles.c.cluster_id, articles.c.title, articles.c.published,
                       articles.c.published_offset, articles.c.published_precision, articles.c.source,
                       articles.c.first_seen_at, locations.c.location, locations.c.url, locations.c.path,
                       locations.c.source.label("location_source"))
                .outerjoin(locations, locations.c.article_id == articles.c.id)
                .where(col.in_(ids[i : i + _CHUNK]))
                .order_by(articles.c.id, locations.c.id)
            )  # fmt: skip
            for row in conn.execute(q):
                if row.id not in info:
                    info[row.id] = row
                    if row.cluster_id is not None:
                        members[row.cluster_id].append(row.id)
                places[row.id].append(row)
    by_item: dict[int, set[int]] = defaultdict(set)
    for r in found:
        by_item[r.item_id].update(members.get(r.cluster_id, []) if r.cluster_id is not None else [r.article_id])
    out: dict[int, Sources] = {}
    for item_id, ids in by_item.items():
        ordered = sorted(ids, key=lambda a: (info[a].first_seen_at, a))
        refs: list[SourceRef] = []
        seen: set[str] = set()
        for a in ordered:
            for row in places[a]:
                where = row.location or f"article:{a}"
                if where in seen:
                    continue
                seen.add(where)
                published = published_iso(row.published, row.published_offset, row.published_precision)
                refs.append(SourceRef(row.url, row.path, row.title, published, row.location_source or row.source,
                                      article_id=a, cluster_id=row.cluster_id))  # fmt: skip
        dated = [info[a] for a in ordered if info[a].published is not None]
        first = min(dated, key=lambda r: (r.published, r.id)) if dated else None
        first_published = (
            published_iso(first.published, first.published_offset, first.published_precision) if first else None
        )
        out[item_id] = Sources(refs, first_published)
    return out


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
