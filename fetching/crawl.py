"""What to fetch next, read off pages already fetched: article links on listing pages and in
RSS/Atom feeds, and the continuation pages of an article split over several (下一页, _2.html).

Pure functions of (bytes, URL, source rules): no I/O, so they are tested on plain strings.
Only http(s) links on the source's own hosts that match its ``article_pattern`` are offered;
``file:``, ``javascript:``, ``data:`` and every other scheme never are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
from bs4 import BeautifulSoup

from fetching.sources import Source
from parsers.reading.decode import decode_bytes

try:  # canonical keys (parsers/urls.py) decide whether two spellings are one page
    from parsers.urls import canonical_url, clean_url
except ImportError:  # pragma: no cover - until parsers/urls.py lands, raw URLs are compared

    def canonical_url(url: str) -> str:
        return url

    def clean_url(url: str) -> str:
        return url


_FEED_MARK = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_NEXT_TEXT = re.compile(r"^\s*(?:下一?页|后页|下一頁|下頁|next\s*page)\s*[>»›]*\s*$", re.IGNORECASE)
_PAGE_SUFFIX = re.compile(r"^(?P<stem>.+?)_(?P<n>\d{1,3})(?P<ext>\.[A-Za-z]{2,6})$")
_EXT = re.compile(r"^(?P<stem>.+?)(?P<ext>\.[A-Za-z]{2,6})$")
_PAGE_PARAM = re.compile(r"(?:^|&)(?:page|pageno|pagenum|pn|p|cp)=(\d{1,3})(?:&|$)", re.IGNORECASE)


def key_of(url: str) -> str:
    """The identity key of a URL (canonical form), or the URL itself when it has none."""
    try:
        return canonical_url(url)
    except ValueError:
        return url


def _fetchable(href: str, base_url: str, hosts: Iterable[str]) -> str | None:
    """The absolute, cleaned URL when it is http(s) on one of ``hosts``; else None."""
    href = href.strip()
    if not href:
        return None
    try:
        url = urljoin(base_url, href).split("#")[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() not in hosts:
            return None
        return clean_url(url)
    except ValueError:
        return None


def _is_article(source: Source, url: str) -> bool:
    """The pattern is written by people: try it on the URL as fetched and with escapes undone."""
    return bool(source.article_re.search(url) or source.article_re.search(unquote(url)))


def _soup(html: bytes | str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _base(soup: BeautifulSoup, page_url: str) -> str:
    tag = soup.find("base", href=True)
    return urljoin(page_url, tag["href"].strip()) if tag else page_url


def looks_like_feed(data: bytes, content_type: str | None = None) -> bool:
    """RSS or Atom by its root element (content types lie: feeds come as text/html or text/xml)."""
    if content_type and any(t in content_type.lower() for t in ("rss+xml", "atom+xml", "rdf+xml")):
        return True
    return bool(_FEED_MARK.search(data[:4096]))


def article_links(html: bytes | str, base_url: str, source: Source) -> list[str]:
    """Links on a listing page that match the source's pattern and stay on its hosts, in page order."""
    soup = _soup(html)
    base = _base(soup, base_url)
    seen: dict[str, str] = {}
    for a in soup.find_all("a", href=True):
        url = _fetchable(a["href"], base, source.hosts)
        if url and _is_article(source, url):
            seen.setdefault(key_of(url), url)
    return list(seen.values())


def host_links(html: bytes | str, base_url: str, hosts: Iterable[str]) -> list[tuple[str, str]]:
    """Every http(s) link on ``hosts`` in page order, once, with the text of the element around it
    (a listing prints an article's date beside its link): what a source check counts and dates."""
    soup = _soup(html)
    base = _base(soup, base_url)
    seen: dict[str, tuple[str, str]] = {}
    for a in soup.find_all("a", href=True):
        url = _fetchable(a["href"], base, hosts)
        if url and key_of(url) not in seen:
            around = a.parent if a.parent is not None else a
            seen[key_of(url)] = (url, around.get_text(" ", strip=True)[:200])
    return list(seen.values())


