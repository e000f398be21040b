"""The shapes the fetcher speaks in: where a source may go, what came back, why it failed.

Kept apart from fetching/http.py so that robots.txt handling and crawling share them without
importing the session machinery.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchError(Exception):
    """A URL could not be fetched (or must not be): ``reason`` says why, for the failure record.

    ``skipped`` marks a deliberate skip (robots.txt), which is not a failure.
    """

    def __init__(self, reason: str, status: int | None = None, skipped: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.skipped = skipped


@dataclass(frozen=True)
class Scope:
    """Where one source may go: its hosts and their ports, and whether private addresses are
    allowed (a source whose own start URL is on loopback or a private network, as in tests).

    ``ports`` holds (host, port) pairs; a host named there may be reached on those ports only,
    any other host of the scope on the default ports (80, 443: http upgraded to https).
    """

    hosts: frozenset[str]
    allow_private: bool = False
    name: str = ""
    ports: frozenset[tuple[str, int]] = frozenset()

    def allows(self, host: str, port: int) -> bool:
        named = {p for h, p in self.ports if h == host}
        return host in self.hosts and port in (named or set(DEFAULT_PORTS.values()))


@dataclass
class Page:
    url: str
    final_url: str
    status: int  # 200-class, or 304 for an unchanged page
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_local_host(host: str) -> bool:
    """localhost, or a literal IP address that is not globally routable."""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return not ipaddress.ip_address(host.strip("[]")).is_global
    except ValueError:
        return False


def origin_of(url: str) -> tuple[str, int]:
    """(host, port) of an http(s) URL, the port made explicit; ValueError for a bad port."""
    parts = urlsplit(url)
    return (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(parts.scheme, 0)


def check_target(url: str, scope: Scope) -> str:
    """The URL's host when it may be fetched for this scope; else FetchError naming why.

    Redirect targets come here uncleaned, so anything two URL parsers could read differently is
    refused: a backslash, userinfo, control characters, and a host or port that
    urlsplit (our checks) and urllib3 (the connection) do not agree on.
    """
    shown = url[:200]
    if "\\" in url:
        raise FetchError(f"refused: backslash in URL {shown}")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        raise FetchError(f"refused: control character in URL {shown!r}")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused: {parts.scheme or 'relative'}: URL {shown}")
    if "@" in parts.netloc or any(c.isspace() for c in parts.netloc):
        raise FetchError(f"refused: userinfo or space in the host part of URL {shown}")
    try:
        host, port = origin_of(url)
        other = parse_url(url)
    except (ValueError, LocationParseError):
        raise FetchError(f"refused: unreadable host or port in URL {shown}") from None
    if (other.host or "").lower().strip("[]") != host or (other.port or DEFAULT_PORTS[parts.scheme]) != port \
            or other.auth:
        raise FetchError(f"refused: URL parsers disagree on the host of {shown}")
    if host not in scope.hosts:
        raise FetchError(f"refused: off-site URL {shown} (allowed hosts: {', '.join(sorted(scope.hosts))})")
    if not scope.allows(host, port):
        raise FetchError(f"refused: off-site URL {shown} (port {port} is not the source's)")
    return host
