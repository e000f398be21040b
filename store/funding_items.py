"""Funding items: one per story and amount, whichever copy reported it, and repeats across stories.

A story (a cluster of near-duplicate articles) reports an amount once however many sites copy
it; a copy that omits a party joins the item of one that names it. The same amount between the
same parties in another story within REPEAT_WINDOW is marked as a likely repeat of the first.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Select, and_, bindparam, select

from parsers.records import Funding, Party

from .db import id_of, insert_ignore_id
from .models import funding

# The same amount between the same parties in another story this close in time is likely a repeat.
REPEAT_WINDOW = timedelta(days=30)

_STORY_ITEMS = (
    select(funding.c.id, funding.c.donor_id, funding.c.recipient_id)
    .where(funding.c.cluster_id == bindparam("cluster_id"), funding.c.amount_yuan == bindparam("amount"))
    .order_by(funding.c.id)
)


def funding_item_key(cluster_id: int, f: Funding) -> str:
    """One funding item per story: (cluster, amount, donor, recipient), whichever copy reported it."""
    raw = json.dumps([cluster_id, f.amount_yuan, party_key(f.donor), party_key(f.recipient)], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def party_key(party: Party | None) -> str:
    return party.key if party is not None else ""


@dataclass
class StoryItems:
    """The funding items of one story (cluster); ``known`` lists them when the cluster is new."""

    cluster_id: int
    known: list[tuple[int, int, int | None, int | None]] | None = None  # (id, amount, donor, recipient)

    def rows(self, conn: Connection, amount: int) -> list[tuple[int, int | None, int | None]]:
        if self.known is not None:
            return [(i, d, r) for i, a, d, r in self.known if a == amount]
        return conn.execute(_STORY_ITEMS, {"cluster_id": self.cluster_id, "amount": amount}).all()


def save_funding(
    conn: Connection,
    story: StoryItems,
    f: Funding,
    ids: dict[str, int],
    article_id: int,
    at: datetime,
    reported_on: datetime,
) -> tuple[int, bool]:
    """The story's item for this amount, creating it if new: (its id, whether it was created)."""
    donor_id = ids[f.donor.key] if f.donor else None
    recipient_id = ids[f.recipient.key] if f.recipient else None
    funding_id = _same_story_item(story.rows(conn, f.amount_yuan), donor_id, recipient_id)
    if funding_id is not None:
        return funding_id, False
    cluster_id = story.cluster_id
    key = funding_item_key(cluster_id, f)
    row = {
        "item_key": key,
        "amount_yuan": f.amount_yuan,
        "approximate": f.approximate,
        "text": f.text,
        "kind": f.kind,
        "donor_id": donor_id,
        "recipient_id": recipient_id,
        "period": f.period,
        "evidence": f.evidence,
        "first_article_id": article_id,
        "first_seen_at": at,
        "cluster_id": cluster_id,
        "reported_on": reported_on,
        "repeat_of": _likely_repeat_of(conn, cluster_id, f.amount_yuan, donor_id, recipient_id, reported_on),
        "confidence": f.confidence,
        "basis": f.basis,
    }
    funding_id = insert_ignore_id(conn, funding, row, ["item_key"])
    if funding_id is None:
        return id_of(conn, funding, item_key=key), False
    if story.known is not None:
        story.known.append((funding_id, f.amount_yuan, donor_id, recipient_id))
    return funding_id, True


def _same_story_item(
    rows: list[tuple[int, int | None, int | None]], donor_id: int | None, recipient_id: int | None
) -> int | None:
    """The story's item (rows in id order) whose parties agree (a party one copy omits does not split it).

    Equal parties win over merely compatible ones; then the oldest item.
    """
    best: tuple[int, int] | None = None
    for item_id, item_donor, item_recipient in rows:
        pairs = ((item_donor, donor_id), (item_recipient, recipient_id))
        if any(a is not None and b is not None and a != b for a, b in pairs):
            continue
        exact = sum(a == b for a, b in pairs)
        if best is None or exact > best[1]:
            best = (item_id, exact)
    return best[0] if best else None


def _likely_repeat_of(
    conn: Connection,
    cluster_id: int,
    amount: int,
    donor_id: int | None,
    recipient_id: int | None,
    reported_on: datetime,
) -> int | None:
    """The earliest item of another story with the same amount and parties within REPEAT_WINDOW.

    Needs at least one named party: an amount alone is too common to call two stories one event.
    """
    if donor_id is None and recipient_id is None:
        return None
    params = {"amount": amount, "cluster_id": cluster_id, "donor_id": donor_id, "recipient_id": recipient_id,
              "start": reported_on - REPEAT_WINDOW, "end": reported_on + REPEAT_WINDOW}
    row = conn.execute(_repeat_lookup(donor_id is None, recipient_id is None), params).first()
    return None if row is None else (row.repeat_of or row.id)


@functools.lru_cache(maxsize=4)
def _repeat_lookup(no_donor: bool, no_recipient: bool) -> Select:
    c = funding.c
    same = [
        c.amount_yuan == bindparam("amount"),
        c.cluster_id != bindparam("cluster_id"),
        c.reported_on >= bindparam("start", type_=c.reported_on.type),
        c.reported_on <= bindparam("end", type_=c.reported_on.type),
        c.donor_id.is_(None) if no_donor else c.donor_id == bindparam("donor_id"),
        c.recipient_id.is_(None) if no_recipient else c.recipient_id == bindparam("recipient_id"),
    ]
    return select(c.id, c.repeat_of).where(and_(*same)).order_by(c.reported_on, c.id).limit(1)
