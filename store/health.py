"""Source health over time: per configured source, when a listing was last read, when it last
brought a new article, and how many runs in a row found none of its listings readable.

Why: one failed run is noise (a slow portal, a 503); several in a row, or weeks without a new
article from a column that used to publish weekly, mean the listing has probably moved and the
sources file needs a look. The flags are computed when read, from the stored facts, so the
thresholds can change without touching the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, bindparam, select, update

from .db import insert_ignore
from .models import source_health

FAILING_AFTER = 3  # runs in a row with no listing read
QUIET_DAYS = 14  # days without a new article
_REASON_MAX = 2000


@dataclass(frozen=True)
class SourceHealth:
    """One source's record, and whether it needs a look (``failing``, ``quiet``, ``note`` says why)."""

    source: str
    tracked_since: datetime
    last_run_at: datetime | None
    last_success_at: datetime | None
    last_new_article_at: datetime | None
    consecutive_failures: int
    last_error: str | None
    failing: bool
    quiet: bool

    @property
    def flagged(self) -> bool:
        return self.failing or self.quiet

    @property
    def note(self) -> str:
        """One line for a log, a summary or a digest footer; empty when all is well."""
        if self.failing:
            return (f"source {self.source}: failed {self.consecutive_failures} runs in a row "
                    f"(last error: {self.last_error or 'unknown'})")
        if self.quiet:
            since = self.last_new_article_at or self.tracked_since
            return (f"source {self.source}: nothing new since {since:%Y-%m-%d}: the listing may have moved "
                    "(try `pairwatch sources check`)")
        return ""


def record_fetch(conn: Connection, source: str, ok: bool, error: str | None, at: datetime) -> None:
    """One run's outcome for a source: a success resets the failure count, a failure adds one."""
    insert_ignore(conn, source_health, {"source": source, "tracked_since": at, "consecutive_failures": 0}, ["source"])
    c = source_health.c
    values: dict = {"last_run_at": at}
    if ok:
        values.update(last_success_at=at, consecutive_failures=0, last_error=None)
    else:
        values.update(consecutive_failures=c.consecutive_failures + 1, last_error=(error or "")[:_REASON_MAX] or None)
    conn.execute(update(source_health).where(c.source == source).values(**values))


_NEW_ARTICLES = (update(source_health).where(source_health.c.source == bindparam("b_source"))
                 .values(last_new_article_at=bindparam("b_at")))


def record_new_articles(conn: Connection, counts: Mapping[str, int], at: datetime) -> None:
    """Sources that brought new articles now; sources not tracked (local files) are left alone."""
    rows = [{"b_source": name, "b_at": at} for name, n in sorted(counts.items()) if n > 0]
    if rows:
        conn.execute(_NEW_ARTICLES, rows)


def read_health(conn: Connection, now: datetime, failing_after: int = FAILING_AFTER,
                quiet_days: int = QUIET_DAYS, sources: list[str] | None = None) -> list[SourceHealth]:
    """Every tracked source (or those named), by name, with its flags as of ``now``."""
    stmt = select(source_health).order_by(source_health.c.source)
    if sources is not None:
        stmt = stmt.where(source_health.c.source.in_(sorted(set(sources))))
    out = []
    for r in conn.execute(stmt):
        since = r.last_new_article_at or r.tracked_since
        out.append(SourceHealth(
            source=r.source, tracked_since=r.tracked_since, last_run_at=r.last_run_at,
            last_success_at=r.last_success_at, last_new_article_at=r.last_new_article_at,
            consecutive_failures=r.consecutive_failures, last_error=r.last_error,
            failing=r.consecutive_failures >= failing_after,
            quiet=now - since >= timedelta(days=quiet_days),
        ))
    return out
