"""``pairwatch sources check [FILE]``: fetch each source's listings once and say which still work.

Exit status: 0 when every source is healthy (each listing reachable, allowed by robots.txt,
and at least one link matching its article_pattern); 1 when any is not; 2 when the sources
file cannot be read or is invalid.  ``--write`` records ``verified = true`` and
``verified_on`` for the healthy sources (``verified = false`` for the others) in the file,
comments kept.  No Prefect: this is a plain check a user runs by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

DEFAULT_FILE = "seeds/sources.toml"


def add_sources_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``sources`` command and its ``check`` subcommand (kept here so flows/cli.py stays a dispatcher)."""
    src = sub.add_parser("sources", help="work with a sources file: check that its sites still answer")
    verbs = src.add_subparsers(dest="sources_command", required=True, metavar="ACTION",
                               help="check: fetch each listing once and report")
    ck = verbs.add_parser("check", parents=[common],
                          help="fetch each source's listings once; report; exit 0 only when all are healthy",
                          description=__doc__.split("\n\n")[1].replace("``", ""))
    ck.add_argument("file", nargs="?", default=DEFAULT_FILE, metavar="FILE",
                    help=f"a sources TOML file (default {DEFAULT_FILE})")
    ck.add_argument("--json", action="store_true", help="one JSON document on stdout instead of the table")
    ck.add_argument("--write", action="store_true",
                    help="record verified = true and verified_on for healthy sources in FILE (comments kept)")
    ck.add_argument("--only", action="append", metavar="NAME", help="check only this source (repeatable)")
    ck.set_defaults(func=check_command)


def check_command(args: argparse.Namespace) -> int:
    from fetching.check import all_healthy, check_sources, format_table
    from fetching.sources import SourcesError, load_sources
    from fetching.sources_edit import record_verification

    try:
        sources = load_sources(args.file)
    except SourcesError as exc:
        print(f"pairwatch sources check: {exc}", file=sys.stderr)
        return 2
    if args.only:
        unknown = sorted(set(args.only) - {s.name for s in sources})
        if unknown:
            print(f"pairwatch sources check: no source named {', '.join(unknown)} in {args.file}", file=sys.stderr)
            return 2
        sources = [s for s in sources if s.name in set(args.only)]
    today = date.today()
    checks = check_sources(sources, today=today)
    if args.json:
        print(json.dumps({"file": str(args.file), "checked_on": today.isoformat(), "healthy": all_healthy(checks),
                          "sources": [c.to_dict() for c in checks]}, ensure_ascii=False, indent=2))
    else:
        print(format_table(checks))
        bad = sum(not c.healthy for c in checks)
        print(f"{len(checks) - bad} of {len(checks)} sources healthy")
    if args.write:
        try:
            record_verification(args.file, {c.name: c.healthy for c in checks}, today)
        except (OSError, SourcesError) as exc:
            print(f"pairwatch sources check: not written: {exc}", file=sys.stderr)
            return 2
    return 0 if all_healthy(checks) else 1
