"""Writing one extraction inside a caller's transaction.

Every row is written with INSERT ... ON CONFLICT DO NOTHING on its natural key and then looked
up, so saving is idempotent and two writers saving the same story cannot duplicate it.
A new text is clustered with its near-duplicates (store/clusters.py) before its items are saved,
so that a funding announcement is keyed by its story, not by one site's copy of it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Table, and_, select, update

from parsers.records import Article, Extraction, Funding, Pairing, Party

from .clusters import assign_cluster
from .db import insert_ignore
from .items import SaveResult
from .models import (
    articles,
    failures,
    funding,
    funding_sources,
    locations,
    pairing_sources,
    pairings,
    parties,
)

# design.md: a page that gives no time zone is in Asia/Shanghai.
DEFAULT_TZ = ZoneInfo("Asia/Shanghai")
# The same amount between the same parties in another story this close in time is likely a repeat.
REPEAT_WINDOW = timedelta(days=30)


def save_extraction(conn: Connection, ex: Extraction, at: datetime) -> SaveResult:
    """Write an article, its cluster, locations, parties, pairings and funding; ``at`` stamps first_seen_at."""
    article = ex.article
    article_id, inserted, published = _upsert_article(conn, article, at)
    near, similarity = False, None
    if inserted:
        assignment = assign_cluster(conn, article_id, article.text, published, at)
        cluster_id, near, similarity = assignment.cluster_id, assignment.near_duplicate, assignment.similarity
    else:
        cluster_id = conn.execute(select(articles.c.cluster_id).where(articles.c.id == article_id)).scalar_one()
    new_location = _add_location(conn, article_id, article, at)
    party_ids = _upsert_parties(conn, ex)
    new_pairings = 0
    for p in sorted(ex.pairings, key=lambda p: (p.donor.key, p.recipient.key)):
        new_pairings += _save_pairing(conn, p, party_ids, article_id, at)
    new_funding = 0
    reported_on = published or at
    for f in sorted(ex.funding, key=lambda f: (f.amount_yuan, _party_key(f.donor), _party_key(f.recipient))):
        new_funding += _save_funding(conn, cluster_id, f, party_ids, article_id, at, reported_on)
    _resolve_failures(conn, article)
    return SaveResult(
        article_id=article_id,
        new_article=inserted and not near,
        duplicate=not inserted or near,
        new_pairings=new_pairings,
        new_funding=new_funding,
        new_location=new_location,
        near_duplicate=near,
        cluster_id=cluster_id,
        similarity=similarity,
    )


def funding_item_key(cluster_id: int, f: Funding) -> str:
    """One funding item per story: (cluster, amount, donor, recipient), whichever copy reported it."""
    raw = json.dumps([cluster_id, f.amount_yuan, _party_key(f.donor), _party_key(f.recipient)], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _party_key(party: Party | None) -> str:
    return party.key if party is not None else ""


def _id_of(conn: Connection, table: Table, **where: object) -> int:
    cond = [table.c[name] == value for name, value in where.items()]
    return conn.execute(select(table.c.id).where(*cond)).scalar_one()


def _upsert_article(conn: Connection, a: Article, at: datetime) -> tuple[int, bool, datetime | None]:
    """The article's id, whether this call inserted it, and its publication (aware)."""
    published = a.published
    if published is not None and published.utcoffset() is None:
        published = published.replace(tzinfo=DEFAULT_TZ)
    offset = published.utcoffset() if published is not None else None
    row = {
        "source": a.source,
        "parser": a.parser,
        "url": a.url,
        "path": a.path,
        "canonical_url": a.canonical_url,
        "title": a.title,
        "published": published,
        "published_offset": int(offset.total_seconds()) if offset is not None else None,
        "published_precision": a.published_precision,
        "authors": list(a.authors),
        "publisher": a.publisher,
        "script": a.script,
        "text": a.text,
        "content_hash": a.content_hash,
        "flags": list(a.flags),
        "mojibake_spans": [list(span) for span in a.mojibake_spans],
        "first_seen_at": at,
    }
    inserted = insert_ignore(conn, articles, row, ["content_hash"])
    return _id_of(conn, articles, content_hash=a.content_hash), inserted, published


def _add_location(conn: Connection, article_id: int, a: Article, at: datetime) -> bool:
    if not a.location:
        return False
    row = {
        "article_id": article_id,
        "location": a.location,
        "url": a.url,
        "path": a.path,
        "canonical_url": a.canonical_url,
        "source": a.source,
        "first_seen_at": at,
    }
    return insert_ignore(conn, locations, row, ["article_id", "location"])


def _upsert_parties(conn: Connection, ex: Extraction) -> dict[str, int]:
    found: dict[str, Party] = {}
    for p in ex.pairings:
        found.setdefault(p.donor.key, p.donor)
        found.setdefault(p.recipient.key, p.recipient)
    for f in ex.funding:
        for party in (f.donor, f.recipient):
            if party is not None:
                found.setdefault(party.key, party)
    ids: dict[str, int] = {}
    for key in sorted(found):  # one order for every writer: no lock-order deadlocks on PostgreSQL
        party = found[key]
        row = {
            "key": key,
            "name": party.name,
            "full_name": party.full_name,
            "code": party.code,
            "level": party.level,
            "province": party.province,
        }
        insert_ignore(conn, parties, row, ["key"])
        ids[key] = _id_of(conn, parties, key=key)
    return ids


