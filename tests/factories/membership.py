"""Membership factories: categories and members in any status, built from real lifecycle events."""

import itertools
from datetime import timedelta

from sqlalchemy import select

from extensions import db
from models.membership import Membership, MembershipCategory, Payment, PaymentMethod
from rules.membership.periods import add_years
from rules.membership.regions import nation_of
from services.membership import lifecycle
from services.membership.standing import today
from tests.factories.accounts import create_user

_counter = itertools.count(1)

_CATEGORY_NAMES = {
    "student": ("Student", 500),
    "newly_qualified": ("Newly qualified", 6000),
    "qualified": ("Qualified social worker", 12000),
    "manager": ("Manager or leader", 15000),
    "retired": ("Retired", 3000),
    "unwaged": ("Unwaged or hardship", 1000),
    "overseas": ("Overseas", 8000),
}


def create_category(*, code: str | None = None, name: str | None = None,
                    annual_fee_pence: int | None = None, needs_approval: bool = False,
                    open_to_new_members: bool = True, monthly_allowed: bool = False,
                    period_kind: str = "rolling", year_start: tuple[int, int] | None = None,
                    pro_rata: bool = False, roll_over: tuple[int, int] | None = None,
                    ) -> MembershipCategory:
    n = next(_counter)
    code = code or f"category_{n}"
    known_name, known_fee = _CATEGORY_NAMES.get(code, (f"Category {n}", 10000))
    category = MembershipCategory(
        code=code, name=name or known_name,
        annual_fee_pence=known_fee if annual_fee_pence is None else annual_fee_pence,
        needs_approval=needs_approval, open_to_new_members=open_to_new_members,
        monthly_allowed=monthly_allowed, period_kind=period_kind, pro_rata=pro_rata,
        year_start_month=year_start[0] if year_start else None,
        year_start_day=year_start[1] if year_start else None,
        roll_over_month=roll_over[0] if roll_over else None,
        roll_over_day=roll_over[1] if roll_over else None,
        description=f"{name or known_name} membership.", position=n,
    )
    db.session.add(category)
    db.session.commit()
    return category


def category_by_code(code: str) -> MembershipCategory:
    found = db.session.scalar(select(MembershipCategory).where(MembershipCategory.code == code))
    return found or create_category(code=code)


_DEFAULT_END = {"active": 200, "grace": -5, "lapsed": -60}


def create_member(*, email: str | None = None, name: str | None = None,
                  category: str = "qualified", status: str = "active", region: str = "london",
                  sector: str = "children_families", role: str = "practitioner",
                  period_end=None, consent_to_contact: bool = True, user=None):
    """A user with a membership in ``status``, its history made of the events that lead there."""
    user = user or create_user(email=email, name=name)
    day = today()
    if period_end is None and status in _DEFAULT_END:
        period_end = day + timedelta(days=_DEFAULT_END[status])
    started = add_years(period_end, -1) if period_end else day - timedelta(days=10)
    started = min(started, day)
    membership = Membership(
        user_id=user.id, category_id=category_by_code(category).id, joined_on=started,
        region=region, nation=nation_of(region), sector=sector, role=role,
        regulator="swe", registration_number=f"SW{1000 + user.id}",
        consent_to_contact=consent_to_contact, approved_at=None,
    )
    db.session.add(membership)
    db.session.flush()
    lifecycle.assign_member_number(db.session, membership)
    lifecycle.record(db.session, membership, "joined", on=started)
    if status in ("active", "grace", "lapsed"):
        payment = Payment(membership_id=membership.id, amount_pence=membership.category
                          .annual_fee_pence, method=PaymentMethod.INVOICE,
                          provider_reference=f"FACTORY-{membership.id}-{next(_counter)}",
                          paid_on=started, period_start=started, period_end=period_end)
        db.session.add(payment)
        lifecycle.record(db.session, membership, "payment", on=started,
                         period_end=period_end.isoformat(), payment_id=None)
    elif status == "cancelled":
        lifecycle.record(db.session, membership, "cancel_requested", on=day)
    elif status == "resigned":
        lifecycle.record(db.session, membership, "resigned", on=day)
    assert membership.status == status, (membership.status, status)
    db.session.commit()
    return user
