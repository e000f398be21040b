"""Digest rendering: pure functions from DigestItems to Markdown, plain text, HTML or JSON.

One view (``digest_view``) decides what a digest says and in which order, the same for every
format: a summary first (counts, a table by recipient province, the largest amounts, contents);
then new pairings (on no official list: the news), each story once with its sentences once and
the items under them; known official pairings compactly; funding; and last the items to check.
Dates are the articles' own (digests/dates.py), labels Chinese unless ``lang="en"``
(digests/labels.py), amounts as the press wrote them with the yuan figure beside. Markdown (also
the e-mail's plain-text part) and JSON are built here; HTML comes from the Jinja2 templates in
digests/templates/ with autoescape on, because every title and sentence is someone else's text.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from digests.dates import DEFAULT_TZ, format_instant, format_published
from digests.labels import labels
from digests.stories import NEW, Sentence, Story, by_recipient_province, is_new, sections, to_check
from parsers.records import Party
from store.items import DigestItems, FailureItem, FundingItem, PairingItem, SourceRef

TEMPLATES = Path(__file__).with_name("templates")
MAX_FAILURES_SHOWN = 20
LARGEST_SHOWN = 3
PROVINCE_ROWS = 8  # the summary's table: the provinces with most items, the rest in one row

_html = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)


@dataclass(frozen=True)
class RenderOptions:
    """How to write a digest: language and time zone; what to say about the channel."""

    lang: str = "zh"
    tz: str = DEFAULT_TZ
    subscribed: bool = False  # the channel's first digest: "subscribed; items from now on"
    filters: str = ""  # the channel's filters, described
    footer: str | None = None  # a last line (e-mail: how to unsubscribe)
    notes: tuple[str, ...] = ()  # sources that failed run after run or brought nothing new for weeks


def _s(n: int) -> str:
    """The English plural ending for a count (the Chinese labels have no use for it)."""
    return "" if n == 1 else "s"


def format_yuan(amount: int) -> str:
    """As the press writes sums: 228000000 → '2.28亿元'; 65940000 → '6594万元'; 2.6e12 → '2.6万亿元'."""
    for unit, name in ((10**12, "万亿元"), (10**8, "亿元"), (10**4, "万元")):
        if amount >= unit:
            return f"{amount / unit:.2f}".rstrip("0").rstrip(".") + name
    return f"{amount}元"


def party_label(p: Party | None, none: str = "(not stated)") -> str:
    if p is None:
        return none
    if p.code:
        return p.name if p.full_name == p.name else f"{p.name}（{p.full_name}）"
    return p.full_name


def likely_repeat(item: object) -> bool:
    """The store marks an item as a likely repeat of an earlier one; older items have no such field."""
    return bool(getattr(item, "likely_repeat", False) or getattr(item, "repeat_of", None) is not None)


def _when(dt: datetime | None, o: RenderOptions) -> str:
    if dt is None:
        return labels(o.lang)["beginning"]
    return format_instant(dt, o.tz, o.lang)


def _zone(o: RenderOptions) -> str:
    return labels(o.lang)["tz_shanghai"] if o.tz == DEFAULT_TZ else o.tz


def period_text(items: DigestItems, o: RenderOptions | None = None) -> str:
    o = o or RenderOptions()
    zone = f"（{_zone(o)}）" if o.lang == "zh" else f" ({_zone(o)})"
    return f"{_when(items.period_start, o)} → {_when(items.period_end, o)}{zone}"


def counts_text(items: DigestItems, o: RenderOptions | None = None) -> str:
    """'3 new pairings, 9 funding items', counting the sure items (a subject line's claim)."""
    o = o or RenderOptions()
    sure = sure_items(items)
    new = sum(1 for p in sure.pairings if is_new(p))
    return labels(o.lang)["counts_subject"].format(new=new, funding=len(sure.funding), new_s=_s(new),
                                                   funding_s=_s(len(sure.funding)))


def empty_line(items: DigestItems, adhoc: bool, o: RenderOptions) -> str:
    """The one line an empty digest consists of."""
    L = labels(o.lang)
    if o.subscribed:
        return f"pairwatch: {L['subscribed'].format(when=_when(items.period_end, o))}"
    if adhoc:
        return f"pairwatch: {L['nothing_since'].format(when=_when(items.period_start, o))}"
    return f"pairwatch {period_text(items, o)}: {L['nothing_new']}"


def source_view(s: SourceRef, o: RenderOptions) -> dict[str, Any]:
    """A source as a template shows it: only http(s) URLs become links (no javascript:, no file paths)."""
    where = s.url or s.path or ""
    href = s.url if s.url and urlsplit(s.url).scheme.lower() in ("http", "https") else None
    return {"label": s.title or where or "source", "href": href, "where": where, "site": s.source,
            "published": format_published(s.published, o.tz, o.lang, labels(o.lang)["undated"])}


def official_note(p: PairingItem, o: RenderOptions) -> str:
    L = labels(o.lang)
    if p.official is not None:
        return L["official"].format(programme=p.official.programme, since=p.official.since)
    return L["not_official"] + (f" · {L['seen_reversed']}" if p.seen_before else "")


def pairing_view(p: PairingItem, o: RenderOptions) -> dict[str, Any]:
    L = labels(o.lang)
    return {"donor": party_label(p.donor, L["not_stated"]), "recipient": party_label(p.recipient, L["not_stated"]),
            "relation": p.relation, "new": is_new(p), "official": official_note(p, o), "check": to_check(p),
            "confidence": p.confidence}


def funding_view(f: FundingItem, o: RenderOptions) -> dict[str, Any]:
    """An amount as the press wrote it (3.5亿元), with the yuan figure beside."""
    L = labels(o.lang)
    return {"amount": f.text or format_yuan(f.amount_yuan), "yuan": f"{f.amount_yuan:,}", "approximate": f.approximate,
            "kind": f.kind, "donor": party_label(f.donor, L["not_stated"]),
            "recipient": party_label(f.recipient, L["not_stated"]), "period": f.period, "check": to_check(f),
            "likely_repeat": likely_repeat(f)}


def _sentence_view(s: Sentence, o: RenderOptions) -> dict[str, Any]:
    return {"text": s.text, "pairings": [pairing_view(p, o) for p in s.pairings],
            "funding": [funding_view(f, o) for f in s.funding]}


def story_view(s: Story, o: RenderOptions, section: str) -> dict[str, Any]:
    L = labels(o.lang)
    return {"anchor": f"{section}-{s.key}", "title": s.title,
            "date": format_published(s.published, o.tz, o.lang, L["undated"]),
            "sources": [source_view(r, o) for r in s.sources],
            "sentences": [_sentence_view(x, o) for x in s.sentences]}


def known_view(p: PairingItem, o: RenderOptions) -> dict[str, Any]:
    """One line: donor → recipient, the list that holds the pair, the article's date, one link."""
    first = source_view(p.sources[0], o) if p.sources else None
    return {**pairing_view(p, o), "date": format_published(p.first_published, o.tz, o.lang, labels(o.lang)["undated"]),
            "source": first, "more_sources": max(0, len(p.sources) - 1)}


def sure_items(items: DigestItems) -> DigestItems:
    """The items sure enough to count in a summary or a subject line (the rest are "to check")."""
    return dataclasses.replace(items, pairings=[p for p in items.pairings if not to_check(p)],
                               funding=[f for f in items.funding if not to_check(f)])


def by_amount(funding: list[FundingItem]) -> list[FundingItem]:
    """Largest first; ties oldest first."""
    return sorted(funding, key=lambda f: (-f.amount_yuan, f.first_seen_at, f.id))


def digest_view(items: DigestItems, failures: list[FailureItem] | None = None, adhoc: bool = False,
                options: RenderOptions | None = None) -> dict[str, Any]:
    """Everything every format shows, in the order it shows it."""
    o = options or RenderOptions()
    L = labels(o.lang)
    failures = failures or []
    sec = sections(items)
    anchors = {id(f): f"funding-{s.key}" for s in sec.funding for f in s.funding}
    anchors.update({id(f): f"new-{s.key}" for s in sec.new for f in s.funding})
    anchors.update({id(f): f"check-{s.key}" for s in sec.check for f in s.funding})
    # The summary counts what is sure; the unsure items are counted once, as "to check".
    sure = sure_items(items)
    n_new = sum(1 for p in sure.pairings if is_new(p))
    n_check = len(items.pairings) + len(items.funding) - len(sure.pairings) - len(sure.funding)
    rows = by_recipient_province(sure, L["unknown_province"])
    if len(rows) > PROVINCE_ROWS + 1:
        rest = rows[PROVINCE_ROWS:]
        rows = rows[:PROVINCE_ROWS] + [(L["other_provinces"].format(n=len(rest)), sum(r[1] for r in rest),
                                        sum(r[2] for r in rest), sum(r[3] for r in rest))]
    largest = [{"amount": f.text or format_yuan(f.amount_yuan), "yuan": f"{f.amount_yuan:,}",
                "recipient": party_label(f.recipient, L["not_stated"]), "anchor": anchors.get(id(f), "")}
               for f in by_amount(sure.funding)[:LARGEST_SHOWN]]
    parts = [
        {"id": "new", "title": L["new_pairings"], "n": n_new, "stories": [story_view(s, o, "new") for s in sec.new]},
        {"id": "known", "title": L["known_pairings"], "n": len(sec.known), "known": [known_view(p, o) for p in sec.known]},
        {"id": "funding", "title": L["funding"], "n": sum(len(s.funding) for s in sec.funding),
         "stories": [story_view(s, o, "funding") for s in sec.funding]},
        {"id": "check", "title": L["to_check"], "n": n_check, "note": L["to_check_note"],
         "stories": [story_view(s, o, "check") for s in sec.check]},
    ]
    parts = [p for p in parts if p.get("stories") or p.get("known")]
    for p in parts:
        p.setdefault("stories", [])
        p.setdefault("known", [])
        p.setdefault("note", "")
    n_known = len(sure.pairings) - n_new
    counts = [L["n_new"].format(n=n_new, s=_s(n_new)), L["n_known"].format(n=n_known, s=_s(n_known)),
              L["n_funding"].format(n=len(sure.funding), s=_s(len(sure.funding)))]
    if n_check:
        counts.append(L["n_check"].format(n=n_check))
    total = sum(f.amount_yuan for f in sure.funding)
    return {
        "L": L, "lang": o.lang, "title": L["title"], "period": period_text(items, o),
        "headline": f"pairwatch {period_text(items, o)}: {counts_text(items, o)}",
        "counts": counts, "total": format_yuan(total) if total else "", "total_yuan": f"{total:,}",
        "subscribed": L["subscribed"].format(when=_when(items.period_start, o)) if o.subscribed else "",
        "filters": o.filters, "footer": o.footer or "", "notes": list(o.notes),
        "empty": items.empty and not failures, "empty_line": empty_line(items, adhoc, o),
        "failures": [{"location": f.location, "reason": f.reason, "attempts": f.attempts}
                     for f in failures[:MAX_FAILURES_SHOWN]],
        "failures_head": L["failed"].format(n=len(failures)),
        "failures_more": L["and_more"].format(n=len(failures) - MAX_FAILURES_SHOWN)
        if len(failures) > MAX_FAILURES_SHOWN else "",
        "provinces": [{"name": r[0], "pairings": r[1], "funding": r[2], "total": format_yuan(r[3]) if r[3] else ""}
                      for r in rows],
        "largest": largest, "sections": parts, "new_section": NEW, "n_check": n_check,
    }


# -- Markdown (also the e-mail's plain-text part) ------------------------------------------------

def _md_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def _md_target(target: str) -> str:
    return quote(target, safe=":/?#[]@!$&'*+,;=%~.-_")


def _source_md(s: dict[str, Any]) -> str:
    label = _md_escape(s["label"])
    link = f"[{label}]({_md_target(s['href'])})" if s["href"] else f"{label} ({_md_escape(s['where'])})"
    return f"{link}, {s['published']}"


def _pairing_md(p: dict[str, Any], L: dict[str, str]) -> str:
    marks = [p["relation"], p["official"]] + ([L["check"]] if p["check"] else [])
    return f"**{_md_escape(p['donor'])} → {_md_escape(p['recipient'])}** ({_md_escape('; '.join(marks))})"


def _funding_md(f: dict[str, Any], L: dict[str, str]) -> str:
    approx = f"{L['approximate']} " if f["approximate"] else ""
    extra = [f["kind"]] + ([f"{L['period_of']} {f['period']}"] if f["period"] else [])
    extra += [L["check"]] if f["check"] else []
    extra += [L["likely_repeat"]] if f["likely_repeat"] else []
    return (f"**{_md_escape(f['amount'])}** ({approx}{f['yuan']} {L['yuan']}): {_md_escape(f['donor'])} → "
            f"{_md_escape(f['recipient'])} ({_md_escape('; '.join(extra))})")


def _story_md(s: dict[str, Any], L: dict[str, str]) -> list[str]:
    out = [f"### {_md_escape(s['title'])}", "", f"*{s['date']}*", ""]
    for x in s["sentences"]:
        out.append(f"> {_md_escape(x['text'])}")
        out.append("")
        out += [f"- {_pairing_md(p, L)}" for p in x["pairings"]]
        out += [f"- {_funding_md(f, L)}" for f in x["funding"]]
        out.append("")
    out.append(f"{L['sources']}: " + "; ".join(_source_md(r) for r in s["sources"]))
    out.append("")
    return out


def render_markdown(items: DigestItems, failures: list[FailureItem] | None = None, adhoc: bool = False,
                    options: RenderOptions | None = None) -> str:
    """The digest as Markdown: summary, new pairings, known pairings, funding, to check."""
    v = digest_view(items, failures, adhoc, options)
    L = v["L"]
    notes = [f"{L['source_notes']}:", ""] + [f"- {_md_escape(n)}" for n in v["notes"]] + [""] if v["notes"] else []
    if v["empty"]:
        return "\n\n".join([v["empty_line"], *(["\n".join(notes).rstrip()] if notes else []),
                            *([v["footer"]] if v["footer"] else [])]) + "\n"
    out = [f"# {v['title']}", "", f"**{L['period']}**: {v['period']}", ""]
    if v["subscribed"]:
        out += [f"*{v['subscribed']}*", ""]
    if v["filters"]:
        out += [f"{L['filters']}: {_md_escape(v['filters'])}", ""]
    out += [f"## {L['summary']}", "", "，".join(v["counts"]) if v["lang"] == "zh" else ", ".join(v["counts"]), ""]
    if v["failures"]:
        shown = "; ".join(f"{_md_escape(f['location'])} ({_md_escape(f['reason'])})" for f in v["failures"])
        out += [f"{v['failures_head']} {shown}{'; ' + v['failures_more'] if v['failures_more'] else ''}", ""]
    if v["provinces"]:
        out += [f"| {L['province']} | {L['pairings']} | {L['funding_items']} | {L['total']} |",
                "| --- | ---: | ---: | ---: |"]
        out += [f"| {_md_escape(r['name'])} | {r['pairings']} | {r['funding']} | {r['total']} |" for r in v["provinces"]]
        out.append("")
    if v["largest"]:
        out.append(f"{L['largest']}: " + "; ".join(
            f"{_md_escape(x['amount'])} ({x['yuan']} {L['yuan']}) → {_md_escape(x['recipient'])}" for x in v["largest"]))
        out.append("")
    # plain text: Markdown viewers make their own heading anchors, each its own way
    out += [f"{L['contents']}:", ""] + [f"- {s['title']} ({s['n']})" for s in v["sections"]] + [""]
    for sec in v["sections"]:
        out += [f"## {sec['title']}", ""]
        if sec["note"]:
            out += [f"**{sec['note']}**", ""]
        for k in sec["known"]:
            src = f"; {_source_md(k['source'])}" if k["source"] else ""
            more = f" (+{k['more_sources']})" if k["more_sources"] else ""
            out.append(f"- {_pairing_md(k, L)}, {k['date']}{src}{more}")
        if sec["known"]:
            out.append("")
        for s in sec["stories"]:
            out += _story_md(s, L)
    out += notes
    if v["footer"]:
        out += ["---", "", v["footer"], ""]
    return "\n".join(out)


render_text = render_markdown  # the e-mail's plain-text part: Markdown reads as plain text


# -- HTML (escaped templates) --------------------------------------------------------------------

def render_html(items: DigestItems, failures: list[FailureItem] | None = None, adhoc: bool = False,
                options: RenderOptions | None = None) -> str:
    """The digest as an HTML page (the e-mail's HTML part); all article text is escaped."""
    return _html.get_template("digest.html").render(v=digest_view(items, failures, adhoc, options))


def render_story_html(story: Story, options: RenderOptions | None = None) -> str:
    """One story with its items as an HTML fragment (an Atom entry's content)."""
    o = options or RenderOptions()
    return _html.get_template("entry.html").render(s=story_view(story, o, "entry"), L=labels(o.lang))


# -- JSON ----------------------------------------------------------------------------------------

def _party_json(p: Party | None) -> dict[str, Any] | None:
    return p.model_dump() if p else None


def _sources_json(sources: list[SourceRef]) -> list[dict[str, Any]]:
    out = []
    for s in sources:
        ref: dict[str, Any] = {"url": s.url} if s.url else {"path": s.path}
        ref.update(title=s.title, published=s.published, source=s.source)
        out.append(ref)
    return out


def render_json(items: DigestItems, failures: list[FailureItem] | None = None, adhoc: bool = False,
                options: RenderOptions | None = None) -> str:
    """The digest as JSON for programs: every item with all its sources, ``new``, ``to_check``; the
    publication date as the page gave it (``published``), never the day it was stored as its date."""
    o = options or RenderOptions()

    def extra(item: object) -> dict[str, Any]:
        return {"likely_repeat": True} if likely_repeat(item) else {}

    data = {
        "period": {"start": items.period_start.isoformat() if items.period_start else None,
                   "end": items.period_end.isoformat()},
        "adhoc": adhoc, "subscribed": o.subscribed, "filters": o.filters or None,
        "counts": {"pairings": len(items.pairings), "new_pairings": sum(1 for p in items.pairings if is_new(p)),
                   "funding": len(items.funding),
                   "to_check": sum(1 for i in [*items.pairings, *items.funding] if to_check(i))},
        "pairings": [
            {"id": p.id, "donor": _party_json(p.donor), "recipient": _party_json(p.recipient),
             "relation": p.relation, "evidence": p.evidence, "published": p.first_published,
             "first_seen": p.first_seen_at.isoformat(), "new": is_new(p), "to_check": to_check(p),
             "confidence": p.confidence, "official": p.official.model_dump() if p.official else None,
             "sources": _sources_json(p.sources), **extra(p)}
            for p in items.pairings
        ],
        "funding": [
            {"id": f.id, "amount_yuan": f.amount_yuan, "amount": format_yuan(f.amount_yuan),
             "approximate": f.approximate, "text": f.text, "kind": f.kind, "donor": _party_json(f.donor),
             "recipient": _party_json(f.recipient), "period": f.period, "evidence": f.evidence,
             "published": f.first_published, "to_check": to_check(f),
             "confidence": f.confidence, "first_seen": f.first_seen_at.isoformat(),
             "sources": _sources_json(f.sources), **extra(f)}
            for f in by_amount(items.funding)
        ],
        "failed_sources": [
            {"location": f.location, "reason": f.reason, "failed_at": f.failed_at.isoformat()}
            for f in failures or []
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"md": render_markdown, "html": render_html, "json": render_json, "txt": render_text}
EXTENSIONS = {"md": "md", "html": "html", "json": "json", "txt": "txt", "atom": "atom"}
