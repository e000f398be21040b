"""The digest flow: what is new since the last delivered digest on a channel → a file and an artifact.

Delivery is recorded only after the file is written, so a failed write leaves the
items for the next digest; ``--since`` and ``--dry-run`` record nothing.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.render import EXTENSIONS, RENDERERS, render_markdown
from store import DigestItems, Store, resolve_db_url


def output_path(out: str, fmt: str, today: date | None = None) -> Path | None:
    """A folder (or a path ending in /) gets digest-<date>.<ext>; '-' means standard output."""
    if out == "-":
        return None
    p = Path(out)
    if not (out.endswith(("/", "\\")) or p.is_dir()):
        return p
    stem, ext = f"digest-{(today or date.today()).isoformat()}", EXTENSIONS[fmt]
    candidate, n = p / f"{stem}.{ext}", 1
    while candidate.exists():  # a second digest the same day must not overwrite the first
        n += 1
        candidate = p / f"{stem}-{n}.{ext}"
    return candidate


def channel_of(out: str) -> str:
    """The delivery channel a file digest belongs to: its folder, or the file itself."""
    if out == "-":
        return "stdout"
    p = Path(out)
    return f"file:{p.resolve()}" + ("/" if out.endswith(("/", "\\")) or p.is_dir() else "")


def parse_since(value: str) -> datetime:
    when = datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@task(cache_policy=NO_CACHE)
def load_digest(db_url: str, channel: str, since: str | None) -> tuple[DigestItems, list]:
    with Store(db_url) as store:
        items = store.since(parse_since(since)) if since else store.pending(channel)
        failures = store.failures_since(items.period_start)
    return items, failures


@task(retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def write_digest(text: str, path: str | None) -> str:
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return "-"
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(p.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(p)  # atomic: a reader never sees half a digest
    return str(p)


@task(retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def record_delivery(db_url: str, channel: str, items: DigestItems) -> None:
    with Store(db_url) as store:
        store.record_delivery(channel, items)


@flow(name="digest")
def digest_flow(db_url: str | None = None, fmt: str = "md", out: str = "out/",
                since: str | None = None, dry_run: bool = False) -> dict:
    """Render what is new, write it, attach it to the run, then record the delivery."""
    log = get_run_logger()
    db_url = resolve_db_url(db_url)
    channel = channel_of(out)
    items, failures = load_digest(db_url, channel, since)
    text = RENDERERS[fmt](items, failures)
    path = output_path(out, fmt)
    written = write_digest(text, str(path) if path else None)
    create_markdown_artifact(
        key="digest",
        markdown=text if fmt == "md" else render_markdown(items, failures),
        description=f"{len(items.pairings)} pairings, {len(items.funding)} funding items",
    )
    if not dry_run and since is None:
        record_delivery(db_url, channel, items)
    log.info("digest %s: %d pairings, %d funding", written, len(items.pairings), len(items.funding))
    return {"written": written, "pairings": len(items.pairings), "funding": len(items.funding),
            "channel": channel, "recorded": not dry_run and since is None}


def digest(db_url: str | None = None, fmt: str = "md", out: str = "out/", since: str | None = None,
           dry_run: bool = False) -> dict:
    """Run the flow once, as a manual run."""
    return digest_flow(db_url=db_url, fmt=fmt, out=out, since=since, dry_run=dry_run)
