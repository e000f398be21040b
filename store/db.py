"""Database URLs, engines and write transactions.

Everything dialect-specific lives here, so the rest of ``store`` is portable
SQLAlchemy that runs on SQLite (the default file) and on PostgreSQL.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Dialect,
    Engine,
    MetaData,
    Select,
    Table,
    TextClause,
    bindparam,
    create_engine,
    event,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

DEFAULT_DB_URL = "sqlite:///data/pairwatch.db"
ENV_VAR = "PAIRWATCH_DB_URL"
BUSY_TIMEOUT_S = 30.0
SQLITE_CACHE_KIB = 64 * 1024
SQLITE_MMAP_BYTES = 1024 * 1024 * 1024
# Execution option that asks for a write transaction (BEGIN IMMEDIATE on SQLite).
_WRITE = "pairwatch_write"
# Arbitrary constant: the PostgreSQL advisory lock that serialises writers (see write_tx).
_PG_LOCK_KEY = 0x70A1_3A7C

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


class DatabaseUrlError(ValueError):
    """A --db / PAIRWATCH_DB_URL value that is neither a database URL nor an SQLite file path."""


class DatabaseUnavailable(RuntimeError):
    """The database could not be opened; the message says which (password masked) and why."""


# A bare path is taken for an SQLite file when it says so (or the file exists): "notaurl" is a typo.
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".db3")
# The schemes people type, and the driver this package installs (psycopg 3).
_SCHEME_ALIASES = {"postgres": "postgresql+psycopg", "postgresql": "postgresql+psycopg"}
_BACKENDS = ("sqlite", "postgresql")
CONNECT_TIMEOUT_S = 5


def resolve_db_url(url: str | None = None) -> str:
    """The argument, else $PAIRWATCH_DB_URL, else the default SQLite file, as a URL SQLAlchemy opens.

    A bare SQLite file path becomes an SQLite URL and its folder is created, so that a first run
    on a fresh machine just works; ``postgres://`` and ``postgresql://`` mean PostgreSQL through
    psycopg. Anything else is refused with DatabaseUrlError, before a file is created anywhere.
    """
    url = normalise_db_url(url or os.environ.get(ENV_VAR) or DEFAULT_DB_URL)
    parsed = make_url(url)
    db = parsed.database
    if parsed.get_backend_name() == "sqlite" and db and db != ":memory:" and not db.startswith("file:"):
        Path(db).parent.mkdir(parents=True, exist_ok=True)
    return url


def normalise_db_url(value: str) -> str:
    """``value`` as a URL SQLAlchemy can open with the installed drivers; DatabaseUrlError if it is none."""
    value = value.strip()
    if "://" not in value:
        path = Path(value).expanduser()
        if not value or not (path.suffix.lower() in SQLITE_SUFFIXES or path.is_file()):
            raise DatabaseUrlError(
                f"{value!r} is neither a database URL (sqlite:///FILE.db, postgresql://USER@HOST/DB) "
                f"nor an SQLite file path (ending in {', '.join(SQLITE_SUFFIXES)})")
        return "sqlite:///" + str(path)
    scheme, rest = value.split("://", 1)
    scheme = _SCHEME_ALIASES.get(scheme.lower(), scheme)
    try:
        parsed = make_url(f"{scheme}://{rest}")
    except Exception as exc:  # noqa: BLE001 - SQLAlchemy raises ArgumentError or ValueError
        raise DatabaseUrlError(f"{mask_url(value)!r} is not a database URL: {exc}") from None
    if parsed.get_backend_name() not in _BACKENDS:
        raise DatabaseUrlError(f"{mask_url(value)!r}: pairwatch stores into SQLite or PostgreSQL "
                               f"(sqlite:///FILE.db, postgresql://USER@HOST/DB), not {parsed.get_backend_name()}")
    if parsed.get_backend_name() == "postgresql" and not parsed.database:
        raise DatabaseUrlError(f"{mask_url(value)!r} names no database: postgresql://USER@HOST/DATABASE")
    return parsed.render_as_string(hide_password=False)


def mask_url(url: str | None) -> str:
    """The URL with its password replaced by ***, for logs, errors and anything a user may paste."""
    if not url:
        return str(url)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a URL at all: mask whatever sits between : and @
        return re.sub(r"(//[^:/@]*:)[^@/]*@", r"\1***@", url)


def check_database(url: str | None = None) -> str:
    """Open the database once (within seconds) and return its URL; DatabaseUnavailable saying why.

    The commands call this before Prefect starts, so that a wrong host, password or file is one
    clear line rather than a failed flow run.
    """
    from sqlalchemy.exc import SQLAlchemyError

    try:
        url = resolve_db_url(url)
    except OSError as exc:  # the SQLite file's folder cannot be made
        raise DatabaseUnavailable(f"cannot create the database's folder: {exc}") from None
    args = {"connect_timeout": CONNECT_TIMEOUT_S} if make_url(url).get_backend_name() == "postgresql" else {}
    engine = create_engine(url, connect_args=args, poolclass=_null_pool())
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            if conn.dialect.name == "sqlite":  # "file is not a database" shows only on the first real read
                conn.execute(text("SELECT count(*) FROM sqlite_master"))
    except (SQLAlchemyError, OSError) as exc:
        raise DatabaseUnavailable(f"cannot open the database {mask_url(url)}: {short_reason(exc)}") from None
    finally:
        engine.dispose()
    return url


def _null_pool() -> Any:
    from sqlalchemy.pool import NullPool

    return NullPool


def short_reason(exc: BaseException) -> str:
    """A driver error's first line, without SQLAlchemy's background link and the SQL it ran."""
    orig = getattr(exc, "orig", None) or exc
    first = next((line.strip() for line in str(orig).splitlines() if line.strip()), type(orig).__name__)
    return first[:300]


def make_engine(url: str) -> Engine:
    """One engine per URL per process: engines own connection pools and are meant to be shared."""
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _create_engine(url)
        return engine


def _json_dumps(value: Any) -> str:
    # Keep Chinese readable in the database instead of \\uXXXX escapes.
    return json.dumps(value, ensure_ascii=False)


def _create_engine(url: str) -> Engine:
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, json_serializer=_json_dumps, pool_pre_ping=True)
    engine = create_engine(url, json_serializer=_json_dumps, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # pysqlite's own BEGIN handling cannot do BEGIN IMMEDIATE; turn it off and emit ours (_on_begin).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        # The LSH band index (store/clusters.py) is probed and grown at random keys: a 64 MiB page
        # cache and memory-mapped reads (up to 1 GiB of the file; mapped pages count in RSS but are
        # the OS page cache) keep that off the syscall path as it reaches millions of rows.
        cursor.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
        cursor.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
        _use_wal(cursor)
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A deferred transaction that reads then writes can fail at once with SQLITE_BUSY when
        # another process wrote in between (the busy timeout does not apply); IMMEDIATE takes the
        # write lock up front, waiting politely for it.
        mode = "IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL, so readers never block the writer nor it them.

    The mode is stored in the file, so only its first connections need to switch; but switching
    takes an exclusive lock and SQLite reports "database is locked" at once, without waiting,
    when processes open a new file together: so ask first, and retry until the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")  # returns the old mode where WAL is impossible
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _forget_engines_after_fork() -> None:
    # A forked child must not reuse the parent's pooled connections (SQLAlchemy's advice).
    for engine in _engines.values():
        engine.dispose(close=False)
    _engines.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_engines_after_fork)


@contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: committed on success, rolled back on any exception.

    Writers are serialised (SQLite's write lock; a PostgreSQL advisory lock), which also keeps
    ids in commit order: the digest's watermarks ("every id above N is new") rely on that.
    """
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            yield conn