def feed_entries(data: bytes, base_url: str, hosts: Iterable[str]) -> list[tuple[str, date | None]]:
    """A feed's entry links on ``hosts`` with the day each was published or updated, when it says."""
    parsed = feedparser.parse(data, response_headers={"content-location": base_url})
    out: dict[str, tuple[str, date | None]] = {}
    for entry in parsed.entries:
        url = _fetchable(entry.get("link") or "", base_url, hosts)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if url:
            out.setdefault(key_of(url), (url, date(*stamp[:3]) if stamp else None))
    return list(out.values())


def feed_links(data: bytes, base_url: str, source: Source) -> list[str]:
    """Entry links of an RSS/Atom feed, under the same rules as a listing's links."""
    parsed = feedparser.parse(data, response_headers={"content-location": base_url})
    seen: dict[str, str] = {}
    for entry in parsed.entries:
        hrefs = [entry.get("link")] + [ln.get("href") for ln in entry.get("links", []) if ln.get("rel") == "alternate"]
        for href in filter(None, hrefs):
            url = _fetchable(href, base_url, source.hosts)
            if url and _is_article(source, url):
                seen.setdefault(key_of(url), url)
                break
    return list(seen.values())


class NotAListing(ValueError):
    """A start URL answered with bytes that are no text (an image, an archive, garbage)."""


def listing_links(data: bytes, url: str, content_type: str | None, source: Source) -> list[str]:
    """Article links of a start URL's page, whether it is an HTML listing or a feed; an article's
    ``_N`` pages are left to be fetched with it. Raises NotAListing for bytes that are no text."""
    if looks_like_feed(data, content_type):
        return drop_continuations(feed_links(data, url, source))
    decoded = decode_bytes(data, content_type)  # the charset the page declares (GBK hrefs too)
    if decoded.method == "binary":
        raise NotAListing(decoded.reason or "not text")
    return drop_continuations(article_links(decoded.text, url, source))


def page_number(url: str, first_url: str) -> int | None:
    """The page number of ``url`` as a continuation of ``first_url``: ``x_3.html`` or ``x.html?page=3``."""
    first, this = urlsplit(first_url), urlsplit(url)
    if first.netloc.lower() != this.netloc.lower():
        return None
    numbered, plain = _PAGE_SUFFIX.match(this.path), _EXT.match(first.path)
    if numbered and plain and (numbered["stem"], numbered["ext"]) == (plain["stem"], plain["ext"]):
        return int(numbered["n"])
    if this.path == first.path and this.query != first.query:
        param = _PAGE_PARAM.search(this.query)
        return int(param.group(1)) if param else None
    return None


def continuation_links(html: bytes | str, page_url: str, first_url: str) -> list[str]:
    """Further pages of the article that starts at ``first_url``, as linked from this page, by page number.

    A link counts when it is the same article's ``_N`` page, or a 下一页 link to the same path
    with another page parameter; 下一篇 (the next *article*) and listing pagination never do.
    """
    soup = _soup(html)
    base = _base(soup, page_url)
    host = (urlsplit(first_url).hostname or "").lower()
    found: dict[str, int] = {}
    for a in soup.find_all("a", href=True):
        url = _fetchable(a["href"], base, (host,))
        if not url or key_of(url) in (key_of(first_url), key_of(page_url)):
            continue
        number = page_number(url, first_url)
        if number is None and _NEXT_TEXT.match(a.get_text(" ", strip=True)):
            if urlsplit(url).path == urlsplit(first_url).path:
                number = 10_000  # a 下一页 link with no number we can read: after the numbered ones
        if number is not None and number >= 2:
            found.setdefault(url, number)
    return sorted(found, key=lambda u: found[u])


def drop_continuations(links: list[str]) -> list[str]:
    """Listing links minus the ``_N`` pages of another listed article (fetched with it, not alone)."""
    keys = {key_of(u) for u in links}
    out = []
    for url in links:
        parts = urlsplit(url)
        m = _PAGE_SUFFIX.match(parts.path)
        if m and key_of(parts._replace(path=m["stem"] + m["ext"]).geturl()) in keys:
            continue
        out.append(url)
    return out
