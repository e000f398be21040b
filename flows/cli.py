"""The pairwatch command: extract, ingest, digest, serve, failures, status.

Every command checks its arguments, files and database before Prefect starts (flows/preflight.py),
so a mistake costs a second and one line on stderr. Exit codes: 0 all went well; 1 the run could
not do its job (nothing stored or delivered); 2 a bad argument or file; 3 the run completed but
some documents or sources failed (listed on stderr; all of them in ``pairwatch failures``).
Tracebacks only with --debug or PAIRWATCH_DEBUG=1. ``extract`` never imports Prefect.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any, NoReturn

from fetching.files import iter_documents
from flows import preflight
from flows.preflight import Refused

OK, FAILED, USAGE, PARTIAL = 0, 1, 2, 3
FAILURE_LINES = 10  # failures listed on stderr after a run; the rest are in `pairwatch failures`
EXIT_CODES = (f"exit status: {OK} all went well; {FAILED} the run could not do its job (nothing stored or "
              f"delivered); {USAGE} a bad argument or file; {PARTIAL} completed, but some documents or sources "
              "failed (see `pairwatch failures`)")


def _debug(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "debug", False)) or os.environ.get("PAIRWATCH_DEBUG", "") not in ("", "0")


def _say(args: argparse.Namespace, text: str, stream: Any = None) -> None:
    """A result line on stdout (or ``stream``), unless --quiet."""
    if not getattr(args, "quiet", False):
        print(text, file=stream or sys.stdout)


def _error(args: argparse.Namespace, text: str) -> None:
    print(f"pairwatch {args.command}: {text}", file=sys.stderr)


# -- extract ------------------------------------------------------------------------------------

def cmd_extract(args: argparse.Namespace) -> int:
    """One JSON object per file on stdout; a file that fails is an object with "error", listed on stderr."""
    from parsers.document import ParseError, parse_document

    preflight.parser_id(args.parser)
    failed: list[tuple[str, str]] = []
    total = 0
    indent = 2 if args.format == "json" else None
    for path in iter_documents(args.paths):
        total += 1
        try:
            record = parse_document(path.read_bytes(), path=str(path), parser=args.parser).to_output()
        except (OSError, ParseError) as exc:
            record = {"path": str(path), "error": f"{type(exc).__name__}: {exc}"}
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            record = {"path": str(path), "error": f"unexpected {type(exc).__name__}: {exc}"}
        if "error" in record:
            failed.append((str(path), record["error"]))
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=indent) + "\n")
        sys.stdout.flush()
    _list_failures(args, failed, hint=None)
    if not total:
        _error(args, "no documents found under " + ", ".join(args.paths))
        return FAILED
    return OK if not failed else FAILED if len(failed) == total else PARTIAL


# -- ingest -------------------------------------------------------------------------------------

def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def cmd_ingest(args: argparse.Namespace) -> int:
    paths = preflight.documents(list(args.path or []) + ([args.seeds] if args.seeds else []))
    if not paths and not args.sources:
        raise Refused("give --seeds DIR, --path FILE_OR_DIR or --sources FILE")
    if args.sources:
        preflight.sources(args.sources)
    address, cluster_workers = preflight.dask_cluster(args.dask_address, args.workers)
    db_url = preflight.database(args.db)
    _prefect_env(args)
    from flows.steps import IngestFailed

    param = preflight.db_parameter(db_url)
    started = datetime.now(UTC)
    try:
        if address:  # parse tasks on a running Dask cluster (flows/dask_address.py)
            from flows.backfill import batch_size_for
            from flows.ingest import ingest

            size = batch_size_for(sum(1 for _ in iter_documents(paths)), cluster_workers)
            summary = ingest(paths=paths, sources_file=args.sources, db_url=param, keep_all=args.keep_all,
                             dask_address=address, batch_size=size)
        elif args.workers > 1:  # parse tasks on a Dask LocalCluster (flows/backfill.py)
            from flows.backfill import ingest_parallel, worth_dask

            n_docs = sum(1 for _ in iter_documents(paths))
            if not worth_dask(n_docs, args.workers):
                print(f"pairwatch ingest: {n_docs} documents is below the size where a Dask cluster pays for "
                      "its start-up (see deploy/README.md); --workers 1 would likely finish first", file=sys.stderr)
            summary = ingest_parallel(paths=paths, sources_file=args.sources, db_url=param, workers=args.workers,
                                          keep_all=args.keep_all)
        else:
            from flows.ingest import ingest

            summary = ingest(paths=paths, sources_file=args.sources, db_url=param, keep_all=args.keep_all)
        code = PARTIAL if summary.get("failed") else OK
    except IngestFailed as exc:
        summary, code = exc.summary, FAILED
    if args.json:
        _say(args, json.dumps(summary, ensure_ascii=False))
    else:
        _say(args, " ".join(f"{k}={v}" for k, v in summary.items()))
    if summary.get("failed"):
        _list_run_failures(args, db_url, started)
    if code == FAILED:
        _error(args, "nothing could be read: every document and source failed")
    return code


def _list_run_failures(args: argparse.Namespace, db_url: str, since: datetime) -> None:
    from flows.steps import run_failures

    failures = run_failures(db_url, since)
    _list_failures(args, [(f.location, f.reason) for f in failures],
                   hint=f"pairwatch failures --since {since.isoformat(timespec='seconds')}")


def _list_failures(args: argparse.Namespace, failed: list[tuple[str, str]], hint: str | None) -> None:
    """At most FAILURE_LINES 'location: reason' lines on stderr, then how many more and where to see them."""
    if not failed:
        return
    print(f"pairwatch {args.command}: {len(failed)} failed:", file=sys.stderr)
    for location, reason in failed[:FAILURE_LINES]:
        print(f"  {location}: {reason[:200]}", file=sys.stderr)
    if len(failed) > FAILURE_LINES:
        more = f": {hint}" if hint else ""
        print(f"  and {len(failed) - FAILURE_LINES} more{more}", file=sys.stderr)


# -- digest -------------------------------------------------------------------------------------

def cmd_digest(args: argparse.Namespace) -> int:
    """0 when every channel was delivered (or had nothing to send), 1 when one was not, 2 on bad usage."""
    from digests.dates import zone
    from digests.deliver import ConfigError
    from flows.channels import parse_backfill, parse_since, plan_channels

    try:
        if args.since:
            parse_since(args.since)
        backfill = parse_backfill(args.backfill)
        zone(args.timezone)
        filters = digest_filters(args)
        plan_channels(args.format, args.out, args.email, filters)
    except (ValueError, ConfigError) as exc:
        raise Refused(str(exc)) from None
    if args.feed_url and args.format != "atom":
        raise Refused("--feed-url names an Atom feed: use it with --format atom")
    preflight.output(args.out if args.out is not None or not args.email else None)
    preflight.email(args.email, args.smtp_block)
    db_url = preflight.database(args.db)
    _prefect_env(args)
    from flows.digest import DigestFailed, digest

    try:
        result = digest(db_url=preflight.db_parameter(db_url), fmt=args.format, out=args.out, since=args.since,
                        dry_run=args.dry_run, emails=args.email, smtp_block=args.smtp_block,
                        send_empty=args.send_empty, filters=None if filters.empty else filters.as_dict(),
                        lang=args.lang, timezone=args.timezone, backfill=backfill, feed_url=args.feed_url)
    except DigestFailed as exc:
        for line in exc.lines():
            _error(args, line)
        if args.json:
            _say(args, json.dumps({"channels": exc.delivered, "failed": exc.lines()}, ensure_ascii=False,
                                  default=str))
        return FAILED
    if args.json:
        _say(args, json.dumps({"channels": result["channels"], "failed": []}, ensure_ascii=False, default=str))
        return OK
    for ch in result["channels"]:
        # stdout may be the digest itself: the summary goes to stderr then
        stream = sys.stderr if ch["kind"] == "stdout" else sys.stdout
        where = ch["written"] or "nothing sent"
        note = f" ({ch['note']})" if ch["note"] else ""
        _say(args, f"digest {ch['kind']}: {ch['pairings']} pairings, {ch['funding']} funding -> {where}{note}", stream)
    return OK


def digest_filters(args: argparse.Namespace) -> Any:
    """The subscriber's filters from the digest options (digests/filters.py); a bad one raises ValueError."""
    from digests.filters import from_arguments

    return from_arguments(args)


