"""The pairing atlas: a folder of static pages showing everything stored, that opens from the file system.

Analysts want the whole picture, not what is new since yesterday: who helps whom (a Sankey of
donor province → recipient province), money by year, every pairing and funding item in a table
they can search, sort and filter, and a page per recipient province. Nothing is fetched when the
pages are viewed: each page carries its data as inline JSON, and the script, the style sheet and
ECharts (Apache-2.0, vendored from npm with its licence in ``atlas_assets/vendor/echarts``) lie
beside it. Every text from a web page reaches the browser as JSON data or Jinja2-escaped HTML.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from digests.render import RenderOptions, format_yuan, party_label, source_view
from digests.stories import CHECK_BELOW, is_new, to_check
from parsers.records import Party
from store.items import DigestItems, FundingItem, PairingItem, SourceRef
from store.selection import ArticleInfo

ASSETS = Path(__file__).with_name("atlas_assets")
STATIC = ("atlas.js", "atlas.css")
VENDOR = ASSETS / "vendor" / "echarts"
UNKNOWN = "(省份不详)"

_env = Environment(loader=FileSystemLoader(ASSETS), autoescape=True, undefined=StrictUndefined)


@dataclass(frozen=True)
class Atlas:
    """What was written: the index page, one page per recipient province, the counts shown."""

    index: Path
    provinces: dict[str, Path]
    pairings: int
    funding: int


def province_of(p: Party | None) -> str:
    return (p.province if p and p.province else None) or UNKNOWN


def province_page(province: str) -> str:
    """A file name that stays the same from one atlas to the next and needs no escaping in a URL."""
    return f"province-{hashlib.sha1(province.encode()).hexdigest()[:12]}.html"


def _source(s: SourceRef) -> dict[str, Any]:
    """The digest's view of a source (only http(s) URLs become links), its date as given for sorting."""
    return {**source_view(s, RenderOptions()), "iso": s.published}


def _year(item: PairingItem | FundingItem) -> str:
    published = item.first_published
    return published[:4] if published else f"{item.first_seen_at:%Y}"


def pairing_json(p: PairingItem) -> dict[str, Any]:
    return {
        "id": p.id, "donor": party_label(p.donor), "donor_full": p.donor.full_name,
        "donor_province": province_of(p.donor), "recipient": party_label(p.recipient),
        "recipient_full": p.recipient.full_name, "recipient_province": province_of(p.recipient),
        "page": province_page(province_of(p.recipient)), "relation": p.relation,
        "official": f"{p.official.programme} ({p.official.since})" if p.official else None,
        "new": is_new(p), "seen_reversed": p.seen_before, "confidence": p.confidence, "low": to_check(p),
        "evidence": p.evidence, "published": p.first_published, "year": _year(p),
        "sources": [_source(s) for s in p.sources],
    }


def funding_json(f: FundingItem) -> dict[str, Any]:
    return {
        "id": f.id, "amount": f.amount_yuan, "amount_text": format_yuan(f.amount_yuan), "as_written": f.text,
        "approximate": f.approximate, "kind": f.kind, "period": f.period,
        "donor": party_label(f.donor), "donor_province": province_of(f.donor),
        "recipient": party_label(f.recipient), "recipient_province": province_of(f.recipient),
        "page": province_page(province_of(f.recipient)),
        "confidence": f.confidence, "low": to_check(f),
        "evidence": f.evidence, "published": f.first_published, "year": _year(f),
        "repeat_of": f.repeat_of, "sources": [_source(s) for s in f.sources],
    }


