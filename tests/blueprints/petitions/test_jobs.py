"""The petitions area's periodic work runs from the job runner."""

from datetime import timedelta

from sqlalchemy import update

from extensions import db
from models.base import utcnow
from models.petitions import Petition, SignatureCount
from services.petitions import counting
from tests.factories.petitions import create_petition, create_signature

JOBS = ("petitions.close-expired", "petitions.thresholds", "petitions.send-responses",
        "petitions.delete-old-pending", "petitions.anonymise", "petitions.reconcile-counters")


def test_the_petition_jobs_are_registered(runner):
    listing = runner.invoke(args=["jobs", "list"]).output
    for name in JOBS:
        assert name in listing


def test_the_runner_reconciles_drifted_counters(runner):
    petition = create_petition()
    for _ in range(3):
        create_signature(petition=petition)
    petition_id = petition.id
    db.session.execute(update(SignatureCount).values(count=SignatureCount.count + 2))
    db.session.commit()
    result = runner.invoke(args=["jobs", "run", "--only", "petitions.reconcile-counters"])
    assert "ran petitions.reconcile-counters: drift in 1 petition(s)" in result.output
    assert counting.total(db.session, petition_id) == 3


def test_the_runner_closes_expired_petitions(runner):
    petition = create_petition()
    petition.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    petition_id = petition.id
    result = runner.invoke(args=["jobs", "run", "--only", "petitions.close-expired"])
    assert "ran petitions.close-expired: closed 1 petition(s)" in result.output
    assert db.session.get(Petition, petition_id).stored_state == "closed"


def test_every_petition_job_runs_without_failing(runner):
    result = runner.invoke(args=["jobs", "run", *(arg for name in JOBS for arg in ("--only", name))])
    assert result.output.count("ran petitions.") == len(JOBS), result.output