def add_digest_filter_options(dg: argparse.ArgumentParser) -> None:
    """The per-subscriber filters: part of the channel's identity, combinable (an item must pass all)."""
    from digests.filters import add_arguments

    add_arguments(dg.add_argument_group(
        "filters", "an item goes out when it passes every filter given; a repeated filter takes any of its "
        "values; the filters are part of the channel, so each filter set gets exactly its items once"))


# -- the parser, the environment, the error boundary -------------------------------------------

def _prefect_env(args: argparse.Namespace) -> None:
    """Prefect's environment, and its API: the configured one, else a temporary server that dies with us."""
    preflight.prefect_environment(_debug(args))
    from flows.local_server import ensure_api

    ensure_api()


def package_version() -> str:
    try:
        return version("pairwatch")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (the usage is one --help away), exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _common() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--debug", action="store_true",
                        help="show tracebacks and Prefect's logs (also PAIRWATCH_DEBUG=1)")
    common.add_argument("--quiet", action="store_true", help="print only errors")
    return common


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="pairwatch", description=__doc__.split("\n")[0], epilog=EXIT_CODES)
    ap.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _common()

    ex = sub.add_parser("extract", parents=[common], epilog=EXIT_CODES,
                        help="parse local files and print one JSON object per file; writes nothing")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="documents (.txt, .html) or folders of them")
    ex.add_argument("--format", choices=("jsonl", "json"), default="jsonl",
                    help="jsonl: one object per line (default); json: indented")
    ex.add_argument("--parser", default="auto", help="a parser id (see parsers/data/sites.toml), or auto")
    ex.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)  # now always: failures exit non-zero
    ex.set_defaults(func=cmd_extract)

    ing = sub.add_parser("ingest", parents=[common], epilog=EXIT_CODES,
                         help="run the ingest flow: read or fetch, parse, dedupe, store")
    ing.add_argument("--seeds", metavar="DIR", help="a folder of seed documents")
    ing.add_argument("--path", action="append", metavar="FILE_OR_DIR", help="local documents (repeatable)")
    ing.add_argument("--sources", metavar="FILE", help="a sources TOML file of sites to fetch")
    ing.add_argument("--db", metavar="URL", help="database URL or SQLite file (default: PAIRWATCH_DB_URL, "
                     "else ./data/pairwatch.db)")
    ing.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    ing.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                     help="parse on a Dask cluster of N processes: pays off for big backfills only (default 1)")
    ing.add_argument("--dask-address", metavar="tcp://HOST:PORT",
                     help="parse on the running Dask cluster whose scheduler is there (default: "
                     "PAIRWATCH_DASK_ADDRESS); its workers need pairwatch installed; storing stays here")
    ing.add_argument("--keep-all", action="store_true", help="store off-topic articles too (no topic gate)")
    ing.set_defaults(func=cmd_ingest)

    dg = sub.add_parser("digest", parents=[common], epilog=EXIT_CODES,
                        help="run the digest flow: what is new since the last delivered digest",
                        description="Deliver what is new on each channel since its last digest. A channel is a "
                        "destination (--out file or folder, each --email recipient, an Atom feed) plus a format plus "
                        "the filters below; each gets every item exactly once. A channel used for the first time "
                        "starts from now (its first digest says so) unless --backfill. The digest opens with a "
                        "summary, then new pairings (on no official list), known ones, funding, and last the items "
                        "to check (confidence below 0.8); labels in Chinese unless --lang en.")
    dg.add_argument("--db", metavar="URL", help="database URL or SQLite file (default: PAIRWATCH_DB_URL, "
                    "else ./data/pairwatch.db)")
    dg.add_argument("--format", choices=("md", "html", "json", "atom"), default="md",
                    help="file format; atom appends to a feed file (default md)")
    dg.add_argument("--out", metavar="PATH|-", help="a file, a folder, or - for stdout (default out/, "
                    "none when only --email is given); with --format atom, the feed file or its folder")
    dg.add_argument("--email", nargs="+", action="extend", metavar="ADDRESS",
                    help="also mail the digest (text + HTML) to these recipients: one message and one channel "
                    "each, so adding a recipient re-sends nothing to the others")
    dg.add_argument("--smtp-block", metavar="NAME", help="a Prefect EmailServerCredentials block "
                    "(default: PAIRWATCH_SMTP_HOST, _PORT, _SECURITY, _USER, _PASSWORD, _FROM)")
    dg.add_argument("--since", metavar="DATE", help="ad-hoc digest of items first stored since DATE; records nothing")
    dg.add_argument("--dry-run", action="store_true", help="write the file but send no e-mail, change no feed, record nothing")
    dg.add_argument("--send-empty", action="store_true", help="send the e-mail even when nothing is new")
    dg.add_argument("--json", action="store_true", help="print a JSON summary of every channel on stdout")
    dg.add_argument("--backfill", nargs="?", const="all", metavar="DATE",
                    help="a channel used for the first time starts with everything stored (or, with DATE, with "
                    "what was stored from DATE on) instead of from now; no effect on a channel already in use")
    dg.add_argument("--lang", choices=("zh", "en"), default="zh", help="the digest's labels: Chinese (default) or English")
    dg.add_argument("--timezone", default="Asia/Shanghai", metavar="TZ",
                    help="time zone of the times shown (default Asia/Shanghai); a page that gave only a day stays that day")
    dg.add_argument("--feed-url", metavar="URL", help="with --format atom: the feed's public address (its rel=\"self\" link)")
    add_digest_filter_options(dg)
    dg.set_defaults(func=cmd_digest)

    from flows.export import add_export_parser
    from flows.report import add_report_parser
    from flows.serve import add_serve_parser
    from flows.sources_cli import add_sources_parser
    from flows.status import add_status_parsers

    add_serve_parser(sub, common)
    add_sources_parser(sub, common)
    add_status_parsers(sub, common)
    add_export_parser(sub, common)
    add_report_parser(sub, common)
    return ap


def describe(exc: BaseException) -> str:
    """One line for an error nobody checked for beforehand: what failed, and what to do."""
    from store.db import mask_url, short_reason

    reason = short_reason(exc)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return f"the disk is full ({exc.filename or reason}): free some space and run again"
    if "database or disk is full" in reason:
        return "the database's disk is full: free some space and run again"
    module = type(exc).__module__.split(".")[0]
    if module in ("sqlalchemy", "psycopg", "sqlite3"):
        url = getattr(exc, "url", None)
        where = f" {mask_url(url)}" if url else ""
        return f"database error{where}: {reason}; check that it is reachable and run again"
    if isinstance(exc, OSError):
        return f"{reason}"
    return f"{type(exc).__name__}: {reason}"


def main(argv: list[str] | None = None) -> int:
    """Parse, run, and turn every error into one line and an exit status (a traceback only with --debug)."""
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except Refused as exc:
        _error(args, str(exc))
        return exc.code
    except KeyboardInterrupt:
        _error(args, "interrupted")
        return 130
    except Exception as exc:
        if _debug(args):
            raise
        _error(args, describe(exc) + " (--debug shows the traceback)")
        return FAILED


if __name__ == "__main__":
    sys.exit(main())
