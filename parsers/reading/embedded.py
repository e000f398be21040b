"""Articles carried as escaped HTML inside a script string.

Some news apps serve the article as a JavaScript string (``"\\u003Cp\\u003E…\\u003C\\u002Fp\\u003E"``)
and a text dump of such a page holds that string on one line: read as text it is tags, image links
and a few hundred characters of article run together, and nothing passes for a paragraph.  The
string is unescaped and its HTML read for its text, a block a line; image ``alt`` texts and links
drop out with the tags.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

_ESCAPED_TAG = re.compile(r"\\u003[cC]")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
MIN_ESCAPED_TAGS = 2  # one escaped bracket may be a quotation; a page of them is markup
_BLOCKS = ("p", "div", "br", "h1", "h2", "h3", "h4", "li", "section", "blockquote", "tr")


def has_embedded_html(raw: str) -> bool:
    """The text holds HTML escaped for a script string (``\\u003Cp\\u003E``)."""
    return len(_ESCAPED_TAG.findall(raw, 0, 20000)) >= MIN_ESCAPED_TAGS


def embedded_html_text(raw: str) -> str:
    """The text of ``raw`` with its escaped HTML read as HTML: a block a line."""
    html = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw).replace('\\"', '"').replace("\\/", "/")
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (line.strip() for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line.strip("\"'"))  # the string's own quotes are no line
