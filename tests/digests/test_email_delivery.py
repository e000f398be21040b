"""E-mail digests against a real SMTP server on loopback (aiosmtpd, started by each test), without Prefect.

The digest's logic runs through ``flows.channels.run_channel`` (claim, send, confirm or release)
exactly as the flow's task runs it; the places and sentences are made up.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from digest_helpers import EAST, SOUTH, fill, make_doc
from smtp_helpers import Sink, free_port, smtp_env, start

from digests import deliver
from flows.channels import plan_channels, run_channel
from store import Store

PASSWORD = "Pw-7f3kQ!never-in-logs"


@pytest.fixture
def port(monkeypatch: pytest.MonkeyPatch) -> int:
    """A free loopback port, with the SMTP settings pointing at it."""
    p = free_port()
    smtp_env(monkeypatch, p)
    return p


@pytest.fixture
def server(port: int) -> Iterator[Sink]:
    sink = Sink()
    ctrl = start(sink, port)
    yield sink
    ctrl.stop()


@pytest.fixture
def db(tmp_path) -> Iterator[Store]:
    with Store(str(tmp_path / "pw.db")) as s:
        yield s


RECIPIENTS = ["analyst@example.org", "Officer@example.net"]


def email_channel(*recipients: str):
    [ch] = plan_channels("md", None, list(recipients or RECIPIENTS))
    return ch


def test_the_digest_arrives_with_its_headers_and_both_parts(db: Store, server: Sink) -> None:
    fill(db)
    db.save(make_doc("东川市对口帮扶南溪县的消息。", "https://evil.example.cn/x.html", pairings=((EAST, SOUTH),),
                     title="<script>alert('x')</script>假标题"))
    outcome, _ = run_channel(db.url, email_channel())
    assert outcome.recorded and outcome.written == "analyst@example.org, Officer@example.net"

    [envelope] = server.received
    assert envelope.mail_from == "digest@pairwatch.example"
    assert envelope.rcpt_tos == RECIPIENTS
    [msg] = server.messages()
    assert msg["From"] == "digest@pairwatch.example" and msg["To"] == ", ".join(RECIPIENTS)
    assert msg["Message-ID"].endswith("@pairwatch.example>") and msg["Date"]
    subject = msg["Subject"]
    assert subject.startswith("pairwatch digest the beginning → ") and "3 new pairings, 2 funding items" in subject
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    for part in (text, html):
        assert "东川市" in part and "西岭县" in part and "2.5亿元" in part and "300万元" in part
        assert "250,000,000 yuan" in part and "https://paper.example.cn/b/2.html" in part
    assert text.index("* 2.5亿元") < text.index("* 300万元")  # funding by amount
    assert "<script>alert('x')</script>假标题" in text  # plain text shows the title as it is
    assert "<script>" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;假标题" in html

    again, _ = run_channel(db.url, email_channel())  # a second digest: nothing new, nothing sent
    assert not again.recorded and again.written is None and "no e-mail sent" in again.note
    assert len(server.received) == 1


def test_server_down_leaves_the_digest_undelivered_until_it_is_back(db: Store, port: int) -> None:
    fill(db)
    ch = email_channel()
    with pytest.raises(deliver.DeliveryError, match="ConnectionRefusedError"):
        run_channel(db.url, ch)
    assert not db.pending(ch.id).empty and db.counts()["deliveries"] == 0

    sink = Sink()
    ctrl = start(sink, port)
    try:
        first, _ = run_channel(db.url, ch)
        second, _ = run_channel(db.url, ch)
    finally:
        ctrl.stop()
    assert first.recorded and (first.pairings, first.funding) == (3, 2)
    assert not second.recorded and len(sink.received) == 1


def test_a_refused_recipient_fails_the_delivery_without_retrying(db: Store, port: int) -> None:
    fill(db)
    sink = Sink(refuse_rcpt="nobody@example.org")
    ctrl = start(sink, port)
    try:
        with pytest.raises(deliver.DeliveryError, match="recipients refused.*550"):
            run_channel(db.url, email_channel("nobody@example.org"))
        assert sink.rcpt_attempts == 1 and sink.received == []  # one attempt: a 5xx will not change
        # One of two refused: the digest counts as not delivered (the next one goes to both again).
        with pytest.raises(deliver.DeliveryError, match="nobody@example.org: 550"):
            run_channel(db.url, email_channel("analyst@example.org", "nobody@example.org"))
    finally:
        ctrl.stop()
    assert sink.rcpt_attempts == 3 and len(sink.received) == 1
    for ch in (email_channel("nobody@example.org"), email_channel("analyst@example.org", "nobody@example.org")):
        assert len(db.pending(ch.id).pairings) == 3


def test_empty_digest_sends_only_when_asked(db: Store, server: Sink) -> None:
    ch = email_channel()
    outcome, _ = run_channel(db.url, ch)
    assert outcome.written is None and server.received == []
    outcome, _ = run_channel(db.url, ch, send_empty=True)
    [msg] = server.messages()
    assert "0 new pairings, 0 funding items" in msg["Subject"]
    assert msg.get_body(("plain",)).get_content().strip().endswith("Nothing new since the last digest.")


def _authenticator(server, session, envelope, mechanism, auth_data) -> AuthResult:  # noqa: ANN001
    ok = isinstance(auth_data, LoginPassword) and auth_data.password.decode() == PASSWORD
    return AuthResult(success=ok, handled=False)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_works_and_the_password_is_never_logged(db: Store, port: int, monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    fill(db)
    monkeypatch.setenv("PAIRWATCH_SMTP_USER", "digest-bot")
    sink = Sink()
    ctrl = start(sink, port, authenticator=_authenticator, auth_require_tls=False, auth_required=True)
    caplog.set_level(logging.DEBUG)
    try:
        monkeypatch.setenv("PAIRWATCH_SMTP_PASSWORD", "wrong-" + PASSWORD)
        with pytest.raises(deliver.DeliveryError) as refused:
            run_channel(db.url, email_channel())
        monkeypatch.setenv("PAIRWATCH_SMTP_PASSWORD", PASSWORD)
        outcome, _ = run_channel(db.url, email_channel())
    finally:
        ctrl.stop()
    assert "535" in str(refused.value) and "digest-bot" in str(refused.value)
    assert outcome.recorded and len(sink.received) == 1
    assert PASSWORD not in str(refused.value) and PASSWORD not in caplog.text
    assert PASSWORD not in repr(deliver.settings_from_env()) and PASSWORD not in deliver.settings_from_env().describe()


def test_transient_failures_are_retried(port: int) -> None:
    settings = deliver.settings_from_env()
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = "test", "digest@pairwatch.example", "a@example.org"
    msg.set_content("body")
    waits: list[float] = []
    with pytest.raises(deliver.DeliveryError):
        deliver.send_message(settings, msg, attempts=3, delay=1.0, sleep=waits.append)
    assert waits == [1.0, 2.0]  # refused connection: transient, two more attempts
    assert deliver._transient(smtplib.SMTPResponseException(451, b"try later"))
    assert not deliver._transient(smtplib.SMTPResponseException(554, b"no"))


def test_settings_from_the_environment() -> None:
    env = {"PAIRWATCH_SMTP_HOST": "mail.example.org", "PAIRWATCH_SMTP_SECURITY": "ssl",
           "PAIRWATCH_SMTP_USER": "bot@example.org", "PAIRWATCH_SMTP_PASSWORD": PASSWORD}
    s = deliver.settings_from_env(env)
    assert s.describe() == "mail.example.org:465 (ssl) as bot@example.org" and s.sender == "bot@example.org"
    assert s.password == PASSWORD
    assert deliver.settings_from_env({**env, "PAIRWATCH_SMTP_SECURITY": "starttls"}).describe().startswith(
        "mail.example.org:587 (starttls)")
    for bad, why in (({}, "PAIRWATCH_SMTP_HOST"), ({**env, "PAIRWATCH_SMTP_SECURITY": "tls"}, "SECURITY"),
                     ({**env, "PAIRWATCH_SMTP_PORT": "25x"}, "PORT")):
        with pytest.raises(deliver.ConfigError, match=why):
            deliver.settings_from_env(bad)
