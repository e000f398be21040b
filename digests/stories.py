"""One story once: a digest's items grouped by the story (cluster) that reported them.

The store gives items one by one, each with every source of its story. A reader wants the story
once: its title, its date, all its sources, and under it each sentence once with the pairings and
funding that sentence yields (five districts of one city are one sentence, not five paragraphs).
Items are also sorted into the digest's sections here: new pairings (on no official list — the
news), known official pairings, funding, and "to check" (confidence below CHECK_BELOW).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from digests.dates import instant
from store.items import DigestItems, FundingItem, PairingItem, SourceRef

CHECK_BELOW = 0.8  # items less sure than this go to "to check" (parsers/extraction/confidence.py)
NEW, KNOWN, FUNDING, CHECK = "new", "known", "funding", "check"
SECTIONS = (NEW, KNOWN, FUNDING, CHECK)

Item = PairingItem | FundingItem


@dataclass
class Sentence:
    """One evidence sentence and every item it yields."""

    text: str
    pairings: list[PairingItem] = field(default_factory=list)
    funding: list[FundingItem] = field(default_factory=list)


@dataclass
class Story:
    key: str  # "c<cluster>" or "a<article>" or "i<kind><id>" for an item without sources
    title: str
    published: str | None  # the earliest publication of its sources (ISO, the page's precision)
    sources: list[SourceRef]
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def pairings(self) -> list[PairingItem]:
        return [p for s in self.sentences for p in s.pairings]

    @property
    def funding(self) -> list[FundingItem]:
        return [f for s in self.sentences for f in s.funding]


def is_new(p: PairingItem) -> bool:
    """On no official list and not seen before: the news. The store keeps one row per pair (so a pair
    is stored once) and marks a pair whose parties it held the other way round before; the ledger
    sends an item once per channel."""
    return p.official is None and not p.seen_before


def to_check(item: Item) -> bool:
    return item.confidence is not None and item.confidence < CHECK_BELOW


def story_key(item: Item, kind: str) -> str:
    first = item.sources[0] if item.sources else None
    if first is None:
        return f"i{kind}{item.id}"
    if first.cluster_id is not None:
        return f"c{first.cluster_id}"
    return f"a{first.article_id}"


def earliest(published: list[str | None]) -> str | None:
    dated = [(instant(p), p) for p in published if p]
    return min(dated, key=lambda t: t[0])[1] if dated else None  # type: ignore[arg-type,return-value]


def build_stories(pairings: list[PairingItem], funding: list[FundingItem]) -> list[Story]:
    """Stories, earliest published first (undated last); inside each, sentences in the order first met."""
    stories: dict[str, Story] = {}
    sentences: dict[tuple[str, str], Sentence] = {}
    for kind, items in (("p", pairings), ("f", funding)):
        for item in items:
            key = story_key(item, kind)
            story = stories.get(key)
            if story is None:
                title = next((s.title for s in item.sources if s.title), None) or item.evidence[:40]
                story = stories[key] = Story(key, title, None, [])
            _merge_sources(story, item.sources)
            sentence = sentences.get((key, item.evidence))
            if sentence is None:
                sentence = sentences[(key, item.evidence)] = Sentence(item.evidence)
                story.sentences.append(sentence)
            (sentence.pairings if kind == "p" else sentence.funding).append(item)  # type: ignore[arg-type]
    for story in stories.values():
        story.published = earliest([s.published for s in story.sources])
    far = datetime.max.replace(tzinfo=None)

    def order(s: Story) -> tuple[int, datetime, str]:
        when = instant(s.published)
        return (0, when.astimezone(UTC).replace(tzinfo=None), s.key) if when else (1, far, s.key)

    return sorted(stories.values(), key=order)


def _merge_sources(story: Story, refs: list[SourceRef]) -> None:
    seen = {s.url or s.path for s in story.sources}
    for s in refs:
        where = s.url or s.path
        if where not in seen:
            seen.add(where)
            story.sources.append(s)


@dataclass
class Sections:
    """What goes where: whole stories for new pairings and funding, single lines for known pairings."""

    new: list[Story]
    known: list[PairingItem]
    funding: list[Story]
    check: list[Story]


def sections(items: DigestItems) -> Sections:
    """A story with a new pairing is told under "new pairings" with all its sure items; a story with
    funding (and no new pairing) under "funding", with its known pairings; known pairings (official, or
    seen before) of no such story are listed compactly; unsure items go to "to check", whatever their story."""
    sure_p = [p for p in items.pairings if not to_check(p)]
    sure_f = [f for f in items.funding if not to_check(f)]
    stories = build_stories(sure_p, sure_f)
    new = [s for s in stories if any(is_new(p) for p in s.pairings)]
    money = [s for s in stories if s not in new and s.funding]
    told = {p.id for s in new + money for p in s.pairings}
    known = sorted((p for p in sure_p if p.id not in told), key=lambda p: (p.recipient.code or "99", p.id))
    check = build_stories([p for p in items.pairings if to_check(p)], [f for f in items.funding if to_check(f)])
    return Sections(new, known, money, check)


def by_recipient_province(items: DigestItems, unknown: str) -> list[tuple[str, int, int, int]]:
    """(province, pairings, funding items, total yuan) per recipient province, most items first."""
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for p in items.pairings:
        rows[p.recipient.province or unknown][0] += 1
    for f in items.funding:
        row = rows[(f.recipient.province if f.recipient else None) or unknown]
        row[1] += 1
        row[2] += f.amount_yuan
    return sorted(((k, *v) for k, v in rows.items()), key=lambda r: (r[0] == unknown, -(r[1] + r[2]), r[0]))
