"""Digest rendering: pure functions from DigestItems to Markdown, plain text, HTML or JSON.

One view (``digest_view``) decides what a digest says: pairings grouped by the recipient's
province, funding largest first in yuan and in 万元/亿元, a header with the period, the counts and
the sources that failed. Markdown and JSON are built here; HTML and plain text come from the
Jinja2 templates in digests/templates/, the HTML ones with autoescape on, because every title and
evidence sentence is text from someone else's web page.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from parsers.records import Party
from store.items import DigestItems, FailureItem, FundingItem, PairingItem, SourceRef

TEMPLATES = Path(__file__).with_name("templates")
MAX_FAILURES_SHOWN = 20
UNKNOWN_PROVINCE = "(province unknown)"

_html = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
_text = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined,
                    trim_blocks=True, lstrip_blocks=True)


def format_yuan(amount: int) -> str:
    """228000000 → '2.28亿元'; 4200000 → '420万元'; small amounts in 元."""
    if amount >= 100_000_000:
        return f"{amount / 100_000_000:,.4g}亿元"
    if amount >= 10_000:
        return f"{amount / 10_000:,.6g}万元"
    return f"{amount:,}元"


def party_label(p: Party | None) -> str:
    if p is None:
        return "(not stated)"
    if p.code:
        return p.name if p.full_name == p.name else f"{p.name} ({p.full_name})"
    return p.full_name


def _when(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d %H:%M UTC") if dt else "the beginning"


def period_text(items: DigestItems) -> str:
    return f"{_when(items.period_start)} → {_when(items.period_end)}"


def counts_text(items: DigestItems) -> str:
    return f"{len(items.pairings)} new pairings, {len(items.funding)} funding items"


def headline(items: DigestItems) -> str:
    return f"pairwatch digest {period_text(items)}: {counts_text(items)}"


def empty_line(items: DigestItems, adhoc: bool = False) -> str:
    """The one line an empty digest consists of."""
    if adhoc:
        return f"pairwatch digest {period_text(items)}: Nothing first stored since {_when(items.period_start)}."
    return f"pairwatch digest {period_text(items)}: Nothing new since the last digest."


def likely_repeat(item: object) -> bool:
    """Issue 5 may mark an item as a likely repeat of an earlier one; older items have no such field."""
    return bool(getattr(item, "likely_repeat", False) or getattr(item, "repeat_of", None) is not None)


def source_view(s: SourceRef) -> dict[str, Any]:
    """A source as a template shows it: only http(s) URLs become links (no javascript:, no file paths)."""
    where = s.url or s.path or ""
    href = s.url if s.url and urlsplit(s.url).scheme.lower() in ("http", "https") else None
    return {"label": s.title or where or "source", "href": href, "where": where, "published": s.published,
            "site": s.source}


def _province_key(item: Any) -> tuple[str, str]:
    code = item.recipient.code or ""
    return (code[:2] if code else "99", item.recipient.province or UNKNOWN_PROVINCE)


CHECK_BELOW = 0.8  # items less sure than this are marked "to check" (parsers/extraction/confidence.py)


def trust_note(confidence: float | None, official: Any = None) -> str:
    """What a reader should know of an item's footing: the official list that holds a pair (or that
    none does), and "to check" when the extraction is not sure of it."""
    parts = []
    if official is not None:
        parts.append(f"official list: {official.programme} since {official.since}")
    elif confidence is not None:
        parts.append("in no official list")
    if confidence is not None and confidence < CHECK_BELOW:
        parts.append("to check")
    return "; ".join(parts)


def pairing_view(p: PairingItem) -> dict[str, Any]:
    return {
        "donor": party_label(p.donor), "recipient": party_label(p.recipient), "relation": p.relation,
        "trust": trust_note(p.confidence, p.official),
        "first_seen": f"{p.first_seen_at:%Y-%m-%d}", "evidence": p.evidence,
        "sources": [source_view(s) for s in p.sources], "likely_repeat": likely_repeat(p),
    }


def funding_view(f: FundingItem) -> dict[str, Any]:
    """A funding item's view; its date is the period the text gives, else its first source's day."""
    published = getattr(f, "first_published", None) or next((s.published for s in f.sources if s.published), None)
    return {
        "amount": format_yuan(f.amount_yuan), "yuan": f"{f.amount_yuan:,}", "approximate": f.approximate,
        "surface": f.text, "kind": f.kind, "donor": party_label(f.donor), "recipient": party_label(f.recipient),
        "trust": "to check" if f.confidence is not None and f.confidence < CHECK_BELOW else "",
        "period": f.period, "date": f.period or (published or "")[:10] or f"{f.first_seen_at:%Y-%m-%d}",
        "first_seen": f"{f.first_seen_at:%Y-%m-%d}", "evidence": f.evidence,
        "sources": [source_view(s) for s in f.sources], "likely_repeat": likely_repeat(f),
    }


def by_amount(funding: list[FundingItem]) -> list[FundingItem]:
    """Largest first; ties oldest first."""
    return sorted(funding, key=lambda f: (-f.amount_yuan, f.first_seen_at, f.id))


def digest_view(items: DigestItems, failures: list[FailureItem] | None = None, adhoc: bool = False) -> dict[str, Any]:
    """Everything every format shows, in the order it shows it."""
    failures = failures or []
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in items.pairings:
        groups[_province_key(p)].append(pairing_view(p))
    funding = [funding_view(f) for f in by_amount(items.funding)]
    return {
        "headline": headline(items), "period": period_text(items), "counts": counts_text(items),
        "empty": items.empty and not failures, "empty_line": empty_line(items, adhoc),
        "failures": [{"location": f.location, "reason": f.reason, "attempts": f.attempts}
                     for f in failures[:MAX_FAILURES_SHOWN]],
        "failures_total": len(failures), "failures_more": max(0, len(failures) - MAX_FAILURES_SHOWN),
        "provinces": [(key[1], groups[key]) for key in sorted(groups)],
        "funding": funding,
    }


# -- Markdown ------------------------------------------------------------------------------------

def _md_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def _md_target(target: str) -> str:
    return quote(target, safe=":/?#[]@!$&'*+,;=%~.-_")


def _source_md(s: dict[str, Any]) -> str:
    date = f", {s['published']}" if s["published"] else ""
    label = _md_escape(s["label"])
    return f"[{label}]({_md_target(s['href'])}){date}" if s["href"] else f"{label} ({_md_escape(s['where'])}){date}"


def render_markdown(items: DigestItems, failures: list[FailureItem] | None = None, adhoc: bool = False) -> str:
    """The digest as Markdown: pairings by the recipient's province, funding by amount."""
    v = digest_view(items, failures, adhoc)
    if v["empty"]:
        return v["empty_line"] + "\n"
    out = [f"# {v['headline']}", ""]
    if v["failures"]:
        shown = "; ".join(f"{_md_escape(f['location'])} ({_md_escape(f['reason'])})" for f in v["failures"])
        more = f"; and {v['failures_more']} more" if v["failures_more"] else ""
        out += [f"{v['failures_total']} source(s) failed since the last digest: {shown}{more}", ""]
    if v["provinces"]:
        out += ["## New pairings", ""]
        for province, group in v["provinces"]:
            out += [f"### {_md_escape(province)}", ""]
            for p in group:
                mark = " — *likely repeat*" if p["likely_repeat"] else ""
                trust = f"; {_md_escape(p['trust'])}" if p["trust"] else ""
                out.append(f"- **{_md_escape(p['donor'])} → {_md_escape(p['recipient'])}**"
                           f" ({_md_escape(p['relation'])}{trust}; first seen {p['first_seen']}){mark}")
                out.append(f"  > {_md_escape(p['evidence'])}")
                out.append("  Sources: " + "; ".join(_source_md(s) for s in p["sources"]))
            out.append("")
    if v["funding"]:
        out += ["## Funding", ""]
        for f in v["funding"]:
            approx = ", approx." if f["approximate"] else ""
            mark = " — *likely repeat*" if f["likely_repeat"] else ""
            trust = f" ({f['trust']})" if f["trust"] else ""
            out.append(f"- **{f['amount']}** ({f['yuan']} yuan{approx}), {_md_escape(f['kind'])}, {f['date']}: "
                       f"{_md_escape(f['donor'])} → {_md_escape(f['recipient'])}{trust}{mark}")
            out.append(f"  > {_md_escape(f['evidence'])}")
            out.append("  Sources: " + "; ".join(_source_md(s) for s in f["sources"]))
        out.append("")
    return "\n".join(out)