def insert_ignore(conn: Connection, table: Table, values: dict[str, Any], keys: Sequence[str]) -> bool:
    """INSERT unless a row with the same unique ``keys`` exists; True when a row was inserted.

    Never check-then-insert: two writers racing on one natural key must not both insert or fail.
    """
    if conn.dialect.name in _ON_CONFLICT:
        stmt = _insert_ignore_stmt(conn.dialect, table, tuple(keys), tuple(values))
        # SQLAlchemy keeps an INSERT's rowcount only when asked (else -1 on PostgreSQL).
        return conn.execute(stmt, values, execution_options={"preserve_rowcount": True}).rowcount == 1
    try:  # other dialects: let the unique constraint decide, inside a savepoint
        with conn.begin_nested():
            conn.execute(insert(table).values(**values))
        return True
    except IntegrityError:
        return False


def id_of(conn: Connection, table: Table, **where: object) -> int:
    """The id of the row with these column values (it exists: an insert just conflicted with it)."""
    return conn.execute(_lookup(table, tuple(where)), where).scalar_one()


@functools.lru_cache(maxsize=32)
def _lookup(table: Table, columns: tuple[str, ...]) -> Select:
    """Built once per table and key: building a statement costs more than running it."""
    return select(table.c.id).where(*(table.c[name] == bindparam(name) for name in columns))


