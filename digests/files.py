"""Writing output files the way readers expect: whole or not at all, and readable like any other file.

Digests, feeds and exports are written to a temporary file beside their target and renamed over it,
so a reader never sees half of one; ``tempfile.mkstemp`` makes that file 0600, so it gets the mode
the umask gives an ordinary new file (0644 by default) before it takes the target's name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def current_umask() -> int:
    """The process's umask, read without changing it where the system says (Linux), else set and restored."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def make_readable(path: str | Path) -> None:
    """Give a file made by mkstemp the mode an ordinary new file gets."""
    os.chmod(path, 0o666 & ~current_umask())


def write_atomically(target: Path, write: Callable[[BinaryIO], None], suffix: str = ".tmp") -> None:
    """Write ``target`` through a temporary file of its own beside it (removed if anything fails)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        make_readable(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
