"""Near-duplicate clusters: one story on five sites, in two scripts, cut at different points, is one cluster.

A new article probes the LSH index (``lsh_bands``: one indexed row per band key) once per band,
whatever the number of stored articles; the candidates' stored signatures estimate their
similarity, the best few are compared exactly on their stored texts, and the article joins the
cluster of the most similar one at or above ``THRESHOLD`` (exact Jaccard), else starts a
cluster. Signatures and bands live in the database: a later run, in another process or on
another machine (PostgreSQL), never recomputes old ones and finds old clusters at once.

A new article never merges two existing clusters (a chain A~B~C would pull unrelated stories
together and renumber clusters that funding items hang on); it joins its best match.

Saving many articles in one transaction, ``ChunkProbe`` asks the index once for the whole chunk
(on PostgreSQL one statement: a round trip per article was most of clustering's time there) and
matches the chunk's articles with one another in memory, with the decisions ``assign_cluster``
would make one by one; their signatures and bands are written once, at the end of the chunk.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
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

__all__ = ["BANDS", "THRESHOLD", "Assignment", "ChunkProbe", "assign_cluster", "find_match", "needs_reindex",
           "reindex"]

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
    select(_TOP.c.article_id, _TOP.c.hits, article_signatures.c.minhash, articles.c.cluster_id)
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


# The candidates of many new texts at once (PostgreSQL): every band row sharing a key with any of
# them in one index-only scan (ranked per text in Python), then the few best ones' signatures.
_BAND_ROWS_PG = "SELECT key, array_agg(article_id) FROM lsh_bands WHERE key = ANY(%(keys)s::bigint[]) GROUP BY key"
_SIGNED = (
    select(article_signatures.c.article_id, article_signatures.c.minhash, articles.c.cluster_id)
    .join(articles, articles.c.id == article_signatures.c.article_id)
    .where(article_signatures.c.article_id.in_(bindparam("ids", expanding=True)),
           article_signatures.c.scheme == bindparam("scheme"))
)


def _pg_array(numbers: Iterable[int]) -> str:
    """Integers as a PostgreSQL array literal: psycopg adapts a list of 50,000 ints element by
    element in Python (a fifth of clustering's time); the server reads this text at once."""
    return "{" + ",".join(map(str, numbers)) + "}"


@dataclass
class _Text:
    """One text of a chunk: its shingles, signature, band keys and stored candidates (by the index)."""

    hashes: np.ndarray
    sig: np.ndarray | None
    keys: list[int]
    stored: list[tuple[int, int, bytes | None, int | None]] = field(default_factory=list)  # id, hits, minhash, cluster


class ChunkProbe:
    """Clusters for a chunk of new texts saved in one transaction, probing the index once.

    ``assign(conn, i, ...)`` decides for text ``i`` exactly as ``assign_cluster`` would had the
    chunk's earlier texts been stored one by one: their candidates are the stored ones found by
    the one probe plus the chunk's texts already kept, ranked together.  Each assignment is
    pending until ``settle(i, kept)`` (False: its savepoint was rolled back, so it never existed);
    ``flush(conn)`` writes the kept texts' signatures and bands.
    """

    def __init__(self, conn: Connection, texts: list[str]) -> None:
        self._texts: list[_Text] = []
        self._stored_texts: dict[int, str] = {}
        for text in texts:
            hashes = _SHINGLES.of(text)
            sig = signature_of(hashes)
            self._texts.append(_Text(hashes, sig, band_keys(sig) if sig is not None else []))
        self._probe(conn)
        self._kept: dict[int, tuple[int, int]] = {}  # chunk index -> (article id, cluster id)
        self._pending: dict[int, tuple[int, int]] = {}
        self._by_key: dict[int, list[int]] = {}  # band key -> kept chunk indexes

    def _probe(self, conn: Connection) -> None:
        wanted = [i for i, t in enumerate(self._texts) if t.sig is not None]
        if not wanted:
            return
        if conn.dialect.name == "postgresql":
            keys = sorted({k for i in wanted for k in self._texts[i].keys})
            holders: dict[int, list[int]] = dict(conn.exec_driver_sql(_BAND_ROWS_PG, {"keys": _pg_array(keys)}).all())
            tops: dict[int, list[tuple[int, int]]] = {}
            for i in wanted:  # _TOP's ranking: most shared bands, then the lowest id
                hits = Counter(a for key in set(self._texts[i].keys) for a in holders.get(key, ()))
                tops[i] = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
            ids = sorted({a for top in tops.values() for a, _ in top})
            signed = {}
            for start in range(0, len(ids), 5000):
                chunk = ids[start : start + 5000]
                signed.update({r.article_id: r for r in conn.execute(_SIGNED, {"ids": chunk, "scheme": SCHEME})})
            for i, top in tops.items():  # _CANDIDATES' inner join: a candidate without a current signature drops out
                self._texts[i].stored = [(a, n, signed[a].minhash, signed[a].cluster_id) for a, n in top if a in signed]
        else:
            for i in wanted:  # SQLite: a probe is a local index lookup, no round trip to save
                rows = conn.execute(_CANDIDATES, {"keys": self._texts[i].keys, "scheme": SCHEME})
                self._texts[i].stored = [(r.article_id, r.hits, r.minhash, r.cluster_id) for r in rows]
        # The stored texts any of them may be compared with exactly, fetched once for the chunk.
        close = sorted({a for i in wanted for a, _, minhash, cluster_id in self._texts[i].stored
                        if minhash is not None and cluster_id is not None
                        and similarity(self._texts[i].sig, from_bytes(minhash)) >= VERIFY_FLOOR})
        for start in range(0, len(close), 500):
            self._stored_texts.update(conn.execute(_TEXTS, {"ids": close[start : start + 500]}).all())

    def assign(self, conn: Connection, i: int, article_id: int, published: datetime | None,
               at: datetime) -> Assignment:
        """Put text ``i`` (stored as ``article_id``) in its story's cluster or a new one."""
        text = self._texts[i]
        match = self._match(conn, text) if text.sig is not None else None
        if match is None:
            row = {"first_article_id": article_id, "published": published,
                   "published_article_id": article_id if published is not None else None, "first_seen_at": at}
            assignment = Assignment(conn.execute(_INSERT_CLUSTER, row).inserted_primary_key[0])
        else:
            matched_id, cluster_id, sim = match
            _keep_earliest(conn, cluster_id, article_id, published)
            assignment = Assignment(cluster_id, matched_id, sim)
        # articles.cluster_id is written by flush(), for the whole chunk at once (cluster_of() until then)
        self._pending[i] = (article_id, assignment.cluster_id)
        return assignment

    def settle(self, i: int, kept: bool) -> None:
        """Text ``i``'s savepoint was released (kept) or rolled back: only kept texts are matched."""
        pending = self._pending.pop(i, None)
        if pending is None or not kept:
            return
        self._kept[i] = pending
        for key in set(self._texts[i].keys):
            self._by_key.setdefault(key, []).append(i)

    def cluster_of(self, article_id: int) -> int | None:
        """The cluster this probe put a kept article in (its row says so only after flush())."""
        return next((cid for aid, cid in self._kept.values() if aid == article_id), None)

    def flush(self, conn: Connection) -> None:
        """Write the kept texts' clusters, signatures and band keys (one statement each on PostgreSQL)."""
        placed = sorted(self._kept.values())
        if conn.dialect.name == "postgresql" and placed:
            conn.exec_driver_sql(
                "UPDATE articles SET cluster_id = v.cid FROM unnest(%(aids)s::int[], %(cids)s::int[]) AS v(aid, cid) "
                "WHERE articles.id = v.aid",
                {"aids": _pg_array(a for a, _ in placed), "cids": _pg_array(c for _, c in placed)},
            )
        elif placed:
            conn.execute(_SET_CLUSTER, [{"aid": a, "cid": c} for a, c in placed])
        rows = [{"article_id": article_id, "scheme": SCHEME,
                 "minhash": None if self._texts[i].sig is None else to_bytes(self._texts[i].sig)}
                for i, (article_id, _) in sorted(self._kept.items())]
        if rows:
            conn.execute(_INSERT_SIGNATURE, rows)
        banded = [(article_id, sorted(set(self._texts[i].keys))) for i, (article_id, _) in sorted(self._kept.items())
                  if self._texts[i].sig is not None]
        if conn.dialect.name == "postgresql" and banded:
            conn.exec_driver_sql(
                "INSERT INTO lsh_bands (key, article_id) SELECT * FROM unnest(%(keys)s::bigint[], %(aids)s::int[]) "
                "ORDER BY 1",  # in index order: a quarter less time maintaining the key's B-tree
                {"keys": _pg_array(k for _, keys in banded for k in keys),
                 "aids": _pg_array(a for a, keys in banded for _ in keys)},
            )
        else:
            for article_id, keys in banded:
                _insert_bands(conn, article_id, keys)
        self._kept.clear()
        self._by_key.clear()

    def _match(self, conn: Connection, text: _Text) -> tuple[int, int, float] | None:
        """find_match's decision over the stored candidates and the chunk's kept texts together."""
        assert text.sig is not None
        shared = Counter(j for key in set(text.keys) for j in self._by_key.get(key, ()))
        ranked: list[tuple[int, int, np.ndarray | None, int | None, np.ndarray | None]] = [
            (article_id, hits, None if minhash is None else from_bytes(minhash), cluster_id, None)
            for article_id, hits, minhash, cluster_id in text.stored]
        for j, hits in shared.items():
            article_id, cluster_id = self._kept[j]
            ranked.append((article_id, hits, self._texts[j].sig, cluster_id, self._texts[j].hashes))
        ranked.sort(key=lambda r: (-r[1], r[0]))
        estimated = []
        in_chunk: dict[int, np.ndarray] = {}
        for article_id, _, sig, cluster_id, hashes in ranked[:MAX_CANDIDATES]:
            if sig is not None and cluster_id is not None:
                est = similarity(text.sig, sig)
                if est >= VERIFY_FLOOR:
                    estimated.append((est, -article_id, cluster_id))
                    if hashes is not None:
                        in_chunk[article_id] = hashes
        if not estimated:
            return None
        top = sorted(estimated, reverse=True)[:VERIFY_MAX]
        need = [-neg for _, neg, _ in top if -neg not in in_chunk and -neg not in self._stored_texts]
        texts = self._stored_texts | (dict(conn.execute(_TEXTS, {"ids": need}).all()) if need else {})
        best: tuple[int, int, float] | None = None
        for _, neg, cluster_id in top:
            other = in_chunk[-neg] if -neg in in_chunk else _SHINGLES.of(texts.get(-neg, ""))
            sim = exact_similarity(text.hashes, other)
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
