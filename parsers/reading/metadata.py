"""What a page's markup says about it beside its text: <title>, meta tags, JSON-LD, <time>.

Chinese CMSs publish the date in many meta names (PubDate, publishdate,
article:published_time, og:release_date, dc.date ...), sometimes the author
(author, citation_author) and the headline (og:title, ArticleTitle).  Only
publication dates are read, never modification dates.  Read before noise is
stripped, because <head> and <script type="application/ld+json"> are noise.
"""

from __future__ import annotations

import json
import re

from parsers.reading.dates import FoundDate, parse_iso
from parsers.reading.domtree import Element, text_of
from parsers.reading.page_blocks import Hints

# Meta names (lower-cased name, property or itemprop) of the publication date, best first.
DATE_KEYS = (
    "article:published_time", "og:article:published_time", "publishdate", "pubdate", "publish_date", "publish-date",
    "publishtime", "published_time", "og:release_date", "datepublished", "dcterms.issued", "dc.date.issued",
    "dc.date", "dcterms.date", "dcterms.created", "citation_publication_date", "citation_date",
    "citation_online_date", "prism.publicationdate", "sailthru.date", "parsely-pub-date", "firstpublishedtime",
    "publication_date", "weibo:article:create_at", "article:pubdate", "date",
)
AUTHOR_KEYS = ("author", "article:author", "citation_author", "dc.creator", "dcterms.creator", "byl",
               "sailthru.author", "parsely-author", "og:article:author", "contentsource_author")
TITLE_KEYS = ("og:title", "articletitle", "twitter:title", "headline", "title", "dc.title", "citation_title")
_LD_FIELD = re.compile(r'"(datePublished|headline)"\s*:\s*"((?:[^"\\]|\\.){4,400})"')
_LD_AUTHOR = re.compile(r'"author"\s*:\s*(\{[^{}]*\}|\[[^\[\]]*\])')


def read_hints(root: Element, url: str | None = None) -> Hints:
    """Hints from the untouched tree (before noise is stripped)."""
    meta: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content:
            meta.setdefault(key, []).append(content)
    for el in root.iter("time"):
        if el.get("pubdate") is not None or (el.get("itemprop") or "").lower() == "datepublished":
            meta.setdefault("datepublished", []).append(el.get("datetime") or text_of(el))
    titles = [v for k in TITLE_KEYS for v in meta.get(k, [])]
    authors = [v for k in AUTHOR_KEYS for v in meta.get(k, []) if not v.lower().startswith("http")]
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            _read_ld(script.text, meta, titles, authors)
    dates: list[FoundDate] = []
    for key in DATE_KEYS:
        for value in meta.get(key, []):
            found = parse_iso(value)
            if found is not None and found not in dates:
                dates.append(found)
    title_el = root.find(".//title")
    page_title = text_of(title_el) if title_el is not None else None
    return Hints(page_title=page_title or None, titles=tuple(_clean(t) for t in titles if _clean(t)),
                 dates=tuple(dates), authors=tuple(authors), url=url)


def _read_ld(text: str, meta: dict[str, list[str]], titles: list[str], authors: list[str]) -> None:
    """datePublished, headline and author names from JSON-LD, read leniently (pages ship broken JSON)."""
    for key, raw in _LD_FIELD.findall(text):
        try:
            value = json.loads(f'"{raw}"')  # \uXXXX escapes
        except ValueError:
            value = raw
        if key == "datePublished":
            meta.setdefault("datepublished", []).append(value)
        else:
            titles.append(value)
    for blob in _LD_AUTHOR.findall(text):
        try:
            data = json.loads(blob)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                authors.append(item["name"])


def _clean(text: str) -> str:
    return " ".join(text.split())
