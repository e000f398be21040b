"""The command line fails loudly and clearly: every bad argument or file is one line on stderr and a
meaningful exit status, before Prefect is even imported, and leaves the store as it was.

Each case runs ``pairwatch`` in a fresh process, in a folder holding a real SQLite store with one
seed article in it; the sources files are written here (made-up sites, never fetched).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from parsers.document import parse_document
from store import Store

# Runs the command as `pairwatch` does, and fails the run (status 99) if the command imported Prefect:
# a refusal must cost a second, not a Prefect start-up.
RUNNER = ("import sys; from flows.cli import main; rc = main(sys.argv[1:]); "
          "sys.exit(99 if 'prefect' in sys.modules and rc == 2 else rc)")

GOOD = '[[source]]\nname = "news"\nstart_urls = ["http://news.example.org/list.html"]\narticle_pattern = "/a/"\n'
SOURCES = {
    "syntax.toml": "[[source]\nname = 'x'\n",
    "unknown-key.toml": GOOD + 'colour = "red"\n',
    "bad-regex.toml": GOOD.replace('"/a/"', '"/a/(("'),
    "bad-url.toml": GOOD.replace("http://news.example.org/list.html", "ftp://news.example.org/"),
    "bad-parser.toml": GOOD + 'parser = "nosuch"\n',
    "huge-timeout.toml": GOOD + "timeout = 1e12\n",
    "negative-delay.toml": GOOD + "delay = -1\n",
}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CLOSED = _closed_port()

# (arguments, exit status, a phrase the one line must hold)
CASES = [
    (["ingest", "--sources", "syntax.toml"], 2, "syntax.toml: not valid TOML"),
    (["ingest", "--sources", "unknown-key.toml"], 2, "unknown key(s) colour"),
    (["ingest", "--sources", "bad-regex.toml"], 2, "article_pattern '/a/((' is not a valid regex"),
    (["ingest", "--sources", "bad-url.toml"], 2, "is not an http(s) URL"),
    (["ingest", "--sources", "bad-parser.toml"], 2, "parser 'nosuch' is unknown"),
    (["ingest", "--sources", "huge-timeout.toml"], 2, "timeout = 1000000000000.0 is out of range"),
    (["ingest", "--sources", "negative-delay.toml"], 2, "delay = -1 is out of range"),
    (["ingest", "--sources", "missing.toml"], 2, "cannot read sources file missing.toml"),
    (["ingest", "--path", "/nonexistent"], 2, "/nonexistent: no such file or folder"),
    (["ingest"], 2, "give --seeds DIR"),
    (["ingest", "--seeds", str(SEEDS), "--workers", "0"], 2, "must be at least 1"),
    (["ingest", "--seeds", str(SEEDS), "--db", "notaurl"], 2, "'notaurl' is neither a database URL"),
    (["ingest", "--seeds", str(SEEDS), "--db", "mysql://u@localhost/x"], 2, "SQLite or PostgreSQL"),
    (["ingest", "--seeds", str(SEEDS), "--db", f"postgres://pw:s3cret-word@127.0.0.1:{CLOSED}/pairwatch"], 1,
     "cannot open the database postgresql+psycopg://pw:***@127.0.0.1"),
    (["extract", "--parser", "nosuch", str(SEEDS)], 2, "--parser 'nosuch' is unknown"),
    (["serve", "--sources", "bad-regex.toml", "--dry-run"], 2, "is not a valid regex"),
    (["serve", "--seeds", str(SEEDS), "--db", "notaurl", "--dry-run"], 2, "'notaurl' is neither"),
    (["digest", "--out", "syntax.toml/digest.md"], 2, "is a file, not a folder"),
    (["digest", "--email", "analyst@example.org"], 2, "no SMTP server"),
    (["digest", "--email", "not-an-address"], 2, "not an e-mail address"),
    (["digest", "--since", "yesterday"], 2, "--since 'yesterday' is not a date"),
    (["digest", "--format", "atom", "--out", "-"], 2, "an Atom feed is appended to a file"),
    (["digest", "--min-amount", "lots"], 2, "--min-amount 'lots' is not an amount"),
    (["digest", "--timezone", "Mars/Olympus"], 2, "--timezone 'Mars/Olympus' is not a time zone"),
    (["digest", "--backfill", "last spring"], 2, "is not a date"),
    (["digest", "--feed-url", "https://example.org/f.atom"], 2, "use it with --format atom"),
    (["digest", "--official", "--new-only"], 2, "not allowed with argument"),
    (["digest", "--lang", "fr"], 2, "invalid choice: 'fr'"),
    (["failures", "--db", "notaurl"], 2, "'notaurl' is neither"),
    (["failures", "--since", "last week"], 2, "is not a date"),
    (["status", "--db", "notaurl"], 2, "'notaurl' is neither"),
    (["nosuch"], 2, "invalid choice: 'nosuch'"),
]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the bad sources files and a real store holding one seed article."""
    work = tmp_path_factory.mktemp("cli")
    for name, text in SOURCES.items():
        (work / name).write_text(text, encoding="utf-8")
    seed = sorted(SEEDS.glob("0*.txt"))[0]
    with Store(str(work / "data" / "pairwatch.db")) as store:
        store.save(parse_document(seed.read_bytes(), path=str(seed)))
    return work


