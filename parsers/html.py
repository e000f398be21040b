"""HTML to lines: the site path (selectors, else block text) and the generic path (trafilatura).

Both return plain text with one paragraph a line, so the same normalisation and
page rules apply to HTML pages and to text dumps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

_BLOCKS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "table", "ul", "ol", "dd", "dt", "blockquote", "pre", "header", "footer", "td", "title",
}
_NOISE = ("script", "style", "noscript", "template", "iframe", "svg", "form", "button", "select")
_HTML_HINT = re.compile(rb"<\s*(html|head|body|div|p|meta|title|!doctype)\b", re.I)


@dataclass(frozen=True)
class HtmlFields:
    text: str
    title: str | None = None
    date_text: str | None = None
    author: str | None = None


def looks_like_html(data: bytes | str) -> bool:
    head = data[:4096] if isinstance(data, bytes) else data[:4096].encode("utf-8", "ignore")
    return bool(_HTML_HINT.search(head))


def _soup(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(_NOISE):
        tag.decompose()
    return soup


def block_text(node: Tag | BeautifulSoup) -> str:
    """Visible text with a line break at every block element."""
    parts: list[str] = []
    for el in node.descendants:
        if isinstance(el, str):
            if el.parent is not None and el.parent.name not in _NOISE and not _is_comment(el):
                parts.append(str(el))
        elif isinstance(el, Tag) and el.name in _BLOCKS:
            parts.append("\n")
    text = "".join(parts)
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def _is_comment(el: object) -> bool:
    return type(el).__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction")


def site_fields(html: str, selectors: dict[str, str]) -> HtmlFields:
    """A site's page read with its selectors; the whole page's block text where a selector finds nothing."""
    soup = _soup(html)

    def pick(key: str) -> Tag | None:
        sel = selectors.get(key)
        if not sel:
            return None
        try:
            return soup.select_one(sel)
        except Exception:  # a bad selector in the rules must not lose the page
            return None

    body = pick("body")
    title = pick("title")
    date = pick("date")
    author = pick("author")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else None
    return HtmlFields(
        text=block_text(body if body is not None else (soup.body or soup)),
        title=title.get_text(" ", strip=True) if title is not None else page_title,
        date_text=date.get_text(" ", strip=True) if date is not None else None,
        author=author.get_text(" ", strip=True) if author is not None else None,
    )


def generic_fields(html: str, url: str | None = None) -> HtmlFields:
    """Main text and metadata of an unknown site's page, by trafilatura; block text if it finds nothing."""
    import trafilatura  # imported here: it costs ~0.3 s and the text path never needs it

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, deduplicate=True
    )
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        soup = _soup(html)
        return HtmlFields(text=block_text(soup.body or soup),
                          title=soup.title.get_text(" ", strip=True) if soup.title else None)
    return HtmlFields(
        text=doc.text or "",
        title=getattr(doc, "title", None),
        date_text=getattr(doc, "date", None),
        author=getattr(doc, "author", None),
    )
