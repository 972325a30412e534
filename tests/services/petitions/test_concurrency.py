"""Signing under a surge, on PostgreSQL with real commits and one session per thread."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from extensions import db
from models.petitions import Petition, Signature
from services.petitions import counting, signing
from tests.conftest import TEST_DATABASE_URL
from tests.factories.petitions import confirm_token, create_petition

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL.startswith("postgresql"),
                                reason="needs PostgreSQL (TEST_DATABASE_URL) for real concurrency")

WORKERS = 12


def _in_own_session(app, work):
    def run(*args):
        with app.app_context():
            try:
                result = work(*args)
                db.session.commit()
                return result
            finally:
                db.session.remove()
    return run


def test_fifty_simultaneous_attempts_with_one_email_give_one_signature(app, committed):
    petition_id = create_petition().id  # the threads must not touch this thread's session
    emails = [variant for _ in range(10) for variant in
              ("pat@example.org", "PAT@example.org", " pat@example.org", "Pat@Example.org ",
               "pat@EXAMPLE.ORG")]

    def attempt(email):
        # By id, as the signing page does: on PostgreSQL one statement on its own (autocommit).
        return signing.sign(db.session, petition_id,
                            name="Pat Signer", email=email, postcode="M1 1AE").duplicate

    with ThreadPoolExecutor(WORKERS) as pool:
        duplicates = list(pool.map(_in_own_session(app, attempt), emails))

    assert duplicates.count(False) == 1 and duplicates.count(True) == 49
    assert committed.scalar(select(func.count()).select_from(Signature)) == 1


def test_two_thousand_simultaneous_signatures_count_exactly_two_thousand(app, committed):
    petition_id = create_petition(rate_short_max=100_000, rate_long_max=100_000).id

    def sign_and_confirm(n):
        result = signing.sign(db.session, db.session.get(Petition, petition_id),
                              name=f"Signer {n}", email=f"signer{n}@example.org",
                              postcode="EH1 1YZ" if n % 3 else "CF10 1AA",
                              ip_address=f"10.0.{n // 250}.{n % 250}")
        db.session.commit()
        token = confirm_token(db.session.get(Signature, result.signature_id))
        signing.confirm(db.session, token)

    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(_in_own_session(app, sign_and_confirm), range(2000)))

    committed.expire_all()
    assert counting.total(committed, petition_id) == 2000
    assert counting.area_counts(committed, petition_id) == {
        "region:S92000003": 1333, "region:W92000004": 667}
    assert sum(n for _, n in counting.day_counts(committed, petition_id)) == 2000
    assert counting.reconcile(committed, fix=False).clean
