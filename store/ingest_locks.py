"""One ingest at a time per source, across processes and machines: PostgreSQL advisory locks.

Several Prefect workers (or served processes) may start ingest runs on the same sources at once.
The store alone keeps their rows single (natural keys, ON CONFLICT DO NOTHING, and write_tx's lock
serialising writers), but two overlapping runs would still fetch every page twice, hit each site
twice as often as its ``delay`` allows, and split the "new" counts between them.  So a run holds a
session-level advisory lock per source for its whole length, taken in one order (no deadlock); a
run that finds a source held waits for it, and then finds its articles stored.

The locks live in PostgreSQL's two-int key space (class ``LOCK_CLASS``, a CRC of the source's
name), apart from write_tx's single-bigint key.  A run that dies loses its session, and with it
its locks.  SQLite needs none of this: its store is one file on one machine, and overlapping
runs there are still kept single by its write lock.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from .db import make_engine

LOCK_CLASS = 0x7077  # "pw": the class of every per-source ingest lock
POLL_S = 0.5
DEFAULT_WAIT_S = 3600.0


class SourceBusy(RuntimeError):
    """Another run held a source for longer than this run would wait."""


def lock_key(name: str) -> int:
    """The source's lock id: its name's CRC-32 as PostgreSQL's signed int4."""
    crc = zlib.crc32(name.encode("utf-8"))
    return crc - (1 << 32) if crc >= 1 << 31 else crc


@contextmanager
def holding_sources(url: str, names: Iterable[str], wait_s: float = DEFAULT_WAIT_S,
                    on_wait: Callable[[str], None] | None = None) -> Iterator[list[str]]:
    """Hold every named source's lock for the block (PostgreSQL; nothing to hold on SQLite).

    Yields the names held. ``on_wait(name)`` is called once per source found held by another run;
    SourceBusy when one stays held longer than ``wait_s`` seconds.
    """
    engine = make_engine(url)
    wanted = sorted(set(names))
    if engine.dialect.name != "postgresql" or not wanted:
        yield []
        return
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        for name in wanted:
            _take(conn, name, wait_s, on_wait)
        yield wanted
    finally:
        try:
            conn.execute(text("SELECT pg_advisory_unlock_all()"))
        finally:
            conn.close()


def _take(conn: Connection, name: str, wait_s: float, on_wait: Callable[[str], None] | None) -> None:
    params = {"c": LOCK_CLASS, "k": lock_key(name)}
    try_lock = text("SELECT pg_try_advisory_lock(:c, :k)")
    if conn.execute(try_lock, params).scalar_one():
        return
    if on_wait:
        on_wait(name)
    deadline = time.monotonic() + wait_s
    while not conn.execute(try_lock, params).scalar_one():
        if time.monotonic() > deadline:
            raise SourceBusy(f"source {name}: another ingest run has held it for more than {wait_s:g} s")
        time.sleep(POLL_S)

