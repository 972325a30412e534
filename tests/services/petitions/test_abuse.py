from datetime import timedelta

import pytest
from sqlalchemy import select

from models.audit import AuditEntry
from models.base import utcnow
from services.petitions import PetitionError, abuse, counting
from tests.factories import create_staff
from tests.factories.petitions import create_petition, create_signature


def test_invalidating_by_email_domain_takes_those_signatures_off_the_count(db_session):
    staff = create_staff()
    petition = create_petition()
    for n in range(3):
        create_signature(petition=petition, email=f"bot{n}@spam.example")
    create_signature(petition=petition, email="real@example.org")
    create_signature(petition=petition, email="pending@spam.example", confirmed=False)
    criteria = abuse.SignatureFilter(email_domain="SPAM.example")
    assert abuse.preview_count(db_session, petition, criteria) == 4

    gone = abuse.invalidate(db_session, staff, petition, criteria, expected=4)

    assert gone == 4
    assert counting.total(db_session, petition.id) == 1
    assert counting.reconcile(db_session, fix=False).clean
    entry = db_session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.detail["count"]) == ("petition.signatures_invalidated", 4)


def test_invalidation_is_refused_when_the_match_changed_since_the_preview(db_session):
    staff = create_staff()
    petition = create_petition()
    create_signature(petition=petition, ip_address="198.51.100.7")
    criteria = abuse.SignatureFilter(ip_address="198.51.100.7")
    preview = abuse.preview_count(db_session, petition, criteria)
    create_signature(petition=petition, ip_address="198.51.100.7")
    with pytest.raises(PetitionError, match="now matches 2"):
        abuse.invalidate(db_session, staff, petition, criteria, expected=preview)
    assert counting.total(db_session, petition.id) == 2


def test_searching_by_postcode_area_does_not_mix_b_with_ba(db_session):
    petition = create_petition()
    create_signature(petition=petition, postcode="B1 1AA")
    create_signature(petition=petition, postcode="BA1 1AA")
    criteria = abuse.SignatureFilter(postcode_area="b")
    assert abuse.preview_count(db_session, petition, criteria) == 1


def test_searching_by_date_range_includes_the_last_day(db_session):
    petition = create_petition(opens_at=utcnow() - timedelta(days=10))
    create_signature(petition=petition, now=utcnow() - timedelta(days=3))
    create_signature(petition=petition)
    today = utcnow().date()
    assert abuse.preview_count(db_session, petition, abuse.SignatureFilter(
        signed_from=today - timedelta(days=4), signed_to=today - timedelta(days=3))) == 1
    assert abuse.preview_count(db_session, petition, abuse.SignatureFilter(
        signed_from=today, signed_to=today)) == 1


def test_releasing_held_signatures_makes_the_confirmed_ones_count(db_session):
    staff = create_staff()
    petition = create_petition(rate_short_max=1)
    create_signature(petition=petition, ip_address="203.0.113.9")
    create_signature(petition=petition, ip_address="203.0.113.9")
    create_signature(petition=petition, ip_address="203.0.113.9", confirmed=False)
    assert counting.total(db_session, petition.id) == 1

    released = abuse.release(db_session, staff, petition, abuse.SignatureFilter())

    assert released == 2
    assert counting.total(db_session, petition.id) == 2
    assert counting.reconcile(db_session, fix=False).clean


def test_invalidating_needs_a_criterion(db_session):
    petition = create_petition()
    create_signature(petition=petition)
    with pytest.raises(PetitionError, match="at least one"):
        abuse.invalidate(db_session, create_staff(), petition, abuse.SignatureFilter(), expected=1)
