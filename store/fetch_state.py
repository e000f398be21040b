"""What the fetcher remembers between runs, per URL: HTTP validators, the last outcome, and
whether an article link found on a listing is still to be fetched.

Why in the database: an unchanged listing must cost one conditional GET (ETag /
Last-Modified) and no parsing on the next run, even on another machine; and an article link
that was found but not yet stored (a failed fetch, a crash, a per-run limit) must be tried
again even when its listing answers 304 and so lists nothing.  The table hangs on the shared
``store.models.metadata`` and is created on first use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import case, select, update

from .db import insert_ignore, make_engine, resolve_db_url, write_tx
from .migrate import ensure_schema
from .models import fetch_state

_CHUNK = 500
_REASON_MAX = 2000
# What an article link's state says while it is being fetched: what stays if the run is killed.
INTERRUPTED = "interrupted: the run ended while the page was being fetched or before it was stored"

@dataclass(frozen=True)
class FetchEntry:
    """One URL's remembered state."""

    url: str
    source: str
    kind: str
    etag: str | None = None
    last_modified: str | None = None
    status: int | None = None
    reason: str | None = None
    attempts: int = 0
    done: bool = False
    body: str | None = None
    fetched_at: datetime | None = None


def now() -> datetime:
    return datetime.now(UTC)


