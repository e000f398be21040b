"""The delivery ledger: which item went to which channel, so a digest delivers each item exactly once.

Watermarks ("every id above N is new") lose an item whose id committed after a higher one was
delivered, and two overlapping digest runs would both send everything above the same watermark.
The ledger instead holds one row per (channel, kind, item): a run first *claims* the items it is
about to deliver (a lease, inserted under the channel's unique key, so two runs cannot claim the
same item), delivers them, then *confirms* (the rows become "delivered") or *releases* (the rows go,
the items wait for the next digest). A run that dies holding a claim loses it when its lease runs
out, so nothing is lost for longer than the lease.

Channels delivered before the ledger existed keep their old watermarks as a per-channel baseline,
fixed the first time the ledger writes for that channel: items at or below it count as delivered.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    delete,
    func,
    select,
    update,
)

from .db import insert_ignore
from .digest import last_delivery, load_items
from .items import DigestItems
from .models import baselines, channels, deliveries, funding, ledger, pairings

# FILTERED: an item the channel's filters leave out, settled once so later runs never load it again.
CLAIMED, DELIVERED, FILTERED = "claimed", "delivered", "filtered"
PAIRING, FUNDING = "pairing", "funding"
Keep = Callable[[Any], bool]  # a channel's filter: does this pairing or funding item go out on it?

@dataclass(frozen=True)
class Claim:
    """Items one run holds for one channel until it confirms or releases them."""

    token: str
    channel: str
    items: DigestItems
    lease_until: datetime
    subscribed: bool = False  # this claim made the channel's subscription: its first digest says so


def baseline(conn: Connection, channel: str) -> tuple[int, int]:
    """The channel's fixed baseline, else the watermarks its pre-ledger deliveries left (0, 0 if none)."""
    row = conn.execute(select(baselines).where(baselines.c.channel == channel)).first()
    if row is not None:
        return row.pairing_id, row.funding_id
    stmt = select(func.max(deliveries.c.pairing_watermark), func.max(deliveries.c.funding_watermark)).where(
        deliveries.c.channel == channel
    )
    p, f = conn.execute(stmt).one()
    return p or 0, f or 0


def _fix_baseline(conn: Connection, channel: str) -> None:
    # Before the ledger writes a deliveries row for this channel: from then on rows carry no meaning.
    p, f = baseline(conn, channel)
    insert_ignore(conn, baselines, {"channel": channel, "pairing_id": p, "funding_id": f}, ["channel"])


def _taken(channel: str, kind: str, at: datetime) -> Select[tuple[int]]:
    """Item ids of ``kind`` delivered on the channel or held under a live lease at ``at``."""
    lc = ledger.c
    live = lc.state.in_((DELIVERED, FILTERED)) | (lc.lease_until > at)
    return select(lc.item_id).where(lc.channel == channel, lc.kind == kind, live)


def pending_items(conn: Connection, channel: str, at: datetime) -> DigestItems:
    """Items neither delivered on the channel nor claimed by a live run; the period starts at its last delivery."""
    pb, fb = baseline(conn, channel)
    last = last_delivery(conn, channel)
    pairing_cond = (pairings.c.id > pb) & pairings.c.id.not_in(_taken(channel, PAIRING, at))
    funding_cond = (funding.c.id > fb) & funding.c.id.not_in(_taken(channel, FUNDING, at))
    start = last.delivered_at if last else conn.execute(
        select(channels.c.since).where(channels.c.channel == channel)).scalar()
    return load_items(conn, pairing_cond, funding_cond, start, at)


def kept(items: DigestItems, keep: Keep | None) -> DigestItems:
    """The items a channel's filter lets through (all of them without a filter)."""
    if keep is None:
        return items
    return dataclasses.replace(items, pairings=[p for p in items.pairings if keep(p)],
                               funding=[f for f in items.funding if keep(f)])


