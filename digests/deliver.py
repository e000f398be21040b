"""E-mail delivery: SMTP settings, the multipart digest message, and a send that says whether it worked.

A message goes to one recipient (each recipient is a channel of its own: nobody sees another
subscriber's address), with a subject that says the day and what is new, a List-Unsubscribe
header, and a last line saying how to stop.

Settings come from PAIRWATCH_SMTP_* variables or, through flows/digest.py, from a Prefect
``EmailServerCredentials`` block; the password is kept out of every repr, log line and error.
Sending is a plain synchronous function (prefect-email's ``email_send_message`` is an async
task: called from a sync flow it returns an un-awaited coroutine and sends nothing) that retries
transient failures itself and raises ``DeliveryError`` when the message was not accepted, so the
caller can leave the digest undelivered.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from urllib.parse import quote

from digests.dates import short_day
from digests.labels import labels
from digests.render import RenderOptions, counts_text, render_html, render_text, sure_items
from digests.stories import by_recipient_province
from store.items import DigestItems, FailureItem

log = logging.getLogger(__name__)
ENV = "PAIRWATCH_SMTP_"
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
SECURITY = tuple(DEFAULT_PORTS)
TIMEOUT_S = 30.0
ATTEMPTS = 3
RETRY_DELAY_S = 2.0  # then 4 s: a server restarting or greylisting gets a few seconds


class DeliveryError(RuntimeError):
    """The message was not accepted; nothing was recorded, the items wait for the next digest."""


class ConfigError(DeliveryError):
    """SMTP settings missing or invalid."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: ``security`` is none, starttls or ssl; ``verify`` checks the certificate."""

    host: str
    port: int
    security: str
    sender: str
    username: str | None = None
    password: str = field(default="", repr=False)
    verify: bool = True

    def describe(self) -> str:
        """Where mail goes, for logs and errors: never the password."""
        user = f" as {self.username}" if self.username else ""
        return f"{self.host}:{self.port} ({self.security}){user}"


def default_sender(env: Mapping[str, str], username: str | None) -> str:
    """PAIRWATCH_SMTP_FROM, else the login name, else pairwatch@ this host."""
    return env.get(ENV + "FROM") or username or f"pairwatch@{socket.getfqdn() or 'localhost'}"


def settings_from_env(env: Mapping[str, str] | None = None) -> SmtpSettings:
    """PAIRWATCH_SMTP_HOST (required), _PORT, _SECURITY none|starttls|ssl (default starttls), _USER, _PASSWORD, _FROM."""
    env = os.environ if env is None else env
    host = env.get(ENV + "HOST", "").strip()
    if not host:
        raise ConfigError(f"no SMTP server: set {ENV}HOST (and {ENV}PORT, {ENV}SECURITY, ...) or pass --smtp-block")
    security = env.get(ENV + "SECURITY", "starttls").strip().lower()
    if security not in SECURITY:
        raise ConfigError(f"{ENV}SECURITY must be one of {', '.join(SECURITY)}, not {security!r}")
    port_text = env.get(ENV + "PORT", "").strip()
    try:
        port = int(port_text) if port_text else DEFAULT_PORTS[security]
    except ValueError:
        raise ConfigError(f"{ENV}PORT must be a number, not {port_text!r}") from None
    user = env.get(ENV + "USER") or None
    return SmtpSettings(host, port, security, default_sender(env, user), user, env.get(ENV + "PASSWORD", ""))


def parse_recipients(values: list[str]) -> list[str]:
    """Addresses from --email values (each may hold several, comma-separated); a bad one is refused."""
    out: list[str] = []
    for _, addr in getaddresses(values):
        if not addr or "@" not in addr or addr.startswith("@") or addr.endswith("@"):
            raise ConfigError(f"not an e-mail address: {addr!r} (from {values!r})")
        if addr.lower() not in {a.lower() for a in out}:
            out.append(addr)
    if not out:
        raise ConfigError("no e-mail address given")
    return out


def subject_line(items: DigestItems, failures: list[FailureItem] | None = None,
                 options: RenderOptions | None = None) -> str:
    """The day and what is new, e.g. 'pairwatch 12月7日: 3 个新结对，9 项资金 (贵州省、云南省 …)'."""
    o = options or RenderOptions()
    day = short_day(items.period_end, o.tz, o.lang)
    if o.subscribed and items.empty:
        return f"pairwatch {day}: {labels(o.lang)['subscribed'].format(when=day)}"
    provinces = [r[0] for r in by_recipient_province(sure_items(items), "?") if r[0] != "?"]
    where = ("、" if o.lang == "zh" else ", ").join(provinces[:2]) + (" …" if len(provinces) > 2 else "")
    failed = f", {len(failures)} sources failed" if failures else ""
    return f"pairwatch {day}: {counts_text(items, o)}{failed}" + (f" ({where})" if where else "")


