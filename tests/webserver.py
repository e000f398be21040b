"""A real HTTP server on loopback for fetch tests: one place that starts it in a thread and stops it.

The fetch tests differ in what their fixture sites serve (their handlers), not in how a server
is run; keeping the start-up here means a change to it (poll interval, threads) is made once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol, TypeVar


class HasBase(Protocol):
    base: str


S = TypeVar("S", bound=HasBase)


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on a free port of 127.0.0.1 until the block ends; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def serve_site(site: S, make_handler: Callable[[S], type[BaseHTTPRequestHandler]]) -> Iterator[S]:
    """A fixture's body (``yield from``): the site's state, served by its handler, ``site.base`` set."""
    with serving(make_handler(site)) as base:
        site.base = base
        yield site
