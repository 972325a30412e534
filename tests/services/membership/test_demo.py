from sqlalchemy import select

from models.membership import Membership, MembershipCategory, Payment
from services import demo


def test_demo_has_members_in_every_status_and_category_with_payments(db_session):
    demo.load(db_session)
    pairs = set(db_session.execute(select(MembershipCategory.code, Membership.status)
                                   .join(Membership.category)).all())
    codes = set(db_session.scalars(select(MembershipCategory.code)))
    statuses = {"pending", "active", "grace", "lapsed", "cancelled", "resigned"}
    assert pairs == {(code, status) for code in codes for status in statuses}
    assert len(codes) == 7
    assert db_session.scalar(select(Payment.id)) is not None
