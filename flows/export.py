"""``pairwatch export``: everything stored (or a filtered part) as CSV, XLSX or JSON lines, without Prefect.

The digest says what is new; analysts want the whole table in Excel. The filters are the digest's
(digests/filters.py: the same options, the same meaning), plus publication dates and confidence.
Arguments and the database are checked first (exit 2 for a filter that makes no sense for what is exported, an unreadable
date or amount, an output that cannot be written); the file is written under a temporary name
and renamed, so a failed export never leaves half a spreadsheet behind.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from flows import preflight

WHAT = ("pairings", "funding", "articles", "failures")
CHINA = timezone(timedelta(hours=8))  # a bare date is a day in China, where the news is published
_ITEM_FILTERS = ("province", "donor", "recipient", "keyword", "min_confidence", "since", "until")
_APPLIES = {
    "pairings": {*_ITEM_FILTERS, "relation", "official", "new_only"},
    "funding": {*_ITEM_FILTERS, "min_amount"},
    "articles": {"since", "until"},
    "failures": {"since", "until"},
}
_OPTION = {"official": "--official", "new_only": "--new-only"}


def parse_day(text: str, end: bool = False) -> datetime:
    """An ISO date (a day in China time; its end when ``end``) or an ISO date-time (UTC unless it says)."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day, time.max if end else time.min, tzinfo=CHINA)
        when = datetime.fromisoformat(text)
    except ValueError:
        raise preflight.Refused(f"{text!r} is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM)") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def parse_amount(text: str) -> int:
    """Yuan, as the digest reads them: 3000000, 300万, 2.5亿."""
    from digests.filters import FilterError
    from digests.filters import parse_amount as digest_amount

    try:
        return digest_amount(text)
    except FilterError as exc:
        raise preflight.Refused(str(exc)) from None


def _confidence(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return value


def guess_format(out: str) -> str:
    suffix = Path(out).suffix.lower()
    return {".xlsx": "xlsx", ".json": "json", ".jsonl": "json", ".ndjson": "json"}.get(suffix, "csv")


def check_filters(args: argparse.Namespace) -> None:
    """Refuse a filter that does not apply to what is exported (silently ignoring it would mislead)."""
    given = {name for name in ("province", "donor", "recipient", "relation", "keyword", "min_confidence",
                               "min_amount", "official", "new_only", "since", "until")
             if getattr(args, name) not in (None, False, [])}
    wrong = sorted(given - _APPLIES[args.what])
    if wrong:
        names = ", ".join(_OPTION.get(w, "--" + w.replace("_", "-")) for w in wrong)
        raise preflight.Refused(f"{names}: not a filter of --what {args.what}")


def check_out(out: str) -> Path | None:
    """The file to write (its folder made), or None for stdout."""
    if out == "-":
        return None
    target = Path(out)
    if target.is_dir() or out.endswith(("/", "\\")):
        raise preflight.Refused(f"--out {out}: is a folder; name the file to write")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise preflight.Refused(f"--out {out}: cannot write there: {exc.strerror or exc}") from None
    if not os.access(target.parent, os.W_OK):
        raise preflight.Refused(f"--out {out}: cannot write in {target.parent}")
    return target


def export_rows(db_url: str, what: str, args: argparse.Namespace) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """The columns and rows of ``what`` the filters admit, read from the store."""
    from digests.filters import from_arguments
    from digests.table import COLUMNS, article_row, failure_row, funding_row, pairing_row
    from store import Store
    from store.selection import Selection

    since = parse_day(args.since) if args.since else None
    until = parse_day(args.until, end=True) if args.until else None
    with Store(db_url) as store:
        if what == "articles":
            rows = [article_row(a) for a in store.articles(since, until)]
        elif what == "failures":
            rows = [failure_row(f) for f in store.failures_since(since) if until is None or f.failed_at <= until]
        else:
            keep = from_arguments(args)
            items = store.select(Selection(since=since, until=until, min_confidence=args.min_confidence))
            rows = ([pairing_row(p) for p in items.pairings if keep(p)] if what == "pairings"
                    else [funding_row(f) for f in items.funding if keep(f)])
    return COLUMNS[what], rows


def cmd_export(args: argparse.Namespace) -> int:
    from digests.export import write
    from digests.files import write_atomically

    check_filters(args)
    if args.since:
        parse_day(args.since)
    if args.until:
        parse_day(args.until, end=True)
    if args.min_amount:
        parse_amount(args.min_amount)
    fmt = args.format or guess_format(args.out)
    target = check_out(args.out)
    db_url = preflight.database(args.db)
    columns, rows = export_rows(db_url, args.what, args)
    if target is None:
        write(fmt, columns, rows, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        write_atomically(target, lambda out: write(fmt, columns, rows, out), suffix=".part")
    if not args.quiet:
        where = "stdout" if target is None else str(target)
        print(f"exported {len(rows)} {args.what} as {fmt} to {where}", file=sys.stderr if target is None else sys.stdout)
    return 0


def add_export_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``export`` subcommand."""
    from digests.filters import add_arguments as add_filter_arguments

    ex = sub.add_parser("export", parents=[common],
                        help="write stored pairings, funding, articles or failures as CSV, XLSX or JSON lines")
    ex.add_argument("--what", choices=WHAT, default="pairings", help="what to export (default pairings)")
    ex.add_argument("--format", choices=("csv", "xlsx", "json"),
                    help="csv (UTF-8 with BOM, for Excel), xlsx, or json (one object per line); "
                    "default: from --out's suffix, else csv")
    ex.add_argument("--out", metavar="PATH|-", required=True, help="the file to write, or - for stdout")
    ex.add_argument("--db", metavar="URL", help="database URL or SQLite file (default: PAIRWATCH_DB_URL, "
                    "else ./data/pairwatch.db)")
    f = ex.add_argument_group("filters", "the digest's filters (an item must pass every one given; a repeated "
                              "filter takes any of its values), publication dates and confidence; a filter "
                              "that does not apply to --what is refused")
    add_filter_arguments(f)
    f.add_argument("--since", metavar="DATE", help="published (else first stored) on or after DATE "
                   "(YYYY-MM-DD, a day in China time, or an ISO date-time); failures: last failed")
    f.add_argument("--until", metavar="DATE", help="published (else first stored) on or before DATE (inclusive)")
    f.add_argument("--min-confidence", type=_confidence, metavar="X",
                    help="only items the extraction is at least this sure of (0..1; below 0.8 is 'to check')")
    ex.set_defaults(func=cmd_export)
