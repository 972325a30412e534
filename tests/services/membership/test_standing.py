from datetime import timedelta

from sqlalchemy import func, select

from models.membership import Membership
from services.membership.standing import (
    in_good_standing,
    members_in_good_standing,
    today,
)
from tests.factories import create_member, create_user


def count(db_session, query):
    return db_session.scalar(select(func.count()).select_from(query.subquery()))


def test_active_and_grace_members_are_in_good_standing(db_session):
    assert in_good_standing(db_session, create_member(status="active"))
    assert in_good_standing(db_session, create_member(status="grace"))


def test_pending_lapsed_cancelled_and_resigned_members_are_not(db_session):
    for status in ("pending", "lapsed", "cancelled", "resigned"):
        assert not in_good_standing(db_session, create_member(status=status)), status


def test_people_without_a_membership_and_visitors_are_not_members(db_session):
    assert not in_good_standing(db_session, create_user())
    assert not in_good_standing(db_session, None)


def test_grace_that_ran_out_before_the_sweep_ran_is_not_good_standing(db_session):
    user = create_member(status="grace", period_end=today() - timedelta(days=20))
    membership = db_session.scalar(select(Membership).where(Membership.user_id == user.id))
    assert membership.status == "grace"
    assert not in_good_standing(db_session, user, on=today() + timedelta(days=11))
    assert in_good_standing(db_session, user, on=today() + timedelta(days=9))


def test_members_in_good_standing_narrows_by_category_and_region(db_session):
    create_member(status="active", category="student", region="wales")
    create_member(status="grace", category="qualified", region="london")
    create_member(status="lapsed", category="qualified", region="london")
    assert count(db_session, members_in_good_standing(db_session)) == 2
    qualified = members_in_good_standing(db_session, category_codes=["qualified"])
    assert count(db_session, qualified) == 1
    assert count(db_session, members_in_good_standing(db_session, region_codes=["wales"])) == 1
    assert count(db_session, members_in_good_standing(
        db_session, category_codes=["student"], region_codes=["london"])) == 0