def insert_ignore_id(conn: Connection, table: Table, values: dict[str, Any], keys: Sequence[str]) -> int | None:
    """Like insert_ignore, but the new row's id (one round trip: RETURNING), or None if it existed."""
    if conn.dialect.name in _ON_CONFLICT:
        stmt = _insert_ignore_stmt(conn.dialect, table, tuple(keys), tuple(values), returning="id")
        return conn.execute(stmt, values).scalar()
    if not insert_ignore(conn, table, values, keys):
        return None
    return id_of(conn, table, **{k: values[k] for k in keys})


def insert_ignore_many(conn: Connection, table: Table, rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> None:
    """insert_ignore for many rows of the same columns, as one executemany."""
    if not rows:
        return
    if conn.dialect.name not in _ON_CONFLICT:
        for row in rows:
            insert_ignore(conn, table, row, keys)
        return
    conn.execute(_insert_ignore_stmt(conn.dialect, table, tuple(keys), tuple(rows[0])), list(rows))


_ON_CONFLICT = ("sqlite", "postgresql")


@functools.lru_cache(maxsize=512)
def _insert_ignore_stmt(
    dialect: Dialect, table: Table, keys: tuple[str, ...], columns: tuple[str, ...], returning: str | None = None
) -> TextClause:
    """``INSERT ... ON CONFLICT (keys) DO NOTHING [RETURNING]`` (SQLite and PostgreSQL alike), built once.

    SQLAlchemy's dialect ``insert().on_conflict_do_nothing()`` is never cached (its Insert sets
    ``inherit_cache = False``), so each call compiled anew, costing more than the INSERT itself.
    A ``text()`` with typed bind parameters is compiled once and still converts values through
    the columns' types (JSON, aware datetimes).
    """
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    params = ", ".join(f":{c}" for c in columns)
    conflict = ", ".join(quote(k) for k in keys)
    sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({params}) ON CONFLICT ({conflict}) DO NOTHING"
    if returning:
        sql += f" RETURNING {quote(returning)}"
    return text(sql).bindparams(*(bindparam(c, type_=table.c[c].type) for c in columns))


class SchemaMismatch(RuntimeError):
    """The database was created by an older pairwatch: tables lack columns this one writes."""


def check_schema(conn: Connection, metadata: MetaData) -> None:
    """Refuse, with a clear reason, a database whose existing tables lack columns the models have.

    ``create_all`` creates missing tables but never alters existing ones; without this check an
    old database fails later, on the first save, with a bare "no such column".
    """
    insp = inspect(conn)
    existing = set(insp.get_table_names())
    missing = {
        table.name: sorted(set(table.columns.keys()) - {c["name"] for c in insp.get_columns(table.name)})
        for table in metadata.sorted_tables
        if table.name in existing
    }
    missing = {name: cols for name, cols in missing.items() if cols}
    if missing:
        detail = "; ".join(f"{name} lacks {', '.join(cols)}" for name, cols in sorted(missing.items()))
        raise SchemaMismatch(
            f"the database predates this version of pairwatch ({detail}): "
            "migrate it, or point --db / PAIRWATCH_DB_URL at a new database"
        )
