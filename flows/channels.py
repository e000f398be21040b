"""Digest channels: what is new on each since its last delivered digest → a file, an e-mail, an Atom feed.

A channel is a destination (a file or folder, standard output, one e-mail recipient, one Atom feed
file) plus a format plus the subscriber's filters: Markdown and HTML written to one folder are two
channels, each recipient of a list is a channel of its own (adding one sends nothing again to the
others), and two filter sets are two channels. A channel used for the first time starts from now
(its first digest says "subscribed"), unless ``--backfill`` (everything, or from a date); one that
replaces a channel id of before issue 15 continues its deliveries (store/subscriptions.py). For each, a run
*claims* the channel's pending items in the store's delivery ledger, delivers them, then confirms
the claim (the items never appear on that channel again) or, when delivery failed, releases it (they
wait for the next digest): overlapping runs cannot deliver one item twice, a failure loses nothing.
``--since`` makes an ad-hoc digest and ``--dry-run`` renders without delivering; neither records.
Plain functions, no Prefect: the digest flow (flows/digest.py) runs ``run_channel`` per channel,
and the command line plans and checks channels without starting Prefect.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

from digests import atom, deliver
from digests.dates import DEFAULT_TZ
from digests.files import make_readable
from digests.filters import Filters
from digests.render import EXTENSIONS, RENDERERS, RenderOptions, render_markdown
from store.items import DigestItems, FailureItem

if TYPE_CHECKING:
    from store.repository import Store

FEED_NAME = "pairwatch.atom"
ALL = "all"  # --backfill without a date: a new channel starts with everything stored


@dataclass(frozen=True)
class Channel:
    kind: str  # "file" | "stdout" | "email" | "atom"
    id: str  # the delivery ledger's key: destination, format and filters
    target: str  # a file or folder, "-", a feed file, or one e-mail address
    fmt: str = "md"
    filters: Filters = field(default_factory=Filters)
    legacy: str = ""  # the id this destination had before issue 15 (e-mail: the address)

    def inherits(self, old: str) -> bool:
        """Does this channel continue the deliveries of the pre-issue-15 channel ``old``? Only an
        unfiltered one does: a new filter set is a new subscription."""
        if not self.filters.empty or not self.legacy:
            return False
        if self.kind == "email":
            return old.startswith("email:") and "|" not in old and self.legacy in old[len("email:"):].split(",")
        return old == self.legacy

    def spec(self) -> dict[str, object]:
        return {"kind": self.kind, "target": self.target, "format": self.fmt, "filters": self.filters.as_dict()}


@dataclass(frozen=True)
class Settings:
    """How a run writes and starts its channels (not part of their identity)."""

    lang: str = "zh"
    tz: str = DEFAULT_TZ
    backfill: str | None = None  # a new channel starts with everything (ALL) or from an ISO date; else now
    feed_url: str | None = None  # the Atom feed's rel="self" address


def _id(base: str, fmt: str | None, filters: Filters) -> str:
    return "|".join([base] + ([fmt] if fmt else []) + ([filters.key()] if not filters.empty else []))


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


def plan_channels(fmt: str = "md", out: str | None = None, emails: list[str] | None = None,
                  filters: Filters | None = None) -> list[Channel]:
    """The channels one digest command delivers to: --out (default out/ unless only --email is given),
    and one channel per --email recipient, each with the format and the filters."""
    filters = filters or Filters()
    channels = []
    if out is not None or not emails:
        out = out or "out/"
        if fmt == "atom":
            if out == "-":
                raise deliver.ConfigError("an Atom feed is appended to a file: give --out FEED_FILE or a folder")
            feed = Path(out) / FEED_NAME if _is_folder(out) else Path(out)
            base = f"atom:{feed.resolve()}"
            channels.append(Channel("atom", _id(base, fmt, filters), str(feed), fmt, filters, base))
        else:
            base = channel_of(out)
            channels.append(Channel("stdout" if out == "-" else "file", _id(base, fmt, filters), out, fmt, filters,
                                    base))
    for rcpt in deliver.parse_recipients(emails) if emails else []:
        addr = rcpt.lower()
        channels.append(Channel("email", _id(f"email:{addr}", None, filters), rcpt, "email", filters, addr))
    return channels


def parse_backfill(value: str | None) -> str | None:
    """--backfill: ALL, or an ISO date (checked); None when not given."""
    if value is None or value == ALL:
        return value
    return parse_since(value).isoformat()


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
        make_readable(tmp)
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


DELIVERY_MARK = "pairwatch-delivery: {id}"


def mark_delivery(text: str, fmt: str, delivery_id: str) -> str:
    """The digest with its delivery id written into it, so that after a crash between writing and
    recording, the next run can tell this delivery went out (and records it rather than redoing it)."""
    mark = DELIVERY_MARK.format(id=delivery_id)
    if fmt == "json":
        data = json.loads(text)
        if isinstance(data, dict):
            data["delivery_id"] = delivery_id
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return text
    return text.rstrip("\n") + f"\n\n<!-- {mark} -->\n"


def written_before(ch: Channel, delivery_id: str, items: DigestItems, options: RenderOptions) -> bool:
    """True if a delivery of this channel with this id went out already (its file holds the id; the
    feed holds its entries). An e-mail cannot be looked for: it is sent again, under the same
    Message-ID, which mail clients show once."""
    if ch.kind == "atom":
        return atom.holds(ch.target, items, options)
    if ch.kind != "file":
        return False
    mark = DELIVERY_MARK.format(id=delivery_id)
    if _is_folder(ch.target):
        files = sorted(Path(ch.target).glob(f"digest-*.{EXTENSIONS[ch.fmt]}"))[-20:]  # the latest ones
    else:
        files = [Path(ch.target)]
    for f in files:
        try:
            body = f.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if mark in body or f'"delivery_id": "{delivery_id}"' in body:
            return True
    return False


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
             send_empty: bool, smtp: deliver.SmtpSettings | None, options: RenderOptions,
             feed_url: str | None, delivery_id: str | None = None) -> tuple[str | None, str]:
    """Deliver one digest; (what was written, a note). Raises when it did not go out."""
    if ch.kind in ("file", "stdout"):
        text = RENDERERS[ch.fmt](items, failures, adhoc, options)
        if delivery_id and ch.kind == "file":
            text = mark_delivery(text, ch.fmt, delivery_id)
        return write_file(text, ch.target, ch.fmt), ""
    if ch.kind == "atom":
        if dry_run:
            return None, f"dry run: {len(atom.entries_for(items, options))} entries not added"
        added = atom.append_to_feed(ch.target, items, datetime.now(UTC), self_url=feed_url, options=options)
        return ch.target, f"{added} entries added"
    if items.empty and not send_empty and not options.subscribed:
        return None, "nothing new: no e-mail sent (--send-empty sends one anyway)"
    sender = smtp.sender if smtp else "pairwatch@localhost"
    msg = deliver.build_message(items, failures, sender, ch.target, adhoc, options=options, channel=ch.id,
                                delivery_id=delivery_id)
    if dry_run or smtp is None:
        return None, f"dry run: not sent ({msg['Subject']})"
    deliver.send_message(smtp, msg)
    return ch.target, msg["Subject"]


def _recover(store: Store, ch: Channel, smtp: deliver.SmtpSettings | None, options: RenderOptions,
             settings: Settings) -> str:
    """Settle the deliveries of this channel whose run died between delivering and recording: one
    whose output exists is recorded, the others are delivered again under their own id. Returns a
    note for the outcome ("" when there was nothing to settle)."""
    done = redone = 0
    for stale in store.take_over_stale(ch.id):
        opts = dataclasses.replace(options, subscribed=False)
        if written_before(ch, stale.token, stale.items, opts):
            store.confirm(stale)
            done += 1
            continue
        try:
            _deliver(ch, stale.items, [], False, False, True, smtp, opts, settings.feed_url, stale.token)
        except BaseException:
            store.release(stale)
            raise
        store.confirm(stale)
        redone += 1
    parts = [f"{done} interrupted delivery(ies) had gone out: recorded" if done else "",
             f"{redone} interrupted delivery(ies) sent again under their own id" if redone else ""]
    return "; ".join(p for p in parts if p)


def run_channel(db_url: str, ch: Channel, since: str | None = None, dry_run: bool = False,
                send_empty: bool = False, smtp_block: str | None = None,
                settings: Settings | None = None) -> tuple[Outcome, str]:
    """Claim, deliver, confirm (or release): one channel's digest; returns its outcome and its Markdown.

    The claim subscribes a channel used for the first time (from now, or as --backfill says) and
    takes only the items its filters let through.
    """
    from store.repository import Store  # here: planning channels must not load the dedupe stack
    from store.subscriptions import ALL as START_ALL
    from store.subscriptions import DATE, NOW, Start

    settings = settings or Settings()
    smtp = smtp_settings(smtp_block) if ch.kind == "email" and not dry_run else None
    adhoc = since is not None
    keep = None if ch.filters.empty else ch.filters
    if settings.backfill == ALL:
        start = Start(START_ALL, inherits=ch.inherits, spec=ch.spec())
    elif settings.backfill:
        start = Start(DATE, since=parse_since(settings.backfill), inherits=ch.inherits, spec=ch.spec())
    else:
        start = Start(NOW, inherits=ch.inherits, spec=ch.spec())
    options = RenderOptions(lang=settings.lang, tz=settings.tz, filters=ch.filters.describe())
    with Store(db_url) as store:
        claim = None
        # a listing that moved fails quietly run after run: the digest's readers hear of it too
        flagged = tuple(h.note for h in store.source_health() if h.flagged)
        options = dataclasses.replace(options, notes=flagged)
        if adhoc:
            items = store.since(parse_since(since))
            items = dataclasses.replace(items, pairings=[p for p in items.pairings if keep is None or keep(p)],
                                        funding=[f for f in items.funding if keep is None or keep(f)])
        elif dry_run:  # what the claim would hold, a new channel's subscription included; nothing recorded
            items, first = store.preview(ch.id, keep, start)
            options = dataclasses.replace(options, subscribed=first)
        else:
            recovered = _recover(store, ch, smtp, options, settings)
            held, until = store.held(ch.id)
            claim = store.claim(ch.id, keep=keep, start=start)
            items = claim.items
            options = dataclasses.replace(options, subscribed=claim.subscribed)
        failures = store.failures_since(items.period_start)
        try:
            written, note = _deliver(ch, items, failures, adhoc, dry_run, send_empty, smtp, options, settings.feed_url,
                                     claim.token if claim is not None else None)
        except BaseException:
            if claim is not None:
                store.release(claim)
            raise
        # An empty digest is a delivery only where something was written: a file (the next one's period
        # starts here) or a subscription notice.
        recorded = claim is not None and written is not None and (
            not items.empty or ch.kind in ("file", "stdout") or claim.subscribed)
        if recorded:
            store.confirm(claim)
        elif claim is not None:
            store.release(claim)
    if options.subscribed:
        first = "subscribed: items from now on" if settings.backfill is None else "subscribed (backfill)"
        note = "; ".join(x for x in (first, note) if x)
    if claim is not None:
        waiting = f"{held} item(s) held by another delivery in progress until {until:%H:%M} UTC" if held else ""
        note = "; ".join(x for x in (recovered, waiting, note) if x)
    outcome = Outcome(ch.id, ch.kind, written, len(items.pairings), len(items.funding), recorded, note)
    return outcome, render_markdown(items, failures, adhoc, options)
