"""Articles turned away as off-topic: remembered by location, title and date, nothing more.

Why a table of its own: such an article must never be fetched again (the fetcher asks
``Store.known_locations``, which looks here too), yet it must not become an article row,
which would cluster it and put it within reach of a digest.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, bindparam, select

from parsers.records import Article

from .db import insert_ignore
from .models import off_topic
from .saving import DEFAULT_TZ

_IN_CHUNK = 500


def record_off_topic(conn: Connection, articles: Iterable[Article], reason: str, at: datetime) -> int:
    """Remember each article as seen and off-topic (once per location); how many were new."""
    new = 0
    for a in articles:
        if not a.location:
            continue
        published = a.published
        if published is not None and published.utcoffset() is None:
            published = published.replace(tzinfo=DEFAULT_TZ)
        row = {"location": a.location, "url": a.url, "canonical_url": a.canonical_url, "path": a.path,
               "source": a.source, "title": a.title, "published": published, "reason": reason, "seen_at": at}
        new += insert_ignore(conn, off_topic, row, ["location"])
    return new


_KNOWN = select(off_topic.c.location, off_topic.c.url, off_topic.c.canonical_url).where(
    off_topic.c.location.in_(bindparam("a", expanding=True))
    | off_topic.c.url.in_(bindparam("b", expanding=True))
    | off_topic.c.canonical_url.in_(bindparam("c", expanding=True))
)


def known_off_topic(conn: Connection, locations: Iterable[str]) -> set[str]:
    """Those of ``locations`` (as given or in canonical form) recorded as off-topic."""
    wanted = sorted(set(locations))
    found: set[str] = set()
    for i in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[i : i + _IN_CHUNK]
        for row in conn.execute(_KNOWN, {"a": chunk, "b": chunk, "c": chunk}):
            found.update(v for v in row if v is not None)
    return found & set(wanted)
