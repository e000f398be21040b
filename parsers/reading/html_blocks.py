"""HTML to lines: one parse with lxml, the page's hints, and the main text found by density or selectors.

A page becomes blocks (one paragraph a line, each marked as inside the article
or not) plus the hints its markup gives (<title>, meta dates and authors), so
the same reader and page rules apply to HTML pages and to text dumps.  A site
with CSS selectors in its rules gets its article element by selector; every
other page by text and punctuation density (parsers/reading/maintext.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

from parsers.reading.dates import parse_date
from parsers.reading.domtree import Element, HtmlError, parse_html, strip_noise, text_of
from parsers.reading.maintext import SiblingRun, find_main, page_blocks, score_tree
from parsers.reading.metadata import read_hints
from parsers.reading.page_blocks import Block, Hints
from parsers.reading.tables import data_rows

__all__ = ["HtmlError", "HtmlPage", "css_to_xpath", "looks_like_html", "read_html", "select_one"]

_HTML_HINT = re.compile(rb"<\s*(html|head|body|div|p|meta|title|!doctype)\b", re.I)


@dataclass(frozen=True)
class HtmlPage:
    """A parsed page: its blocks (article marked), hints from the markup, and what site selectors found."""

    blocks: list[Block]
    hints: Hints
    title: str | None = None  # by the site's title selector
    date_text: str | None = None  # by the site's date selector
    author: str | None = None  # by the site's author selector


def looks_like_html(data: bytes | str) -> bool:
    head = data[:4096] if isinstance(data, bytes) else data[:4096].encode("utf-8", "ignore")
    return bool(_HTML_HINT.search(head))


_TAG = re.compile(r"<[^<>]{0,300}>")
_PAGE_TAG = re.compile(r"<\s*(html|head|body|!doctype)\b", re.I)
STRAY_MARKUP_SHARE = 0.25  # at most this share of a text's characters in tags for them to be strays


def without_stray_markup(raw: str) -> str | None:
    """The text of a document that only carries stray tags (an excerpt with an injected fragment:
    no html/head/body tag, and tags a small share of it), its tags taken out; None for a page."""
    if _PAGE_TAG.search(raw):
        return None
    plain = _TAG.sub("", raw)
    return plain if len(raw) - len(plain) <= STRAY_MARKUP_SHARE * len(raw) else None


def read_html(markup: str, url: str | None = None, selectors: dict[str, str] | None = None) -> HtmlPage:
    """Blocks and hints of a page; the article by the site's ``selectors`` where they match, else by density."""
    root = parse_html(markup)
    hints = read_hints(root, url)
    strip_noise(root)
    selectors = selectors or {}
    picked = {key: select_one(root, sel) for key, sel in selectors.items() if sel}
    rows = data_rows(root)
    body = picked.get("body")
    if body is not None and body.getparent() is not None:
        k = body.getparent().index(body)
        region = SiblingRun(body.getparent(), 2 * k + 1, 2 * k + 1, 0.0)
    else:
        region = find_main(root, score_tree(root, rows))
    page = HtmlPage(page_blocks(root, region, rows), hints)
    texts = {k: text_of(el) for k, el in picked.items() if el is not None and k != "body"}
    if texts.get("title"):
        hints = replace(hints, titles=(texts["title"], *hints.titles))
    if texts.get("date"):
        found = parse_date(texts["date"])
        if found is not None:
            hints = replace(hints, dates=(found, *hints.dates))
    if texts.get("author"):
        hints = replace(hints, authors=(texts["author"], *hints.authors))
    return replace(page, hints=hints, title=texts.get("title"), date_text=texts.get("date"), author=texts.get("author"))


_SIMPLE = re.compile(r"(?P<tag>[A-Za-z][\w-]*|\*)?(?P<rest>(?:[#.][\w-]+|\[[^\]]+\])*)")
_PART = re.compile(r"([#.])([\w-]+)|\[\s*([\w-]+)\s*(?:=\s*[\"']?([^\"'\]]*)[\"']?)?\s*\]")


class SelectorError(ValueError):
    """A CSS selector this translator does not support."""


def css_to_xpath(selector: str) -> str:
    """Translate simple CSS (tag, #id, .class, [attr], [attr=v], descendant, >, groups) to XPath."""
    groups = []
    for group in selector.split(","):
        tokens = re.findall(r">|[^\s>]+", group.strip())
        if not tokens:
            raise SelectorError(f"empty selector in {selector!r}")
        path, axis = "", "//"
        for token in tokens:
            if token == ">":
                axis = "/"
                continue
            m = _SIMPLE.fullmatch(token)
            if not m:
                raise SelectorError(f"unsupported selector {token!r}")
            step = m.group("tag") or "*"
            for sym, name, attr, value in _PART.findall(m.group("rest")):
                if sym == "#":
                    step += f"[@id='{name}']"
                elif sym == ".":
                    step += f"[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
                elif value:
                    step += f"[@{attr}='{value}']"
                else:
                    step += f"[@{attr}]"
            path += axis + step
            axis = "//"
        groups.append(path)
    return " | ".join(groups)


def select_one(root: Element, selector: str) -> Element | None:
    """The first element (document order) the selector matches; None for no match or a selector we cannot read."""
    try:
        found = root.xpath(css_to_xpath(selector))
    except (SelectorError, etree.XPathError):
        return None
    return found[0] if found else None
