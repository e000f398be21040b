"""``pairwatch serve``: the ingest and digest deployments, on their schedules, served from this machine.

A schedule lives in a Prefect server, not in this process: serving against Prefect's
ephemeral mode would register it in a throw-away database that dies with the process.
So serve insists on a configured API (``PREFECT_API_URL``), checks within seconds that it
answers, and otherwise says so and shows the command that starts one, rather than hanging.

Schedules: options, else the sources file's ``[schedule]`` table, else the defaults
(ingest every 30 minutes on :00 and :30, digest daily at 08:05 Asia/Shanghai: five minutes after the
08:00 ingest, so that its items are in the digest instead of waiting a day; should that ingest still
run, the digest waits for it, 20 minutes at most).  The deployments carry their
parameters (documents, sources file, database, digest output) as absolute paths, so a run
does not depend on the directory it starts in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_INGEST_MINUTES = 30.0
DEFAULT_DIGEST_CRON = "5 8 * * *"  # after the 08:00 ingest, not in the same minute
DEFAULT_TIMEZONE = "Asia/Shanghai"
DIGEST_WAITS_FOR_INGEST_MINUTES = 20.0  # and a scheduled digest waits (this long at most) for a running ingest
DEPLOYMENT_NAME = "served"  # ingest/served and digest/served (deploy/prefect.yaml's are */pool)
START_SERVER = "prefect server start"
LOCAL_API_URL = "http://127.0.0.1:4200/api"
API_TIMEOUT_S = 3.0


class ServeError(RuntimeError):
    """Serving cannot start; the message says why and what to do."""


@dataclass(frozen=True)
class Schedules:
    """When each deployment runs: ingest by cron or by interval, digest by cron, in one time zone."""

    ingest_cron: str | None
    ingest_minutes: float | None
    digest_cron: str
    timezone: str

    def describe(self) -> dict[str, str]:
        ingest = f"cron {self.ingest_cron}" if self.ingest_cron else f"every {self.ingest_minutes:g} minutes"
        return {"ingest": ingest, "digest": f"cron {self.digest_cron}", "timezone": self.timezone}


def resolve_schedules(ingest_cron: str | None = None, ingest_minutes: float | None = None,
                      digest_cron: str | None = None, timezone: str | None = None,
                      from_file: dict[str, str] | None = None) -> Schedules:
    """Options first, then the sources file's [schedule], then the defaults."""
    if ingest_cron and ingest_minutes:
        raise ServeError("give either an ingest cron or an ingest interval, not both")
    if ingest_minutes is not None and ingest_minutes <= 0:
        raise ServeError(f"the ingest interval must be a positive number of minutes, not {ingest_minutes:g}")
    file = from_file or {}
    if not ingest_cron and ingest_minutes is None:
        ingest_cron = file.get("ingest")
        ingest_minutes = None if ingest_cron else DEFAULT_INGEST_MINUTES
    tz = timezone or file.get("timezone") or DEFAULT_TIMEZONE
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ServeError(f"unknown time zone {tz!r} (an IANA name such as Asia/Shanghai)") from exc
    return Schedules(ingest_cron, ingest_minutes, digest_cron or file.get("digest") or DEFAULT_DIGEST_CRON, tz)


def prefect_schedules(s: Schedules) -> tuple[Any, Any]:
    """Prefect schedule objects (ingest, digest); a bad cron string is refused here, by name."""
    from prefect.schedules import Cron, Interval

    def cron(which: str, expr: str) -> Any:
        try:
            return Cron(expr, timezone=s.timezone)
        except ValueError as exc:
            raise ServeError(f"{which} schedule {expr!r} is not a valid cron string: {exc}") from exc

    if s.ingest_cron:
        ingest = cron("ingest", s.ingest_cron)
    else:
        # Anchored at midnight in the zone, so "every 30 minutes" means :00 and :30, not "from now".
        anchor = datetime(2024, 1, 1, tzinfo=ZoneInfo(s.timezone))
        ingest = Interval(timedelta(minutes=s.ingest_minutes or DEFAULT_INGEST_MINUTES), anchor_date=anchor,
                          timezone=s.timezone)
    return ingest, cron("digest", s.digest_cron)


