"""Database URLs as people type them: SQLite paths, postgres:// and postgresql://, typos refused before any
file is made, passwords masked wherever a URL is shown, and a database opened once to say why it cannot be."""

from __future__ import annotations

import socket

import pytest

from store.db import (
    DatabaseUnavailable,
    DatabaseUrlError,
    check_database,
    mask_url,
    normalise_db_url,
    resolve_db_url,
)


@pytest.mark.parametrize(("typed", "url"), [
    ("postgres://pw:secret@db.internal:5433/pairwatch", "postgresql+psycopg://pw:secret@db.internal:5433/pairwatch"),
    ("postgresql://pw@db.internal/pairwatch", "postgresql+psycopg://pw@db.internal/pairwatch"),
    ("postgresql+psycopg://pw@db.internal/pairwatch", "postgresql+psycopg://pw@db.internal/pairwatch"),
    ("sqlite:///data/pairwatch.db", "sqlite:///data/pairwatch.db"),
    ("data/pairwatch.db", "sqlite:///data/pairwatch.db"),
    ("archive.sqlite3", "sqlite:///archive.sqlite3"),
])
def test_the_urls_people_type_open_with_the_installed_driver(typed, url):
    assert normalise_db_url(typed) == url


@pytest.mark.parametrize(("typed", "phrase"), [
    ("notaurl", "neither a database URL"),
    ("", "neither a database URL"),
    ("mysql://u@localhost/pairwatch", "not mysql"),
    ("postgres://db.internal", "names no database"),
    ("http://example.org/db", "not http"),
])
def test_a_string_that_is_no_database_is_refused_and_creates_nothing(tmp_path, monkeypatch, typed, phrase):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DatabaseUrlError, match=phrase):
        resolve_db_url(typed or "   ")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_without_a_suffix_is_taken_for_sqlite(tmp_path):
    (tmp_path / "store").write_bytes(b"")
    assert normalise_db_url(str(tmp_path / "store")) == f"sqlite:///{tmp_path / 'store'}"


def test_passwords_are_masked_and_the_rest_is_kept():
    assert mask_url("postgresql+psycopg://pw:s3cret@db:5432/x") == "postgresql+psycopg://pw:***@db:5432/x"
    assert mask_url("sqlite:///data/pairwatch.db") == "sqlite:///data/pairwatch.db"
    assert "s3cret" not in mask_url("postgres://pw:s3cret@db/x?sslmode=require")


def test_a_file_that_is_not_a_database_is_named_with_the_reason(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("这不是数据库。" * 200, encoding="utf-8")
    with pytest.raises(DatabaseUnavailable, match="file is not a database"):
        check_database(str(bogus))


def test_a_server_that_does_not_answer_is_named_without_its_password():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DatabaseUnavailable) as caught:
        check_database(f"postgres://pw:s3cret@127.0.0.1:{port}/pairwatch")
    assert f"pw:***@127.0.0.1:{port}/pairwatch" in str(caught.value) and "s3cret" not in str(caught.value)


def test_a_good_sqlite_file_opens_and_its_url_comes_back(tmp_path):
    assert check_database(str(tmp_path / "new" / "pw.db")) == f"sqlite:///{tmp_path / 'new' / 'pw.db'}"