def unsubscribe_line(sender: str, channel: str, lang: str) -> str:
    """The footer line that says how to stop (there is no web endpoint: a person reads the sender's mail)."""
    return labels(lang)["unsubscribe"].format(contact=sender, channel=channel)


def build_message(items: DigestItems, failures: list[FailureItem] | None, sender: str, recipient: str,
                  adhoc: bool = False, now: datetime | None = None, options: RenderOptions | None = None,
                  channel: str | None = None) -> EmailMessage:
    """One recipient's message, multipart/alternative: the plain-text digest first, then the HTML one.

    One message per recipient: nobody sees another subscriber's address. A List-Unsubscribe header
    and a footer line say how to stop.
    """
    o = options or RenderOptions()
    channel = channel or f"email:{recipient.lower()}"
    footer = unsubscribe_line(sender, channel, o.lang)
    o = dataclasses.replace(o, footer=footer)
    msg = EmailMessage()
    msg["Subject"] = subject_line(items, failures, o)
    msg["From"] = sender
    msg["To"] = recipient
    msg["Date"] = format_datetime(now or datetime.now(UTC))
    msg["Message-ID"] = make_msgid("pairwatch", domain=sender.rpartition("@")[2] or None)
    msg["Auto-Submitted"] = "auto-generated"
    msg["List-Unsubscribe"] = f"<mailto:{sender}?subject={quote('unsubscribe ' + channel)}>"
    msg.set_content(render_text(items, failures, adhoc, o), charset="utf-8")
    msg.add_alternative(render_html(items, failures, adhoc, o), subtype="html", charset="utf-8")
    return msg


# Failures worth another attempt: the server could not be reached, hung up, or answered 4xx.
_TRANSIENT = (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return False
    return isinstance(exc, _TRANSIENT)


def _connect(settings: SmtpSettings, timeout: float) -> smtplib.SMTP:
    """An SMTP session, encrypted as the settings say and logged in; every socket step has ``timeout``."""
    context = ssl.create_default_context() if settings.verify else ssl._create_unverified_context()
    if settings.security == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
    try:
        if settings.security == "starttls":
            server.starttls(context=context)
        if settings.username:
            if settings.security == "none" or not settings.verify:
                log.warning("SMTP login to %s without a verified TLS connection", settings.describe())
            server.login(settings.username, settings.password)
    except BaseException:
        server.close()
        raise
    return server


def send_once(settings: SmtpSettings, msg: EmailMessage, timeout: float = TIMEOUT_S) -> None:
    """One attempt: connect, log in, send; raises unless every recipient was accepted."""
    server = _connect(settings, timeout)
    try:
        refused = server.send_message(msg, from_addr=settings.sender)
    finally:
        try:
            server.quit()
        except (smtplib.SMTPException, OSError):
            server.close()  # the message was accepted (or not) before QUIT: a failing QUIT changes nothing
    if refused:
        raise smtplib.SMTPRecipientsRefused(refused)


def send_message(settings: SmtpSettings, msg: EmailMessage, attempts: int | None = None,
                 delay: float | None = None, timeout: float = TIMEOUT_S,
                 sleep: Callable[[float], None] = time.sleep) -> None:
    """Send, retrying only transient failures; ``DeliveryError`` (no password in it) when it did not go."""
    attempts = ATTEMPTS if attempts is None else attempts
    delay = RETRY_DELAY_S if delay is None else delay
    where = settings.describe()
    for attempt in range(1, attempts + 1):
        try:
            send_once(settings, msg, timeout)
            log.info("digest mailed to %s via %s", msg["To"], where)
            return
        except Exception as exc:  # noqa: BLE001 - classify, then retry or report without secrets
            reason = _reason(exc)
            if attempt < attempts and _transient(exc):
                log.warning("sending the digest via %s failed (attempt %d/%d): %s; retrying",
                            where, attempt, attempts, reason)
                sleep(delay * attempt)
                continue
            raise DeliveryError(f"could not send the digest via {where} to {msg['To']}: {reason}") from None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{rcpt}: {code} {_text(text)}" for rcpt, (code, text) in exc.recipients.items())
        return f"recipients refused ({refused})"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"server answered {exc.smtp_code} {_text(exc.smtp_error)}"
    return f"{type(exc).__name__}: {exc}"


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
