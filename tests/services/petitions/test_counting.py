from sqlalchemy import update

from models.petitions import SignatureCount
from services.petitions import cache, counting
from tests.factories.petitions import create_petition, create_signature


def test_reconcile_finds_no_drift_when_counters_are_right(db_session):
    petition = create_petition()
    for _ in range(5):
        create_signature(petition=petition)
    report = counting.reconcile(db_session)
    assert report.clean and report.rows_fixed == 0


def test_reconcile_reports_and_fixes_drift(db_session):
    petition = create_petition()
    for _ in range(3):
        create_signature(petition=petition)
    db_session.execute(update(SignatureCount).values(count=SignatureCount.count + 4))

    report = counting.reconcile(db_session, fix=False)
    assert report.petitions == {petition.id: 4 * len(
        db_session.scalars(SignatureCount.__table__.select()).all())}
    assert counting.total(db_session, petition.id) != 3

    counting.reconcile(db_session)
    assert counting.total(db_session, petition.id) == 3
    assert counting.reconcile(db_session, fix=False).clean


def test_reconcile_restores_deleted_counter_rows(db_session):
    petition = create_petition()
    create_signature(petition=petition, postcode="", country="IE")
    db_session.execute(SignatureCount.__table__.delete())
    counting.reconcile(db_session)
    assert counting.area_counts(db_session, petition.id) == {"country:IE": 1}


def test_page_counts_come_from_a_short_cache(app, db_session):
    petition = create_petition()
    create_signature(petition=petition)
    assert counting.cached_counts(db_session, petition.id)["total"] == 1
    create_signature(petition=petition)
    assert counting.cached_counts(db_session, petition.id)["total"] == 1
    cache.clear()
    assert counting.cached_counts(db_session, petition.id)["total"] == 2


def test_reconcile_command_reports_drift(runner, db_session):
    petition = create_petition()
    create_signature(petition=petition)
    db_session.execute(update(SignatureCount).values(count=0))
    result = runner.invoke(args=["petitions", "reconcile", "--dry-run"])
    assert f"petition {petition.id}: counters under by 1" in result.output
    result = runner.invoke(args=["petitions", "reconcile"])
    assert "(fixed)" in result.output
    result = runner.invoke(args=["petitions", "reconcile"])
    assert "no drift" in result.output
