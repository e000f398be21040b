"""Reading everything stored, filtered: what exports and the atlas show (not only what is new).

Digests ask "what is new on this channel"; an analyst asks "every pairing published in 2020
stated with confidence 0.8 or more". ``Selection`` holds the part of such a question the digest's
filters (digests/filters.py) do not, and turns it into SQL here, so the store stays the only code
that speaks SQL; the filters then apply to the items as they do in a digest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, select, true, type_coerce

from .digest import published_iso
from .models import (
    TZDateTime,
    articles,
    funding,
    funding_sources,
    locations,
    pairing_sources,
    pairings,
)


@dataclass(frozen=True)
class Selection:
    """What the digest's filters (digests/filters.py, applied to the items) do not ask: when an item
    was published (its first article's publication, else when it was first stored) and how sure the
    extraction is of it. None means "any"."""

    since: datetime | None = None
    until: datetime | None = None
    min_confidence: float | None = None


@dataclass(frozen=True)
class ArticleInfo:
    """A stored article as an export row: where it was found, and what was found in it."""

    id: int
    title: str | None
    source: str
    published: str | None
    first_seen_at: datetime
    cluster_id: int | None
    locations: list[str]
    pairings: int
    funding: int


def _condition(table: Any, sel: Selection, when: Any) -> ColumnElement[bool]:
    when = type_coerce(when, TZDateTime)  # aware datetimes in, stored naive UTC compared
    conds: list[ColumnElement[bool]] = []
    if sel.since is not None:
        conds.append(when >= sel.since)
    if sel.until is not None:
        conds.append(when <= sel.until)
    if sel.min_confidence is not None:
        conds.append(table.c.confidence >= sel.min_confidence)
    return and_(true(), *conds)


def pairing_condition(sel: Selection) -> ColumnElement[bool]:
    first = articles.alias()
    published = select(first.c.published).where(first.c.id == pairings.c.first_article_id).scalar_subquery()
    return _condition(pairings, sel, func.coalesce(published, pairings.c.first_seen_at))


def funding_condition(sel: Selection) -> ColumnElement[bool]:
    return _condition(funding, sel, func.coalesce(funding.c.reported_on, funding.c.first_seen_at))


def load_articles(conn: Connection, since: datetime | None, until: datetime | None) -> list[ArticleInfo]:
    """Every stored article published (else first stored) in the range, with its locations and how
    many pairings and funding items it stated."""
    when = func.coalesce(articles.c.published, articles.c.first_seen_at)
    stmt = select(articles.c.id, articles.c.title, articles.c.source, articles.c.published,
                  articles.c.published_offset, articles.c.published_precision, articles.c.first_seen_at,
                  articles.c.cluster_id).order_by(articles.c.id)
    if since is not None:
        stmt = stmt.where(when >= since)
    if until is not None:
        stmt = stmt.where(when <= until)
    rows = conn.execute(stmt).all()
    places: dict[int, list[str]] = {}
    for aid, where in conn.execute(select(locations.c.article_id, locations.c.location).order_by(locations.c.id)):
        places.setdefault(aid, []).append(where)
    counts: dict[str, dict[int, int]] = {}
    for name, link in (("pairings", pairing_sources), ("funding", funding_sources)):
        stmt2 = select(link.c.article_id, func.count()).group_by(link.c.article_id)
        counts[name] = {aid: n for aid, n in conn.execute(stmt2)}
    return [
        ArticleInfo(r.id, r.title, r.source, published_iso(r.published, r.published_offset, r.published_precision),
                    r.first_seen_at, r.cluster_id, places.get(r.id, []), counts["pairings"].get(r.id, 0),
                    counts["funding"].get(r.id, 0))
        for r in rows
    ]