def claim_items(conn: Connection, channel: str, at: datetime, lease_until: datetime,
                keep: Keep | None = None) -> Claim:
    """Claim every pending item of the channel that its filter ``keep`` lets through; call inside a
    write transaction. The items the filter leaves out are settled as FILTERED (never loaded again).

    Expired claims (a run that died) are dropped first. Each claim row is inserted under the
    channel's unique key, so even two runs that read the same pending items concurrently keep
    disjoint claims: an item one run could not insert is left out of its digest.
    """
    conn.execute(delete(ledger).where(ledger.c.channel == channel, ledger.c.state == CLAIMED,
                                      ledger.c.lease_until <= at))
    pending = pending_items(conn, channel, at)
    items = kept(pending, keep)
    token = uuid.uuid4().hex
    keys = ["channel", "kind", "item_id"]
    if keep is not None:
        out = {"channel": channel, "state": FILTERED, "token": token, "claimed_at": at, "lease_until": at,
               "delivered_at": None}
        for kind, all_, chosen in ((PAIRING, pending.pairings, items.pairings), (FUNDING, pending.funding, items.funding)):
            chosen_ids = {i.id for i in chosen}
            for item in all_:
                if item.id not in chosen_ids:
                    insert_ignore(conn, ledger, {**out, "kind": kind, "item_id": item.id}, keys)
    base = {"channel": channel, "state": CLAIMED, "token": token, "claimed_at": at, "lease_until": lease_until}
    got_p = [p for p in items.pairings if insert_ignore(conn, ledger, {**base, "kind": PAIRING, "item_id": p.id}, keys)]
    got_f = [f for f in items.funding if insert_ignore(conn, ledger, {**base, "kind": FUNDING, "item_id": f.id}, keys)]
    return Claim(token, channel, dataclasses.replace(items, pairings=got_p, funding=got_f), lease_until)


def confirm_claim(conn: Connection, claim: Claim, at: datetime) -> int:
    """Mark a claim's items delivered and log the delivery; returns how many claim rows it still held.

    Fewer than the claim's items means its lease ran out and another run took some over: they
    were delivered twice, which only a lease longer than the slowest delivery prevents.
    """
    _fix_baseline(conn, claim.channel)
    held = conn.execute(
        update(ledger)
        .where(ledger.c.token == claim.token, ledger.c.state == CLAIMED)
        .values(state=DELIVERED, delivered_at=at),
        execution_options={"preserve_rowcount": True},
    ).rowcount
    _log_delivery(conn, claim.channel, claim.items, at)
    return held


def release_claim(conn: Connection, claim: Claim) -> int:
    """Give a claim's items back (delivery failed): they stay pending for the next digest."""
    stmt = delete(ledger).where(ledger.c.token == claim.token, ledger.c.state == CLAIMED)
    return conn.execute(stmt, execution_options={"preserve_rowcount": True}).rowcount


def record_items(conn: Connection, channel: str, items: DigestItems, at: datetime) -> None:
    """Record items as delivered without a prior claim (a delivery made outside claim/confirm)."""
    _fix_baseline(conn, channel)
    token = uuid.uuid4().hex
    base = {"channel": channel, "state": DELIVERED, "token": token, "claimed_at": at, "lease_until": at,
            "delivered_at": at}
    for kind, ids in ((PAIRING, [p.id for p in items.pairings]), (FUNDING, [f.id for f in items.funding])):
        for item_id in ids:
            row = {**base, "kind": kind, "item_id": item_id}
            if not insert_ignore(conn, ledger, row, ["channel", "kind", "item_id"]):
                key = (ledger.c.channel == channel) & (ledger.c.kind == kind) & (ledger.c.item_id == item_id)
                conn.execute(update(ledger).where(key).values(state=DELIVERED, delivered_at=at))
    _log_delivery(conn, channel, items, at)


def _log_delivery(conn: Connection, channel: str, items: DigestItems, at: datetime) -> None:
    """One deliveries row per delivered digest: its time starts the next digest's period."""
    last = last_delivery(conn, channel)
    pw = max([last.pairing_watermark if last else 0] + [p.id for p in items.pairings])
    fw = max([last.funding_watermark if last else 0] + [f.id for f in items.funding])
    conn.execute(
        deliveries.insert().values(
            channel=channel,
            delivered_at=at,
            pairing_watermark=pw,
            funding_watermark=fw,
            pairings_count=len(items.pairings),
            funding_count=len(items.funding),
        )
    )
