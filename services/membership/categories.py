"""Membership categories: the standard set, and staff creating, editing and closing them."""

import calendar

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import User
from models.membership import MembershipCategory
from rules.membership.periods import PeriodRule
from services import audit
from services.membership import MembershipError

# (code, name, annual fee in pence, monthly allowed, needs approval, eligibility, description)
STANDARD_CATEGORIES = (
    ("student", "Student", 500, False, False,
     "Studying for a social work degree or apprenticeship.",
     "For social work students: the full voice of the body for a nominal fee."),
    ("newly_qualified", "Newly qualified", 6000, True, False,
     "In your first two years after qualifying.",
     "A reduced fee for your first two years in practice."),
    ("qualified", "Qualified social worker", 12000, True, False,
     "A registered social worker.",
     "Full membership for registered social workers."),
    ("manager", "Manager or leader", 15000, True, False,
     "Managing social workers or leading a service.",
     "Full membership for managers, leaders and principal social workers."),
    ("retired", "Retired", 3000, False, False,
     "Retired from social work.",
     "Stay part of the profession's voice after you retire."),
    ("unwaged", "Unwaged or hardship", 1000, False, True,
     "Not working, on parental leave or facing hardship. Staff confirm before you start.",
     "A low fee so nobody has to leave for lack of money."),
    ("overseas", "Overseas", 8000, False, False,
     "Living and working outside the UK.",
     "For social workers practising outside the UK."),
)


def by_code(session: Session, code: str) -> MembershipCategory | None:
    """The category with this code, if any."""
    return session.scalar(select(MembershipCategory).where(MembershipCategory.code == code))


def all_categories(session: Session, *, open_only: bool = False) -> list[MembershipCategory]:
    """Categories in display order; ``open_only`` keeps those new members may join."""
    query = select(MembershipCategory).order_by(MembershipCategory.position,
                                                MembershipCategory.id)
    if open_only:
        query = query.where(MembershipCategory.open_to_new_members.is_(True))
    return list(session.scalars(query))


def ensure_standard_categories(session: Session) -> list[MembershipCategory]:
    """Add any of the standard categories that are missing (by code); leave others alone."""
    made = []
    for position, (code, name, fee, monthly, approval, eligibility, description) in enumerate(
            STANDARD_CATEGORIES, start=1):
        if by_code(session, code) is None:
            category = MembershipCategory(
                code=code, name=name, annual_fee_pence=fee, monthly_allowed=monthly,
                needs_approval=approval, eligibility=eligibility, description=description,
                position=position)
            session.add(category)
            made.append(category)
    session.flush()
    return made


EDITABLE = ("name", "description", "eligibility", "annual_fee_pence", "monthly_allowed",
            "needs_approval", "period_kind", "year_start_month", "year_start_day", "pro_rata",
            "roll_over_month", "roll_over_day", "open_to_new_members",
            "stripe_annual_price_id", "stripe_monthly_price_id", "position")


def save_category(session: Session, *, actor: User, category: MembershipCategory | None = None,
                  code: str | None = None, ip_address: str | None = None,
                  **values) -> MembershipCategory:
    """Create a category (when ``category`` is None, with ``code``) or edit one; audited.

    Existing members keep their category whatever changes; a new fee applies from
    their next renewal. Raises MembershipError if the code is taken or the period
    settings do not make a valid membership year.
    """
    creating = category is None
    if creating:
        if not code or by_code(session, code) is not None:
            raise MembershipError("A category with that code already exists.", field="code")
        category = MembershipCategory(code=code)
        session.add(category)
    for name in EDITABLE:
        if name in values:
            setattr(category, name, values[name])
    if category.period_kind == "fixed" and not (category.year_start_month
                                                and category.year_start_day):
        raise MembershipError("A fixed membership year needs the day it starts.",
                              field="year_start_month")
    try:
        category.period_rule()
    except ValueError as error:
        raise MembershipError(f"Those period settings do not work: {error}.",
                              field="year_start_month") from None
    session.flush()
    audit.record(session, actor=actor, action="membership.category_created" if creating
                 else "membership.category_edited", target=category, ip_address=ip_address,
                 code=category.code, fee_pence=category.annual_fee_pence,
                 open=category.open_to_new_members)
    return category


def describe_period(category: MembershipCategory) -> str:
    """The period rule in words, for members choosing a category."""
    rule: PeriodRule = category.period_rule()
    if rule.kind == "rolling":
        return "A year from the day you pay."
    month, day = rule.year_starts
    words = f"The membership year starts on {day} {calendar.month_name[month]}."
    if rule.pro_rata:
        words += " If you join part-way through, you pay only for the months left."
    if rule.roll_over:
        rm, rd = rule.roll_over
        words += (f" Join on or after {rd} {calendar.month_name[rm]} and your first payment"
                  " also covers the whole of the next year.")
    return words
