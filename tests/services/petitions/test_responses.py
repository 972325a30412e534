from sqlalchemy import select

from models.outbox import OutboxMail
from services.petitions import responses
from tests.factories import create_staff
from tests.factories.petitions import create_petition, create_signature


def _mails(db_session, template):
    return db_session.scalars(select(OutboxMail.to_address)
                              .where(OutboxMail.template == template)).all()


def test_response_is_mailed_once_to_each_consenting_counted_signer_even_if_run_twice(db_session):
    staff = create_staff()
    petition = create_petition()
    create_signature(petition=petition, email="yes@example.org", consents=True)
    create_signature(petition=petition, email="no@example.org", consents=False)
    create_signature(petition=petition, email="pending@example.org", consents=True,
                     confirmed=False)
    responses.respond(db_session, staff, petition, "We agree and will act.")

    first = responses.mail_response(db_session, petition)
    second = responses.mail_response(db_session, petition)

    assert (first, second) == (1, 0)
    assert _mails(db_session, "petition_response") == ["yes@example.org"]


def test_response_mail_command_can_run_again_without_mailing_anyone_twice(runner, db_session):
    staff = create_staff()
    petition = create_petition()
    for n in range(3):
        create_signature(petition=petition, email=f"s{n}@example.org", consents=True)
    responses.respond(db_session, staff, petition, "Our answer.")
    assert "queued 3" in runner.invoke(args=["petitions", "mail-responses", "--batch", "2"]).output
    assert "queued 0" in runner.invoke(args=["petitions", "mail-responses"]).output
    assert len(_mails(db_session, "petition_response")) == 3


def test_staff_are_told_once_when_a_threshold_is_passed(db_session):
    create_staff(email="moderator@example.org")
    petition = create_petition(response_threshold=2, debate_threshold=3)
    create_signature(petition=petition)
    assert responses.notice_all(db_session) == 0
    create_signature(petition=petition)
    assert responses.notice_all(db_session) == 1
    assert responses.notice_all(db_session) == 0
    create_signature(petition=petition)
    assert responses.notice_passed(db_session, petition, 3) == ["debate"]
    assert responses.notice_passed(db_session, petition, 3) == []
    assert _mails(db_session, "petition_threshold_passed") == ["moderator@example.org"] * 2
    assert petition.response_threshold_passed_at is not None
