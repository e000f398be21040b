"""Canonical URLs: one key per page, however a site, a share button or a feed spells its link.

The same article reaches us as ``HTTP://WWW.Example.gov.cn:80/a/t1.html?utm_source=x#top``
from a feed and as ``http://example.gov.cn/a/t1.html`` from a listing; both must be seen as
one page before anything is fetched or stored. What is removed is only what never selects
content:

- scheme and host case, a trailing dot on the host, IDNA (punycode) hosts, default ports;
- a leading ``www.`` (exactly ``www.``, not ``www2.``): an identity decision, see below;
- the fragment, except a client-side route (``#/detail/12``, ``#!/a``) that selects the page;
- tracking parameters (``utm_*``, ``spm``, ``from``, share-button and click ids, and for
  WeChat articles everything but ``__biz``, ``mid``, ``idx``, ``sn``);
- ``;jsessionid=...`` path parameters, dot segments, needless percent-escapes.

Kept on purpose: path case (servers are case-sensitive), trailing slashes and
``index.html`` (``/a/`` and ``/a/index.html`` are usually, not always, one page), and every
other query parameter, ``?id=123`` above all; the remaining parameters are sorted so that
their order does not make two keys.

``canonical_url`` is an identity key: dropping ``www.`` makes it unfetchable on the odd host
that serves only ``www``. Fetch ``clean_url`` (same cleaning, host and scheme as given), and
use ``canonical_url`` to decide whether a page was seen and to store it.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "canonical_url", "clean_url", "is_tracking_param"]

# Exact (lower-cased) names of parameters that only say where a click came from.
TRACKING_PARAMS = frozenset(
    {
        # Alibaba / Chinese apps and share buttons
        "spm", "scm", "from", "isappinstalled", "share_token", "share_from", "share_source",
        "share_medium", "share_plat", "share_tag", "shareid", "sharer", "sharesource", "sharetype",
        "tt_from", "tt_medium", "ivk_sa", "wfr", "vd_source", "pvid", "timestamp_share", "app_version",
        "wxshare_count", "appid_share", "source_share",
        # WeChat click context (mp.weixin.qq.com keeps an allow-list below)
        "scene", "subscene", "clicktime", "enterid", "ascene", "sessionid", "chksm",
        # ad networks and mail tools
        "gclid", "dclid", "fbclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
        "mkt_tok", "_hsenc", "_hsmi", "oly_anon_id", "oly_enc_id", "vero_id", "_ga", "_gl",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci")

# Hosts whose articles are selected by a known set of parameters; everything else is context.
ALLOWED_ONLY = {"mp.weixin.qq.com": frozenset({"__biz", "mid", "idx", "sn"})}

DEFAULT_PORTS = {"http": 80, "https": 443}
_JSESSION = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
_UNRESERVED = "-._~"
# Characters kept literally when re-quoting a path or query: RFC 3986 reserved ones plus '%'.
_PATH_SAFE = "/:@!$&'()*+,;=%" + _UNRESERVED
_QUERY_SAFE = "/:@!$'()*+,;=?%" + _UNRESERVED


def is_tracking_param(name: str, host: str = "") -> bool:
    """True when a query parameter only records where a click came from (never the article)."""
    low = name.lower()
    allowed = ALLOWED_ONLY.get(host)
    if allowed is not None:
        return low not in allowed
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The identity key of a web page: ``clean_url`` without ``www.``.

    Raises ValueError for what is not an absolute http(s) URL, so a bad link is reported
    where it was found rather than stored as a key that never matches.
    """
    return _canonical(url, drop_www=True)


def clean_url(url: str) -> str:
    """The URL to fetch: canonical cleaning (tracking parameters, fragment, case, port) but the
    host and scheme exactly as given, so that hosts serving only ``www.`` still answer."""
    return _canonical(url, drop_www=False)


def _canonical(url: str, *, drop_www: bool) -> str:
    raw = "".join(str(url).split())  # links broken over lines or padded with spaces
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"not a URL: {url!r} ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    host = _host(parts.hostname, drop_www=drop_www)
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username or parts.password:
        raise ValueError(f"URL with credentials refused: {url!r}")
    path = _path(parts.path)
    query = _query(parts.query, parts.hostname.lower().rstrip("."))
    fragment = parts.fragment if parts.fragment.startswith(("/", "!")) else ""
    return urlunsplit((scheme, netloc, path, query, fragment))


def _host(hostname: str, *, drop_www: bool) -> str:
    host = hostname.lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass  # already ASCII or not encodable: keep the lower-cased form
    if drop_www and host.startswith("www.") and host.count(".") >= 2:
        host = host[4:]
    return host


def _path(path: str) -> str:
    path = _JSESSION.sub("", path)
    segments: list[str] = []
    for seg in path.split("/"):
        if seg == "..":
            if len(segments) > 1:
                segments.pop()
        elif seg != ".":
            segments.append(seg)
    if path.endswith(("/.", "/..")):
        segments.append("")
    path = "/".join(segments) or "/"
    if not path.startswith("/"):
        path = "/" + path
    return _requote(path, _PATH_SAFE)


def _requote(text: str, safe: str) -> str:
    """Decode escapes of unreserved characters and escape what must be, keeping reserved escapes.

    ``%2F`` stays escaped (it is not a path separator); ``%7E`` becomes ``~``; a raw Chinese
    character and its escaped form come out the same.
    """
    out: list[str] = []
    for i, piece in enumerate(text.split("%")):
        if i == 0:
            out.append(quote(piece, safe=safe))
            continue
        code, rest = piece[:2], piece[2:]
        if len(code) == 2 and all(c in "0123456789abcdefABCDEF" for c in code):
            ch = chr(int(code, 16))
            unreserved = ch.isascii() and ch.isalnum() or ch in _UNRESERVED
            out.append(ch if unreserved else "%" + code.upper())
        else:
            out.append("%25" + quote(code, safe=safe))
        out.append(quote(rest, safe=safe))
    return "".join(out)


def _query(query: str, host: str) -> str:
    """Drop tracking parameters, keep the rest byte for byte (a GBK escape stays that escape)."""
    kept: list[tuple[str, str]] = []
    for piece in query.split("&"):
        if not piece:
            continue
        name, sep, value = piece.partition("=")
        if not name or is_tracking_param(unquote(name.replace("+", " ")), host):
            continue
        kept.append((_requote(name, _QUERY_SAFE), sep + _requote(value, _QUERY_SAFE)))
    kept.sort()
    return "&".join(name + value for name, value in kept)
