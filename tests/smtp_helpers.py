"""A real SMTP server on loopback (aiosmtpd) for e-mail digest tests, and the settings pointing at it."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from digests import deliver


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    """Keeps every message the server accepted; refuses the recipients and data it is told to."""

    def __init__(self, refuse_rcpt: str | None = None) -> None:
        self.refuse_rcpt = refuse_rcpt
        self.received: list = []  # envelopes
        self.rcpt_attempts = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001, ANN201
        self.rcpt_attempts += 1
        if address == self.refuse_rcpt:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201
        self.received.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(e.content, policy=policy.default) for e in self.received]


def start(sink: Sink, port: int, **kwargs: object) -> Controller:
    ctrl = Controller(sink, hostname="127.0.0.1", port=port, **kwargs)
    ctrl.start()
    return ctrl


def smtp_env(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    """SMTP settings from the environment, pointing at ``port`` on loopback, no login; retries without
    waiting.  tests/flows/test_prefect_runs.py sets up its e-mail flow runs with this too."""
    for key in ("USER", "PASSWORD"):
        monkeypatch.delenv(deliver.ENV + key, raising=False)
    monkeypatch.setenv("PAIRWATCH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PAIRWATCH_SMTP_PORT", str(port))
    monkeypatch.setenv("PAIRWATCH_SMTP_SECURITY", "none")
    monkeypatch.setenv("PAIRWATCH_SMTP_FROM", "digest@pairwatch.example")
    monkeypatch.setattr(deliver, "RETRY_DELAY_S", 0.01)