def flows(pairings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sankey links donor province → recipient province, weighted by pairings. The two sides are
    distinct nodes (a province helping inside itself would otherwise be a cycle, which a Sankey cannot draw)."""
    counts = Counter((p["donor_province"], p["recipient_province"]) for p in pairings)
    return [{"source": f"{d} ▸", "target": f"▸ {r}", "value": n} for (d, r), n in sorted(counts.items())]


def money_by_year(funding: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    """Yuan announced per year of publication and kind (year, kind, yuan): aid, donations,
    investment brought in and purchases are different money, shown side by side, never one sum;
    likely repeats of an earlier announcement are left out."""
    total: dict[tuple[str, str], int] = defaultdict(int)
    for f in funding:
        if f["repeat_of"] is None:
            total[f["year"], f["kind"]] += f["amount"]
    return [(year, kind, yuan) for (year, kind), yuan in sorted(total.items())]


def yuan_by_kind(funding: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Yuan announced per kind of money, largest first, as written for a reader: kinds are never
    added into one sum; likely repeats are left out."""
    total: dict[str, int] = defaultdict(int)
    for f in funding:
        if f["repeat_of"] is None:
            total[f["kind"]] += f["amount"]
    return [(kind, format_yuan(yuan)) for kind, yuan in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))]


def _timeline(pairings: list[dict[str, Any]], funding: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each article that reported an item of the page, once, oldest first."""
    seen: dict[str, dict[str, Any]] = {}
    for item in pairings + funding:
        for s in item["sources"]:
            seen.setdefault(s["where"] or s["label"], s)
    return sorted(seen.values(), key=lambda s: (s["iso"] or "9999", s["label"]))


def _data_json(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element: no "</" can close it, no "<!--" can open a comment."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace("\u2028", "\\u2028")


def _page(template: str, target: Path, title: str, data: dict[str, Any], **context: Any) -> None:
    html = _env.get_template(template).render(title=title, data_json=_data_json(data), **context)
    target.write_text(html, encoding="utf-8")


def write_atlas(items: DigestItems, articles: list[ArticleInfo], out: Path, generated_at: datetime,
                database: str) -> Atlas:
    """Write the atlas into ``out`` (made if missing; pages of an earlier atlas are replaced)."""
    out.mkdir(parents=True, exist_ok=True)
    assets = out / "assets"
    assets.mkdir(exist_ok=True)
    for name in STATIC:
        shutil.copyfile(ASSETS / name, assets / name)
    for licence in VENDOR.iterdir():
        shutil.copyfile(licence, assets / (licence.name if licence.suffix == ".js" else f"echarts-{licence.name}"))
    for old in out.glob("province-*.html"):
        old.unlink()
    pairings = [pairing_json(p) for p in items.pairings]
    funding = [funding_json(f) for f in items.funding]
    provinces = sorted({p["recipient_province"] for p in pairings} | {f["recipient_province"] for f in funding})
    pages = {name: province_page(name) for name in provinces}
    stamp = generated_at.strftime("%Y-%m-%d %H:%M UTC")
    counts = {"pairings": len(pairings), "official": sum(1 for p in pairings if p["official"]),
              "new": sum(1 for p in pairings if p["new"]), "funding": len(funding),
              "yuan": yuan_by_kind(funding),
              "articles": len(articles), "provinces": len(provinces),
              "low": sum(1 for i in pairings + funding if i["low"])}
    _page("index.html", out / "index.html", "pairwatch 对口帮扶图集",
          {"pairings": pairings, "funding": funding, "flows": flows(pairings), "by_year": money_by_year(funding)},
          counts=counts, provinces=pages, generated=stamp, database=database, threshold=CHECK_BELOW)
    for name in provinces:
        mine_p = [p for p in pairings if p["recipient_province"] == name]
        mine_f = [f for f in funding if f["recipient_province"] == name]
        donors = Counter(p["donor_province"] for p in mine_p)
        _page("province.html", out / pages[name], f"{name} · pairwatch 对口帮扶图集",
              {"pairings": mine_p, "funding": mine_f, "flows": flows(mine_p), "by_year": money_by_year(mine_f)},
              province=name, donors=donors.most_common(), timeline=_timeline(mine_p, mine_f),
              generated=stamp, threshold=CHECK_BELOW)
    return Atlas(out / "index.html", {n: out / p for n, p in pages.items()}, len(pairings), len(funding))
