"""Output files are whole or absent, and readable like any other new file (digests/files.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from digests.files import write_atomically


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_a_file_written_atomically_has_the_mode_the_umask_gives(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        write_atomically(tmp_path / "export.csv", lambda fh: fh.write("示例,1\n".encode()))
    finally:
        os.umask(old)
    assert (tmp_path / "export.csv").stat().st_mode & 0o777 == mode
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "feed.atom"
    target.write_text("旧内容", encoding="utf-8")

    def half_then_fail(fh) -> None:  # noqa: ANN001 - a binary file
        fh.write(b"<feed>")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomically(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "旧内容"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.atom"]
