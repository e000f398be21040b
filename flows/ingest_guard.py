"""The ingest flow's concurrency guard: one run at a time per source, whichever process starts it.

Several Prefect workers polling one work pool, several served processes, and manual runs may
start ingests on the same sources at once.  The flow is wrapped so that, before it reads or
fetches anything, it holds a PostgreSQL advisory lock per source it will ingest (each source of
its sources file by name, each local file or folder by its absolute path: store/ingest_locks.py);
a run that meets a held source says so in its log and waits, then finds those articles stored.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def lock_names(paths: list[str] | None, sources_file: str | None) -> list[str]:
    """What a run ingests, by name: ``source:NAME`` per configured source, ``path:ABSOLUTE`` per local path."""
    from fetching.sources import load_sources

    names = [f"path:{Path(p).expanduser().resolve()}" for p in paths or []]
    if sources_file:
        names += [f"source:{s.name}" for s in load_sources(sources_file)]
    return names


def one_run_per_source(fn: F) -> F:
    """Run ``fn`` (the ingest flow's body) holding its sources' locks; see the module's docstring."""
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        from prefect import get_run_logger

        from store import resolve_db_url
        from store.ingest_locks import holding_sources

        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        p = bound.arguments
        log = get_run_logger()

        def waiting(name: str) -> None:
            log.warning("%s is being ingested by another run: waiting for it to finish", name)

        with holding_sources(resolve_db_url(p.get("db_url")), lock_names(p.get("paths"), p.get("sources_file")),
                             on_wait=waiting):
            return fn(*args, **kwargs)

    return guarded  # type: ignore[return-value]
