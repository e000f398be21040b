"""Writing one extraction inside a caller's transaction.

Every row is written with INSERT ... ON CONFLICT DO NOTHING on its natural key (its id coming
back by RETURNING, else looked up), so saving is idempotent and two writers saving the same
story cannot duplicate it; rows that usually exist already (parties, pairings) are looked up
first, in one query per document.
A new text is clustered with its near-duplicates (store/clusters.py) before its items are saved,
so that a funding announcement is keyed by its story, not by one site's copy of it.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, bindparam, or_, select, tuple_, update

from parsers.records import Article, Extraction, Pairing, Party

from .clusters import ChunkProbe, assign_cluster
from .db import id_of, insert_ignore, insert_ignore_id, insert_ignore_many
from .funding_items import StoryItems, party_key, save_funding
from .items import SaveResult
from .models import (
    articles,
    failures,
    funding_sources,
    locations,
    pairing_sources,
    pairings,
    parties,
)

# design.md: a page that gives no time zone is in Asia/Shanghai.
DEFAULT_TZ = ZoneInfo("Asia/Shanghai")
_IN_CHUNK = 500  # bound on IN (...) lists: old SQLite builds allow 999 parameters

# Built once: they run for every document, and building a statement costs more than running it.
_CLUSTER_OF = select(articles.c.cluster_id).where(articles.c.id == bindparam("id"))
_PARTY_IDS = select(parties.c.key, parties.c.id).where(parties.c.key.in_(bindparam("keys", expanding=True)))
_PAIRING_IDS = select(pairings.c.donor_id, pairings.c.recipient_id, pairings.c.id).where(
    tuple_(pairings.c.donor_id, pairings.c.recipient_id).in_(bindparam("pairs", expanding=True))
)


def save_extraction(conn: Connection, ex: Extraction, at: datetime,
                    probe: tuple[ChunkProbe, int] | None = None) -> SaveResult:
    """Write an article, its cluster, locations, parties, pairings and funding; ``at`` stamps first_seen_at.

    The caller then marks the article's earlier failures resolved (``resolve_failures``), once
    for all the documents it saves in a transaction.  ``probe`` (the chunk's probe and this
    text's index in it) clusters a new article from the chunk's one probe of the index.
    """
    article = ex.article
    article_id, inserted, published = _upsert_article(conn, article, at)
    near, similarity = False, None
    if inserted:
        if probe is not None:
            assignment = probe[0].assign(conn, probe[1], article_id, published, at)
        else:
            assignment = assign_cluster(conn, article_id, article.text, published, at)
        cluster_id, near, similarity = assignment.cluster_id, assignment.near_duplicate, assignment.similarity
    else:  # an article this chunk stored a moment ago has its cluster in the probe until the chunk ends
        known = probe[0].cluster_of(article_id) if probe is not None else None
        cluster_id = known if known is not None else conn.execute(_CLUSTER_OF, {"id": article_id}).scalar_one()
    new_location = _add_location(conn, article_id, article, at)
    party_ids = _upsert_parties(conn, ex)
    new_pairings = _save_pairings(conn, ex.pairings, party_ids, article_id, at)
    # A cluster this call started holds only the items this call makes: no need to ask the database.
    story = StoryItems(cluster_id, known=[] if inserted and not near else None)
    reported_on = published or at
    sources = []
    new_funding = 0
    for f in sorted(ex.funding, key=lambda f: (f.amount_yuan, party_key(f.donor), party_key(f.recipient))):
        funding_id, created = save_funding(conn, story, f, party_ids, article_id, at, reported_on)
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
    return id_of(conn, articles, content_hash=a.content_hash), False, published


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
        ids.update(conn.execute(_PARTY_IDS, {"keys": keys[i : i + _IN_CHUNK]}).all())
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
        ids[key] = new_id if new_id is not None else id_of(conn, parties, key=key)
    return ids


_RAISE_CONFIDENCE = (
    update(pairings)
    .where(pairings.c.id == bindparam("b_id"),
           or_(pairings.c.confidence.is_(None), pairings.c.confidence < bindparam("b_confidence")))
    .values(confidence=bindparam("b_confidence"), basis=bindparam("b_basis"))
)


_LABEL_OFFICIAL = (
    update(pairings)
    .where(pairings.c.id == bindparam("b_id"), pairings.c.official.is_(None))
    .values(official=bindparam("b_official", type_=pairings.c.official.type))
)


def _save_pairings(conn: Connection, found: list[Pairing], ids: dict[str, int], article_id: int,
                   at: datetime) -> int:
    """Add the article as a source of each pairing, creating the new ones; how many were new."""
    new, sources, raised, labelled = 0, [], [], []
    wanted = sorted({(ids[p.donor.key], ids[p.recipient.key]) for p in found})
    known: dict[tuple[int, int], int] = {}
    for i in range(0, len(wanted), _IN_CHUNK):
        rows = conn.execute(_PAIRING_IDS, {"pairs": wanted[i : i + _IN_CHUNK]}).all()
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
                "confidence": p.confidence,
                "basis": p.basis,
                "official": p.official.model_dump() if p.official else None,
            }
            pairing_id = insert_ignore_id(conn, pairings, row, ["donor_id", "recipient_id"])
            new += pairing_id is not None
            if pairing_id is None:
                pairing_id = id_of(conn, pairings, donor_id=donor_id, recipient_id=recipient_id)
            known[(donor_id, recipient_id)] = pairing_id
        else:
            raised.append({"b_id": pairing_id, "b_confidence": p.confidence, "b_basis": p.basis})
            if p.official is not None:
                labelled.append({"b_id": pairing_id, "b_official": p.official.model_dump()})
        sources.append({"pairing_id": pairing_id, "article_id": article_id, "evidence": p.evidence})
    insert_ignore_many(conn, pairing_sources, sources, ["pairing_id", "article_id"])
    if raised:  # a known pairing stated more firmly by this source takes its confidence
        conn.execute(_RAISE_CONFIDENCE, raised)
    if labelled:  # and the official list's label, when it had none
        conn.execute(_LABEL_OFFICIAL, labelled)
    return new


def resolve_failures(conn: Connection, saved: list[Article]) -> None:
    """Locations that once failed and are now saved are no longer failures."""
    resolve_locations(conn, [loc for a in saved for loc in ([x for x in (a.url, a.path) if x] or [failure_location(a)])])


def resolve_locations(conn: Connection, locations: list[str]) -> None:
    """These locations (articles saved, listings read again) are no longer failures."""
    where = sorted(set(locations))
    stmt = update(failures).where(failures.c.location.in_(bindparam("where", expanding=True)),
                                  failures.c.resolved.is_(False)).values(resolved=True)
    for i in range(0, len(where), _IN_CHUNK):
        conn.execute(stmt, {"where": where[i : i + _IN_CHUNK]})


def failure_location(a: Article) -> str:
    """Where a failed save is filed: the article's location, else its content hash."""
    return a.location or f"content:{a.content_hash}"
