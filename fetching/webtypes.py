"""The shapes the fetcher speaks in: where a source may go, what came back, why it failed.

Kept apart from fetching/http.py so that robots.txt handling and crawling share them without
importing the session machinery.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit


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
    """Where one source may go: its hosts, and whether private addresses are allowed (a source
    whose own start URL is on loopback or a private network, as in tests)."""

    hosts: frozenset[str]
    allow_private: bool = False
    name: str = ""


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


def check_target(url: str, scope: Scope) -> str:
    """The URL's host when it may be fetched for this scope; else FetchError naming why."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused: {parts.scheme or 'relative'}: URL {url[:200]}")
    host = (parts.hostname or "").lower()
    if host not in scope.hosts:
        raise FetchError(f"refused: off-site URL {url[:200]} (allowed hosts: {', '.join(sorted(scope.hosts))})")
    return host
