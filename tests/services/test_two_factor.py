from datetime import timedelta

import pyotp

from extensions import db
from models.accounts import SecondFactorSetup
from services import two_factor
from tests.factories import create_staff


def test_a_code_from_the_app_is_accepted_once(db_session):
    staff = create_staff()
    now = 1_800_000_000
    code = pyotp.TOTP(staff.totp_secret).at(now)
    assert two_factor.verify(db.session, staff, code, at=now)
    assert not two_factor.verify(db.session, staff, code, at=now)


def test_an_older_step_than_the_last_used_is_refused(db_session):
    staff = create_staff()
    totp, now = pyotp.TOTP(staff.totp_secret), 1_800_000_000
    assert two_factor.verify(db.session, staff, totp.at(now), at=now)
    assert not two_factor.verify(db.session, staff, totp.at(now - 30), at=now)


def test_one_step_of_clock_drift_is_allowed_but_not_two(db_session):
    staff = create_staff()
    totp, now = pyotp.TOTP(staff.totp_secret), 1_800_000_000
    assert not two_factor.verify(db.session, staff, totp.at(now + 60), at=now)
    assert two_factor.verify(db.session, staff, totp.at(now + 30), at=now)


def test_recovery_codes_are_stored_hashed_and_work_once_in_any_case(db_session):
    staff = create_staff()
    codes = two_factor.replace_recovery_codes(db.session, staff)
    assert len(set(codes)) == 10
    assert all(code not in {r.code_hash for r in staff.recovery_codes} for code in codes)
    assert two_factor.use_recovery_code(db.session, staff, codes[3].upper())
    assert not two_factor.use_recovery_code(db.session, staff, codes[3])
    assert two_factor.remaining_recovery_codes(staff) == 9


def test_new_recovery_codes_replace_the_old(db_session):
    staff = create_staff()
    old = two_factor.replace_recovery_codes(db.session, staff)
    two_factor.replace_recovery_codes(db.session, staff)
    assert not two_factor.use_recovery_code(db.session, staff, old[0])


def test_what_set_up_keeps_is_for_its_account_only_and_for_half_an_hour(db_session):
    staff, other = create_staff(totp_secret=None), create_staff(totp_secret=None)
    held_id, secret = two_factor.secret_being_set_up(db_session, staff, None)
    assert two_factor.secret_being_set_up(db_session, staff, held_id) == (held_id, secret)
    # Another account presenting the id gets a secret of its own.
    assert two_factor.secret_being_set_up(db_session, other, held_id)[1] != secret
    db_session.get(SecondFactorSetup, held_id).expires_at -= two_factor.SETUP_LIFETIME + timedelta(days=1)
    assert two_factor.secret_being_set_up(db_session, staff, held_id)[1] != secret
    # Past its time, a kept secret is forgotten by the next set-up or by the daily job.
    assert db_session.get(SecondFactorSetup, held_id) is None


def test_recovery_codes_kept_for_showing_are_taken_once(db_session):
    staff = create_staff()
    codes = two_factor.replace_recovery_codes(db_session, staff)
    held_id = two_factor.hold_recovery_codes(db_session, staff, codes)
    assert two_factor.take_recovery_codes(db_session, create_staff(), held_id) is None
    assert two_factor.take_recovery_codes(db_session, staff, held_id) == codes
    assert two_factor.take_recovery_codes(db_session, staff, held_id) is None