# -- templates: HTML (escaped) and plain text ----------------------------------------------------

def render_html(items: DigestItems, failures: list[FailureItem] | None = None, adhoc: bool = False) -> str:
    """The digest as an HTML page (the e-mail's HTML part); all article text is escaped."""
    return _html.get_template("digest.html").render(v=digest_view(items, failures, adhoc))


def render_text(items: DigestItems, failures: list[FailureItem] | None = None, adhoc: bool = False) -> str:
    """The digest as plain text (the e-mail's text part): no markup to escape, nothing to unescape."""
    return _text.get_template("digest.txt").render(v=digest_view(items, failures, adhoc))


def render_item_html(kind: str, view: dict[str, Any]) -> str:
    """One pairing or funding view as an HTML fragment (an Atom entry's content)."""
    return _html.get_template("entry.html").render(kind=kind, item=view)


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


def render_json(items: DigestItems, failures: list[FailureItem] | None = None, adhoc: bool = False) -> str:
    """The digest as design.md's JSON: every item lists all its sources."""
    def extra(item: object) -> dict[str, Any]:
        return {"likely_repeat": True} if likely_repeat(item) else {}

    data = {
        "period": {"start": items.period_start.isoformat() if items.period_start else None,
                   "end": items.period_end.isoformat()},
        "adhoc": adhoc,
        "counts": {"pairings": len(items.pairings), "funding": len(items.funding)},
        "pairings": [
            {"id": p.id, "donor": _party_json(p.donor), "recipient": _party_json(p.recipient),
             "relation": p.relation, "evidence": p.evidence, "first_seen": p.first_seen_at.isoformat(),
             "confidence": p.confidence, "official": p.official.model_dump() if p.official else None,
             "sources": _sources_json(p.sources), **extra(p)}
            for p in items.pairings
        ],
        "funding": [
            {"id": f.id, "amount_yuan": f.amount_yuan, "amount": format_yuan(f.amount_yuan),
             "approximate": f.approximate, "text": f.text, "kind": f.kind, "donor": _party_json(f.donor),
             "recipient": _party_json(f.recipient), "period": f.period, "evidence": f.evidence,
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
