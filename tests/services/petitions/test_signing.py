from datetime import timedelta

import pytest
from sqlalchemy import func, select

from models.base import utcnow
from models.outbox import OutboxMail
from models.petitions import Signature
from services.petitions import counting, signing
from services.petitions.signing import SigningError
from tests.factories.petitions import confirm_token, create_petition, create_signature


def _signatures(db_session, petition):
    return db_session.scalar(select(func.count()).select_from(Signature)
                             .where(Signature.petition_id == petition.id))


def _sign(db_session, petition, email, **kwargs):
    values = {"name": "Pat Signer", "email": email, "postcode": "LS1 4AB"} | kwargs
    return signing.sign(db_session, petition, **values)


def test_same_email_in_other_case_or_with_spaces_gives_one_signature(db_session):
    petition = create_petition()
    results = [_sign(db_session, petition, email) for email in
               ["pat@example.org", "PAT@Example.ORG", "  pat@example.org\t", "Pat@example.org "]]
    assert [r.duplicate for r in results] == [False, True, True, True]
    assert _signatures(db_session, petition) == 1
    assert db_session.scalar(select(Signature.email)) == "pat@example.org"


def test_second_signer_with_same_email_is_mailed_that_they_had_signed(db_session):
    petition = create_petition()
    _sign(db_session, petition, "pat@example.org")
    _sign(db_session, petition, "PAT@example.org")
    mails = db_session.execute(select(OutboxMail.to_address, OutboxMail.subject)
                               .order_by(OutboxMail.id)).all()
    assert mails == [("pat@example.org", "Confirm your signature"),
                     ("PAT@example.org", "You have already signed this petition")]


def test_same_email_may_sign_two_different_petitions(db_session):
    first, second = create_petition(), create_petition()
    assert not _sign(db_session, first, "pat@example.org").duplicate
    assert not _sign(db_session, second, "pat@example.org").duplicate


def test_pending_signature_does_not_count_until_confirmed(db_session):
    petition = create_petition()
    signature = create_signature(petition=petition, confirmed=False)
    assert counting.total(db_session, petition.id) == 0
    signing.confirm(db_session, confirm_token(signature))
    assert counting.total(db_session, petition.id) == 1


def test_confirmed_signatures_count_in_their_region_or_country(db_session):
    petition = create_petition()
    create_signature(petition=petition, postcode="sw1a 1aa")
    create_signature(petition=petition, postcode="EH1 1YZ")
    create_signature(petition=petition, postcode="", country="fr")
    assert counting.area_counts(db_session, petition.id) == {
        "region:E12000007": 1, "region:S92000003": 1, "country:FR": 1}


@pytest.mark.parametrize(("values", "field"), [
    ({"name": "=HYPERLINK(1)"}, "name"),
    ({"name": "Visit www.spam.example"}, "name"),
    ({"email": "not-an-email"}, "email"),
    ({"postcode": "LS1"}, "postcode"),
    ({"postcode": "", "country": "GB"}, "postcode"),
    ({"postcode": "", "country": "XX"}, "country"),
])
def test_bad_details_are_refused_with_the_field_named(db_session, values, field):
    petition = create_petition()
    with pytest.raises(SigningError) as caught:
        _sign(db_session, petition, values.pop("email", "pat@example.org"), **values)
    assert caught.value.field == field
    assert _signatures(db_session, petition) == 0


def test_closed_or_pending_petition_takes_no_signatures(db_session):
    closed = create_petition(opens_at=utcnow() - timedelta(days=10),
                             closes_at=utcnow() - timedelta(days=1))
    pending = create_petition(state="pending")
    for petition in (closed, pending):
        with pytest.raises(SigningError, match="not open"):
            _sign(db_session, petition, "pat@example.org")


def test_confirmation_counts_within_a_day_of_closing_and_not_after(db_session):
    now = utcnow()
    petition = create_petition(opens_at=now - timedelta(days=5), closes_at=now - timedelta(hours=1))
    late = create_signature(petition=petition, confirmed=False, now=now - timedelta(hours=2))
    later = create_signature(petition=petition, confirmed=False, now=now - timedelta(hours=3))
    signing.confirm(db_session, confirm_token(late), now=now)
    with pytest.raises(signing.ConfirmationError, match="closed"):
        signing.confirm(db_session, confirm_token(later), now=now + timedelta(hours=24))
    assert counting.total(db_session, petition.id) == 1


def test_signatures_over_the_rate_window_are_held_and_do_not_count(db_session):
    petition = create_petition(rate_short_max=2, rate_short_minutes=10)
    signatures = [create_signature(petition=petition, ip_address="203.0.113.9") for _ in range(4)]
    assert [s.suspicious for s in signatures] == [False, False, True, True]
    assert counting.total(db_session, petition.id) == 2


def test_the_long_window_holds_a_slow_steady_address_and_a_window_ends_at_its_period(db_session):
    petition = create_petition(rate_short_max=100, rate_short_minutes=10,
                               rate_long_max=2, rate_long_minutes=60)
    start = utcnow() - timedelta(hours=2)
    times = [start, start + timedelta(minutes=20), start + timedelta(minutes=40),
             start + timedelta(minutes=60), start + timedelta(minutes=80)]
    signatures = [create_signature(petition=petition, ip_address="198.51.100.4", now=moment)
                  for moment in times]
    # At 40 minutes two are inside the hour; at 60 the first is exactly an hour old: outside.
    assert [s.suspicious for s in signatures] == [False, False, True, True, True]


def test_signatures_without_an_address_or_from_other_addresses_are_not_held(db_session):
    petition = create_petition(rate_short_max=1, rate_short_minutes=10)
    first, no_address, other = (
        create_signature(petition=petition, ip_address="203.0.113.7"),
        create_signature(petition=petition, ip_address=None),
        create_signature(petition=petition, ip_address="203.0.113.8"))
    assert [first.suspicious, no_address.suspicious, other.suspicious] == [False, False, False]
    assert create_signature(petition=petition, ip_address="203.0.113.7").suspicious


def test_a_confirmation_link_confirms_once(db_session):
    petition = create_petition()
    signature = create_signature(petition=petition, confirmed=False)
    token = confirm_token(signature)
    signing.confirm(db_session, token)
    with pytest.raises(signing.ConfirmationError, match="already confirmed"):
        signing.confirm(db_session, token)
    assert counting.total(db_session, petition.id) == 1


def test_a_forged_confirmation_link_is_refused(db_session):
    petition = create_petition()
    signature = create_signature(petition=petition, confirmed=False)
    with pytest.raises(signing.ConfirmationError, match="not valid"):
        signing.confirm(db_session, confirm_token(signature)[:-2] + "xx")
