"""``pairwatch report``: the pairing atlas (digests/atlas.py) from everything stored, without Prefect.

The output folder and the database are checked before anything is read; the atlas is then written
in place (its pages are rewritten, an earlier atlas's province pages removed), so a scheduled
refresh (the digest flow's ``report``, ``pairwatch serve --report DIR``) and a hand-run one, both
through ``write_report``, leave the same folder.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flows import preflight

if TYPE_CHECKING:
    from digests.atlas import Atlas


def write_report(db_url: str, out: Path) -> Atlas:
    """Read everything stored and write the atlas into ``out``."""
    from digests.atlas import write_atlas
    from store import Store
    from store.db import mask_url
    from store.selection import Selection

    with Store(db_url) as store:
        items = store.select(Selection())
        articles = store.articles()
    return write_atlas(items, articles, out, datetime.now(UTC), mask_url(db_url))


def cmd_report(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise preflight.Refused(f"--out {args.out}: is a file; name a folder for the atlas")
    preflight.output(str(out) + "/")
    atlas = write_report(preflight.database(args.db), out)
    if not args.quiet:
        print(f"atlas: {atlas.pairings} pairings, {atlas.funding} funding, {len(atlas.provinces)} province pages "
              f"-> {atlas.index}", file=sys.stdout)
    return 0


def add_report_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``report`` subcommand."""
    rp = sub.add_parser("report", parents=[common],
                        help="write the pairing atlas: static pages of everything stored, opened offline")
    rp.add_argument("--out", metavar="DIR", required=True, help="the folder to write index.html and its pages into")
    rp.add_argument("--db", metavar="URL", help="database URL or SQLite file (default: PAIRWATCH_DB_URL, "
                    "else ./data/pairwatch.db)")
    rp.set_defaults(func=cmd_report)
