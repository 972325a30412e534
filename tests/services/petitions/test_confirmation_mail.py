"""The confirmation mail is queued as facts and drawn by the sender, just before sending."""

import re
from email import message_from_bytes, policy

from sqlalchemy import select

from extensions import db
from integrations.mail_transport import SmtpTransport
from models.outbox import MailStatus, OutboxMail
from models.petitions import Signature
from services.outbox import send_due
from services.petitions import signing
from tests.factories.petitions import create_petition
from tests.services.test_outbox import smtp_server  # noqa: F401  (a fixture)


def _send(url):
    return send_due(db.session, SmtpTransport(url), sender="Voice <no-reply@example.org>",
                    max_attempts=3)


def _sign(petition, email="pat@example.org"):
    result = signing.sign(db.session, petition.id, name="Pat Signer", email=email,
                          postcode="SW1A 1AA")
    db.session.commit()
    return result


def test_signing_queues_the_facts_and_the_sender_mails_a_link_that_confirms(
        db_session, smtp_server):  # noqa: F811
    petition = create_petition(action="Protect supervision time")
    result = _sign(petition)
    mail = db.session.scalars(select(OutboxMail)).one()
    assert mail.text_body is None and mail.context == {"signature_id": result.signature_id}

    assert _send(smtp_server.url).sent == 1
    message = message_from_bytes(smtp_server.messages[0].content, policy=policy.default)
    content = message.get_body(("plain",)).get_content()
    assert "Protect supervision time" in content and "Pat Signer" in content
    link = re.search(r"http://\S+/petitions/confirm/([\w.-]+)", content).group(1)
    db.session.refresh(mail)
    assert mail.status == MailStatus.SENT and link in mail.text_body  # kept as it was sent

    signing.confirm(db.session, link)
    db.session.commit()
    assert db.session.get(Signature, result.signature_id).status == "confirmed"


def test_a_second_signature_gets_the_already_signed_mail(db_session, smtp_server):  # noqa: F811
    petition = create_petition(action="Protect supervision time")
    _sign(petition)
    assert _sign(petition, email=" PAT@example.org").duplicate
    assert _send(smtp_server.url).sent == 2
    second = smtp_server.messages[1].content.decode()
    assert "Subject: You have already signed this petition" in second
    assert f"/petitions/{petition.id}" in second


def test_a_confirmation_mail_for_a_signature_removed_before_sending_is_dropped(
        db_session, smtp_server):  # noqa: F811
    petition = create_petition()
    result = _sign(petition)
    db.session.delete(db.session.get(Signature, result.signature_id))
    db.session.commit()
    report = _send(smtp_server.url)
    assert (report.sent, report.dropped) == (0, 1) and smtp_server.messages == []
    mail = db.session.scalars(select(OutboxMail)).one()
    assert mail.status == MailStatus.FAILED and "no longer exists" in mail.last_error