class FetchState:
    """Get and put fetch state by URL; the table is created on first use."""

    def __init__(self, db_url: str | None = None) -> None:
        self.engine = make_engine(resolve_db_url(db_url))
        ensure_schema(self.engine)

    def get(self, url: str) -> FetchEntry | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(fetch_state).where(fetch_state.c.url == url)).first()
        if row is None:
            return None
        data = dict(row._mapping)
        data.pop("first_seen_at")
        return FetchEntry(**data)

    def put(self, entry: FetchEntry) -> None:
        """Insert or replace the URL's state (``fetched_at`` defaults to now)."""
        values = {
            "source": entry.source,
            "kind": entry.kind,
            "etag": entry.etag,
            "last_modified": entry.last_modified,
            "status": entry.status,
            "reason": entry.reason[:_REASON_MAX] if entry.reason else None,
            "attempts": entry.attempts,
            "done": entry.done,
            "body": entry.body,
            "fetched_at": entry.fetched_at or now(),
        }
        with write_tx(self.engine) as conn:
            if not insert_ignore(conn, fetch_state, {"url": entry.url, "first_seen_at": now(), **values}, ["url"]):
                conn.execute(update(fetch_state).where(fetch_state.c.url == entry.url).values(**values))

    def discovered(self, source: str, urls: Iterable[str]) -> None:
        """Remember article links found on a listing, before its validators are saved: a run that
        stops half-way must not lose them behind the next run's 304."""
        at = now()
        with write_tx(self.engine) as conn:
            for url in dict.fromkeys(urls):
                row = {"url": url, "source": source, "kind": "article", "attempts": 0, "done": False,
                       "first_seen_at": at}
                insert_ignore(conn, fetch_state, row, ["url"])

    def record_attempt(self, url: str, source: str, status: int | None, reason: str | None,
                       done: bool = False) -> None:
        """One more fetch of an article link: its status, and the reason when it failed."""
        at = now()
        values = {"status": status, "reason": reason[:_REASON_MAX] if reason else None, "done": done,
                  "fetched_at": at}
        with write_tx(self.engine) as conn:
            row = {"url": url, "source": source, "kind": "article", "attempts": 1, "first_seen_at": at, **values}
            if not insert_ignore(conn, fetch_state, row, ["url"]):
                stmt = update(fetch_state).where(fetch_state.c.url == url)
                conn.execute(stmt.values(attempts=fetch_state.c.attempts + 1, **values))

    def begin_attempt(self, url: str, source: str) -> None:
        """Count an attempt before the request goes out, its reason INTERRUPTED: a run killed on this
        link (a page that hangs the run) has used an attempt, so the link cannot stall every run."""
        at = now()
        with write_tx(self.engine) as conn:
            row = {"url": url, "source": source, "kind": "article", "attempts": 1, "done": False,
                   "reason": INTERRUPTED, "first_seen_at": at, "fetched_at": at}
            if not insert_ignore(conn, fetch_state, row, ["url"]):
                stmt = update(fetch_state).where(fetch_state.c.url == url)
                conn.execute(stmt.values(attempts=fetch_state.c.attempts + 1, reason=INTERRUPTED, fetched_at=at))

    def end_attempt(self, url: str, status: int | None, reason: str | None, *, failed: bool,
                    done: bool = False) -> int:
        """The outcome of the attempt ``begin_attempt`` counted; one that did not fail is not counted
        (a page fetched is not a failed attempt). Returns the attempts now counted."""
        c = fetch_state.c
        values: dict[str, object] = {"status": status, "reason": reason[:_REASON_MAX] if reason else None,
                                     "done": done, "fetched_at": now()}
        if not failed:
            values["attempts"] = case((c.attempts > 0, c.attempts - 1), else_=0)
        with write_tx(self.engine) as conn:
            conn.execute(update(fetch_state).where(c.url == url).values(**values))
            return int(conn.execute(select(c.attempts).where(c.url == url)).scalar_one_or_none() or 0)

    def attempts_of(self, urls: Iterable[str]) -> dict[str, int]:
        """Attempts counted so far for those of ``urls`` that have any."""
        wanted = sorted(set(urls))
        c = fetch_state.c
        out: dict[str, int] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), _CHUNK):
                stmt = select(c.url, c.attempts).where(c.url.in_(wanted[i : i + _CHUNK]), c.attempts > 0)
                out.update({url: n for url, n in conn.execute(stmt)})
        return out

    def exhausted(self, source: str, max_attempts: int) -> list[FetchEntry]:
        """The source's article links that used up their attempts without being settled (no failure
        record says so yet: the last attempts were cut off by killed runs)."""
        c = fetch_state.c
        stmt = select(fetch_state).where(c.source == source, c.kind == "article", c.done.is_(False),
                                         c.attempts >= max_attempts).order_by(c.url)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(stmt)]
        for row in rows:
            row.pop("first_seen_at")
        return [FetchEntry(**row) for row in rows]

    def give_up(self, url: str, reason: str) -> None:
        """No more fetching of this link: its attempts are used up; ``reason`` says why, for the record."""
        with write_tx(self.engine) as conn:
            conn.execute(update(fetch_state).where(fetch_state.c.url == url)
                         .values(done=True, reason=reason[:_REASON_MAX], fetched_at=now()))

    def unfinished(self, source: str, max_attempts: int) -> list[str]:
        """The source's article links not yet known to be stored, tried fewer than ``max_attempts`` times."""
        c = fetch_state.c
        stmt = (
            select(c.url)
            .where(c.source == source, c.kind == "article", c.done.is_(False), c.attempts < max_attempts)
            .order_by(c.first_seen_at, c.url)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(stmt).scalars())

    def settled(self, urls: Iterable[str], max_attempts: int) -> set[str]:
        """Those of ``urls`` not to fetch again: skipped on purpose, or tried ``max_attempts`` times."""
        wanted = sorted(set(urls))
        c = fetch_state.c
        out: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i : i + _CHUNK]
                stmt = select(c.url).where(c.url.in_(chunk), c.done.is_(True) | (c.attempts >= max_attempts))
                out.update(conn.execute(stmt).scalars())
        return out

    def mark_done(self, urls: Iterable[str]) -> None:
        """These links need no more fetching (stored, or skipped on purpose)."""
        wanted = sorted(set(urls))
        with write_tx(self.engine) as conn:
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i : i + _CHUNK]
                conn.execute(update(fetch_state).where(fetch_state.c.url.in_(chunk)).values(done=True))
