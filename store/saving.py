"""Writing one extraction inside a caller's transaction.

Every row is written with INSERT ... ON CONFLICT DO NOTHING on its natural key and then looked
up, so saving is idempotent and two writers saving the same story cannot duplicate it.
A new text is clustered with its near-duplicates (store/clusters.py) before its items are saved,
so that a funding announcement is keyed by its story, not by one site's copy of it.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Select, Table, and_, bindparam, select, tuple_, update

from parsers.records import Article, Extraction, Funding, Pairing, Party

from .clusters import assign_cluster
from .db import insert_ignore, insert_ignore_id, insert_ignore_many
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
_IN_CHUNK = 500  # bound on IN (...) lists: old SQLite builds allow 999 parameters

# Built once: they run for every document, and building a statement costs more than running it.
_CLUSTER_OF = select(articles.c.cluster_id).where(articles.c.id == bindparam("id"))
_PARTY_IDS = select(parties.c.key, parties.c.id).where(parties.c.key.in_(bindparam("keys", expanding=True)))
_PAIRING_IDS = select(pairings.c.donor_id, pairings.c.recipient_id, pairings.c.id).where(
    tuple_(pairings.c.donor_id, pairings.c.recipient_id).in_(bindparam("pairs", expanding=True))
)
_STORY_ITEMS = (
    select(funding.c.id, funding.c.donor_id, funding.c.recipient_id)
    .where(funding.c.cluster_id == bindparam("cluster_id"), funding.c.amount_yuan == bindparam("amount"))
    .order_by(funding.c.id)
)


def save_extraction(conn: Connection, ex: Extraction, at: datetime) -> SaveResult:
    """Write an article, its cluster, locations, parties, pairings and funding; ``at`` stamps first_seen_at.

    The caller then marks the article's earlier failures resolved (``resolve_failures``), once
    for all the documents it saves in a transaction.
    """
    article = ex.article
    article_id, inserted, published = _upsert_article(conn, article, at)
    near, similarity = False, None
    if inserted:
        assignment = assign_cluster(conn, article_id, article.text, published, at)
        cluster_id, near, similarity = assignment.cluster_id, assignment.near_duplicate, assignment.similarity
    else:
        cluster_id = conn.execute(_CLUSTER_OF, {"id": article_id}).scalar_one()
    new_location = _add_location(conn, article_id, article, at)
    party_ids = _upsert_parties(conn, ex)
    new_pairings = _save_pairings(conn, ex.pairings, party_ids, article_id, at)
    # A cluster this call started holds only the items this call makes: no need to ask the database.
    story = StoryItems(cluster_id, known=[] if inserted and not near else None)
    reported_on = published or at
    sources = []
    new_funding = 0
    for f in sorted(ex.funding, key=lambda f: (f.amount_yuan, _party_key(f.donor), _party_key(f.recipient))):
        funding_id, created = _save_funding(conn, story, f, party_ids, article_id, at, reported_on)
        new_funding += created
        sources.append({"funding_id": funding_id, "article_id": article_id, "evidence": f.evidence})
    insert_ignore_many(conn, funding_sources, sources, ["funding_id", "article_id"])
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
    """The id of the row with these column values (the row exists: an insert just conflicted with it)."""
    return conn.execute(_lookup(table, tuple(where)), where).scalar_one()


@functools.lru_cache(maxsize=32)
def _lookup(table: Table, columns: tuple[str, ...]) -> Select:
    """Built once per table and key: building a statement costs more than running it."""
    return select(table.c.id).where(*(table.c[name] == bindparam(name) for name in columns))


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
    article_id = insert_ignore_id(conn, articles, row, ["content_hash"])
    if article_id is not None:
        return article_id, True, published
    return _id_of(conn, articles, content_hash=a.content_hash), False, published


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
    keys = sorted(found)
    for i in range(0, len(keys), _IN_CHUNK):
        ids.update(conn.execute(_PARTY_IDS, {"keys": keys[i : i + _IN_CHUNK]}).tuples().all())
    for key in keys:  # one order for every writer: no lock-order deadlocks on PostgreSQL
        if key in ids:
            continue
        party = found[key]
        row = {
            "key": key,
            "name": party.name,
            "full_name": party.full_name,
            "code": party.code,
            "level": party.level,
            "province": party.province,
        }
        new_id = insert_ignore_id(conn, parties, row, ["key"])
        ids[key] = new_id if new_id is not None else _id_of(conn, parties, key=key)
    return ids


def _save_pairings(conn: Connection, found: list[Pairing], ids: dict[str, int], article_id: int,
                   at: datetime) -> int:
    """Add the article as a source of each pairing, creating the new ones; how many were new."""
    new, sources = 0, []
    wanted = sorted({(ids[p.donor.key], ids[p.recipient.key]) for p in found})
    known: dict[tuple[int, int], int] = {}
    for i in range(0, len(wanted), _IN_CHUNK):
        rows = conn.execute(_PAIRING_IDS, {"pairs": wanted[i : i + _IN_CHUNK]}).tuples().all()
        known.update(((d, r), pid) for d, r, pid in rows)
    for p in sorted(found, key=lambda p: (p.donor.key, p.recipient.key)):
        donor_id, recipient_id = ids[p.donor.key], ids[p.recipient.key]
        pairing_id = known.get((donor_id, recipient_id))
        if pairing_id is None:
            row = {
                "donor_id": donor_id,
                "recipient_id": recipient_id,
                "relation": p.relation,
                "evidence": p.evidence,
                "first_article_id": article_id,
                "first_seen_at": at,
            }
            pairing_id = insert_ignore_id(conn, pairings, row, ["donor_id", "recipient_id"])
            new += pairing_id is not None
            if pairing_id is None:
                pairing_id = _id_of(conn, pairings, donor_id=donor_id, recipient_id=recipient_id)
            known[(donor_id, recipient_id)] = pairing_id
        sources.append({"pairing_id": pairing_id, "article_id": article_id, "evidence": p.evidence})
    insert_ignore_many(conn, pairing_sources, sources, ["pairing_id", "article_id"])
    return new


@dataclass
class StoryItems:
    """The funding items of one story (cluster); ``known`` lists them when the cluster is new."""

    cluster_id: int
    known: list[tuple[int, int, int | None, int | None]] | None = None  # (id, amount, donor, recipient)

    def rows(self, conn: Connection, amount: int) -> list[tuple[int, int | None, int | None]]:
        if self.known is not None:
            return [(i, d, r) for i, a, d, r in self.known if a == amount]
        return conn.execute(_STORY_ITEMS, {"cluster_id": self.cluster_id, "amount": amount}).tuples().all()


def _save_funding(
    conn: Connection,
    story: StoryItems,
    f: Funding,
    ids: dict[str, int],
    article_id: int,
    at: datetime,
    reported_on: datetime,
) -> tuple[int, bool]:
    """The story's item for this amount, creating it if new: (its id, whether it was created)."""
    donor_id = ids[f.donor.key] if f.donor else None
    recipient_id = ids[f.recipient.key] if f.recipient else None
    funding_id = _same_story_item(story.rows(conn, f.amount_yuan), donor_id, recipient_id)
    if funding_id is not None:
        return funding_id, False
    cluster_id = story.cluster_id
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
    funding_id = insert_ignore_id(conn, funding, row, ["item_key"])
    if funding_id is None:
        return _id_of(conn, funding, item_key=key), False
    if story.known is not None:
        story.known.append((funding_id, f.amount_yuan, donor_id, recipient_id))
    return funding_id, True


