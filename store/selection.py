"""Reading everything stored, filtered: what exports and the atlas show (not only what is new).

Digests ask "what is new on this channel"; an analyst asks "every pairing helping 贵州 stated
with confidence 0.8 or more". ``Selection`` holds such a question and turns it into SQL
conditions here, so the store stays the only code that speaks SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select, true, type_coerce

from .digest import published_iso
from .models import (
    TZDateTime,
    articles,
    funding,
    funding_sources,
    locations,
    pairing_sources,
    pairings,
    parties,
)


@dataclass(frozen=True)
class Selection:
    """Filters on stored items; None means "any". Dates compare with the item's publication (its
    first article's, else when it was first stored); text filters match a part of a name."""

    province: str | None = None  # the donor's or the recipient's province
    donor: str | None = None  # a part of the donor's name or full name
    recipient: str | None = None
    relation: str | None = None  # a part of the relation (对口帮扶, 东西部协作 ...)
    since: datetime | None = None
    until: datetime | None = None
    min_amount: int | None = None  # yuan; funding only
    official: bool | None = None  # True: in an official list; False: new (in none); pairings only
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


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _party_match(party_id: Any, text: str, *fields: str) -> ColumnElement[bool]:
    p = parties.alias()
    cond = or_(*(p.c[f].like(_like(text), escape="\\") for f in fields))
    return party_id.in_(select(p.c.id).where(cond))


def _common(table: Any, sel: Selection, when: Any) -> list[ColumnElement[bool]]:
    when = type_coerce(when, TZDateTime)  # aware datetimes in, stored naive UTC compared
    conds: list[ColumnElement[bool]] = []
    if sel.province:
        conds.append(or_(_party_match(table.c.donor_id, sel.province, "province"),
                         _party_match(table.c.recipient_id, sel.province, "province")))
    if sel.donor:
        conds.append(_party_match(table.c.donor_id, sel.donor, "name", "full_name"))
    if sel.recipient:
        conds.append(_party_match(table.c.recipient_id, sel.recipient, "name", "full_name"))
    if sel.since is not None:
        conds.append(when >= sel.since)
    if sel.until is not None:
        conds.append(when <= sel.until)
    if sel.min_confidence is not None:
        conds.append(table.c.confidence >= sel.min_confidence)
    return conds


def pairing_condition(sel: Selection) -> ColumnElement[bool]:
    first = articles.alias()
    when = func.coalesce(
        select(first.c.published).where(first.c.id == pairings.c.first_article_id).scalar_subquery(),
        pairings.c.first_seen_at,
    )
    conds = _common(pairings, sel, when)
    if sel.relation:
        conds.append(pairings.c.relation.like(_like(sel.relation), escape="\\"))
    if sel.official is True:
        conds.append(pairings.c.official.is_not(None))
    elif sel.official is False:
        conds.append(pairings.c.official.is_(None))
    return and_(true(), *conds)


def funding_condition(sel: Selection) -> ColumnElement[bool]:
    conds = _common(funding, sel, func.coalesce(funding.c.reported_on, funding.c.first_seen_at))
    if sel.relation:  # the relation of the pair the money flows along
        conds.append(select(pairings.c.id).where(
            pairings.c.donor_id == funding.c.donor_id, pairings.c.recipient_id == funding.c.recipient_id,
            pairings.c.relation.like(_like(sel.relation), escape="\\")).exists())
    if sel.min_amount is not None:
        conds.append(funding.c.amount_yuan >= sel.min_amount)
    return and_(true(), *conds)


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
