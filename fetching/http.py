"""HTTP for the fetcher: one session per run, polite and bounded.

Why each rule: a User-Agent naming pairwatch and robots.txt so site owners can see and steer
us; a delay per host so a run never hammers a small government portal; retries only where a
second try can help (connection errors, 429, 5xx), honouring Retry-After up to a bound; a
body cap counted after decompression so a gzip bomb stops at the cap; redirects followed by
hand, so that one leaving the source's hosts and ports, or one two URL parsers read
differently, is refused before it is requested; connections go only to the address their
host name was resolved to and checked as (fetching/connection.py: no private address from a
public source, DNS rebinding included); a deadline per request that holds while headers and
body trickle in, read in small pieces, so a slow sender costs ``timeout`` and no more (not
retried now: the link is a recorded failure, tried again on a later run).  Every refusal is a
FetchError with a reason the caller records; nothing here raises anything else for a bad site.
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from fetching.connection import Deadline, RefusedAddress, checked_session, request_deadline
from fetching.robots import RobotsCache
from fetching.webtypes import FetchError, Page, Scope, check_target, is_local_host
from store.fetch_state import FetchState

USER_AGENT = "pairwatch/0.1 (scheduled news monitoring of paired-assistance reports)"
MAX_BODY_BYTES = 10 * 1024 * 1024
REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 16 * 1024  # one read: what a single recv returns at most, so the deadline is checked often


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date (RFC 9110); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class _BrokenBody(Exception):
    """The connection broke while the body was being read: worth another try."""


class Fetcher:
    """A requests session with per-host pacing, robots.txt, retries, a body cap and scoped redirects.

    ``state`` (optional) keeps robots.txt for a day between runs.  ``requests_made`` lists
    every request sent, as (url, status or None), for logs and tests.
    """

    def __init__(
        self,
        session: requests.Session | None = None,
        *,
        max_bytes: int = MAX_BODY_BYTES,
        retries: int = 2,
        backoff: float = 0.5,
        max_retry_after: float = 30.0,
        max_redirects: int = 5,
        state: FetchState | None = None,
    ) -> None:
        self.session = checked_session(session)
        self.session.headers["User-Agent"] = USER_AGENT
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.max_redirects = max_redirects
        self.robots = RobotsCache(self._fetch_robots, state)
        self.requests_made: list[tuple[str, int | None]] = []
        self._next: dict[str, float] = {}  # host -> earliest monotonic time of its next request
        self._down: dict[str, str] = {}  # host:port -> why it was unreachable earlier in this run

    def get(self, url: str, scope: Scope, timeout: float, delay: float,
            headers: dict[str, str] | None = None) -> Page:
        """GET within the scope, robots.txt permitting; redirects followed only within the scope."""
        check_target(url, scope)
        delay = max(delay, self.robots.check(url, scope, timeout, delay))
        return self._follow(url, scope, timeout, delay, headers or {}, self.max_bytes, robots=True)

    def close(self) -> None:
        self.session.close()

    # -- internals --------------------------------------------------------------------------------

    def _fetch_robots(self, url: str, scope: Scope, timeout: float, delay: float, cap: int) -> Page:
        return self._follow(url, scope, timeout, delay, {}, cap, robots=False, truncate=True)

    def _follow(self, url: str, scope: Scope, timeout: float, delay: float, headers: dict[str, str],
                cap: int, robots: bool, truncate: bool = False) -> Page:
        current = url
        for _ in range(self.max_redirects + 1):
            status, resp_headers, body = self._request(current, scope, timeout, delay, headers, cap, truncate)
            location = resp_headers.get("Location")
            if 300 <= status < 400 and status != 304 and not (status in REDIRECTS and location):
                raise FetchError(f"HTTP {status} without a redirect to follow", status)
            if status in REDIRECTS and location:
                target = urljoin(current, location.strip())
                try:
                    check_target(target, scope)
                except FetchError as exc:
                    raise FetchError(f"redirect refused: {current} -> {target[:200]}: {exc.reason}", status) from None
                if robots:
                    delay = max(delay, self.robots.check(target, scope, timeout, delay))
                current, headers = target, {}
                continue
            return Page(url=url, final_url=current, status=status, headers=resp_headers, content=body)
        raise FetchError(f"more than {self.max_redirects} redirects from {url}")

    def _request(self, url: str, scope: Scope, timeout: float, delay: float, headers: dict[str, str],
                 cap: int, truncate: bool) -> tuple[int, dict[str, str], bytes]:
        """One URL with its retries; redirects and 304 come back with an empty body."""
        host, origin = (urlsplit(url).hostname or "").lower(), urlsplit(url).netloc.lower()
        if origin in self._down:
            raise FetchError(f"unreachable (earlier in this run): {self._down[origin]}")
        if not scope.allow_private and is_local_host(host):  # a literal address: no DNS needed to say no
            raise FetchError(f"refused: {host} is a non-public address")
        for attempt in range(self.retries + 1):
            self._pace(host)
            with request_deadline(timeout) as deadline:
                answer = self._attempt(url, host, origin, headers, cap, truncate, timeout, delay, deadline, attempt)
            if answer is not None:
                return answer
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _attempt(self, url: str, host: str, origin: str, headers: dict[str, str], cap: int, truncate: bool,
                 timeout: float, delay: float, deadline: Deadline,
                 attempt: int) -> tuple[int, dict[str, str], bytes] | None:
        """One try within its deadline: the answer, or None when another try is worth it."""
        last = attempt == self.retries
        over = f"timeout: not complete within {timeout:g} s"
        try:
            resp = self.session.get(url, headers=headers, timeout=(timeout, timeout), stream=True,
                                    allow_redirects=False)
        except RefusedAddress as exc:  # nothing was sent
            raise FetchError(f"refused: {exc}") from None
        except requests.Timeout:
            self.requests_made.append((url, None))
            self._rest(host, delay)
            raise FetchError(over if deadline.over else f"timeout: no answer within {timeout:g} s") from None
        except requests.ConnectionError as exc:
            self.requests_made.append((url, None))
            if deadline.over:  # the watchdog cut headers that trickled in: a timeout, not a broken host
                self._rest(host, delay)
                raise FetchError(over) from None
            self._rest(host, delay, 0 if last else self.backoff * 2**attempt)
            if last:
                self._down[origin] = _short(exc)
                raise FetchError(f"unreachable: {_short(exc)}") from None
            return None
        except requests.RequestException as exc:
            self.requests_made.append((url, None))
            self._rest(host, delay)
            raise FetchError(over if deadline.over else f"bad request: {_short(exc)}") from None
        status = resp.status_code
        self.requests_made.append((url, status))
        resp_headers = dict(resp.headers)
        if status == 429 or status >= 500:
            resp.close()
            wait = retry_after_seconds(resp_headers.get("Retry-After"))
            if last:
                self._rest(host, delay, wait or 0)
                raise FetchError(f"HTTP {status} after {attempt + 1} attempts", status)
            if wait is not None and wait > self.max_retry_after:
                self._rest(host, delay, wait)
                raise FetchError(f"HTTP {status} with Retry-After {wait:g} s, over the "
                                 f"{self.max_retry_after:g} s bound", status)
            self._rest(host, delay, self.backoff * 2**attempt if wait is None else wait)
            return None
        if status >= 300:  # redirects and 304 carry no body we want; 4xx are failures
            resp.close()
            self._rest(host, delay)
            if status >= 400:
                raise FetchError(f"HTTP {status}", status)
            return status, resp_headers, b""
        try:
            body = self._read(resp, cap, deadline, timeout, truncate)
        except _BrokenBody as exc:
            resp.close()
            self._rest(host, delay, 0 if last else self.backoff * 2**attempt)
            if last:
                raise FetchError(f"connection broken mid-body: {exc}", status) from None
            return None
        except FetchError:
            resp.close()  # over-size, too slow or undecodable: drop the connection, not the run
            self._rest(host, delay)
            raise
        if len(body) < cap:  # read to the end: the connection can serve the host's next request
            resp.raw.release_conn()
        else:
            resp.close()
        self._rest(host, delay)
        return status, resp_headers, body

    def _read(self, resp: requests.Response, cap: int, deadline: Deadline, timeout: float, truncate: bool) -> bytes:
        """The body, decompressed, at most ``cap`` bytes, before the request's deadline.

        Small reads (at most one recv each), each with a socket timeout no longer than the time
        left: a sender that trickles a byte at a time meets the deadline, not ``timeout`` per read.
        """
        length = resp.headers.get("Content-Length", "")
        encoding = resp.headers.get("Content-Encoding", "identity").strip().lower()
        if length.isdigit() and encoding in ("", "identity") and int(length) > cap and not truncate:
            raise FetchError(f"over-size: Content-Length {length} is over the {cap}-byte cap", resp.status_code)
        over = FetchError(f"timeout: body not complete within {timeout:g} s", resp.status_code)
        chunks: list[bytes] = []
        total = 0
        raw = resp.raw
        try:
            while True:
                left = deadline.left()
                if left <= 0 or deadline.fired:
                    raise over
                sock = getattr(raw.connection, "sock", None)
                if sock is not None:
                    sock.settimeout(min(timeout, max(0.01, left)))
                chunk = raw.read1(_CHUNK, decode_content=True)
                if not chunk:
                    if deadline.fired:  # the watchdog shut the socket: what ended was the time, not the body
                        raise over
                    break
                total += len(chunk)
                if total > cap:
                    if truncate:
                        chunks.append(chunk[: cap - total + len(chunk)])
                        break
                    raise FetchError(f"over-size: body over the {cap}-byte cap (counted after decompression)",
                                     resp.status_code)
                chunks.append(chunk)
        except urllib3.exceptions.ReadTimeoutError:
            raise over from None
        except urllib3.exceptions.DecodeError as exc:
            raise FetchError(f"undecodable body ({encoding}): {_short(exc)}", resp.status_code) from None
        except (urllib3.exceptions.ProtocolError, urllib3.exceptions.HTTPError, OSError) as exc:
            if deadline.over:
                raise over from None
            raise _BrokenBody(_short(exc)) from None
        return b"".join(chunks)

    def _pace(self, host: str) -> None:
        wait = self._next.get(host, 0.0) - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def _rest(self, host: str, delay: float, extra: float = 0.0) -> None:
        """The host's next request waits ``delay`` (politeness) or ``extra`` (backoff), the longer."""
        self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + max(delay, extra))


def _short(exc: BaseException) -> str:
    """An exception as one short line: urllib3's messages nest pools, hosts and causes."""
    text = str(exc)
    for marker in ("Caused by ", "Failed to establish a new connection: "):
        if marker in text:
            text = text.split(marker, 1)[1]
    return (text.strip("()'\" ") or type(exc).__name__)[:300]
