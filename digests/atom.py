"""The Atom feed channel: each story with new items becomes one entry, appended to the feed file.

An entry holds the story's items (pairings, funding), its sources as links, and categories
(relation, provinces, new / to check); the feed names itself with rel="self" (--feed-url).
Feed readers show an entry once per id, so ids are tag URIs made from the story's first source
and its items' natural keys (donor and recipient; amount, kind, parties, wording), not from
database ids: a rebuilt database yields the same ids. New entries are generated with feedgen and the entries already in the file are
kept verbatim (spliced back with lxml), newest first, up to a bound. A feed file that cannot be
read is never overwritten: the delivery fails and its items wait for the next run.
"""

from __future__ import annotations

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from lxml import etree

from digests.dates import instant
from digests.files import write_atomically
from digests.labels import labels
from digests.render import RenderOptions, render_story_html
from digests.stories import Story, build_stories, is_new, to_check
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
    categories: list[str] = field(default_factory=list)  # relations, provinces, new / to check
    published: datetime | None = None  # the story's own publication, when the page gave one


def _key(p: Party | None) -> str:
    return "" if p is None else (p.code or p.full_name)


def _tag(kind: str, natural_key: str) -> str:
    return f"{TAG}{kind}:{hashlib.sha1(natural_key.encode('utf-8')).hexdigest()[:24]}"


def _item_keys(story: Story) -> list[str]:
    keys = [f"p|{_key(p.donor)}|{_key(p.recipient)}" for p in story.pairings]
    keys += ["f|" + "|".join([str(f.amount_yuan), f.kind, _key(f.donor), _key(f.recipient), f.period or "", f.text,
                              f.evidence]) for f in story.funding]
    return sorted(keys)


def categories(story: Story, lang: str) -> list[str]:
    """What a feed reader can sort by: the relations, the provinces of both sides, new / to check."""
    L = labels(lang)
    cats = {p.relation for p in story.pairings}
    cats |= {x.province for i in [*story.pairings, *story.funding] for x in (i.donor, i.recipient)
             if x is not None and x.province}
    if any(is_new(p) for p in story.pairings):
        cats.add(L["new_pairings"])
    if story.funding:
        cats.add(L["funding"])
    if any(to_check(i) for i in [*story.pairings, *story.funding]):
        cats.add(L["to_check"])
    return sorted(cats)


def entries_for(items: DigestItems, options: RenderOptions | None = None) -> list[Entry]:
    """One entry per story with its items, newest first. The id depends only on the story's first
    source and what its items are (natural keys, never database ids or times): a rebuilt database
    yields the same ids, and items of a story that arrive later make an entry of their own."""
    o = options or RenderOptions()
    out = []
    for story in build_stories(items.pairings, items.funding):
        first = story.sources[0] if story.sources else None
        where = (first.url or first.path or "") if first else ""
        updated = max(i.first_seen_at for i in [*story.pairings, *story.funding])
        out.append(Entry(
            id=_tag("story", where + "\n" + "\n".join(_item_keys(story))), title=story.title, updated=updated,
            content=render_story_html(story, o),
            links=[s.url for s in story.sources if s.url and urlsplit(s.url).scheme.lower() in ("http", "https")],
            categories=categories(story, o.lang), published=instant(story.published, o.tz),
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
        fe.published(e.published or e.updated)
        fe.content(e.content, type="html")
        for term in e.categories:
            fe.category(term=term)
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
                   self_url: str | None = None, options: RenderOptions | None = None) -> int:
    """Add the items' entries to the feed file (created when absent); returns how many were added.

    The file is replaced atomically, and only when something changes: a reader never sees half a
    feed, and a run with nothing new leaves the file byte for byte as it was. Two runs appending at
    once take turns (a lock file beside the feed), so neither drops the other's entries; the
    temporary file has a name of its own and goes when a write fails (a full disk leaves nothing).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        old = _read(path)
        if old is not None and items.empty:
            return 0
        data, added = render_feed(old, entries_for(items, options), now, max_entries, self_url)
        if old is not None and not added:
            return 0
        write_atomically(path, lambda fh: fh.write(data))
    return added


def holds(path: str | Path, items: DigestItems, options: RenderOptions | None = None) -> bool:
    """The feed already has every entry these items make: a delivery that went out before its run
    could record it (delivery recovery reads this rather than appending them again)."""
    try:
        old = _read(Path(path))
    except FeedError:
        return False
    if old is None:
        return items.empty
    known = {e.findtext(f"{ATOM}id") for e in old.findall(f"{ATOM}entry")}
    return all(e.id in known for e in entries_for(items, options))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``<feed>.lock`` for one read-modify-write of the feed."""
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
