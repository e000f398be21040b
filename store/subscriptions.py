"""Channel subscriptions: where a digest channel's history starts the first time it is used.

A channel never used before starts *now* (its first digest says so and holds nothing older),
from the beginning (``all``, a backfill), or from a date. Ids are in commit order (writers are
serialised, store/db.py), so "now" is a baseline at the highest ids stored: items committed later
are pending, items before count as delivered, with no row per item.

Channel ids changed with issue 15: a folder's formats, each e-mail recipient and each filter set
became channels of their own. A new id that replaces old ones (``Start.inherits`` says which)
continues their deliveries instead: it takes their baseline and their delivered items, so an
existing deployment re-sends nothing. The subscription is made in the claim's transaction: two
runs subscribing one channel at once make one subscription.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, literal, select, union

from .db import insert_ignore
from .delivery import DELIVERED, baseline
from .models import TZDateTime, baselines, channels, deliveries, funding, ledger, pairings

NOW, ALL, DATE, INHERITED = "now", "all", "date", "inherited"


@dataclass(frozen=True)
class Start:
    """How a channel starts when it is first used; ignored afterwards (the subscription exists)."""

    mode: str = NOW  # NOW | ALL | DATE
    since: datetime | None = None  # with DATE: items first stored from then on
    inherits: Callable[[str], bool] | None = None  # which pre-existing channel ids it continues
    spec: dict[str, Any] = field(default_factory=dict)  # what the channel is, for `status`


@dataclass(frozen=True)
class Subscription:
    channel: str
    start: str
    subscribed_at: datetime
    since: datetime | None
    inherited_from: list[str] | None
    new: bool = False  # made by this call: the channel's first digest
    spec: dict[str, Any] = field(default_factory=dict)  # what the channel is (kind, target, format, filters)


def historic_channels(conn: Connection) -> list[str]:
    """Every channel id that has a delivery or a baseline (the ones a new id may continue)."""
    q = union(select(deliveries.c.channel), select(baselines.c.channel))
    return sorted(conn.execute(q).scalars().all())


def subscription(conn: Connection, channel: str) -> Subscription | None:
    row = conn.execute(select(channels).where(channels.c.channel == channel)).first()
    if row is None:
        return None
    return Subscription(row.channel, row.start, row.subscribed_at, row.since, row.inherited_from,
                        spec=dict(row.spec or {}))


def subscribe(conn: Connection, channel: str, start: Start, at: datetime) -> Subscription:
    """The channel's subscription, made now if it has none; call inside a write transaction."""
    found = subscription(conn, channel)
    if found is not None:
        return found
    history = historic_channels(conn)
    if channel in history:  # used before subscriptions existed, under this very id: it goes on as it was
        legacy = [channel]
    else:
        legacy = [c for c in history if start.inherits is not None and start.inherits(c)]
    since: datetime | None
    if legacy:
        mode, since = INHERITED, _last_delivered(conn, legacy)
        if channel not in legacy:
            _continue(conn, channel, legacy, at)
    elif start.mode == ALL:
        mode, since = ALL, None
    elif start.mode == DATE and start.since is not None:
        mode, since = start.since.date().isoformat(), start.since
        _set_baseline(conn, channel, *_max_ids(conn, before=start.since))
    else:
        mode, since = NOW, at
        _set_baseline(conn, channel, *_max_ids(conn))
    row = {"channel": channel, "spec": start.spec, "start": mode, "subscribed_at": at, "since": since,
           "inherited_from": legacy or None}
    if not insert_ignore(conn, channels, row, ["channel"]):  # another run made it first (other dialects)
        made = subscription(conn, channel)
        assert made is not None
        return made
    return Subscription(channel, mode, at, since, legacy or None, new=mode != INHERITED, spec=start.spec)


def _max_ids(conn: Connection, before: datetime | None = None) -> tuple[int, int]:
    p = select(func.max(pairings.c.id))
    f = select(func.max(funding.c.id))
    if before is not None:
        p, f = p.where(pairings.c.first_seen_at < before), f.where(funding.c.first_seen_at < before)
    return conn.execute(p).scalar() or 0, conn.execute(f).scalar() or 0


def _set_baseline(conn: Connection, channel: str, pairing_id: int, funding_id: int) -> None:
    insert_ignore(conn, baselines, {"channel": channel, "pairing_id": pairing_id, "funding_id": funding_id},
                  ["channel"])


def _last_delivered(conn: Connection, legacy: list[str]) -> datetime | None:
    return conn.execute(select(func.max(deliveries.c.delivered_at)).where(deliveries.c.channel.in_(legacy))).scalar()


def _continue(conn: Connection, channel: str, legacy: list[str], at: datetime) -> None:
    """Take over the old channels' deliveries: an item any of them delivered counts as delivered here."""
    marks = [baseline(conn, old) for old in legacy]
    _set_baseline(conn, channel, max(m[0] for m in marks), max(m[1] for m in marks))
    lc = ledger.c
    when = literal(at, TZDateTime())
    rows = (
        select(literal(channel), lc.kind, lc.item_id, literal(DELIVERED), literal(uuid.uuid4().hex), when, when, when)
        .where(lc.channel.in_(legacy), lc.state == DELIVERED)
        .group_by(lc.kind, lc.item_id)
    )
    cols = ["channel", "kind", "item_id", "state", "token", "claimed_at", "lease_until", "delivered_at"]
    conn.execute(insert(ledger).from_select(cols, rows))
