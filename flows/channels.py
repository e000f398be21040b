"""Digest channels: what is new on each since its last delivered digest → a file, an e-mail, an Atom feed.

A channel is a file or folder, one e-mail recipient list, or one Atom feed file. For each, a run
*claims* the channel's pending items in the store's delivery ledger, delivers them, then confirms
the claim (the items never appear on that channel again) or, when delivery failed, releases it (they
wait for the next digest): overlapping runs cannot deliver one item twice, a failure loses nothing.
``--since`` makes an ad-hoc digest and ``--dry-run`` renders without delivering; neither records.
Plain functions, no Prefect: the digest flow (flows/digest.py) runs ``run_channel`` per channel,
and the command line plans and checks channels without starting Prefect.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import count
from pathlib import Path

from digests import atom, deliver
from digests.render import EXTENSIONS, RENDERERS, render_markdown
from store.items import DigestItems, FailureItem

FEED_NAME = "pairwatch.atom"


@dataclass(frozen=True)
class Channel:
    kind: str  # "file" | "stdout" | "email" | "atom"
    id: str  # the delivery ledger's key
    target: str  # a file or folder, "-", a feed file, or the recipients joined by ", "
    fmt: str = "md"


@dataclass(frozen=True)
class Outcome:
    channel: str
    kind: str
    written: str | None  # the file written, "-" for stdout, the recipients, the feed file; None if nothing went out
    pairings: int
    funding: int
    recorded: bool
    note: str = ""


def output_path(out: str, fmt: str, today: date | None = None) -> Path | None:
    """A folder (or a path ending in /) gets digest-<date>.<ext>; '-' means standard output."""
    if out == "-":
        return None
    p = Path(out)
    if not _is_folder(out):
        return p
    return next(c for c in _dated_names(p, fmt, today) if not c.exists())


def _dated_names(folder: Path, fmt: str, today: date | None = None) -> Iterator[Path]:
    stem, ext = f"digest-{(today or date.today()).isoformat()}", EXTENSIONS[fmt]
    yield folder / f"{stem}.{ext}"
    for n in count(2):  # a second digest the same day must not overwrite the first
        yield folder / f"{stem}-{n}.{ext}"


def _is_folder(out: str) -> bool:
    return out.endswith(("/", "\\")) or Path(out).is_dir()


def channel_of(out: str) -> str:
    """The delivery channel a file digest belongs to: its folder, or the file itself."""
    if out == "-":
        return "stdout"
    return f"file:{Path(out).resolve()}" + ("/" if _is_folder(out) else "")


def plan_channels(fmt: str = "md", out: str | None = None, emails: list[str] | None = None) -> list[Channel]:
    """The channels one digest command delivers to: --out (default out/ unless only --email is given), --email."""
    channels = []
    if out is not None or not emails:
        out = out or "out/"
        if fmt == "atom":
            if out == "-":
                raise deliver.ConfigError("an Atom feed is appended to a file: give --out FEED_FILE or a folder")
            feed = Path(out) / FEED_NAME if _is_folder(out) else Path(out)
            channels.append(Channel("atom", f"atom:{feed.resolve()}", str(feed), fmt))
        else:
            channels.append(Channel("stdout" if out == "-" else "file", channel_of(out), out, fmt))
    if emails:
        rcpts = deliver.parse_recipients(emails)
        channels.append(Channel("email", "email:" + ",".join(sorted(a.lower() for a in rcpts)), ", ".join(rcpts)))
    return channels


def parse_since(value: str) -> datetime:
    """An ISO date or date-time; UTC when it names no zone."""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--since {value!r} is not a date: use YYYY-MM-DD or an ISO date-time") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def write_file(text: str, out: str, fmt: str) -> str:
    """Write a digest file atomically: a reader never sees half of it, and two runs never take one name.

    '-' is standard output; a folder gets a new digest-<date>[-n].<ext> (claimed with a hard link,
    which fails when the name exists); any other path is replaced.
    """
    if out == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return "-"
    folder = _is_folder(out)
    target = Path(out)
    directory = target if folder else target.parent
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".digest-", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        # mkstemp makes the file 0600; a digest is for reading, by a web server or a colleague too
        tmp.chmod(0o666 & ~current_umask())
        if not folder:
            tmp.replace(target)
            return str(target)
        for candidate in _dated_names(target, fmt):
            try:
                os.link(tmp, candidate)
                return str(candidate)
            except FileExistsError:
                continue
            except OSError:  # no hard links on this filesystem: reserve the name, then move the file onto it
                try:
                    candidate.open("x").close()
                except FileExistsError:
                    continue
                tmp.replace(candidate)
                return str(candidate)
    finally:
        tmp.unlink(missing_ok=True)
    raise AssertionError("unreachable: the names never run out")


def current_umask() -> int:
    """The process's umask, read without changing it where the system says (Linux), else set and restored."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def smtp_settings(block: str | None = None) -> deliver.SmtpSettings:
    """SMTP settings from a saved Prefect ``EmailServerCredentials`` block, else from PAIRWATCH_SMTP_*."""
    if not block:
        return deliver.settings_from_env()
    from prefect_email import EmailServerCredentials

    try:
        creds = EmailServerCredentials.load(block)
    except ValueError as exc:
        raise deliver.ConfigError(f"no EmailServerCredentials block named {block!r}: {exc}") from None
    security = {"INSECURE": "none", "STARTTLS": "starttls", "SSL": "ssl"}[creds.smtp_type.name]
    return deliver.SmtpSettings(
        host=getattr(creds.smtp_server, "value", creds.smtp_server),
        port=creds.smtp_port or creds.smtp_type.value,
        security=security,
        sender=deliver.default_sender(os.environ, creds.username),
        username=creds.username,
        password=creds.password.get_secret_value() if creds.password else "",
        verify=creds.verify,
    )


