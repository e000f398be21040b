"""Markup to a clean lxml tree: parse any page within the size caps, drop what no reader sees.

Split from parsers/reading/maintext.py because making the tree is a concern of its own, with its own
limits (the element and block caps of parsers/deadline.py) and its own users: the main-text
scorer, the <head> hints of parsers/reading/metadata.py and the site selectors of parsers/reading/html_blocks.py all
read the same cleaned tree.  Nothing here scores text.
"""

from __future__ import annotations

import re

from lxml import etree

from parsers.deadline import MAX_BLOCKS, MAX_ELEMENTS, cap

Element = etree._Element  # plain lxml elements: no per-node Python class lookup, unlike lxml.html

# Elements whose content is never visible text.
NOISE = frozenset(
    "script style noscript template iframe svg select button textarea input option object embed "
    "canvas map head link meta audio video source track title".split()
)
# Elements that start a new line of text.
BLOCK = frozenset(
    "p div br li tr td th h1 h2 h3 h4 h5 h6 section article table tbody thead tfoot ul ol dl dd dt "
    "blockquote pre header footer nav aside main center form fieldset figure figcaption hr address "
    "title caption body html".split()
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_START_TAG = re.compile(r"<[A-Za-z]")


class HtmlError(ValueError):
    """The markup could not be parsed at all."""


_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, recover=True)


def parse_html(markup: str) -> Element:
    """A tree for any page, however broken; comments and processing instructions dropped.
    Far more elements than an article page holds is a ParseError, raised before the work that grows with them."""
    markup = _XML_DECL.sub("", markup, count=1)
    if not markup.strip():
        raise HtmlError("empty page")
    if markup.count("<") > MAX_ELEMENTS:  # cheap bound first: every start tag has a "<"
        cap(sum(1 for _ in _START_TAG.finditer(markup)), MAX_ELEMENTS, "elements in the page")
    try:
        root = etree.fromstring(markup, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise HtmlError(f"unparseable HTML: {exc}") from exc
    if root is None:
        raise HtmlError("unparseable HTML")
    cap(sum(1 for _ in root.iter(*BLOCK)), MAX_BLOCKS, "block elements in the page")
    return root


def text_of(el: Element) -> str:
    """An element's visible text, whitespace folded."""
    return " ".join("".join(el.itertext()).split())


def strip_noise(root: Element) -> None:
    """Remove what a reader never sees: scripts, styles, widgets, hidden elements (their tails stay)."""
    etree.strip_elements(root, *NOISE, with_tail=False)
    for el in root.xpath("//*[@hidden or contains(@style, 'none') or contains(@style, 'hidden')]"):
        if el.tag not in ("html", "body") and (el.get("hidden") is not None or _HIDDEN.search(el.get("style") or "")):
            _drop(el)


def _drop(el: Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