def absolute_db_url(db: str | None) -> str | None:
    """The database URL a scheduled run will use, with an SQLite file made absolute.

    Without --db, a set PAIRWATCH_DB_URL is left to be read at run time (None), which keeps a
    password out of Prefect's stored parameters; else the default SQLite file, made absolute.
    """
    if db is None and os.environ.get("PAIRWATCH_DB_URL"):
        return None
    from store import resolve_db_url

    url = resolve_db_url(db)
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/"):
        rest = url[len(prefix):]
        if rest and rest != ":memory:" and not rest.startswith("file:"):
            return prefix + str(Path(rest).resolve())
    return url


def _absolute(path: str) -> str:
    return str(Path(path).expanduser().resolve())


def ingest_parameters(paths: list[str], sources_file: str | None, db_url: str | None) -> dict[str, Any]:
    """The ingest deployment's parameters, paths made absolute."""
    return {"paths": [_absolute(p) for p in paths] or None,
            "sources_file": _absolute(sources_file) if sources_file else None, "db_url": db_url}


def digest_parameters(db_url: str | None, fmt: str = "md", out: str | None = "out/",
                      emails: list[str] | None = None, smtp_block: str | None = None,
                      report: str | None = None, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The digest deployment's parameters; a folder keeps its trailing slash (it names the channel).
    ``options``: what `pairwatch digest` would be given besides (lang, timezone, backfill, feed_url,
    filters), only those that differ from its defaults."""
    params: dict[str, Any] = {"db_url": db_url, "fmt": fmt, "wait_for_ingest_minutes": DIGEST_WAITS_FOR_INGEST_MINUTES}
    params.update({k: v for k, v in (options or {}).items() if v is not None})
    if out is not None:
        params["out"] = out if out == "-" else _absolute(out) + ("/" if out.endswith(("/", "\\")) else "")
    if emails:
        params["emails"] = list(emails)
    if smtp_block:
        params["smtp_block"] = smtp_block
    if report:
        params["report"] = _absolute(report)
    return params


def build_deployments(schedules: Schedules, ingest_params: dict[str, Any],
                      digest_params: dict[str, Any]) -> list[Any]:
    """The two RunnerDeployments (not yet registered): built by module path, so they load anywhere."""
    from prefect.deployments.runner import EntrypointType

    from flows.digest import digest_flow
    from flows.ingest import ingest_flow

    ingest_schedule, digest_schedule = prefect_schedules(schedules)
    common: dict[str, Any] = {"entrypoint_type": EntrypointType.MODULE_PATH, "tags": ["pairwatch"]}
    return [
        ingest_flow.to_deployment(DEPLOYMENT_NAME, schedules=[ingest_schedule], parameters=ingest_params,
                                  description="Fetch and parse new articles; store them.", **common),
        digest_flow.to_deployment(DEPLOYMENT_NAME, schedules=[digest_schedule], parameters=digest_params,
                                  description="Deliver what is new since the last digest.", **common),
    ]


def configured_api_url() -> str | None:
    """PREFECT_API_URL from the environment or the active Prefect profile, if any."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or None


def check_api(url: str | None, timeout: float = API_TIMEOUT_S) -> None:
    """Raise ServeError, saying what to do, unless a Prefect API answers at ``url`` within ``timeout``."""
    start = (f"Start a Prefect server in another terminal:\n\n    {START_SERVER}\n\n"
             f"and point pairwatch at it:\n\n    export PREFECT_API_URL={LOCAL_API_URL}\n")
    if not url:
        raise ServeError("no Prefect API is configured (PREFECT_API_URL is not set). Serving needs a server "
                         "that outlives it: the schedules and runs live there.\n" + start)
    import requests

    health = url.rstrip("/") + "/health"
    try:
        response = requests.get(health, timeout=(timeout, timeout))
    except requests.RequestException as exc:
        raise ServeError(f"the Prefect API at {url} does not answer ({type(exc).__name__}). "
                         f"Is the server running?\n{start}") from exc
    if not response.ok:
        raise ServeError(f"the Prefect API at {url} answered {response.status_code} to {health}: "
                         "is PREFECT_API_URL the server's /api address?")


def check_dask(address: str | None) -> None:
    """Raise ServeError unless the Dask cluster the ingest runs will parse on answers and has workers."""
    from flows.dask_address import ClusterUnavailable, check, configured

    address = configured(address)
    if not address:
        return
    try:
        check(address)
    except (ClusterUnavailable, ValueError) as exc:
        raise ServeError(f"--dask-address / PAIRWATCH_DASK_ADDRESS: {exc}") from exc


def serve_deployments(deployments: list[Any]) -> None:
    """Register the deployments and run their scheduled work until interrupted (Ctrl-C, SIGTERM).

    On the way out Prefect pauses their schedules, so runs do not pile up while nothing serves them.
    """
    from prefect import serve

    try:
        serve(*deployments)
    finally:
        pause_deployments(deployments)


def pause_deployments(deployments: list[Any]) -> None:
    """Pause the served deployments: Prefect does so on Ctrl-C, but on SIGTERM only if it wins a race."""
    import sys

    from prefect import get_client

    try:
        with get_client(sync_client=True) as client:
            for d in deployments:
                client.pause_deployment(client.read_deployment_by_name(f"{d.flow_name}/{d.name}").id)
    except Exception as exc:  # noqa: BLE001 - stopping must not fail; say what is left to do
        print(f"pairwatch serve: could not pause the schedules ({type(exc).__name__}: {exc}); pause them in the "
              "UI (ingest/served, digest/served), or their runs will wait for the next serve", file=sys.stderr)


def add_serve_parser(sub: Any, common: Any) -> None:
    """The ``serve`` subcommand's options (kept here so that flows/cli.py stays a thin dispatcher)."""
    sv = sub.add_parser("serve", parents=[common],
                        help="serve the scheduled ingest and digest deployments from this machine",
                        description=__doc__.split("\n\n")[1].replace("``", ""))
    sv.add_argument("--seeds", metavar="DIR", help="a folder of documents the ingest runs read")
    sv.add_argument("--path", action="append", metavar="FILE_OR_DIR", help="local documents (repeatable)")
    sv.add_argument("--sources", metavar="FILE", help="sources TOML file (default seeds/sources.toml when "
                    "no documents are given); its optional [schedule] table sets the schedules")
    sv.add_argument("--db", metavar="URL", help="database URL (default: PAIRWATCH_DB_URL read at run time, "
                    "else ./data/pairwatch.db)")
    sv.add_argument("--dask-address", metavar="tcp://HOST:PORT",
                    help="the ingest runs parse on the running Dask cluster whose scheduler is there (stored in "
                    "the deployment; without it, PAIRWATCH_DASK_ADDRESS is read at run time)")
    sv.add_argument("--digest-format", choices=("md", "html", "json", "atom"), default="md",
                    help="the scheduled digest's format (default md)")
    sv.add_argument("--digest-out", metavar="PATH", help="digest file or folder (default out/; none when only "
                    "--email is given)")
    sv.add_argument("--email", nargs="+", action="extend", metavar="ADDRESS", help="also mail each digest")
    sv.add_argument("--smtp-block", metavar="NAME", help="Prefect EmailServerCredentials block for --email")
    sv.add_argument("--report", metavar="DIR", help="refresh the atlas (pairwatch report) in DIR after each digest")
    sv.add_argument("--lang", choices=("zh", "en"), help="the digest's labels: Chinese (default) or English")
    sv.add_argument("--backfill", nargs="?", const="all", metavar="DATE",
                    help="a channel's first digest starts with everything stored (or from DATE) instead of from now")
    sv.add_argument("--feed-url", metavar="URL", help="with --digest-format atom: the feed's public address")
    from digests.filters import add_arguments as add_filter_arguments

    add_filter_arguments(sv.add_argument_group(
        "filters", "the scheduled digest keeps only the items that pass every filter given (as `pairwatch digest`)"))
    when = sv.add_mutually_exclusive_group()
    when.add_argument("--ingest-cron", metavar="CRON", help="ingest schedule as a cron string")
    when.add_argument("--ingest-interval", type=float, metavar="MINUTES",
                      help=f"ingest every MINUTES (default {DEFAULT_INGEST_MINUTES:g})")
    sv.add_argument("--digest-cron", metavar="CRON", help=f"digest schedule (default {DEFAULT_DIGEST_CRON!r})")
    sv.add_argument("--timezone", metavar="TZ", help=f"time zone of the schedules and of the times the digest "
                    f"shows (default {DEFAULT_TIMEZONE})")
    sv.add_argument("--api-timeout", type=float, default=API_TIMEOUT_S, metavar="SECONDS",
                    help="how long to wait for the Prefect API to answer before giving up")
    sv.add_argument("--dry-run", action="store_true",
                    help="print the deployments (schedules, parameters) as JSON; contact no server")
    sv.set_defaults(func=serve_command)


def plan(args: Any) -> tuple[Schedules, dict[str, Any], dict[str, Any]]:
    """Schedules and parameters from the command line, the sources file and the defaults."""
    from fetching.sources import SourcesError, load_schedule
    from flows import preflight
    from store.db import DatabaseUrlError

    paths = list(args.path or []) + ([args.seeds] if args.seeds else [])
    sources = args.sources
    if not paths and not sources:
        sources = "seeds/sources.toml"
        if not Path(sources).is_file():
            raise ServeError("give --sources FILE, --seeds DIR or --path FILE_OR_DIR for the ingest runs")
    try:
        preflight.documents(paths)
        if getattr(args, "report", None):  # every scheduled digest would fail to write it
            if Path(args.report).is_file():
                raise preflight.Refused(f"--report {args.report}: is a file; name a folder for the atlas")
            preflight.output(args.report.rstrip("/") + "/")
        if sources:
            preflight.sources(sources)  # the whole file: every scheduled run would fail on what fails here
        from_file = load_schedule(sources) if sources else {}
    except (SourcesError, preflight.Refused) as exc:
        raise ServeError(str(exc)) from exc
    schedules = resolve_schedules(args.ingest_cron, args.ingest_interval, args.digest_cron, args.timezone, from_file)
    try:
        db_url = absolute_db_url(args.db)
    except DatabaseUrlError as exc:
        raise ServeError(f"--db: {exc}") from exc
    out = args.digest_out if args.digest_out or args.email else "out/"
    ingest_params = ingest_parameters(paths, sources, db_url)
    if args.dask_address:
        from flows.dask_address import BadAddress, parse

        try:
            parse(args.dask_address)
        except BadAddress as exc:
            raise ServeError(f"--dask-address: {exc}") from exc
        ingest_params["dask_address"] = args.dask_address
    return (schedules, ingest_params,
            digest_parameters(db_url, args.digest_format, out, args.email, args.smtp_block,
                              getattr(args, "report", None), _digest_options(args)))


def _digest_options(args: Any) -> dict[str, Any]:
    """The digest's own options given to serve, as the digest flow's parameters (defaults left out)."""
    from digests.filters import FilterError
    from digests.filters import from_arguments as filters_from_arguments

    try:
        filters = filters_from_arguments(args)
    except FilterError as exc:
        raise ServeError(str(exc)) from exc
    return {"lang": args.lang, "timezone": args.timezone, "backfill": args.backfill, "feed_url": args.feed_url,
            "filters": None if filters.empty else filters.as_dict()}


def withhold_password(*params: dict[str, Any]) -> str | None:
    """Take a database URL that holds a password out of the deployments' parameters; return it.

    Parameters are stored by the Prefect server and shown in its UI: a run reads the URL from
    PAIRWATCH_DB_URL instead, which ``serve`` sets for the runs it starts.
    """
    from store.db import mask_url

    url = next((p.get("db_url") for p in params if p.get("db_url")), None)
    if not url or "://" not in url or mask_url(url) == url:
        return None
    for p in params:
        p["db_url"] = None
    return url


def serve_command(args: Any) -> int:
    """``pairwatch serve``: 0 after a clean stop, 1 when there is no API to serve against, 2 on bad options."""
    import json
    import sys

    from flows.preflight import prefect_environment
    from store.db import ENV_VAR, mask_url

    try:
        schedules, ingest_params, digest_params = plan(args)
        prefect_environment(args.debug)
        prefect_schedules(schedules)  # a bad cron string fails here, before any server is contacted
    except ServeError as exc:
        print(f"pairwatch serve: {exc}", file=sys.stderr)
        return 2
    secret = withhold_password(ingest_params, digest_params)
    if args.dry_run:
        shown = {"schedules": schedules.describe(), "ingest": ingest_params, "digest": digest_params}
        if secret:
            shown[ENV_VAR] = mask_url(secret)
        print(json.dumps(shown, ensure_ascii=False, indent=2))
        return 0
    if secret:  # the served runs are this process's children: they read it from here, the server never sees it
        os.environ[ENV_VAR] = secret
    try:
        url = configured_api_url()
        check_api(url, args.api_timeout)
        check_dask(ingest_params.get("dask_address"))
    except ServeError as exc:
        print(f"pairwatch serve: {exc}", file=sys.stderr)
        return 1
    when = schedules.describe()
    print(f"pairwatch serve: registering ingest/{DEPLOYMENT_NAME} ({when['ingest']}) and digest/{DEPLOYMENT_NAME} "
          f"({when['digest']}), {schedules.timezone}, at {url}; Ctrl-C stops serving and pauses both schedules",
          file=sys.stderr, flush=True)
    serve_deployments(build_deployments(schedules, ingest_params, digest_params))
    return 0
