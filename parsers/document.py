"""One document, end to end and without I/O: bytes or text in, an Extraction out.

decode → (HTML: blocks by selectors or density, hints from meta tags) → normalise →
site rules (parsers/reading/site_reader.py) or the generic reader (parsers/reading/generic_reader.py) → extract.
Continuation pages of a multi-page article are read the same way and their body
appended.  A document that cannot be read raises ParseError with a reason the
caller records.  Every document is bounded: a byte cap, a character cap after decoding, a
line-length cap, and a time limit (parsers/deadline.py) that the hot loops check in any thread.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from parsers.deadline import DEFAULT_TIME_LIMIT, MAX_LINE_CHARS, MAX_TEXT_CHARS, ParseError, cap, deadline
from parsers.reading.decode import decode_bytes
from parsers.reading.embedded import embedded_html_text, has_embedded_html
from parsers.reading.generic_reader import Hints, read_article, text_blocks
from parsers.reading.html_blocks import HtmlError, HtmlPage, looks_like_html, read_html, without_stray_markup
from parsers.reading.normalise import (
    Normalised,
    clean_lines,
    detect_script,
    nfc,
    normalise_text,
    to_simplified,
)
from parsers.reading.page_blocks import Block
from parsers.reading.registry import GENERIC, choose, get_rules
from parsers.reading.site_reader import PageFields, find_dateline, prepare_lines, read_page
from parsers.reading.site_rules import SiteRules, host_of
from parsers.records import Article, Extraction
from parsers.urls import canonical_url

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
_URL_HEADER = re.compile(r"\A\ufeff?URL:\s*(\S+)\s*\n")
_SPLIT = re.compile(r"[\s,，、;；]+")
_SCRIPT_SAMPLE = 4000  # characters of the article that tell its script


@dataclass
class ReadDocument:
    """A document read into its fields, before extraction: what the HTML benchmark scores."""

    rules: SiteRules
    fields: PageFields
    norm: Normalised
    url: str | None
    flags: set[str] = field(default_factory=set)


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
    more_pages: list[bytes | str] | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Extraction:
    """Parse and extract one document.  ``url`` or ``path`` says where it came from; ``more_pages``
    are the raw continuation pages (下一页, _2.html) whose body is appended to this page's.
    Over ``time_limit`` seconds (None: no limit) it raises ParseError, in whatever thread it runs."""
    if time_limit is not None:
        warm_up()
    with deadline(time_limit):
        return _parse(data, url=url, path=path, headers=headers, parser=parser, source=source, more_pages=more_pages)


# A short article of our own: parsing it once loads what the reader and the extractor load lazily.
# (a listed pair, a township, an organisation whose name jieba's tagger has to cut: each loads its tables)
_WARM_UP_TEXT = ("宁波市对口帮扶凉山州\n2024年5月1日\n"
                 "近日,宁波市对口帮扶凉山州,争取华信建设集团向昭觉县城关镇新城村捐赠帮扶资金100万元。")


@lru_cache(maxsize=1)
def warm_up() -> None:
    """Load the tables the parser loads on first use (the gazetteer, jieba's dictionary, the
    lexicons, the frames' automata) outside any document's time limit: the first document a process
    parses should not pay for them (on a loaded machine that alone can pass the limit)."""
    _parse(_WARM_UP_TEXT, url=None, path=None, headers=None, parser="auto", source=None, more_pages=None)


def _parse(data: bytes | str, *, url: str | None, path: str | None, headers: dict[str, str] | None,
           parser: str, source: str | None, more_pages: list[bytes | str] | None) -> Extraction:
    doc = read_document(data, url=url, headers=headers, parser=parser, more_pages=more_pages)
    rules, fields, norm = doc.rules, doc.fields, doc.norm
    body = "\n".join(fields.body).strip()
    if not body:
        raise ParseError("no article text found")
    from parsers.extraction.extract import (
        extract,  # here: it loads the gazetteer, which reading a page never needs
    )

    garbled = list(dict.fromkeys(norm.text[s:e] for s, e in norm.mojibake_spans))  # each run once: copies repeat
    date = fields.date if fields.date is not None and fields.date.precision != "month" else None
    found = extract(fields.title, body, garbled, rules.province, published=date.value.date() if date else None)
    article = Article(
        source=source or (rules.id if rules.id != GENERIC else (host_of(doc.url) or "local")),
        parser=rules.id,
        url=doc.url,
        path=path,
        canonical_url=_canonical(doc.url),
        title=fields.title,
        published=date.value if date else None,
        published_precision=date.precision if date else None,
        authors=fields.authors,
        publisher=fields.publisher,
        script=norm.script,
        text=body,
        content_hash=content_hash(body),
        flags=sorted(doc.flags),
        mojibake_spans=[(m.start(), m.end()) for g in garbled for m in re.finditer(re.escape(g), body)],
    )
    return Extraction(article=article, pairings=found.pairings, funding=found.funding)


def read_document(
    data: bytes | str,
    *,
    url: str | None = None,
    headers: dict[str, str] | None = None,
    parser: str = "auto",
    more_pages: list[bytes | str] | None = None,
    normalise: bool = True,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> ReadDocument:
    """Decode and read one document into its fields (title, date, authors, 来源, body), without extraction.

    ``normalise=False`` skips the full normalisation (pinyin, mojibake) of an HTML page's title and
    body, leaving them in Simplified script only: the benchmark's reading-only figure.
    """
    with deadline(time_limit):
        return _read(data, url, headers, parser, more_pages, normalise)


def _read(data: bytes | str, url: str | None, headers: dict[str, str] | None, parser: str,
          more_pages: list[bytes | str] | None, normalise: bool) -> ReadDocument:
    raw, url = _text_of(data, url, headers)
    doc = _read_one(raw, url, parser, normalise)
    for page in more_pages or []:
        try:
            more_raw, _ = _text_of(page, url, headers)
            more = _read_one(more_raw, url, doc.rules.id, normalise)
        except ParseError:
            doc.flags.add("continuation_unreadable")
            continue
        seen = set(doc.fields.body)
        doc.fields.body += [x for x in more.fields.body if x not in seen and x != doc.fields.title]
        doc.flags |= more.flags
    doc.fields.body, line_flags = clean_lines(doc.fields.body)
    doc.flags |= set(line_flags)
    return doc


def _text_of(data: bytes | str, url: str | None, headers: dict[str, str] | None) -> tuple[str, str | None]:
    if isinstance(data, bytes):
        if len(data) > MAX_DOCUMENT_BYTES:
            raise ParseError(f"document is {len(data)} bytes, over the {MAX_DOCUMENT_BYTES}-byte cap")
        decoded = decode_bytes(data, _header(headers, "content-type"))
        if decoded.method == "binary":
            raise ParseError(decoded.reason or "not text")
        raw = decoded.text
    else:
        raw = data
    if len(raw) > MAX_TEXT_CHARS:
        raise ParseError(f"document is {len(raw)} characters, over the {MAX_TEXT_CHARS}-character cap")
    header = _URL_HEADER.match(raw)
    if header:  # text dumps that start with "URL: ..." (as saved by archives)
        url = url or header.group(1)
        raw = raw[header.end() :]
    if not raw.strip():
        raise ParseError("document is empty")
    return raw, url


def _read_one(raw: str, url: str | None, parser: str, normalise: bool = True) -> ReadDocument:
    """One page (the first, or a continuation read with the first page's parser)."""
    if looks_like_html(raw):
        doc = _read_html(raw, url, parser, normalise)
        plain = None if doc.fields.body else without_stray_markup(raw)
        if plain is None or not plain.strip():
            return doc
        # a text that only carries stray tags (an excerpt with an injected <p id=…> fragment): read as text
        doc = _read_text(plain, url, parser)
        doc.flags.add("stray_markup")
        return doc
    return _read_text(raw, url, parser)


def _read_text(raw: str, url: str | None, parser: str) -> ReadDocument:
    """A plain-text page (or an app page's text dump)."""
    if has_embedded_html(raw):  # a text dump of an app page: the article is an escaped HTML string
        raw = embedded_html_text(raw)
    _check_lines(raw.splitlines())
    norm = normalise_text(raw)
    rules = choose(url, norm.text, parser)
    lines, line_flags = clean_lines(prepare_lines(norm.text))
    if rules.id == GENERIC:
        fields = read_article(text_blocks(lines), Hints(url=url), rules)
    else:
        fields = read_page(lines, rules, get_rules(GENERIC))
    return ReadDocument(rules, fields, norm, url, set(norm.flags) | set(line_flags))


def _read_html(raw: str, url: str | None, parser: str, normalise: bool = True) -> ReadDocument:
    try:
        page = read_html(raw, url)
        blocks = _simplified(page.blocks)
        rules = choose(url, "\n".join(b.text for b in blocks), parser)
        if rules.id != GENERIC and rules.selectors:
            page = read_html(raw, url, rules.selectors)
            blocks = _simplified(page.blocks)
    except HtmlError as exc:
        raise ParseError(str(exc)) from exc
    hints = _normalise_hints(page.hints)
    if rules.id == GENERIC:
        fields = read_article(blocks, hints, rules)
    else:
        fields = _read_site_html(page, blocks, rules)
        _prefer_html_metadata(fields, hints)
    _check_lines([fields.title or "", *fields.body])
    main = "\n".join(b.text for b in page.blocks if b.in_main)[:_SCRIPT_SAMPLE]
    script, converted = detect_script(main), to_simplified(main) != main
    if normalise:
        norm = _normalise_fields(fields, script, converted)
    else:
        norm = Normalised("\n".join(fields.body), ("converted_from_traditional",) * converted, (), script)
    return ReadDocument(rules, fields, norm, url, set(norm.flags))


def _check_lines(lines: list[str]) -> None:
    """A line longer than any paragraph is not an article: the normaliser's per-line work stays bounded."""
    cap(max(map(len, lines), default=0), MAX_LINE_CHARS, "characters in one line")


def _simplified(blocks: list[Block]) -> list[Block]:
    """Blocks in Simplified script, so that labels (來源, 記者) and names read alike in either script.

    Only this cheap step runs on the whole page; the full normalisation (pinyin, mojibake)
    runs on what the reader kept, which is a fraction of the page.
    """
    texts = to_simplified(nfc("\n".join(b.text for b in blocks))).split("\n")
    if len(texts) != len(blocks):
        texts = [to_simplified(nfc(b.text)).replace("\n", " ") for b in blocks]
    return [Block(t, b.link_chars, b.in_main, b.tag) for t, b in zip(texts, blocks, strict=True)]


def _normalise_fields(fields: PageFields, script: str, converted: bool) -> Normalised:
    """Title and body through the full normalisation, line for line; the script is the original page's."""
    head = [fields.title] if fields.title else []
    lines = head + fields.body
    norm = normalise_text("\n".join(lines))
    out = norm.text.split("\n")
    if len(out) != len(lines):  # a repair changed the line structure: line by line instead
        out = [" ".join(normalise_text(x).text.split()) for x in lines]
    if head:
        fields.title = out[0].strip() or None
    fields.body = [x.strip() for x in out[len(head) :] if x.strip()]
    flags = set(norm.flags) | ({"converted_from_traditional"} if converted else set())
    return replace(norm, script=script, flags=tuple(sorted(flags)))


def _normalise_hints(hints: Hints) -> Hints:
    def norm(text: str | None) -> str | None:
        return " ".join(to_simplified(nfc(text)).split()) if text else text

    return Hints(page_title=norm(hints.page_title), titles=tuple(norm(t) or "" for t in hints.titles),
                 dates=hints.dates, authors=tuple(norm(a) or "" for a in hints.authors), url=hints.url)


def _read_site_html(page: HtmlPage, blocks: list[Block], rules: SiteRules) -> PageFields:
    """A known site's HTML: its rules read the title, the page's own date line and the article element."""
    all_lines = [b.text for b in blocks]
    index = find_dateline(all_lines[:80], rules)
    main = [b.text for b in blocks if b.in_main]
    head = [to_simplified(nfc(t)) for t in (page.title, page.date_text) if t]
    if index is not None and all_lines[index] not in main and all_lines[index] not in head:
        head.append(all_lines[index])
    return read_page(prepare_lines("\n".join(head + main)), rules, get_rules(GENERIC))


def _prefer_html_metadata(fields: PageFields, hints: Hints) -> None:
    """Metadata the HTML states in its own elements fills what the text lines left open."""
    if not fields.title and hints.titles:
        fields.title = hints.titles[0]
    if fields.date is None and hints.dates:
        fields.date = hints.dates[0]
    if not fields.authors and hints.authors:
        fields.authors = [a for a in _SPLIT.split(hints.authors[0]) if a]


def _canonical(url: str | None) -> str | None:
    """The URL's identity key (parsers/urls.py); a URL too broken to normalise has none."""
    if not url:
        return None
    try:
        return canonical_url(url)
    except ValueError:
        return None


def _header(headers: dict[str, str] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value
    return None


__all__ = ["MAX_DOCUMENT_BYTES", "ParseError", "ReadDocument", "content_hash", "parse_document", "read_document"]
