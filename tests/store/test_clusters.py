"""store/clusters.py's ChunkProbe (one probe of the index per chunk of texts) makes exactly the
decisions assign_cluster makes one text at a time, on SQLite and PostgreSQL: stories stored in
an earlier chunk, copies inside the same chunk, texts too short to sign, and a text whose
savepoint was rolled back (a later copy of it must not join a cluster that never existed).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from sqlalchemy import insert, select

from store import clusters
from store import models as m
from store.db import make_engine, resolve_db_url
from store.migrate import ensure_schema

AT = datetime(2024, 6, 1, tzinfo=UTC)
ALPHABET = [chr(c) for c in range(0x4E00, 0x4E00 + 800)]


def _texts(seed: int = 5) -> list[str]:
    """Stories of random characters (no two alike), and copies cut and touched up, some of a story
    in the same chunk, some of a story stored chunks before; a few texts too short to sign."""
    rng = random.Random(seed)
    stories = ["".join(rng.choice(ALPHABET) for _ in range(300)) + "。" for _ in range(60)]
    texts = []
    for i in range(240):
        if i % 10 == 9:
            texts.append("短讯。")  # too few shingles: no signature, a cluster of its own
        elif i % 7 == 3 and i > 60:  # one story copied 25 times: more candidates than MAX_CANDIDATES
            story = stories[0]
            at = rng.randrange(len(story))
            texts.append(story[:at] + "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 40))) + story[at:])
        elif i < 60 or rng.random() < 0.5:
            texts.append(stories[i % 60] if i < 60 else stories[rng.randrange(60)])
        else:
            story = stories[rng.randrange(60)]
            cut = story[rng.randrange(30) : len(story) - rng.randrange(30)]
            at = rng.randrange(len(cut))
            texts.append(cut[:at] + "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 20))) + cut[at:])
    return texts


def _articles(conn, texts: list[str], offset: int) -> list[int]:
    rows = [{"source": "t", "parser": "t", "script": "simplified", "text": t, "content_hash": f"h{offset + n}",
             "authors": [], "flags": [], "mojibake_spans": [], "first_seen_at": AT} for n, t in enumerate(texts)]
    conn.execute(insert(m.articles), rows)
    ids = dict(conn.execute(select(m.articles.c.content_hash, m.articles.c.id)
                            .where(m.articles.c.content_hash.in_([r["content_hash"] for r in rows]))).all())
    return [ids[r["content_hash"]] for r in rows]


def _decisions(url: str, texts: list[str], chunked: bool, rolled_back: frozenset[int] = frozenset()) -> list:
    """For each text: None (rolled back), or (the earliest text of its cluster, the text it matched)."""
    engine = make_engine(resolve_db_url(url))
    ensure_schema(engine)
    first_of: dict[int, int] = {}
    index_of: dict[int, int] = {}
    placed: dict[int, int] = {}  # article id -> the cluster its assignment named
    out: list = []
    for start in range(0, len(texts), 80):  # three chunks: matches across chunks and inside them
        chunk = texts[start : start + 80]
        with engine.begin() as conn:
            ids = _articles(conn, chunk, start)
            probe = clusters.ChunkProbe(conn, chunk) if chunked else None
            for i, article_id in enumerate(ids):
                n = start + i
                savepoint = conn.begin_nested()
                if probe is not None:
                    a = probe.assign(conn, i, article_id, None, AT)
                else:
                    a = clusters.assign_cluster(conn, article_id, chunk[i], None, AT)
                if n in rolled_back:
                    savepoint.rollback()
                    if probe is not None:
                        probe.settle(i, kept=False)
                    out.append(None)
                    continue
                savepoint.commit()
                if probe is not None:
                    probe.settle(i, kept=True)
                index_of[article_id] = n
                placed[article_id] = a.cluster_id
                first_of.setdefault(a.cluster_id, n)
                out.append((first_of[a.cluster_id], index_of.get(a.matched_article_id)))
            if probe is not None:
                probe.flush(conn)
    with engine.connect() as conn:
        signed = conn.execute(select(m.article_signatures.c.article_id)).scalars().all()
        banded = conn.execute(select(m.lsh_bands.c.article_id).distinct()).scalars().all()
        rows = dict(conn.execute(select(m.articles.c.id, m.articles.c.cluster_id)).all())
    engine.dispose()
    assert len(signed) == len(texts) - len(rolled_back)  # every kept text signed, NULL for the short ones
    assert len(banded) == sum(1 for n, t in enumerate(texts) if n not in rolled_back and len(t) > 10)
    # every kept article's row names the cluster it was assigned; a rolled-back one none (its row is the test's)
    assert {a: c for a, c in rows.items() if a in placed} == placed
    assert [c for a, c in rows.items() if a not in placed] == [None] * len(rolled_back)
    return out


def test_a_chunk_probe_decides_as_one_text_at_a_time(db_url, tmp_path):
    """On SQLite and on PostgreSQL (db_url), against assign_cluster one text at a time (SQLite)."""
    texts = _texts()
    chunked = _decisions(db_url, texts, chunked=True)
    one_by_one = _decisions(str(tmp_path / "one-by-one.db"), texts, chunked=False)
    assert chunked == one_by_one
    joined = sum(1 for d, n in zip(chunked, range(len(texts)), strict=True) if d and d[1] is not None and d[0] != n)
    inside = sum(1 for n, d in enumerate(chunked) if d and d[1] is not None and d[1] // 80 == n // 80)
    assert joined >= 80 and inside >= 20, (joined, inside)  # copies across chunks and inside one


def test_a_rolled_back_text_is_no_match_for_later_copies(db_url, tmp_path):
    texts = _texts(seed=9)
    # roll back the first copy of some story inside the first chunk: later copies must match something else
    rolled = frozenset({5, 17, 33, 90, 100})
    chunked = _decisions(db_url, texts, chunked=True, rolled_back=rolled)
    one_by_one = _decisions(str(tmp_path / "sqlite-one-by-one.db"), texts, chunked=False, rolled_back=rolled)
    assert chunked == one_by_one
    assert all(d is None or d[1] not in rolled for d in chunked)
