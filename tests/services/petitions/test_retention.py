from datetime import timedelta

from sqlalchemy import select

from models.base import utcnow
from models.petitions import Signature
from services.petitions import counting, retention
from tests.factories.petitions import create_petition, create_signature


def test_unconfirmed_signatures_older_than_30_days_are_deleted(db_session):
    now = utcnow()
    petition = create_petition(opens_at=now - timedelta(days=60))
    old_id = create_signature(petition=petition, confirmed=False, now=now - timedelta(days=31)).id
    recent = create_signature(petition=petition, confirmed=False, now=now - timedelta(days=29))
    confirmed_long_ago = create_signature(petition=petition, now=now - timedelta(days=40))
    assert retention.purge_pending(db_session, now=now) == 1
    remaining = set(db_session.scalars(select(Signature.id)))
    assert remaining == {recent.id, confirmed_long_ago.id}
    assert old_id not in remaining


def test_petitions_past_their_closing_date_are_closed_by_the_job(db_session):
    now = utcnow()
    due = create_petition(opens_at=now - timedelta(days=10), closes_at=now - timedelta(minutes=1))
    running = create_petition()
    closed = retention.close_due(db_session, now=now)
    assert closed == [due]
    assert (due.stored_state, due.closed_at) == ("closed", due.closes_at)
    assert running.stored_state == "open"


def test_signers_are_anonymised_six_months_after_closing_and_counts_survive(db_session):
    now = utcnow()
    petition = create_petition(opens_at=now - timedelta(days=400),
                               closes_at=now - timedelta(days=200))
    exempt = create_petition(opens_at=now - timedelta(days=400),
                             closes_at=now - timedelta(days=200), anonymise_exempt=True)
    for p in (petition, exempt):
        create_signature(petition=p, email="pat@example.org", name="Pat Signer",
                         postcode="EH1 1YZ", ip_address="203.0.113.5",
                         now=now - timedelta(days=300))
    retention.close_due(db_session, now=now)

    done = retention.anonymise(db_session, now=now)

    assert done == [petition]
    signature = db_session.scalars(select(Signature).where(
        Signature.petition_id == petition.id)).one()
    assert "pat" not in signature.email and signature.name != "Pat Signer"
    assert (signature.postcode, signature.ip_address) == (None, None)
    assert counting.area_counts(db_session, petition.id) == {"region:S92000003": 1}
    kept = db_session.scalars(select(Signature).where(Signature.petition_id == exempt.id)).one()
    assert kept.email == "pat@example.org"


def test_anonymising_waits_for_six_months(db_session):
    now = utcnow()
    create_petition(opens_at=now - timedelta(days=100), closes_at=now - timedelta(days=30))
    retention.close_due(db_session, now=now)
    assert retention.anonymise(db_session, now=now) == []
