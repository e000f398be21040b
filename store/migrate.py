"""Schema management with Alembic: a new database and an old one reach the same head.

The migrations live in store/migrations and run programmatically on a connection of the
store's own engine, inside the store's write lock (BEGIN IMMEDIATE on SQLite, an advisory
lock on PostgreSQL), so two processes opening a new database at once cannot both create
it.  A database made by ``create_all`` before migrations existed (our tables, no
alembic_version) is checked column by column, completed, and stamped at head.
"""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from .db import check_schema, write_tx
from .models import metadata as md

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_done: set[str] = set()
_lock = threading.Lock()


def metadata():  # noqa: ANN201 - the MetaData with every table registered
    """The metadata every table of the store is registered on (store/models.py)."""
    return md


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection) -> None:
    """Bring the database at ``connection`` to head, inside the caller's transaction."""
    cfg = alembic_config(connection)
    if current(connection) is None and inspect(connection).has_table("articles"):
        md = metadata()
        check_schema(connection, md)  # refuses, with a reason, one that lacks columns
        md.create_all(connection)  # tables added since (fetch state, ledger) when they are missing
        command.stamp(cfg, "head")
        return
    if current(connection) != head():
        command.upgrade(cfg, "head")


def ensure_schema(engine: Engine) -> None:
    """Migrate a database once per process (cheap on later calls: Stores are opened per task)."""
    key = str(engine.url)
    with _lock:
        if key in _done:
            return
        with write_tx(engine) as conn:
            upgrade(conn)
        _done.add(key)


def forget(engine: Engine) -> None:
    """Let the next ensure_schema check again (tests that drop and recreate a database)."""
    _done.discard(str(engine.url))
