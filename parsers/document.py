"""One document, end to end and without I/O: bytes or text in, an Extraction out.

decode → (HTML: selectors or trafilatura) → normalise → site rules → extract.
A document that cannot be read raises ParseError with a reason the caller records.
"""

from __future__ import annotations

import hashlib
import re

from parsers.dates import parse_date
from parsers.decode import decode_bytes
from parsers.extract import extract
from parsers.html import HtmlFields, generic_fields, looks_like_html, site_fields
from parsers.normalise import clean_lines, normalise_text
from parsers.page import find_dateline, prepare_lines, read_page
from parsers.records import Article, Extraction
from parsers.registry import GENERIC, choose, get_rules
from parsers.sites import host_of

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
_URL_HEADER = re.compile(r"\A\ufeff?URL:\s*(\S+)\s*\n")


class ParseError(ValueError):
    """The document could not be parsed; str(error) is the reason."""


def content_hash(text: str) -> str:
    """Hash of the body with all whitespace removed, so reflowed copies hash alike."""
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()


def parse_document(
    data: bytes | str,
    *,
    url: str | None = None,
    path: str | None = None,
    headers: dict[str, str] | None = None,
    parser: str = "auto",
    source: str | None = None,
) -> Extraction:
    """Parse and extract one document.  ``url`` or ``path`` says where it came from."""
    if isinstance(data, bytes):
        if len(data) > MAX_DOCUMENT_BYTES:
            raise ParseError(f"document is {len(data)} bytes, over the {MAX_DOCUMENT_BYTES}-byte cap")
        content_type = _header(headers, "content-type")
        raw = decode_bytes(data, content_type).text
    else:
        raw = data
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise ParseError(f"document is {len(raw)} characters, over the cap")
    header = _URL_HEADER.match(raw)
    if header:  # text dumps that start with "URL: ..." (as saved by archives)
        url = url or header.group(1)
        raw = raw[header.end() :]
    if not raw.strip():
        raise ParseError("document is empty")

    html: HtmlFields | None = None
    if looks_like_html(raw):
        rules = choose(url, "", parser) if (parser != "auto" or host_of(url)) else None
        if rules is None or rules.id == GENERIC:
            probe = site_fields(raw, {})
            rules = choose(url, normalise_text(probe.text).text, parser)
        html = site_fields(raw, rules.selectors) if rules.id != GENERIC else generic_fields(raw, url)
        raw_text = "\n".join(filter(None, [html.title, _page_dateline(raw, rules) or html.date_text, html.text]))
    else:
        raw_text = raw
        rules = None

    norm = normalise_text(raw_text)
    if rules is None:
        rules = choose(url, norm.text, parser)
    generic = get_rules(GENERIC)
    lines, line_flags = clean_lines(prepare_lines(norm.text))
    fields = read_page(lines, rules, generic)
    if html is not None:
        _prefer_html_metadata(fields, html)
    body = "\n".join(fields.body).strip()
    if not body:
        raise ParseError("no article text found")

    garbled = [norm.text[s:e] for s, e in norm.mojibake_spans]
    title = fields.title
    found = extract(title, body, garbled, rules.province)
    article = Article(
        source=source or (rules.id if rules.id != GENERIC else (host_of(url) or "local")),
        parser=rules.id,
        url=url,
        path=path,
        title=title,
        published=fields.date.value if fields.date else None,
        published_precision=fields.date.precision if fields.date else None,
        authors=fields.authors,
        publisher=fields.publisher,
        script=norm.script,
        text=body,
        content_hash=content_hash(body),
        flags=sorted(set(norm.flags) | set(line_flags)),
        mojibake_spans=[(m.start(), m.end()) for g in garbled for m in re.finditer(re.escape(g), body)],
    )
    return Extraction(article=article, pairings=found.pairings, funding=found.funding)


def _page_dateline(html: str, rules) -> str | None:
    """The date line as the whole page shows it: main-text extractors often drop it, or keep only the day."""
    lines = prepare_lines(normalise_text(site_fields(html, {}).text).text)
    index = find_dateline([ln for ln in lines if ln][:80], rules)
    return [ln for ln in lines if ln][index] if index is not None else None


def _header(headers: dict[str, str] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value
    return None


def _prefer_html_metadata(fields, html: HtmlFields) -> None:
    """Metadata the HTML states in its own elements beats what the text lines suggest."""
    if html.title and not fields.title:
        fields.title = normalise_text(html.title).text.strip()
    if html.date_text and fields.date is None:
        fields.date = parse_date(html.date_text)
    if html.author and not fields.authors:
        fields.authors = [a for a in re.split(r"[\s,,、;;]+", normalise_text(html.author).text) if a]
