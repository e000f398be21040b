"""Turn fetched bytes into text with the right charset, without ever raising.

Chinese pages lie about their charset in predictable ways: they declare
gb2312 but use GBK characters (镕, 祎), they copy a ``<meta charset>`` from a
template that no longer matches the bytes, or they declare nothing at all.
So each declaration is tried in order of authority, a declaration that decodes
badly is skipped, and detection plus a lossy gb18030 decode catch the rest.
Bytes that are clearly no text at all (an image, an archive, random bytes) decode
to nothing, with the reason, rather than to a page of garbage for the parser to read.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

import charset_normalizer

Method = Literal["header", "bom", "meta", "utf-8", "detected", "fallback", "binary"]

# Labels that mean "some subset of GBK": decode with the superset gb18030.
_GBK_FAMILY = frozenset(
    "gb2312 gbk gb-2312-80 gb2312-80 x-gbk cp936 ms936 windows-936 euc-cn x-euc-cn "
    "csgb2312 gb-2312 chinese iso-ir-58 csiso58gb231280 gb18030".split()
)
# Big5 pages routinely use HKSCS characters; big5hkscs is a superset.
_BIG5_FAMILY = frozenset("big5 big5-hkscs x-x-big5 cn-big5 csbig5 x-big5 cp950".split())
# Western single-byte labels: servers send these by default, they never fail to
# decode, so they are trusted only when nothing better is known.
_WEAK = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii"})

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"\x84\x31\x95\x33", "gb18030"),
)

_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_META = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']\s*([A-Za-z0-9_\-:.]+)""", re.I)
_META_WINDOW = 4096
_ASCII_BYTES = bytes(range(128))
# C0 controls no text uses (tab, newlines, form feed, and ESC/SO/SI of ISO-2022 excluded) and DEL.
_CONTROL = frozenset([*range(0x00, 0x09), *range(0x10, 0x1B), *range(0x1C, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
# Real pages (69 benchmark pages, the corpus) have at most 0.03% control bytes and 0.05% undecodable
# characters; random bytes have ~10% and ~12%.  Below _MIN_EVIDENCE bytes a share says too little.
_MAX_CONTROL_SHARE = 0.01
_MAX_INVALID_SHARE = 0.05
_MIN_EVIDENCE = 256


@dataclass(frozen=True)
class Decoded:
    """Decoded text plus how its charset was chosen (kept for quality flags)."""

    text: str
    encoding: str
    method: Method
    reason: str | None = None  # why the bytes are not text (method "binary", text empty)


def normalise_charset(label: str | None) -> str | None:
    """Map a declared charset label to the Python codec we actually use, or None if unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower().replace("_", "-")
    if key in _GBK_FAMILY:
        return "gb18030"
    if key in _BIG5_FAMILY:
        return "big5hkscs"
    if key in ("utf8", "unicode-1-1-utf-8", "utf8mb4", "utf8mb3"):
        return "utf-8"
    try:
        name = codecs.lookup(key).name
    except (LookupError, ValueError):
        return None
    return {"iso8859-1": "latin-1", "latin_1": "latin-1", "us-ascii": "ascii"}.get(name, name)


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header value, if any."""
    if not content_type:
        return None
    m = _CHARSET_PARAM.search(content_type)
    return m.group(1) if m else None


def _sniff_bom(data: bytes) -> tuple[str, int] | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def _sniff_meta(data: bytes) -> str | None:
    head = data[:_META_WINDOW]
    m = _META.search(head) or _XML_DECL.search(head)
    if not m:
        return None
    enc = normalise_charset(m.group(1).decode("ascii", "replace"))
    # A meta tag readable as ASCII cannot really be UTF-16 (WHATWG: treat as UTF-8).
    if enc and enc.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return enc


def _decode(data: bytes, encoding: str) -> str | None:
    """Lossy decode that strips a leading BOM; None if the codec itself misbehaves."""
    try:
        text = data.decode(encoding, errors="replace")
    except (LookupError, ValueError, TypeError):
        return None
    return text[1:] if text.startswith("\ufeff") else text


def _bad(text: str | None) -> bool:
    """True when a decode is clearly wrong: many replacement characters (a few is just damage)."""
    if text is None:
        return True
    n = text.count("\ufffd")
    return n >= 3 and n > 0.005 * len(text)


def _is_multibyte_utf8(data: bytes) -> bool:
    """Strictly valid UTF-8 with enough non-ASCII bytes that it cannot be chance."""
    if len(data.translate(None, _ASCII_BYTES)) < 8:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _cjk_share(text: str) -> float:
    """Share of CJK characters among the non-ASCII ones (1.0 when there are none)."""
    non_ascii = [c for c in text if ord(c) >= 0x80]
    if not non_ascii:
        return 1.0
    cjk = sum(1 for c in non_ascii if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
    return cjk / len(non_ascii)


def not_text(data: bytes) -> str | None:
    """Why ``data`` is clearly not text (too many control bytes), or None; one C-speed pass."""
    if len(data) < _MIN_EVIDENCE:
        return None
    share = len(data.translate(None, _NOT_CONTROL)) / len(data)
    return f"not text: {share:.1%} of the bytes are control bytes" if share > _MAX_CONTROL_SHARE else None


def _undecodable(data: bytes) -> str | None:
    """Why no charset reads ``data`` (many invalid sequences in each), or None.

    Run where detection would: no declaration, and not UTF-8 even with a few bad bytes.
    """
    if len(data) < _MIN_EVIDENCE:
        return None
    shares = []
    for enc in ("gb18030", "big5hkscs"):
        text = data.decode(enc, errors="replace")
        shares.append(text.count("\ufffd") / max(1, len(text)))
    share = min(shares)
    if share <= _MAX_INVALID_SHARE:
        return None
    return f"not text: {share:.1%} of the characters are invalid in UTF-8, GB18030 and Big5"


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess, overruled by a Chinese codec when that decodes cleanly to CJK.

    The detector sometimes picks a Cyrillic or Western code page for GBK pages;
    this project only reads Chinese pages, so a clean CJK reading is preferred.
    """
    try:
        best = charset_normalizer.from_bytes(data).best()
    except Exception:  # noqa: BLE001 - a detector bug must not break decoding
        best = None
    guess = normalise_charset(best.encoding) if best is not None else None
    if guess in ("gb18030", "big5hkscs", "utf-8"):
        return guess
    for alt in ("gb18030", "big5hkscs"):
        text = _decode(data, alt)
        if not _bad(text) and _cjk_share(text or "") >= 0.8:
            return alt
    return guess


def _nearly_utf8(data: bytes, max_share: float = 0.01) -> str | None:
    """UTF-8 with a few bad sequences (a handful, or under 1% of non-ASCII bytes), U+FFFD for them."""
    non_ascii = sum(b >= 0x80 for b in data)
    if non_ascii < 32:
        return None
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return text if bad <= max(4, max_share * non_ascii) else None


def decode_bytes(data: bytes, content_type: str | None = None) -> Decoded:
    """Decode page bytes: header, BOM, meta, strict UTF-8, detection, then lossy gb18030.

    A BOM that disagrees with the header wins (it cannot be there by accident);
    a declared legacy charset on bytes that are long, strictly valid UTF-8 loses
    to UTF-8 (GBK text is never valid UTF-8 by chance).  Bytes that are clearly
    not text give method "binary", no text and the reason.  Never raises: fetch
    and crawl flows decode pages outside any parse error handling.
    """
    data = bytes(data or b"")
    tried: list[tuple[str, str]] = []  # (encoding, text) of declared decodes that looked bad
    bom = _sniff_bom(data)
    header = normalise_charset(charset_from_content_type(content_type))
    wide = ((bom[0] if bom else header) or "").startswith(("utf-16", "utf-32"))  # NUL bytes are text there
    reason = None if wide else not_text(data)
    if reason:
        return Decoded("", "binary", "binary", reason)
    utf8_ok = _is_multibyte_utf8(data)

    weak_header = header if header in _WEAK else None
    if header and not weak_header:
        if bom and bom[0] != header:
            pass  # the BOM below wins
        elif utf8_ok and header != "utf-8" and not bom:
            return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
        else:
            text = _decode(data, header)
            if not _bad(text):
                return Decoded(text or "", header, "header")
            tried.append((header, text or ""))

    if bom:
        enc, size = bom
        text = _decode(data[size:], enc)
        if not _bad(text):
            return Decoded(text or "", enc, "bom")
        tried.append((enc, text or ""))

    meta = _sniff_meta(data)
    if meta and meta not in _WEAK:
        if utf8_ok and meta != "utf-8":
            return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
        text = _decode(data, meta)
        if not _bad(text):
            return Decoded(text or "", meta, "meta")
        tried.append((meta, text or ""))

    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    nearly = _nearly_utf8(data)
    if nearly is not None:  # a few broken sequences must not turn a whole UTF-8 page into garbage
        return Decoded(nearly, "utf-8", "utf-8")
    reason = _undecodable(data)
    if reason:
        return Decoded("", "binary", "binary", reason)

    detected = _detect(data)
    if detected:
        text = _decode(data, detected)
        if not _bad(text):
            return Decoded(text or "", detected, "detected")
        tried.append((detected, text or ""))

    if weak_header:
        text = _decode(data, weak_header)
        if text is not None:
            return Decoded(text, weak_header, "header")

    # Last resort: the candidate with the fewest replacement characters.
    best_enc, best_text = "gb18030", data.decode("gb18030", errors="replace")
    for enc, text in tried:
        if text.count("\ufffd") < best_text.count("\ufffd"):
            best_enc, best_text = enc, text
    return Decoded(best_text, best_enc, "fallback")