def _same_story_item(
    rows: list[tuple[int, int | None, int | None]], donor_id: int | None, recipient_id: int | None
) -> int | None:
    """The story's item (rows in id order) whose parties agree (a party one copy omits does not split it).

    Equal parties win over merely compatible ones; then the oldest item.
    """
    best: tuple[int, int] | None = None
    for item_id, item_donor, item_recipient in rows:
        pairs = ((item_donor, donor_id), (item_recipient, recipient_id))
        if any(a is not None and b is not None and a != b for a, b in pairs):
            continue
        exact = sum(a == b for a, b in pairs)
        if best is None or exact > best[1]:
            best = (item_id, exact)
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
    params = {"amount": amount, "cluster_id": cluster_id, "donor_id": donor_id, "recipient_id": recipient_id,
              "start": reported_on - REPEAT_WINDOW, "end": reported_on + REPEAT_WINDOW}
    row = conn.execute(_repeat_lookup(donor_id is None, recipient_id is None), params).first()
    return None if row is None else (row.repeat_of or row.id)


@functools.lru_cache(maxsize=4)
def _repeat_lookup(no_donor: bool, no_recipient: bool) -> Select:
    c = funding.c
    same = [
        c.amount_yuan == bindparam("amount"),
        c.cluster_id != bindparam("cluster_id"),
        c.reported_on >= bindparam("start", type_=c.reported_on.type),
        c.reported_on <= bindparam("end", type_=c.reported_on.type),
        c.donor_id.is_(None) if no_donor else c.donor_id == bindparam("donor_id"),
        c.recipient_id.is_(None) if no_recipient else c.recipient_id == bindparam("recipient_id"),
    ]
    return select(c.id, c.repeat_of).where(and_(*same)).order_by(c.reported_on, c.id).limit(1)


def resolve_failures(conn: Connection, saved: list[Article]) -> None:
    """Locations that once failed and are now saved are no longer failures."""
    where = sorted({loc for a in saved for loc in ([x for x in (a.url, a.path) if x] or [failure_location(a)])})
    stmt = update(failures).where(failures.c.location.in_(bindparam("where", expanding=True)),
                                  failures.c.resolved.is_(False)).values(resolved=True)
    for i in range(0, len(where), _IN_CHUNK):
        conn.execute(stmt, {"where": where[i : i + _IN_CHUNK]})


def failure_location(a: Article) -> str:
    """Where a failed save is filed: the article's location, else its content hash."""
    return a.location or f"content:{a.content_hash}"
