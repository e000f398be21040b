"""Documents from the local file system: the files a command names, folders expanded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".shtml", ".xhtml")


def iter_documents(paths: list[str]) -> Iterator[Path]:
    """Files as given; directories expanded to the documents they hold, sorted."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES)
        else:
            yield p
