"""The outbox against a real SMTP server (aiosmtpd) on loopback."""

import logging
import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from extensions import db
from integrations.mail_transport import LogTransport, SmtpTransport
from models.base import utcnow
from models.outbox import MailStatus, OutboxMail
from services.outbox import backoff, queue_later, queue_mail, send_due


class Inbox:
    """An SMTP handler that keeps what it receives, or refuses as told."""

    def __init__(self):
        self.messages, self.refuse_with = [], None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_with:
            return self.refuse_with
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.url = f"smtp://127.0.0.1:{port}"
    yield inbox
    controller.stop()


def _queue(to="reader@example.org"):
    mail = queue_mail(db.session, to=to, subject="Confirm your email address",
                      template="verify_email", name="Reader", verify_url="http://localhost/v/abc")
    db.session.commit()
    return mail


def _send(transport, now=None):
    return send_due(db.session, transport, sender="Voice <no-reply@example.org>", max_attempts=3,
                    now=now)


def test_queued_mail_is_sent_over_smtp_with_text_and_html(db_session, smtp_server):
    mail = _queue()
    report = _send(SmtpTransport(smtp_server.url))
    assert report.sent == 1
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["reader@example.org"]
    content = envelope.content.decode()
    assert "Subject: Confirm your email address" in content
    assert "text/plain" in content and "text/html" in content
    assert "http://localhost/v/abc" in content
    db.session.refresh(mail)
    assert mail.status == MailStatus.SENT and mail.sent_at is not None


def test_mail_is_not_sent_twice(db_session, smtp_server):
    _queue()
    _send(SmtpTransport(smtp_server.url))
    assert _send(SmtpTransport(smtp_server.url)).sent == 0
    assert len(smtp_server.messages) == 1


def test_a_temporary_refusal_is_retried_later_with_backoff(db_session, smtp_server):
    mail = _queue()
    smtp_server.refuse_with = "451 Try again later"
    now = utcnow()
    assert _send(SmtpTransport(smtp_server.url), now=now).retrying == 1
    db.session.refresh(mail)
    assert mail.status == MailStatus.PENDING and mail.attempts == 1
    assert mail.next_attempt_at == now + backoff(1)
    # Not due yet: nothing is tried.
    assert _send(SmtpTransport(smtp_server.url), now=now).retrying == 0
    smtp_server.refuse_with = None
    assert _send(SmtpTransport(smtp_server.url), now=now + timedelta(minutes=2)).sent == 1
    assert len(smtp_server.messages) == 1


def test_a_permanent_refusal_marks_the_mail_failed_for_good(db_session, smtp_server):
    mail = _queue()
    smtp_server.refuse_with = "550 No such user"
    assert _send(SmtpTransport(smtp_server.url)).failed == 1
    db.session.refresh(mail)
    assert mail.status == MailStatus.FAILED and "550" in mail.last_error


def test_too_many_temporary_failures_mark_the_mail_failed(db_session):
    mail = _queue()
    unreachable = SmtpTransport("smtp://127.0.0.1:9", timeout=2)
    now = utcnow()
    for attempt in range(3):
        _send(unreachable, now=now + timedelta(days=attempt))
    db.session.refresh(mail)
    assert mail.status == MailStatus.FAILED and mail.attempts == 3


def test_backoff_grows_and_is_capped():
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert backoff(30) == timedelta(hours=6)


def test_mail_rolled_back_with_its_change_is_never_sent(db_session, smtp_server):
    queue_mail(db.session, to="ghost@example.org", subject="x", template="verify_email",
               name="Ghost", verify_url="http://localhost/v/x")
    db.session.rollback()
    assert _send(SmtpTransport(smtp_server.url)).sent == 0
    assert db.session.scalars(select(OutboxMail)).all() == []


def test_in_development_mail_is_written_to_the_log(db_session, caplog):
    _queue()
    with caplog.at_level(logging.INFO, logger="mail"):
        assert _send(LogTransport()).sent == 1
    assert "reader@example.org" in caplog.text and "http://localhost/v/abc" in caplog.text


def test_the_outbox_command_sends_over_smtp_url(app, runner, smtp_server):
    _queue()
    app.config["SMTP_URL"] = smtp_server.url
    try:
        result = runner.invoke(args=["outbox", "send"])
    finally:
        app.config["SMTP_URL"] = ""
    assert "sent 1" in result.output
    assert len(smtp_server.messages) == 1


def test_smtp_url_must_name_an_smtp_scheme():
    with pytest.raises(ValueError, match="SMTP_URL"):
        SmtpTransport("http://mail.example.org")


def test_header_values_are_cleaned_of_control_characters_when_the_mail_is_queued(db_session):
    mail = queue_mail(db.session, to=" reader@example.org\r\n", subject="Results:\r\nBcc: x@example.org\x1b",
                      template="verify_email", name="Reader", verify_url="http://localhost/v/abc")
    assert (mail.to_address, mail.subject) == ("reader@example.org", "Results: Bcc: x@example.org")
    queue_later(db.session, to="signer@example.org", subject="Confirm\n\u202eyour signature",
                template="petition_confirm", context={"signature_id": 1})
    later = db.session.scalars(select(OutboxMail).where(OutboxMail.template == "petition_confirm")).one()
    assert later.subject == "Confirm your signature"


def test_outbox_send_marks_a_message_it_cannot_build_failed_and_sends_the_mail_behind_it(
        app, committed, smtp_server):
    """Through `flask --app app outbox send`, against the loopback SMTP server."""
    from services import accounts
    from tests.factories import create_user
    from tests.factories.polls import create_poll
    from tests.helpers import RequestHelper
    from tests.reliability.servers import flask

    # Queued before header values were cleaned: a subject no message can carry.
    committed.add(OutboxMail(to_address="early@example.org", subject="Poll\nresults",
                             template="verify_email", text_body="Hello", html_body="<p>Hello</p>"))
    committed.commit()
    poll = create_poll(status="open", audience="public", title="Pay\nsurvey",
                       questions=[("Should councils hire more social workers?", "yes_no", [])])
    question = poll.questions[0]
    RequestHelper(app, app.test_client()).post("polls.respond", poll_id=poll.id, _data={
        f"q-{question.id}": question.options[0].id, "email": "voter@example.org"})
    user = create_user(email="forgetful@example.org")
    accounts.request_password_reset(committed, user.email)
    committed.commit()

    result = flask("outbox", "send", env={
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "SMTP_URL": smtp_server.url,
        "SECRET_KEY": app.config["SECRET_KEY"]})
    assert "sent 2, retrying 0, failed 1" in result.stdout
    committed.expire_all()
    by_address = {mail.to_address: mail for mail in committed.scalars(select(OutboxMail))}
    early = by_address["early@example.org"]
    assert early.status == MailStatus.FAILED and "ValueError" in early.last_error
    assert by_address["voter@example.org"].status == MailStatus.SENT
    assert by_address["forgetful@example.org"].status == MailStatus.SENT
    received = {envelope.rcpt_tos[0]: envelope.content.decode() for envelope in smtp_server.messages}
    assert set(received) == {"voter@example.org", "forgetful@example.org"}
    assert "Subject: Confirm your response: Pay survey\r\n" in received["voter@example.org"]
