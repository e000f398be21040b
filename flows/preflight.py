"""Checks every command makes before Prefect starts, so a bad argument costs a second, not a failed run.

Each check raises ``Refused`` with one line naming the file, entry or option and what is wrong,
and the exit code it means: 2 for a bad argument or file (fix the command), 1 for something the
user's command was right to ask but that is not there (a database that does not answer).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fetching.sources import Source

# The modules checks need are imported by each check: ``pairwatch --help`` must stay instant.
USAGE = 2
UNAVAILABLE = 1


class Refused(Exception):
    """A check failed: ``str(exc)`` is the one line to show, ``code`` the exit status."""

    def __init__(self, message: str, code: int = USAGE) -> None:
        super().__init__(message)
        self.code = code


def documents(paths: Iterable[str]) -> list[str]:
    """The document paths as given, each of which must exist (a typo must not read as 'nothing new')."""
    out = []
    for raw in paths:
        if not Path(raw).exists():
            raise Refused(f"{raw}: no such file or folder")
        out.append(raw)
    return out


def sources(path: str) -> list[Source]:
    """The whole sources file, validated: keys, URLs, regexes, parser ids, numeric ranges."""
    from fetching.sources import SourcesError, load_sources

    try:
        return load_sources(path)
    except SourcesError as exc:
        raise Refused(str(exc)) from None


def parser_id(parser: str) -> str:
    from parsers.reading.registry import parser_ids

    known = ["auto", *parser_ids()]
    if parser not in known:
        raise Refused(f"--parser {parser!r} is unknown (known: {', '.join(known)})")
    return parser


def database(db: str | None) -> str:
    """The database URL, normalised, after opening it once (bad URL: 2; no answer: 1)."""
    from store.db import DatabaseUnavailable, DatabaseUrlError, check_database

    try:
        return check_database(db)
    except DatabaseUrlError as exc:
        raise Refused(f"--db: {exc}") from None
    except DatabaseUnavailable as exc:
        raise Refused(f"{exc}; check --db / PAIRWATCH_DB_URL and that the server runs", UNAVAILABLE) from None


def dask_cluster(address: str | None, workers: int = 1) -> tuple[str | None, int]:
    """(address, its number of workers) of the running Dask cluster to parse on, or (None, 0).

    The option, else PAIRWATCH_DASK_ADDRESS; malformed: 2; nothing usable answering there: 1.
    """
    from flows.dask_address import (
        ENV_VAR,
        BadAddress,
        ClusterUnavailable,
        check,
        configured,
        off_this_machine,
    )

    address = configured(address)
    if not address:
        return None, 0
    if workers > 1:
        raise Refused(f"--workers starts a Dask cluster here, --dask-address / {ENV_VAR} names a running one: "
                      "give one of them")
    try:
        workers = check(address)
    except BadAddress as exc:
        raise Refused(f"--dask-address: {exc}") from None
    except ClusterUnavailable as exc:
        raise Refused(f"--dask-address: {exc}", UNAVAILABLE) from None
    remote = off_this_machine(workers)
    if remote and not os.environ.get("PREFECT_API_URL"):
        # without one, the command's own temporary Prefect server listens on 127.0.0.1 only
        raise Refused(f"--dask-address: the workers at {remote[0]} and others on other machines report their task "
                      "runs to Prefect: set PREFECT_API_URL to a Prefect server they reach")
    return address, len(workers)


def output(out: str | None) -> None:
    """A digest output (file, folder or -) that can be written: its folder is made and a file tried in it."""
    if out is None or out == "-":
        return
    target = Path(out)
    is_folder = out.endswith(("/", "\\")) or target.is_dir()
    if not is_folder and target.is_dir():
        raise Refused(f"--out {out}: is a folder; end it with / to write dated digests into it")
    directory = target if is_folder else target.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory):
            pass
    except (FileExistsError, NotADirectoryError):
        raise Refused(f"--out {out}: a part of {directory} is a file, not a folder") from None
    except OSError as exc:
        raise Refused(f"--out {out}: cannot write there: {exc.strerror or exc}") from None


def email(recipients: list[str] | None, smtp_block: str | None) -> None:
    """Recipients that are addresses and SMTP settings that are complete (a block is checked when loaded)."""
    if not recipients:
        return
    from digests.deliver import ConfigError, parse_recipients, settings_from_env

    try:
        parse_recipients(recipients)
        if not smtp_block:
            settings_from_env()
    except ConfigError as exc:
        raise Refused(f"--email: {exc}") from None


def prefect_environment(debug: bool) -> None:
    """Prefect state under the project (or PREFECT_HOME), never ~/.prefect; its console quiet unless debugging.

    Prefect's console handler would print every failed task's traceback; the commands print one
    line per failure instead. The logs still reach the Prefect API (the UI) in full.
    """
    home = Path(os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect")))
    try:  # its database holds every run's parameters and logs: private, like ~/.ssh
        home.mkdir(mode=0o700, parents=True)
    except FileExistsError:  # there already, or made this instant by a command started beside this one
        pass
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    if debug or os.environ.get("PAIRWATCH_DEBUG", "") not in ("", "0"):
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    else:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "CRITICAL"


def db_parameter(url: str) -> str | None:
    """The database URL to pass to a flow as a parameter, or None when it holds a password.

    Prefect stores a run's parameters and shows them in its UI; a URL with a password goes to
    PAIRWATCH_DB_URL instead, which the flow reads in this process (and its subprocesses).
    """
    from store.db import ENV_VAR, mask_url

    if mask_url(url) == url:
        return url
    os.environ[ENV_VAR] = url
    return None
