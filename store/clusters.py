"""Near-duplicate clusters: one story on five sites, in two scripts, cut at different points, is one cluster.

A new article probes the LSH index (``lsh_bands``: one indexed row per band key) once per band,
whatever the number of stored articles; the candidates' stored signatures estimate their
similarity, the best few are compared exactly on their stored texts, and the article joins the
cluster of the most similar one at or above ``THRESHOLD`` (exact Jaccard), else starts a
cluster. Signatures and bands live in the database: a later run, in another process or on
another machine (PostgreSQL), never recomputes old ones and finds old clusters at once.

A new article never merges two existing clusters (a chain A~B~C would pull unrelated stories
together and renumber clusters that funding items hang on); it joins its best match.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import Connection, Select, bindparam, func, select, update

from .dedupe import (
    BANDS,
    SCHEME,
    THRESHOLD,
    band_keys,
    exact_similarity,
    from_bytes,
    shingle_hashes,
    signature,
    signature_of,
    similarity,
    to_bytes,
)
from .models import article_signatures, articles, clusters, lsh_bands

__all__ = ["BANDS", "THRESHOLD", "Assignment", "assign_cluster", "find_match", "needs_reindex", "reindex"]

MAX_CANDIDATES = 16  # signatures compared per new article, most shared bands first
VERIFY_FLOOR = 0.06  # estimates from here up are checked exactly: all but 1 in 4000 true 0.15s
VERIFY_MAX = 3  # texts compared exactly per new article, best estimates first


class ShingleCache:
    """The shingle hashes of recently seen texts, keyed by a digest of the text itself.

    A backfill compares each new article with a few recent ones, each of which was new a moment
    ago: shingling them again was a fifth of saving's time. Keyed by content, never by article id
    (an id can come back after a rollback), so a hit is always the right answer.
    """

    def __init__(self, size: int = 2048) -> None:  # ~4 KB of hashes per 1,000 characters of text
        self.size = size
        self._entries: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, text: str) -> np.ndarray:
        key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        hashes = shingle_hashes(text)
        hashes.flags.writeable = False  # shared by every caller
        with self._lock:
            self._entries[key] = hashes
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return hashes


_SHINGLES = ShingleCache()


@dataclass(frozen=True)
class Assignment:
    """Where a new article went: the cluster, and the article it resembled (None: a new cluster)."""

    cluster_id: int
    matched_article_id: int | None = None
    similarity: float | None = None

    @property
    def near_duplicate(self) -> bool:
        return self.matched_article_id is not None


_hits = func.count().label("hits")
# Built once: the statements run for every new article, and building them costs more than running them.
# The articles sharing most bands (an index probe per band), then the signatures and clusters of those few.
_TOP = (
    select(lsh_bands.c.article_id, _hits)
    .where(lsh_bands.c.key.in_(bindparam("keys", expanding=True)))
    .group_by(lsh_bands.c.article_id)
    .order_by(_hits.desc(), lsh_bands.c.article_id)
    .limit(MAX_CANDIDATES)
    .subquery()
)
_CANDIDATES = (
    select(_TOP.c.article_id, article_signatures.c.minhash, articles.c.cluster_id)
    .join(article_signatures, article_signatures.c.article_id == _TOP.c.article_id)
    .join(articles, articles.c.id == _TOP.c.article_id)
    .where(article_signatures.c.scheme == bindparam("scheme"))
)
_TEXTS = select(articles.c.id, articles.c.text).where(articles.c.id.in_(bindparam("ids", expanding=True)))
_INSERT_SIGNATURE = article_signatures.insert()
_BANDS_SQL: dict[str, tuple[str, list[str] | None]] = {}
_INSERT_CLUSTER = clusters.insert()
_SET_CLUSTER = (
    update(articles).where(articles.c.id == bindparam("aid")).values(cluster_id=bindparam("cid"))
)



def find_match(
    conn: Connection, sig: np.ndarray, hashes: np.ndarray, keys: list[int] | None = None
) -> tuple[int, int, float] | None:
    """The stored article most similar to a new text at or above THRESHOLD: (article, cluster, similarity).

    Candidates share a band; those whose estimated similarity reaches VERIFY_FLOOR are compared
    exactly, on their stored texts, so the decision never rests on the estimate's noise (a
    192-value estimate of 0.12 reads 0.15 one time in eight).
    """
    keys = band_keys(sig) if keys is None else keys
    estimated = []
    for row in conn.execute(_CANDIDATES, {"keys": keys, "scheme": SCHEME}):
        if row.minhash is not None and row.cluster_id is not None:
            est = similarity(sig, from_bytes(row.minhash))
            if est >= VERIFY_FLOOR:
                estimated.append((est, -row.article_id, row.cluster_id))
    if not estimated:
        return None
    top = sorted(estimated, reverse=True)[:VERIFY_MAX]
    texts = dict(conn.execute(_TEXTS, {"ids": [-neg for _, neg, _ in top]}).all())
    best: tuple[int, int, float] | None = None
    for _, neg, cluster_id in top:
        sim = exact_similarity(hashes, _SHINGLES.of(texts.get(-neg, "")))
        if sim >= THRESHOLD and (best is None or sim > best[2]):
            best = (-neg, cluster_id, sim)
    return best


def store_signature(conn: Connection, article_id: int, sig: np.ndarray | None, keys: list[int] | None = None) -> None:
    """Keep an article's signature and band keys (a NULL signature marks a text too short to compare)."""
    minhash = None if sig is None else to_bytes(sig)
    conn.execute(_INSERT_SIGNATURE, {"article_id": article_id, "scheme": SCHEME, "minhash": minhash})
    if sig is not None:
        keys = band_keys(sig) if keys is None else keys
        _insert_bands(conn, article_id, sorted(set(keys)))


