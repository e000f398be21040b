"""Writing one extraction inside a caller's transaction.

Every row is written with INSERT ... ON CONFLICT DO NOTHING on its natural key and then looked
up, so saving is idempotent and two writers saving the same story cannot duplicate it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Table, select, update

from parsers.records import Article, Extraction, Funding, Pairing, Party

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


def save_extraction(conn: Connection, ex: Extraction, at: datetime) -> SaveResult:
    """Write an article, its locations, parties, pairings and funding; ``at`` stamps first_seen_at."""
    article = ex.article
    article_id, new_article = _upsert_article(conn, article, at)
    new_location = _add_location(conn, article_id, article, at)
    party_ids = _upsert_parties(conn, ex)
    new_pairings = 0
    for p in sorted(ex.pairings, key=lambda p: (p.donor.key, p.recipient.key)):
        new_pairings += _save_pairing(conn, p, party_ids, article_id, at)
    new_funding = 0
    keyed = [(funding_item_key(article.content_hash, f), f) for f in ex.funding]
    for key, f in sorted(keyed, key=lambda kf: kf[0]):
        new_funding += _save_funding(conn, key, f, party_ids, article_id, at)
    _resolve_failures(conn, article)
    return SaveResult(
        article_id=article_id,
        new_article=new_article,
        duplicate=not new_article,
        new_pairings=new_pairings,
        new_funding=new_funding,
        new_location=new_location,
    )


def funding_item_key(content_hash: str, f: Funding) -> str:
    """For now one funding item per (article text, amount, surface text); cross-site merging comes later."""
    raw = json.dumps([content_hash, f.amount_yuan, f.text], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _id_of(conn: Connection, table: Table, **where: object) -> int:
    cond = [table.c[name] == value for name, value in where.items()]
    return conn.execute(select(table.c.id).where(*cond)).scalar_one()


def _upsert_article(conn: Connection, a: Article, at: datetime) -> tuple[int, bool]:
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
    return _id_of(conn, articles, content_hash=a.content_hash), inserted


def _add_location(conn: Connection, article_id: int, a: Article, at: datetime) -> bool:
    if not a.location:
        return False
    row = {
        "article_id": article_id,
        "location": a.location,
        "url": a.url,
        "path": a.path,
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
    conn: Connection, key: str, f: Funding, ids: dict[str, int], article_id: int, at: datetime
) -> int:
    row = {
        "item_key": key,
        "amount_yuan": f.amount_yuan,
        "approximate": f.approximate,
        "text": f.text,
        "kind": f.kind,
        "donor_id": ids[f.donor.key] if f.donor else None,
        "recipient_id": ids[f.recipient.key] if f.recipient else None,
        "period": f.period,
        "evidence": f.evidence,
        "first_article_id": article_id,
        "first_seen_at": at,
    }
    inserted = insert_ignore(conn, funding, row, ["item_key"])
    funding_id = _id_of(conn, funding, item_key=key)
    source = {"funding_id": funding_id, "article_id": article_id, "evidence": f.evidence}
    insert_ignore(conn, funding_sources, source, ["funding_id", "article_id"])
    return int(inserted)


def _resolve_failures(conn: Connection, a: Article) -> None:
    """A location that once failed and now saved is no longer a failure."""
    where = [loc for loc in (a.url, a.path) if loc] or [failure_location(a)]
    stmt = update(failures).where(failures.c.location.in_(where), failures.c.resolved.is_(False))
    conn.execute(stmt.values(resolved=True))


def failure_location(a: Article) -> str:
    """Where a failed save is filed: the article's location, else its content hash."""
    return a.location or f"content:{a.content_hash}"
