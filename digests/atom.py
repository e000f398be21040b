"""The Atom feed channel: each new pairing or funding item becomes one entry, appended to the feed file.

Feed readers show an entry once per id, so ids are tag URIs made from the item's natural key
(donor and recipient; amount, kind, parties, wording), not from database ids: a rebuilt database
yields the same ids. New entries are generated with feedgen and the entries already in the file are
kept verbatim (spliced back with lxml), newest first, up to a bound. A feed file that cannot be
read is never overwritten: the delivery fails and its items wait for the next run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from feedgen.feed import FeedGenerator
from lxml import etree

from digests.render import by_amount, funding_view, pairing_view, render_item_html
from parsers.records import Party
from store.items import DigestItems

ATOM = "{http://www.w3.org/2005/Atom}"
TAG = "tag:pairwatch,2024:"
FEED_ID = TAG + "feed"
FEED_TITLE = "pairwatch: new paired-assistance pairings and funding (对口帮扶 / 东西部协作 / 对口支援)"
MAX_ENTRIES = 500


class FeedError(RuntimeError):
    """The existing feed file cannot be read; it is left as it is."""


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: datetime
    content: str  # an HTML fragment, escaped by the templates
    links: list[str] = field(default_factory=list)  # http(s) sources, the first is the alternate link


def _key(p: Party | None) -> str:
    return "" if p is None else (p.code or p.full_name)


def _tag(kind: str, natural_key: str) -> str:
    return f"{TAG}{kind}:{hashlib.sha1(natural_key.encode('utf-8')).hexdigest()[:24]}"


def entries_for(items: DigestItems) -> list[Entry]:
    """One entry per item, newest first; ids depend only on what the item is, never on when or where stored."""
    out = []
    for p in items.pairings:
        v = pairing_view(p)
        out.append(Entry(
            id=_tag("pairing", f"{_key(p.donor)}|{_key(p.recipient)}"),
            title=f"{v['donor']} → {v['recipient']} ({p.relation})",
            updated=p.first_seen_at, content=render_item_html("pairing", v),
            links=[s["href"] for s in v["sources"] if s["href"]],
        ))
    for f in by_amount(items.funding):
        v = funding_view(f)
        key = "|".join([str(f.amount_yuan), f.kind, _key(f.donor), _key(f.recipient), f.period or "", f.text,
                        f.evidence])
        out.append(Entry(
            id=_tag("funding", key), title=f"{v['amount']} {f.kind}: {v['donor']} → {v['recipient']}",
            updated=f.first_seen_at, content=render_item_html("funding", v),
            links=[s["href"] for s in v["sources"] if s["href"]],
        ))
    return sorted(out, key=lambda e: e.updated, reverse=True)


def _read(path: Path) -> etree._Element | None:
    if not path.exists():
        return None
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(path.read_bytes(), parser)
    except (OSError, etree.XMLSyntaxError) as exc:
        raise FeedError(f"cannot read the feed {path}: {exc}; left unchanged") from exc
    if root.tag != f"{ATOM}feed":
        raise FeedError(f"{path} is not an Atom feed (root <{root.tag}>); left unchanged")
    return root


def render_feed(old: etree._Element | None, entries: list[Entry], now: datetime,
                max_entries: int = MAX_ENTRIES, self_url: str | None = None) -> tuple[bytes, int]:
    """The feed with ``entries`` added before the old ones (those whose id it already has are skipped)."""
    old_entries = [] if old is None else old.findall(f"{ATOM}entry")
    known = {e.findtext(f"{ATOM}id") for e in old_entries}
    new = [e for e in entries if e.id not in known]
    fg = FeedGenerator()
    fg.id((old.findtext(f"{ATOM}id") if old is not None else None) or FEED_ID)
    fg.title(FEED_TITLE)
    fg.author(name="pairwatch")
    fg.language("zh-Hans")
    fg.generator("pairwatch")
    if self_url:
        fg.link(href=self_url, rel="self")
    fg.updated(now if new or old is None else _updated(old, now))
    for e in new:
        fe = fg.add_entry(order="append")
        fe.id(e.id)
        fe.title(e.title)
        fe.updated(e.updated)
        fe.published(e.updated)
        fe.content(e.content, type="html")
        for i, href in enumerate(e.links):
            fe.link(href=href, rel="alternate" if i == 0 else "related")
    root = etree.fromstring(fg.atom_str(pretty=False))
    for kept in old_entries[: max(0, max_entries - len(new))]:
        root.append(kept)
    for extra in root.findall(f"{ATOM}entry")[max_entries:]:
        root.remove(extra)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True), len(new)


def _updated(old: etree._Element, now: datetime) -> datetime:
    text = old.findtext(f"{ATOM}updated")
    try:
        return datetime.fromisoformat(text) if text else now
    except ValueError:
        return now


def append_to_feed(path: str | Path, items: DigestItems, now: datetime, max_entries: int = MAX_ENTRIES,
                   self_url: str | None = None) -> int:
    """Add the items' entries to the feed file (created when absent); returns how many were added.

    The file is replaced atomically, and only when something changes: a reader never sees half a
    feed, and a run with nothing new leaves the file byte for byte as it was.
    """
    path = Path(path)
    old = _read(path)
    if old is not None and items.empty:
        return 0
    data, added = render_feed(old, entries_for(items), now, max_entries, self_url)
    if old is not None and not added:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return added
