"""Digest rendering: pure functions from DigestItems to Markdown or JSON text."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Any

from parsers.records import Party
from store.items import DigestItems, FailureItem, PairingItem, SourceRef


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


def _source_md(s: SourceRef) -> str:
    label = s.title or s.url or s.path or "source"
    target = s.url or s.path or ""
    date = f", {s.published}" if s.published else ""
    return f"[{_md_escape(label)}]({target}){date}" if target else f"{_md_escape(label)}{date}"


def _md_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def headline(items: DigestItems) -> str:
    return (f"pairwatch digest {_when(items.period_start)} → {_when(items.period_end)}: "
            f"{len(items.pairings)} new pairings, {len(items.funding)} funding items")


def render_markdown(items: DigestItems, failures: list[FailureItem] | None = None) -> str:
    """The digest as Markdown: pairings by the recipient's province, funding by amount."""
    failures = failures or []
    if items.empty and not failures:
        return f"# {headline(items)}\n\nNothing new since the last digest.\n"
    out = [f"# {headline(items)}", ""]
    if failures:
        out.append(f"{len(failures)} source(s) failed since the last digest: "
                   + "; ".join(f"{_md_escape(f.location)} ({_md_escape(f.reason)})" for f in failures[:20]))
        out.append("")
    if items.pairings:
        out += ["## New pairings", ""]
        by_province: dict[str, list[PairingItem]] = defaultdict(list)
        for p in items.pairings:
            by_province[p.recipient.province or "(province unknown)"].append(p)
        for province in sorted(by_province):
            out += [f"### {province}", ""]
            for p in by_province[province]:
                out.append(f"- **{_md_escape(party_label(p.donor))} → {_md_escape(party_label(p.recipient))}**"
                           f" ({p.relation}; first seen {p.first_seen_at:%Y-%m-%d})")
                out.append(f"  > {_md_escape(p.evidence)}")
                out.append("  Sources: " + "; ".join(_source_md(s) for s in p.sources))
            out.append("")
    if items.funding:
        out += ["## Funding", ""]
        for f in sorted(items.funding, key=lambda f: -f.amount_yuan):
            approx = " (approx.)" if f.approximate else ""
            period = f", {f.period}" if f.period else ""
            out.append(f"- **{format_yuan(f.amount_yuan)}** ({f.amount_yuan:,} yuan{approx}), {f.kind}{period}: "
                       f"{_md_escape(party_label(f.donor))} → {_md_escape(party_label(f.recipient))}")
            out.append(f"  > {_md_escape(f.evidence)}")
            out.append("  Sources: " + "; ".join(_source_md(s) for s in f.sources))
        out.append("")
    return "\n".join(out)


def _party_json(p: Party | None) -> dict[str, Any] | None:
    return p.model_dump() if p else None


def _sources_json(sources: list[SourceRef]) -> list[dict[str, Any]]:
    out = []
    for s in sources:
        ref: dict[str, Any] = {"url": s.url} if s.url else {"path": s.path}
        ref.update(title=s.title, published=s.published, source=s.source)
        out.append(ref)
    return out


def render_json(items: DigestItems, failures: list[FailureItem] | None = None) -> str:
    data = {
        "period": {"start": items.period_start.isoformat() if items.period_start else None,
                   "end": items.period_end.isoformat()},
        "counts": {"pairings": len(items.pairings), "funding": len(items.funding)},
        "pairings": [
            {"id": p.id, "donor": _party_json(p.donor), "recipient": _party_json(p.recipient),
             "relation": p.relation, "evidence": p.evidence, "first_seen": p.first_seen_at.isoformat(),
             "sources": _sources_json(p.sources)}
            for p in items.pairings
        ],
        "funding": [
            {"id": f.id, "amount_yuan": f.amount_yuan, "approximate": f.approximate, "text": f.text,
             "kind": f.kind, "donor": _party_json(f.donor), "recipient": _party_json(f.recipient),
             "period": f.period, "evidence": f.evidence, "first_seen": f.first_seen_at.isoformat(),
             "sources": _sources_json(f.sources)}
            for f in sorted(items.funding, key=lambda f: -f.amount_yuan)
        ],
        "failed_sources": [
            {"location": f.location, "reason": f.reason, "failed_at": f.failed_at.isoformat()}
            for f in failures or []
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"md": render_markdown, "json": render_json}
EXTENSIONS = {"md": "md", "json": "json"}
