"""The ``pairwatch`` command: extract, ingest, digest.

``extract`` is a pure parse and never imports Prefect (it costs seconds to import and
start); ``ingest`` and ``digest`` import their flows only when called.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from fetching.files import iter_documents


def cmd_extract(args: argparse.Namespace) -> int:
    from parsers.document import ParseError, parse_document

    failures = 0
    out = sys.stdout
    for path in iter_documents(args.paths):
        try:
            data = path.read_bytes()
            record = parse_document(data, path=str(path), parser=args.parser).to_output()
        except (OSError, ParseError) as exc:
            failures += 1
            record = {"path": str(path), "error": f"{type(exc).__name__}: {exc}"}
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            failures += 1
            record = {"path": str(path), "error": f"unexpected {type(exc).__name__}: {exc}"}
        indent = 2 if args.format == "json" else None
        out.write(json.dumps(record, ensure_ascii=False, indent=indent) + "\n")
        out.flush()
    return 1 if failures and args.strict else 0


def _prefect_env() -> None:
    """Prefect state goes under the project (or wherever PREFECT_HOME says), never ~/.prefect."""
    os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def cmd_ingest(args: argparse.Namespace) -> int:
    _prefect_env()
    from flows.ingest import ingest

    paths = list(args.path or [])
    if args.seeds:
        paths.append(args.seeds)
    if not paths and not args.sources:
        print("pairwatch ingest: give --seeds DIR, --path FILE_OR_DIR or --sources FILE", file=sys.stderr)
        return 2
    if args.workers > 1:  # parse tasks on a Dask LocalCluster (flows/backfill.py)
        from flows.backfill import ingest_parallel, worth_dask

        n_docs = sum(1 for _ in iter_documents(paths))
        if not worth_dask(n_docs, args.workers):
            print(f"pairwatch ingest: {n_docs} documents is below the size where a Dask cluster pays for its "
                  "start-up (see deploy/README.md); --workers 1 would likely finish first", file=sys.stderr)
        summary = ingest_parallel(paths=paths, sources_file=args.sources, db_url=args.db, workers=args.workers,
                                  keep_all=args.keep_all)
    else:
        summary = ingest(paths=paths, sources_file=args.sources, db_url=args.db, keep_all=args.keep_all)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(" ".join(f"{k}={v}" for k, v in summary.items()))
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    """Exit 0 when every channel was delivered (or had nothing to send), 1 when one was not, 2 on bad usage."""
    _prefect_env()
    from digests.deliver import ConfigError
    from flows.digest import DigestFailed, digest, parse_since, plan_channels

    try:
        if args.since:
            parse_since(args.since)
        plan_channels(args.format, args.out, args.email)
    except (ValueError, ConfigError) as exc:
        print(f"pairwatch digest: {exc}", file=sys.stderr)
        return 2
    try:
        result = digest(db_url=args.db, fmt=args.format, out=args.out, since=args.since, dry_run=args.dry_run,
                        emails=args.email, smtp_block=args.smtp_block, send_empty=args.send_empty)
    except DigestFailed as exc:
        print(f"pairwatch digest: not delivered, the items stay pending: {exc}", file=sys.stderr)
        return 1
    for ch in result["channels"]:
        # stdout may be the digest itself: the summary goes to stderr then
        stream = sys.stderr if ch["kind"] == "stdout" else sys.stdout
        where = ch["written"] or "nothing sent"
        note = f" ({ch['note']})" if ch["note"] else ""
        print(f"digest {ch['kind']}: {ch['pairings']} pairings, {ch['funding']} funding -> {where}{note}", file=stream)
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="pairwatch", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="parse local files and print one JSON object per file; writes nothing")
    ex.add_argument("paths", nargs="+", metavar="PATH")
    ex.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    ex.add_argument("--parser", default="auto", help="a parser id (see sites.toml), or auto")
    ex.add_argument("--strict", action="store_true", help="exit 1 when any file failed")
    ex.set_defaults(func=cmd_extract)

    ing = sub.add_parser("ingest", help="run the ingest flow: parse, dedupe, store")
    ing.add_argument("--seeds", metavar="DIR", help="a folder of seed documents")
    ing.add_argument("--path", action="append", metavar="FILE_OR_DIR", help="local documents (repeatable)")
    ing.add_argument("--sources", metavar="FILE", help="a sources TOML file of sites to fetch")
    ing.add_argument("--db", metavar="URL", help="database URL (default: PAIRWATCH_DB_URL, else ./data/pairwatch.db)")
    ing.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    ing.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                     help="parse on a Dask cluster of N processes: pays off for big backfills only (default 1)")
    ing.add_argument("--keep-all", action="store_true", help="store off-topic articles too (no topic gate)")
    ing.set_defaults(func=cmd_ingest)

    dg = sub.add_parser("digest", help="run the digest flow: what is new since the last delivered digest")
    dg.add_argument("--db", metavar="URL")
    dg.add_argument("--format", choices=("md", "html", "json", "atom"), default="md",
                    help="file format; atom appends to a feed file (default md)")
    dg.add_argument("--out", metavar="PATH|-", help="a file, a folder, or - for stdout (default out/, "
                    "none when only --email is given); with --format atom, the feed file or its folder")
    dg.add_argument("--email", nargs="+", action="extend", metavar="ADDRESS",
                    help="also mail the digest (text + HTML) to these recipients: one channel")
    dg.add_argument("--smtp-block", metavar="NAME", help="a Prefect EmailServerCredentials block "
                    "(default: PAIRWATCH_SMTP_HOST, _PORT, _SECURITY, _USER, _PASSWORD, _FROM)")
    dg.add_argument("--since", metavar="DATE", help="ad-hoc digest of items first stored since DATE; records nothing")
    dg.add_argument("--dry-run", action="store_true", help="write the file but send no e-mail, change no feed, record nothing")
    dg.add_argument("--send-empty", action="store_true", help="send the e-mail even when nothing is new")
    dg.set_defaults(func=cmd_digest)
    from flows.serve import add_serve_parser
    from flows.sources_cli import add_sources_parser

    add_serve_parser(sub)
    add_sources_parser(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
