"""``pairwatch failures`` and ``pairwatch status``: what the store knows about past runs, without Prefect.

Reading only: the failures table (every document or source that failed, until it reads fine
again), the runs table (each ingest's outcome and counts), the delivery ledger (each channel's
last digest and what waits for it) and each source's health (failing runs in a row, quiet days).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

from flows import preflight

DEFAULT_LIMIT = 50


def _since(value: str | None) -> datetime | None:
    """An ISO date or date-time, or a number of days back (``7d``)."""
    if not value:
        return None
    if value.endswith("d") and value[:-1].isdigit():
        return datetime.now(UTC) - timedelta(days=int(value[:-1]))
    from flows.channels import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise preflight.Refused(str(exc)) from None


def _iso(when: datetime | None) -> str | None:
    return when.isoformat(timespec="seconds") if when else None


def cmd_failures(args: argparse.Namespace) -> int:
    """The unresolved failures, newest first: location, source, reason, first and last attempt, attempts."""
    from store import Store

    since = _since(args.since)
    db_url = preflight.database(args.db)
    with Store(db_url) as store:
        failures = store.failures_since(since, source=args.source)
    failures.reverse()
    shown = failures[: args.limit] if args.limit else failures
    if args.json:
        for f in shown:
            row = asdict(f) | {"failed_at": _iso(f.failed_at), "first_failed_at": _iso(f.first_failed_at)}
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if not failures:
        print("no failures" + (f" since {_iso(since)}" if since else ""))
        return 0
    for f in shown:
        first = _iso(f.first_failed_at)
        span = f"{first} .. {_iso(f.failed_at)}" if first != _iso(f.failed_at) else _iso(f.failed_at)
        print(f"{f.location}\n  source {f.source}; {f.attempts} attempt(s), {span}\n  {f.reason}")
    if len(failures) > len(shown):
        print(f"and {len(failures) - len(shown)} more (--limit 0 lists all)")
    return 0


def status_report(db_url: str) -> dict[str, Any]:
    """Counts per table, the last ingest, and each digest channel's last delivery and pending items."""
    from digests.filters import Filters
    from store import Store
    from store.db import mask_url

    def keep_for(spec: dict[str, Any]) -> Filters | None:  # a filtered channel waits only for its own items
        filters = Filters.from_dict(spec.get("filters"))
        return None if filters.empty else filters

    with Store(db_url) as store:
        counts = store.counts()
        last = store.last_run("ingest")
        channels = store.channels(keep_for)
        health = store.source_health()
    return {
        "database": mask_url(db_url),
        "counts": counts,
        "last_ingest": None if last is None else {
            "finished_at": _iso(last.finished_at), "outcome": last.outcome, "summary": last.summary},
        "channels": [{"channel": c.channel, "last_delivered_at": _iso(c.last_delivered_at), "deliveries": c.deliveries,
                      "pending_pairings": c.pending_pairings, "pending_funding": c.pending_funding}
                     for c in channels],
        "sources": [{"source": h.source, "last_success_at": _iso(h.last_success_at),
                     "last_new_article_at": _iso(h.last_new_article_at),
                     "consecutive_failures": h.consecutive_failures, "flagged": h.flagged, "note": h.note}
                    for h in health],
    }


def cmd_status(args: argparse.Namespace) -> int:
    report = status_report(preflight.database(args.db))
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    out = sys.stdout
    print(f"database {report['database']}", file=out)
    print("stored: " + ", ".join(f"{k} {v}" for k, v in report["counts"].items()), file=out)
    last = report["last_ingest"]
    if last is None:
        print("last ingest: none recorded", file=out)
    else:
        counts = " ".join(f"{k}={v}" for k, v in last["summary"].items())
        print(f"last ingest: {last['finished_at']} ({last['outcome']}) {counts}", file=out)
    if not report["channels"]:
        print("digests: none delivered yet", file=out)
    for c in report["channels"]:
        print(f"digest {c['channel']}: last {c['last_delivered_at']} ({c['deliveries']} in all); waiting "
              f"{c['pending_pairings']} pairings, {c['pending_funding']} funding", file=out)
    for h in report["sources"]:
        state = h["note"] or (f"source {h['source']}: last success {h['last_success_at'] or 'never'}, "
                              f"last new article {h['last_new_article_at'] or 'never'}")
        print(("! " if h["flagged"] else "") + state, file=out)
    return 0


def add_status_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``failures`` and ``status`` subcommands."""
    db_help = "database URL or SQLite file (default: PAIRWATCH_DB_URL, else ./data/pairwatch.db)"
    fl = sub.add_parser("failures", parents=[common], help="list documents and sources that failed, newest first")
    fl.add_argument("--db", metavar="URL", help=db_help)
    fl.add_argument("--since", metavar="DATE|Nd", help="only those that failed since DATE (or N days ago)")
    fl.add_argument("--source", metavar="NAME", help="only this source's (local documents: local)")
    fl.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                    help=f"show at most N (default {DEFAULT_LIMIT}; 0: all)")
    fl.add_argument("--json", action="store_true", help="one JSON object per failure")
    fl.set_defaults(func=cmd_failures)

    st = sub.add_parser("status", parents=[common],
                        help="what is stored, the last ingest, each digest channel and what waits for it")
    st.add_argument("--db", metavar="URL", help=db_help)
    st.add_argument("--json", action="store_true", help="the same as one JSON object")
    st.set_defaults(func=cmd_status)