def _deliver(ch: Channel, items: DigestItems, failures: list[FailureItem], adhoc: bool, dry_run: bool,
             send_empty: bool, smtp: deliver.SmtpSettings | None) -> tuple[str | None, str]:
    """Deliver one digest; (what was written, a note). Raises when it did not go out."""
    if ch.kind in ("file", "stdout"):
        return write_file(RENDERERS[ch.fmt](items, failures, adhoc), ch.target, ch.fmt), ""
    if ch.kind == "atom":
        if dry_run:
            return None, f"dry run: {len(atom.entries_for(items))} entries not added"
        added = atom.append_to_feed(ch.target, items, datetime.now(UTC))
        return ch.target, f"{added} entries added"
    if items.empty and not send_empty:
        return None, "nothing new: no e-mail sent (--send-empty sends one anyway)"
    sender = smtp.sender if smtp else "pairwatch@localhost"
    msg = deliver.build_message(items, failures, sender, ch.target.split(", "), adhoc)
    if dry_run or smtp is None:
        return None, f"dry run: not sent ({msg['Subject']})"
    deliver.send_message(smtp, msg)
    return ch.target, msg["Subject"]


def run_channel(db_url: str, ch: Channel, since: str | None = None, dry_run: bool = False,
                send_empty: bool = False, smtp_block: str | None = None) -> tuple[Outcome, str]:
    """Claim, deliver, confirm (or release): one channel's digest; returns its outcome and its Markdown."""
    from store.repository import Store  # here: planning channels must not load the dedupe stack

    smtp = smtp_settings(smtp_block) if ch.kind == "email" and not dry_run else None
    adhoc = since is not None
    with Store(db_url) as store:
        claim = None
        if adhoc:
            items = store.since(parse_since(since))
        elif dry_run:
            items = store.pending(ch.id)
        else:
            claim = store.claim(ch.id)
            items = claim.items
        failures = store.failures_since(items.period_start)
        try:
            written, note = _deliver(ch, items, failures, adhoc, dry_run, send_empty, smtp)
        except BaseException:
            if claim is not None:
                store.release(claim)
            raise
        # An empty digest is a delivery only where something was written: a file (the next one's period starts here).
        recorded = claim is not None and written is not None and (not items.empty or ch.kind in ("file", "stdout"))
        if recorded:
            store.confirm(claim)
        elif claim is not None:
            store.release(claim)
    outcome = Outcome(ch.id, ch.kind, written, len(items.pairings), len(items.funding), recorded, note)
    return outcome, render_markdown(items, failures, adhoc)
