"""Site rules, loaded from ``parsers/data/sites.toml``.

Rules are data so that a new source is an entry in one file, not a new code path.
A site's rules override the ``[default]`` ones field by field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

RULES_FILE = Path(__file__).parents[1] / "data" / "sites.toml"

_LIST_FIELDS = (
    "markers", "hosts", "not_title", "date_patterns", "author_patterns",
    "publisher_patterns", "body_start", "body_end", "drop_lines",
)


@dataclass(frozen=True)
class SiteRules:
    id: str
    name: str
    hosts: tuple[str, ...] = ()
    province: str | None = None
    markers: tuple[re.Pattern[str], ...] = ()
    title: str = "before_date"
    head_lines: int = 25
    not_title: tuple[re.Pattern[str], ...] = ()
    date_patterns: tuple[re.Pattern[str], ...] = ()
    author_patterns: tuple[re.Pattern[str], ...] = ()
    publisher_patterns: tuple[re.Pattern[str], ...] = ()
    body_start: tuple[re.Pattern[str], ...] = ()
    body_end: tuple[re.Pattern[str], ...] = ()
    drop_lines: tuple[re.Pattern[str], ...] = ()
    selectors: dict[str, str] = field(default_factory=dict)

    def matches_host(self, url: str | None) -> bool:
        host = host_of(url)
        return bool(host) and any(host == h or host.endswith("." + h) for h in self.hosts)

    def matches_text(self, text: str) -> bool:
        return any(rx.search(text) for rx in self.markers)


def host_of(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


class RulesError(ValueError):
    """The rules file is malformed; the message names the entry."""


def _compile(entry_id: str, key: str, patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p, re.MULTILINE))
        except re.error as exc:
            raise RulesError(f"site {entry_id!r}: bad regex in {key}: {p!r}: {exc}") from exc
    return tuple(out)


def _build(entry: dict, default: dict) -> SiteRules:
    entry_id = entry.get("id", "generic")
    merged = {**default, **entry}
    kwargs: dict = {
        "id": entry_id,
        "name": merged.get("name", entry_id),
        "province": entry.get("province"),
        "title": merged.get("title", "before_date"),
        "head_lines": int(merged.get("head_lines", 25)),
        "selectors": dict(entry.get("selectors", {})),
    }
    for key in _LIST_FIELDS:
        values = merged.get(key, [])
        if key in ("not_title", "drop_lines") and key in entry:
            # these accumulate: a site adds to the generic boilerplate, it does not replace it
            values = list(default.get(key, [])) + list(entry[key])
        if key == "hosts":
            kwargs[key] = tuple(h.lower().removeprefix("www.") for h in values)
        else:
            kwargs[key] = _compile(entry_id, key, values)
    if entry_id != "generic" and not kwargs["hosts"] and not kwargs["markers"]:
        raise RulesError(f"site {entry_id!r}: needs hosts or markers to be recognised")
    return SiteRules(**kwargs)


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> tuple[SiteRules, tuple[SiteRules, ...]]:
    """(generic rules, site rules) from the rules file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    default = data.get("default", {})
    generic = _build({"id": "generic", "name": "generic"}, default)
    sites = []
    seen: set[str] = set()
    for entry in data.get("site", []):
        if "id" not in entry:
            raise RulesError(f"a [[site]] entry in {path.name} has no id")
        if entry["id"] in seen:
            raise RulesError(f"site {entry['id']!r} is defined twice")
        seen.add(entry["id"])
        sites.append(_build(entry, default))
    return generic, tuple(sites)