def run(workdir: Path, args: list[str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAIRWATCH_", "PREFECT_API"))}
    env["PREFECT_HOME"] = str(workdir / ".prefect")
    # the checkout under test, not whichever one the venv's editable install points at
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-c", RUNNER, *args], cwd=workdir, env=env, capture_output=True,
                          text=True, timeout=60)


def counts(workdir: Path) -> dict[str, int]:
    with Store(str(workdir / "data" / "pairwatch.db")) as store:
        return store.counts()


@pytest.mark.parametrize(("args", "code", "phrase"), CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_a_bad_argument_or_file_is_one_line_and_an_exit_status_and_changes_nothing(workdir, args, code, phrase):
    before = counts(workdir)
    proc = run(workdir, args)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == code, proc.stderr
    assert 1 <= len(lines) <= 3 and "Traceback" not in proc.stderr, proc.stderr
    assert phrase in proc.stderr
    assert proc.stdout == ""
    assert "s3cret-word" not in proc.stderr
    assert counts(workdir) == before
    assert not (workdir / "notaurl").exists()  # a typo never becomes a new SQLite file


def test_help_lists_every_command_and_every_option_has_help():
    from flows.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    listed = {c.dest for c in sub._choices_actions}
    assert listed == set(sub.choices) >= {"extract", "ingest", "digest", "serve", "failures", "status"}
    text = parser.format_help()
    assert "``" not in text and "exit status" in text
    for name, command in sub.choices.items():
        assert "``" not in command.format_help(), name
        for action in command._actions:
            assert action.help, f"{name} {action.option_strings or action.dest} has no help text"


def test_version_prints_the_installed_version():
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "--version"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("pairwatch ") and proc.stdout.split()[1][0].isdigit()


def test_extract_exits_one_when_every_file_failed_and_three_when_some_did(tmp_path):
    missing = tmp_path / "missing.txt"
    seed = sorted(SEEDS.glob("0*.txt"))[0]
    all_bad = subprocess.run([sys.executable, "-m", "flows.cli", "extract", str(missing)], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    some_bad = subprocess.run([sys.executable, "-m", "flows.cli", "extract", str(missing), str(seed)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    assert all_bad.returncode == 1 and some_bad.returncode == 3
    assert str(missing) in some_bad.stderr and "Traceback" not in some_bad.stderr
    assert len(some_bad.stdout.splitlines()) == 2  # both files still get their JSON line


def test_describe_turns_a_full_database_into_one_line(tmp_path):
    """A real SQLITE_FULL (the file capped at its current size), as a full disk gives it."""
    import sqlite3

    from flows.cli import describe

    conn = sqlite3.connect(tmp_path / "full.db")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as caught:
        for _ in range(100):
            conn.execute("INSERT INTO t VALUES (?)", ("示例" * 500,))
    line = describe(caught.value)
    assert "disk is full" in line and "\n" not in line


def test_describe_names_a_full_disk_and_what_to_do():
    import errno

    from flows.cli import describe

    line = describe(OSError(errno.ENOSPC, "No space left on device", "out/digest-2026-12-07.md"))
    assert line == "the disk is full (out/digest-2026-12-07.md): free some space and run again"
