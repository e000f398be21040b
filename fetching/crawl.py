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
from lxml import etree

from fetching.sources import Source
from parsers.deadline import MAX_ELEMENTS
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
_START_TAG = re.compile(r"<[A-Za-z]")
_START_TAG_BYTES = re.compile(rb"<[A-Za-z]")


class HostileMarkup(ValueError):
    """A page with more elements than any article or listing holds: refused before a tree is built
    (when links were read with BeautifulSoup, 2 million nested <div>s took 1.1 GB and 25 s)."""


def check_markup(html: bytes | str) -> None:
    """Raise HostileMarkup when the page has more start tags than the parser's element cap; counted
    on the text itself (a "<" count first, the exact count only when that is over the cap)."""
    mark = b"<" if isinstance(html, bytes) else "<"
    if html.count(mark) <= MAX_ELEMENTS:  # type: ignore[arg-type]
        return
    pattern = _START_TAG_BYTES if isinstance(html, bytes) else _START_TAG
    count = sum(1 for _ in pattern.finditer(html))  # type: ignore[arg-type]
    if count > MAX_ELEMENTS:
        raise HostileMarkup(f"hostile markup: {count} start tags, over the cap of {MAX_ELEMENTS} (not read)")


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


_PARSER = etree.HTMLParser(recover=True, remove_comments=True, remove_pis=True)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_XML_DECL_BYTES = re.compile(rb"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def _tree(html: bytes | str) -> etree._Element | None:
    """The page's lxml tree (plain elements: a few hundred bytes each, where BeautifulSoup's Python
    objects cost kilobytes), for pages within the element cap only (HostileMarkup otherwise).
    libxml2 stops at 256 levels of nesting, so a page nested deeper is read down to there."""
    check_markup(html)
    html = _XML_DECL_BYTES.sub(b"", html, count=1) if isinstance(html, bytes) else _XML_DECL.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        return etree.fromstring(html, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _anchors(root: etree._Element | None) -> list[etree._Element]:
    return [] if root is None else [a for a in root.iter("a") if a.get("href") is not None]


def _base(root: etree._Element | None, page_url: str) -> str:
    tag = next((b for b in root.iter("base") if b.get("href") is not None), None) if root is not None else None
    return urljoin(page_url, tag.get("href").strip()) if tag is not None else page_url


def _text_of(el: etree._Element) -> str:
    """An element's text as BeautifulSoup's get_text(" ", strip=True) gives it."""
    return " ".join(t.strip() for t in el.itertext() if t.strip())


def looks_like_feed(data: bytes, content_type: str | None = None) -> bool:
    """RSS or Atom by its root element (content types lie: feeds come as text/html or text/xml)."""
    if content_type and any(t in content_type.lower() for t in ("rss+xml", "atom+xml", "rdf+xml")):
        return True
    return bool(_FEED_MARK.search(data[:4096]))


def article_links(html: bytes | str, base_url: str, source: Source) -> list[str]:
    """Links on a listing page that match the source's pattern and stay on its hosts, in page order."""
    root = _tree(html)
    base = _base(root, base_url)
    seen: dict[str, str] = {}
    for a in _anchors(root):
        url = _fetchable(a.get("href"), base, source.hosts)
        if url and _is_article(source, url):
            seen.setdefault(key_of(url), url)
    return list(seen.values())


def host_links(html: bytes | str, base_url: str, hosts: Iterable[str]) -> list[tuple[str, str]]:
    """Every http(s) link on ``hosts`` in page order, once, with the text of the element around it
    (a listing prints an article's date beside its link): what a source check counts and dates."""
    root = _tree(html)
    base = _base(root, base_url)
    seen: dict[str, tuple[str, str]] = {}
    for a in _anchors(root):
        url = _fetchable(a.get("href"), base, hosts)
        if url and key_of(url) not in seen:
            around = a.getparent() if a.getparent() is not None else a
            seen[key_of(url)] = (url, _text_of(around)[:200])
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
    root = _tree(html)
    base = _base(root, page_url)
    host = (urlsplit(first_url).hostname or "").lower()
    found: dict[str, int] = {}
    for a in _anchors(root):
        url = _fetchable(a.get("href"), base, (host,))
        if not url or key_of(url) in (key_of(first_url), key_of(page_url)):
            continue
        number = page_number(url, first_url)
        if number is None and _NEXT_TEXT.match(_text_of(a)):
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