def _insert_bands(conn: Connection, article_id: int, keys: list[int]) -> None:
    """Many small rows per article: run the dialect's compiled INSERT as a plain executemany.

    SQLAlchemy's own executemany processes every parameter set in Python, which cost more than
    SQLite's writing them; the statement is compiled by SQLAlchemy once per dialect, so it stays
    portable.
    """
    name = conn.dialect.name
    if name == "postgresql":  # one statement, one round trip: the keys travel as one array
        conn.exec_driver_sql(
            "INSERT INTO lsh_bands (key, article_id) SELECT k, %(aid)s FROM unnest(%(keys)s::bigint[]) AS k",
            {"aid": article_id, "keys": keys},
        )
        return
    if name not in _BANDS_SQL:
        compiled = lsh_bands.insert().compile(dialect=conn.dialect)
        _BANDS_SQL[name] = (str(compiled), compiled.positiontup)
    sql, order = _BANDS_SQL[name]
    if order is not None:
        values = {"key": 0, "article_id": 1}
        index = [values[col] for col in order]
        rows: list = [tuple((k, article_id)[i] for i in index) for k in keys]
    else:
        rows = [{"key": k, "article_id": article_id} for k in keys]
    conn.exec_driver_sql(sql, rows)


def assign_cluster(
    conn: Connection, article_id: int, text: str, published: datetime | None, at: datetime
) -> Assignment:
    """Sign a newly stored article, put it in its story's cluster (or a new one) and keep its signature."""
    hashes = _SHINGLES.of(text)
    sig = signature_of(hashes)
    keys = band_keys(sig) if sig is not None else None
    match = find_match(conn, sig, hashes, keys) if sig is not None else None
    store_signature(conn, article_id, sig, keys)
    if match is None:
        row = {
            "first_article_id": article_id,
            "published": published,
            "published_article_id": article_id if published is not None else None,
            "first_seen_at": at,
        }
        cluster_id = conn.execute(_INSERT_CLUSTER, row).inserted_primary_key[0]
        assignment = Assignment(cluster_id)
    else:
        matched_id, cluster_id, sim = match
        _keep_earliest(conn, cluster_id, article_id, published)
        assignment = Assignment(cluster_id, matched_id, sim)
    conn.execute(_SET_CLUSTER, {"aid": article_id, "cid": assignment.cluster_id})
    return assignment


def _keep_earliest(conn: Connection, cluster_id: int, article_id: int, published: datetime | None) -> None:
    """A cluster's publication is its earliest member's: a later-found original moves it back."""
    if published is None:
        return
    c = clusters.c
    conn.execute(
        update(clusters)
        .where(c.id == cluster_id, (c.published.is_(None)) | (c.published > published))
        .values(published=published, published_article_id=article_id)
    )


def _unsigned() -> Select:
    return (
        select(articles.c.id, articles.c.text, articles.c.published, articles.c.cluster_id)
        .outerjoin(article_signatures, article_signatures.c.article_id == articles.c.id)
        .where((article_signatures.c.article_id.is_(None)) | (article_signatures.c.scheme != SCHEME))
        .order_by(articles.c.id)
    )


def needs_reindex(conn: Connection) -> bool:
    """Whether any article lacks a signature of the current scheme (a read, no lock taken)."""
    return conn.execute(_unsigned().with_only_columns(articles.c.id).limit(1)).first() is not None


def reindex(conn: Connection, at: datetime, limit: int = 1000) -> int:
    """Sign up to ``limit`` articles that lack a current-scheme signature; returns how many.

    Signatures of another scheme and their bands are dropped first, in one statement each (a
    scheme change makes them all stale at once). Re-signed articles keep their cluster; an article
    without a cluster (none should exist) is clustered as if new.
    """
    sig = article_signatures.c
    if conn.execute(select(sig.article_id).where(sig.scheme != SCHEME).limit(1)).first() is not None:
        stale = select(sig.article_id).where(sig.scheme != SCHEME)
        conn.execute(lsh_bands.delete().where(lsh_bands.c.article_id.in_(stale)))
        conn.execute(article_signatures.delete().where(sig.scheme != SCHEME))
    rows = conn.execute(_unsigned().limit(limit)).all()
    for row in rows:
        if row.cluster_id is None:
            assign_cluster(conn, row.id, row.text, row.published, at)
        else:
            store_signature(conn, row.id, signature(row.text))
    return len(rows)
