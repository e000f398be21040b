"""E-mail digests against a real SMTP server on loopback (aiosmtpd, started by each test), without Prefect:
one message per recipient, each its own channel, with a subject that says what is new and a line on how
to stop.

The digest's logic runs through ``flows.channels.run_channel`` (claim, send, confirm or release)
exactly as the flow's task runs it; the places and sentences are made up.
"""

from __future__ import annotations

import logging
import re
import smtplib
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from digest_helpers import CORP, EAST, NORTH, SOUTH, fill, make_doc
from smtp_helpers import Sink, free_port, smtp_env, start

from digests import deliver
from flows.channels import Settings, plan_channels, run_channel
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
BACKFILL = Settings(backfill="all")


def email_channels(*recipients: str) -> list:
    return plan_channels("md", None, list(recipients or RECIPIENTS))


def email_channel(recipient: str = "analyst@example.org"):
    [ch] = email_channels(recipient)
    return ch


def test_each_recipient_gets_one_message_without_the_others_addresses(db: Store, server: Sink) -> None:
    fill(db, confidence=0.9)
    db.save(make_doc("东川市对口帮扶南溪县的消息。", "https://evil.example.cn/x.html", pairings=((EAST, SOUTH),),
                     title="<script>alert('x')</script>假标题"))
    outcomes = [run_channel(db.url, ch, settings=BACKFILL)[0] for ch in email_channels()]
    assert [o.written for o in outcomes] == RECIPIENTS and all(o.recorded for o in outcomes)

    assert [e.rcpt_tos for e in server.received] == [[r] for r in RECIPIENTS]  # one envelope per recipient
    for envelope, msg, me, other in zip(server.received, server.messages(), RECIPIENTS, RECIPIENTS[::-1],
                                        strict=True):
        assert envelope.mail_from == "digest@pairwatch.example"
        assert msg["To"] == me and msg["Cc"] is None and msg["Bcc"] is None
        assert other.lower().encode() not in envelope.content.lower()  # nowhere in the message
        assert msg["Message-ID"].endswith("@pairwatch.example>") and msg["Date"]
        assert msg["List-Unsubscribe"].startswith("<mailto:digest@pairwatch.example?subject=unsubscribe")
        subject = msg["Subject"]
        assert re.fullmatch(r"pairwatch \d+月\d+日: 3 个新结对，2 项资金 \(高原省、河谷省\)", subject), subject
        assert msg.get_content_type() == "multipart/alternative"
        text = msg.get_body(("plain",)).get_content()
        html = msg.get_body(("html",)).get_content()
        for part in (text, html):
            assert "东川市" in part and "西岭县" in part and "25000万元" in part and "300万元" in part
            assert "250,000,000" in part and "https://paper.example.cn/b/2.html" in part
            assert "退订" in part and "digest@pairwatch.example" in part  # how to stop, at the end
        assert "script\\>alert('x')" in text and "假标题" in text  # plain text (Markdown): escaped, not entities
        assert "<script>" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;假标题" in html

    again = [run_channel(db.url, ch)[0] for ch in email_channels()]  # nothing new, nothing sent
    assert not any(o.recorded for o in again) and all("no e-mail sent" in o.note for o in again)
    assert len(server.received) == 2


def test_a_new_recipient_is_told_it_subscribed_and_the_others_get_nothing_again(db: Store, server: Sink) -> None:
    fill(db)
    [first] = email_channels("analyst@example.org")
    run_channel(db.url, first, settings=BACKFILL)
    assert len(server.received) == 1
    outcomes = [run_channel(db.url, ch)[0] for ch in email_channels("analyst@example.org", "new@example.org")]
    assert outcomes[0].written is None  # the first recipient: nothing new, nothing sent
    assert outcomes[1].written == "new@example.org" and (outcomes[1].pairings, outcomes[1].funding) == (0, 0)
    [_, welcome] = server.messages()
    assert welcome["To"] == "new@example.org" and "已订阅" in welcome["Subject"]
    assert "已订阅" in welcome.get_body(("plain",)).get_content()
    db.save(make_doc("北辰集团定点帮扶北坡县，新签协议。", "https://news.example.cn/a/8.html", pairings=((CORP, NORTH),)))
    later = [run_channel(db.url, ch)[0] for ch in email_channels("analyst@example.org", "new@example.org")]
    assert [(o.pairings, o.recorded) for o in later] == [(1, True), (1, True)]  # from now on: both get the new one


def test_server_down_leaves_the_digest_undelivered_until_it_is_back(db: Store, port: int) -> None:
    fill(db)
    ch = email_channel()
    with pytest.raises(deliver.DeliveryError, match="ConnectionRefusedError"):
        run_channel(db.url, ch, settings=BACKFILL)
    assert not db.pending(ch.id).empty and db.counts()["deliveries"] == 0

    sink = Sink()
    ctrl = start(sink, port)
    try:
        first, _ = run_channel(db.url, ch, settings=BACKFILL)
        second, _ = run_channel(db.url, ch, settings=BACKFILL)
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
            run_channel(db.url, email_channel("nobody@example.org"), settings=BACKFILL)
        assert sink.rcpt_attempts == 1 and sink.received == []  # one attempt: a 5xx will not change
        # The other recipient is a channel of its own: the refusal does not hold it back.
        outcome, _ = run_channel(db.url, email_channel("analyst@example.org"), settings=BACKFILL)
    finally:
        ctrl.stop()
    assert outcome.recorded and len(sink.received) == 1
    assert len(db.pending(email_channel("nobody@example.org").id).pairings) == 3


def test_empty_digest_sends_only_when_asked(db: Store, server: Sink) -> None:
    ch = email_channel()
    run_channel(db.url, ch)  # the first digest: "subscribed"
    server.received.clear()
    outcome, _ = run_channel(db.url, ch)
    assert outcome.written is None and server.received == []
    outcome, _ = run_channel(db.url, ch, send_empty=True, settings=Settings(lang="en"))
    [msg] = server.messages()
    assert "0 new pairings, 0 funding items" in msg["Subject"]
    assert "Nothing new since the last digest." in msg.get_body(("plain",)).get_content()


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
            run_channel(db.url, email_channel(), settings=BACKFILL)
        monkeypatch.setenv("PAIRWATCH_SMTP_PASSWORD", PASSWORD)
        outcome, _ = run_channel(db.url, email_channel(), settings=BACKFILL)
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
