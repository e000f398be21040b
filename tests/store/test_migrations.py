"""The schema is managed by Alembic: a new database is made by the migrations, an older one is
brought to the same head, and the migrated schema is exactly what the models declare."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from store import Store
from store.db import SchemaMismatch
from store.migrate import head, metadata


def _url(tmp_path, name="pw.db") -> str:
    return f"sqlite:///{tmp_path / name}"


def test_a_new_database_is_made_by_the_migrations_and_matches_the_models(db_url):  # noqa: F811
    with Store(db_url) as store:
        engine = store.engine
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar_one() == head()
        diff = compare_metadata(MigrationContext.configure(conn), metadata())
    assert diff == [], f"models and migrations disagree: {diff}"


def test_a_database_made_by_create_all_is_stamped_and_used(tmp_path):
    url = _url(tmp_path)
    engine = create_engine(url)
    metadata().create_all(engine)
    engine.dispose()
    with Store(url) as store:
        assert store.counts()["articles"] == 0
    with sqlite3.connect(tmp_path / "pw.db") as db:
        assert db.execute("select version_num from alembic_version").fetchone()[0] == head()


def test_a_database_from_before_the_current_columns_is_refused_with_a_reason(tmp_path):
    with sqlite3.connect(tmp_path / "old.db") as db:
        db.execute("create table articles (id integer primary key, content_hash text)")
    with pytest.raises(SchemaMismatch, match="articles lacks"):
        Store(_url(tmp_path, "old.db"))


def _open(url: str) -> int:
    with Store(url) as store:
        return store.counts()["articles"]


def test_processes_opening_a_new_database_at_once_create_it_once(tmp_path):
    url = _url(tmp_path, "race.db")
    with mp.get_context("spawn").Pool(4) as pool:
        assert pool.map(_open, [url] * 8) == [0] * 8
    with sqlite3.connect(tmp_path / "race.db") as db:
        assert db.execute("select count(*) from alembic_version").fetchone()[0] == 1


def test_the_migrations_run_down_and_up_again(db_url):  # noqa: F811
    from alembic import command
    from sqlalchemy import inspect

    from store.migrate import alembic_config, forget

    with Store(db_url) as store:
        engine = store.engine
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    forget(engine)
    with Store(db_url) as store:
        assert store.counts()["articles"] == 0
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar_one() == head()
