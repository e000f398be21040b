"""The digest flow: deliver what is new on every channel asked for, one task per channel.

Orchestration only: claiming, rendering, delivering and confirming are plain functions in
flows/channels.py. Each delivered digest is attached to the run as a Markdown artifact; a channel
that fails does not stop the others, and the run then ends Failed, naming each channel and why.
With ``report``, the atlas of everything stored (flows/report.py) is refreshed after the channels
and linked from the run as an artifact.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from digests.deliver import DeliveryError
from digests.filters import Filters
from flows.channels import Channel, Outcome, Settings, plan_channels, run_channel
from flows.report import write_report
from store import resolve_db_url
from store.db import short_reason


class DigestFailed(RuntimeError):
    """At least one channel was not delivered: ``failures`` says which and why, ``delivered`` what went out."""

    def __init__(self, failures: list[tuple[Channel, BaseException]], delivered: list[dict]) -> None:
        self.failures = failures
        self.delivered = delivered
        super().__init__("; ".join(self.lines()))

    def lines(self) -> list[str]:
        """One line per failed channel; "items wait" only where they do (the claim was released)."""
        out = []
        for ch, exc in self.failures:
            where = f"{ch.kind} {ch.target}"
            if isinstance(exc, DeliveryError | OSError):
                out.append(f"not delivered to {where}: {short_reason(exc)}; its items wait for the next digest")
            else:
                out.append(f"no digest for {where}: {type(exc).__name__}: {short_reason(exc)}")
        return out


POLL_S = 15.0


def running_ingests() -> int:
    """How many ingest flow runs the Prefect API reports as running right now."""
    from prefect import get_client
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=["ingest"])),
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.RUNNING]))),
        )
    return len(runs)


def wait_while(running: Callable[[], int], max_wait_s: float, poll_s: float = POLL_S,
               sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> float:
    """Wait while ``running()`` says an ingest runs, at most ``max_wait_s``; the seconds waited.

    A scheduled digest that starts while the ingest it should include is still running would leave
    that ingest's items waiting a day; past ``max_wait_s`` it goes ahead (they come next time).
    """
    start = clock()
    while max_wait_s > 0 and running():
        left = max_wait_s - (clock() - start)
        if left <= 0:
            break
        sleep(min(poll_s, left))
    return clock() - start


@task(cache_policy=NO_CACHE, task_run_name="digest-{ch.kind}")
def deliver_channel(db_url: str, ch: Channel, since: str | None, dry_run: bool, send_empty: bool,
                    smtp_block: str | None, settings: Settings) -> tuple[Outcome, str]:
    """No Prefect retries: e-mail retries transient failures itself, and a failed channel is released."""
    return run_channel(db_url, ch, since, dry_run, send_empty, smtp_block, settings)


@task(cache_policy=NO_CACHE)
def refresh_atlas(db_url: str, report: str) -> str:
    """Rewrite the atlas in ``report`` and link it from the run; the index page's file URI."""
    atlas = write_report(db_url, Path(report))
    uri = atlas.index.resolve().as_uri()
    create_link_artifact(key="atlas", link=uri, link_text="pairing atlas",
                         description=f"{atlas.pairings} pairings, {atlas.funding} funding items, "
                                     f"{len(atlas.provinces)} recipient provinces")
    return uri


@flow(name="digest")
def digest_flow(db_url: str | None = None, fmt: str = "md", out: str | None = None, emails: list[str] | None = None,
                smtp_block: str | None = None, since: str | None = None, dry_run: bool = False,
                send_empty: bool = False, filters: dict | None = None, lang: str = "zh",
                timezone: str = "Asia/Shanghai", backfill: str | None = None, feed_url: str | None = None,
                wait_for_ingest_minutes: float = 0.0, report: str | None = None) -> dict:
    """Deliver the digest on every channel asked for; fail (after trying them all) if any was not delivered.

    ``filters`` holds Filters' fields (digests/filters.py); ``backfill`` is "all" or an ISO date;
    ``wait_for_ingest_minutes`` (the served schedule sets it) first waits for a running ingest;
    ``report``, a folder, gets the atlas of everything stored refreshed after the channels.
    """
    log = get_run_logger()
    if wait_for_ingest_minutes > 0:
        waited = wait_while(running_ingests, wait_for_ingest_minutes * 60)
        if waited >= 1:
            log.info("waited %.0f s for a running ingest to finish", waited)
    db_url = resolve_db_url(db_url)
    outcomes: list[Outcome] = []
    failures: list[tuple[Channel, BaseException]] = []
    settings = Settings(lang=lang, tz=timezone, backfill=backfill, feed_url=feed_url)
    for ch in plan_channels(fmt, out, emails, Filters.from_dict(filters)):
        try:
            outcome, markdown = deliver_channel(db_url, ch, since, dry_run, send_empty, smtp_block, settings)
        except Exception as exc:  # noqa: BLE001 - one channel failing must not stop the others
            failures.append((ch, exc))
            log.error("digest not delivered to %s %s: %s", ch.kind, ch.target, exc)
            continue
        outcomes.append(outcome)
        create_markdown_artifact(key="digest", markdown=markdown,
                                 description=f"{ch.kind} {ch.target}: {outcome.pairings} pairings, "
                                             f"{outcome.funding} funding items")
        log.info("digest %s %s: %d pairings, %d funding, recorded=%s %s", ch.kind, outcome.written,
                 outcome.pairings, outcome.funding, outcome.recorded, outcome.note)
    atlas = None
    if report:  # the atlas shows the store, whatever the channels did: refreshed before a failure is raised
        atlas = refresh_atlas(db_url, report)
        log.info("atlas refreshed: %s", atlas)
    if failures:
        raise DigestFailed(failures, [asdict(o) for o in outcomes])
    first = asdict(outcomes[0])
    return {**first, "channels": [asdict(o) for o in outcomes], "atlas": atlas}


def digest(db_url: str | None = None, fmt: str = "md", out: str | None = None, since: str | None = None,
           dry_run: bool = False, emails: list[str] | None = None, smtp_block: str | None = None,
           send_empty: bool = False, **options: object) -> dict:
    """Run the flow once, as a manual run; ``options`` are the flow's filters, lang, timezone, backfill, feed_url."""
    return digest_flow(db_url=db_url, fmt=fmt, out=out, emails=emails, smtp_block=smtp_block, since=since,
                       dry_run=dry_run, send_empty=send_empty, **options)  # type: ignore[arg-type]