def _save_pairing(conn: Connection, p: Pairing, ids: dict[str, int], article_id: int, at: datetime) -> int:
    donor_id, recipient_id = ids[p.donor.key], ids[p.recipient.key]
    row = {
        "donor_id": donor_id,
        "recipient_id": recipient_id,
        "relation": p.relation,
        "evidence": p.evidence,
        "first_article_id": article_id,
        "first_seen_at": at,
    }
    inserted = insert_ignore(conn, pairings, row, ["donor_id", "recipient_id"])
    pairing_id = _id_of(conn, pairings, donor_id=donor_id, recipient_id=recipient_id)
    source = {"pairing_id": pairing_id, "article_id": article_id, "evidence": p.evidence}
    insert_ignore(conn, pairing_sources, source, ["pairing_id", "article_id"])
    return int(inserted)


def _save_funding(
    conn: Connection,
    cluster_id: int,
    f: Funding,
    ids: dict[str, int],
    article_id: int,
    at: datetime,
    reported_on: datetime,
) -> int:
    """Add the article as a source of its story's item for this amount, creating the item if new."""
    donor_id = ids[f.donor.key] if f.donor else None
    recipient_id = ids[f.recipient.key] if f.recipient else None
    funding_id = _same_story_item(conn, cluster_id, f.amount_yuan, donor_id, recipient_id)
    inserted = False
    if funding_id is None:
        key = funding_item_key(cluster_id, f)
        row = {
            "item_key": key,
            "amount_yuan": f.amount_yuan,
            "approximate": f.approximate,
            "text": f.text,
            "kind": f.kind,
            "donor_id": donor_id,
            "recipient_id": recipient_id,
            "period": f.period,
            "evidence": f.evidence,
            "first_article_id": article_id,
            "first_seen_at": at,
            "cluster_id": cluster_id,
            "reported_on": reported_on,
            "repeat_of": _likely_repeat_of(conn, cluster_id, f.amount_yuan, donor_id, recipient_id, reported_on),
        }
        inserted = insert_ignore(conn, funding, row, ["item_key"])
        funding_id = _id_of(conn, funding, item_key=key)
    source = {"funding_id": funding_id, "article_id": article_id, "evidence": f.evidence}
    insert_ignore(conn, funding_sources, source, ["funding_id", "article_id"])
    return int(inserted)


def _same_story_item(
    conn: Connection, cluster_id: int, amount: int, donor_id: int | None, recipient_id: int | None
) -> int | None:
    """The story's item for this amount whose parties agree (a party one copy omits does not split it).

    Equal parties win over merely compatible ones; then the oldest item.
    """
    c = funding.c
    stmt = select(c.id, c.donor_id, c.recipient_id).where(c.cluster_id == cluster_id, c.amount_yuan == amount)
    best: tuple[int, int] | None = None
    for row in conn.execute(stmt.order_by(c.id)):
        pairs = ((row.donor_id, donor_id), (row.recipient_id, recipient_id))
        if any(a is not None and b is not None and a != b for a, b in pairs):
            continue
        exact = sum(a == b for a, b in pairs)
        if best is None or exact > best[1]:
            best = (row.id, exact)
    return best[0] if best else None


def _likely_repeat_of(
    conn: Connection,
    cluster_id: int,
    amount: int,
    donor_id: int | None,
    recipient_id: int | None,
    reported_on: datetime,
) -> int | None:
    """The earliest item of another story with the same amount and parties within REPEAT_WINDOW.

    Needs at least one named party: an amount alone is too common to call two stories one event.
    """
    if donor_id is None and recipient_id is None:
        return None
    c = funding.c
    same = [
        c.amount_yuan == amount,
        c.cluster_id != cluster_id,
        c.reported_on >= reported_on - REPEAT_WINDOW,
        c.reported_on <= reported_on + REPEAT_WINDOW,
        c.donor_id.is_(None) if donor_id is None else c.donor_id == donor_id,
        c.recipient_id.is_(None) if recipient_id is None else c.recipient_id == recipient_id,
    ]
    stmt = select(c.id, c.repeat_of).where(and_(*same)).order_by(c.reported_on, c.id).limit(1)
    row = conn.execute(stmt).first()
    return None if row is None else (row.repeat_of or row.id)


def _resolve_failures(conn: Connection, a: Article) -> None:
    """A location that once failed and now saved is no longer a failure."""
    where = [loc for loc in (a.url, a.path) if loc] or [failure_location(a)]
    stmt = update(failures).where(failures.c.location.in_(where), failures.c.resolved.is_(False))
    conn.execute(stmt.values(resolved=True))


def failure_location(a: Article) -> str:
    """Where a failed save is filed: the article's location, else its content hash."""
    return a.location or f"content:{a.content_hash}"
