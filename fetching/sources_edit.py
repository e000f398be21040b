"""Writing a check's outcome back into a sources file, comments and layout untouched.

Why tomlkit: the file is written by people, with a comment beside each entry citing an example
article; rewriting it through a plain TOML dumper would lose every one of them.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import tomlkit

from fetching.sources import SourcesError, parse_sources


def _set(entry: Any, key: str, value: object) -> None:
    """Change a key in place, or add it after the entry's last key: appended at the end of the
    table it would land below the blank line and comment that open the next entry."""
    if key in entry:
        entry[key] = value
        return
    body = entry.value.body
    last = max((i for i, (k, _) in enumerate(body) if k is not None), default=-1)
    if last + 1 >= len(body):
        entry[key] = value
    else:
        entry.value._insert_at(last + 1, key, value)  # tomlkit has no public insert-at-position


def record_verification(path: str | Path, healthy: dict[str, bool], today: date) -> list[str]:
    """Set ``verified = true`` and ``verified_on = today`` on each healthy source, ``verified = false``
    on each unhealthy one (its ``verified_on`` stays: the last day it worked); the names changed.

    Sources not in ``healthy`` are left alone.  The file is replaced atomically, and only after
    the new text has been validated as a sources file.
    """
    p = Path(path)
    doc = tomlkit.parse(p.read_text(encoding="utf-8"))
    changed = []
    for entry in doc.get("source", []):
        name = entry.get("name")
        if name not in healthy:
            continue
        _set(entry, "verified", healthy[name])
        if healthy[name]:
            _set(entry, "verified_on", today)
        changed.append(str(name))
    text = tomlkit.dumps(doc)
    parse_sources(text, str(p))  # never write a file the loader would refuse
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, p)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise SourcesError(f"cannot write {p}: {exc}") from exc
    return changed
