"""Connections that decide where they go, and a deadline no slow sender outlives.

Why connections of our own: checking a host name's addresses and then letting urllib3 resolve
it again to connect leaves a gap a rebinding DNS server uses (public answer for the check,
private one for the connection).  Here a name is resolved once, every address it gave is
checked, and the socket is connected to one of those very addresses.  A host name that is not
itself local (``localhost``, a literal private or loopback address) must resolve to public
addresses only; loopback sources, as in tests, stay loopback.

Why a watchdog: a socket timeout bounds each ``recv``, not a whole request, so a server that
sends one byte a second (headers or body) never trips it.  ``Deadline`` shuts the request's
socket down when its time is up, which ends any blocked read at once; the fetcher's own reads
are small and use a socket timeout no longer than the time left.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.utils import select_proxy
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.response import BaseHTTPResponse
from urllib3.util.connection import create_connection

from fetching.webtypes import is_local_host

ALLOW_PROXY_ENV = "PAIRWATCH_ALLOW_PROXY"


class RefusedAddress(Exception):  # noqa: N818 - a refusal, not a fault; deliberately no OSError (urllib3 would retry it)
    """The host name resolved to an address this fetcher must not connect to."""


class Deadline:
    """One request's time limit: ``left()`` for socket timeouts, and a timer that shuts its sockets down."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.fired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return self.at - time.monotonic()

    @property
    def over(self) -> bool:
        return self.fired or self.left() <= 0

    def watch(self, sock: socket.socket | None) -> None:
        """Shut this socket down when the time is up (at once, if it already is)."""
        if sock is None:
            return
        with self._lock:
            if sock not in self._socks:
                self._socks.append(sock)
            fired = self.fired
        if fired:
            _shutdown(sock)

    def cancel(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._socks.clear()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            socks = list(self._socks)
        for sock in socks:
            _shutdown(sock)


_CURRENT: ContextVar[Deadline | None] = ContextVar("pairwatch_request_deadline", default=None)


@contextmanager
def request_deadline(seconds: float) -> Iterator[Deadline]:
    """Within the block, connections made or used by this thread are bound to one deadline."""
    deadline = Deadline(seconds)
    token = _CURRENT.set(deadline)
    try:
        yield deadline
    finally:
        _CURRENT.reset(token)
        deadline.cancel()


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: nothing left to stop


def _bounded(timeout: float | None) -> float | None:
    """A socket timeout no longer than the current deadline's time left (at least a moment)."""
    deadline = _CURRENT.get()
    if deadline is None:
        return timeout
    left = max(0.01, deadline.left())
    return left if timeout is None else min(timeout, left)


def resolve_checked(host: str, port: int) -> list[tuple[str, int]]:
    """The addresses to connect to, resolved once; RefusedAddress when a name that is not local
    resolves to any private, loopback, link-local or otherwise non-public address."""
    bare = host.strip("[]")
    infos = socket.getaddrinfo(bare, port, type=socket.SOCK_STREAM)
    addresses: list[tuple[str, int]] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        ip = str(sockaddr[0])
        if not is_local_host(bare) and not ipaddress.ip_address(ip.split("%")[0]).is_global:
            raise RefusedAddress(f"{bare} resolves to non-public address {ip}")
        if (ip, port) not in addresses:
            addresses.append((ip, port))
    return addresses


class _Checked:
    """Mixed into urllib3's connections: connect to a checked address, under the deadline."""

    def _new_conn(self) -> socket.socket:
        conn: HTTPConnection = self  # type: ignore[assignment]
        try:
            addresses = resolve_checked(conn._dns_host, conn.port)  # noqa: SLF001 - urllib3's resolvable host
        except socket.gaierror as exc:
            raise NameResolutionError(conn.host, conn, exc) from exc
        error: OSError | None = None
        for address in addresses:
            try:
                sock = create_connection(address, _bounded(conn.timeout), source_address=conn.source_address,
                                         socket_options=conn.socket_options)
            except TimeoutError as exc:
                raise ConnectTimeoutError(conn, f"Connection to {conn.host} timed out") from exc
            except OSError as exc:
                error = exc
                continue
            deadline = _CURRENT.get()
            if deadline is not None:
                deadline.watch(sock)
            return sock
        raise NewConnectionError(conn, f"Failed to establish a new connection: {error}")

    def getresponse(self) -> BaseHTTPResponse:
        conn: HTTPConnection = self  # type: ignore[assignment]
        deadline = _CURRENT.get()
        if deadline is not None:  # a kept-alive connection is watched from here on
            deadline.watch(conn.sock)
            conn.timeout = _bounded(conn.timeout)  # type: ignore[assignment]
        return super().getresponse()  # type: ignore[misc]


class CheckedHTTPConnection(_Checked, HTTPConnection):
    pass


class CheckedHTTPSConnection(_Checked, HTTPSConnection):
    pass


class _CheckedHTTPPool(HTTPConnectionPool):
    ConnectionCls = CheckedHTTPConnection


class _CheckedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = CheckedHTTPSConnection


class CheckedAdapter(HTTPAdapter):
    """requests' adapter with the checked connections for http and https.

    A proxy (HTTP_PROXY, HTTPS_PROXY) connects to the target itself, past the address check: a
    request it would carry is refused unless ALLOW_PROXY_ENV is set, and then the target's name
    is still checked here first (the proxy resolves it again, so a rebinding DNS server can slip
    through: allow a proxy you trust to refuse private addresses itself)."""

    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        super().init_poolmanager(*args, **kwargs)  # type: ignore[arg-type]
        self.poolmanager.pool_classes_by_scheme = {"http": _CheckedHTTPPool, "https": _CheckedHTTPSPool}

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        proxy = select_proxy(request.url or "", kwargs.get("proxies") or {})
        if proxy:
            target = urlsplit(request.url or "")
            if not os.environ.get(ALLOW_PROXY_ENV):
                raise RefusedAddress(f"the proxy {urlsplit(proxy).hostname} would reach {target.hostname} past the "
                                     f"address check; set {ALLOW_PROXY_ENV}=1 to fetch through it, or list the host "
                                     "in NO_PROXY")
            resolve_checked(target.hostname or "", target.port or (443 if target.scheme == "https" else 80))
        return super().send(request, *args, **kwargs)


def checked_session(session: requests.Session | None = None) -> requests.Session:
    """A session whose every connection goes through the address check and the deadline."""
    session = session or requests.Session()
    for prefix in ("http://", "https://"):
        session.mount(prefix, CheckedAdapter())
    return session
