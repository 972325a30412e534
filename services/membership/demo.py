"""Demo membership: standard categories, members in every status and category, payments."""

from datetime import timedelta

from sqlalchemy.orm import Session

from models.accounts import Role, User
from models.base import utcnow
from services import passwords
from services.membership import lifecycle, staff
from services.membership.categories import all_categories, ensure_standard_categories
from services.membership.joining import join
from services.membership.payments import next_payment, record_payment
from services.membership.standing import today

FIRST = ["Aisha", "Ben", "Carys", "Dev", "Eilidh", "Femi", "Gwen", "Harpreet", "Iain", "Jo",
         "Kofi", "Lowri", "Mairead", "Nadia", "Owen", "Priya", "Rhys", "Siobhan", "Tom", "Uma",
         "Wyn"]
LAST = ["Patel", "Jones", "Campbell", "Murphy", "Okafor", "Evans", "Khan", "Smith"]
REGIONS = ["london", "north_west", "wales", "scotland", "northern_ireland", "yorkshire_humber",
           "south_west", "west_midlands"]
REGULATOR_FOR = {"wales": ("scw", "1234{:03d}"), "scotland": ("sssc", "7654{:03d}"),
                 "northern_ireland": ("niscc", "601{:03d}")}
SECTORS = ["children_families", "adults", "mental_health", "older_people", "youth_justice"]
# (status, days ago the last payment was made, or None for no payment)
PLAN = [("active", 40), ("active", 200), ("grace", 380), ("lapsed", 420), ("pending", None),
        ("cancelled", None), ("resigned", 90)]


def seed(session: Session, accounts: dict[str, User]) -> None:
    """Add the standard categories, the demo member's membership and members in every status."""
    ensure_standard_categories(session)
    shared_hash = passwords.hash_password("demo-member-password-not-for-use")
    day = today()
    _member(session, accounts["member"], "qualified", "london", 0, "active", 100, day)
    n = 0
    for category in all_categories(session):
        for status, paid_ago in PLAN:
            n += 1
            first, last = FIRST[n % len(FIRST)], LAST[n % len(LAST)]
            user = User(email=f"{first}.{last}.{n}@example.org".lower(),
                        name=f"{first} {last}", password_hash=shared_hash, role=Role.MEMBER,
                        email_verified_at=utcnow())
            session.add(user)
            session.flush()
            _member(session, user, category.code, REGIONS[n % len(REGIONS)], n, status,
                    paid_ago, day)


def _member(session, user, code, region, n, status, paid_ago, day) -> None:
    role = "student" if code == "student" else ("manager" if code == "manager" else
                                                "practitioner")
    regulator, pattern = REGULATOR_FOR.get(region, ("swe", "SW{:d}"))
    joined = day - timedelta(days=(paid_ago or 20) + 5)
    membership = join(session, user, category_code=code, region=region,
                      sector=SECTORS[n % len(SECTORS)], role=role, regulator=regulator,
                      registration_number=pattern.format(100 + n), consent_to_contact=n % 3 != 0,
                      payment_method=("invoice", "direct_debit", "payroll")[n % 3], on=joined)
    if membership.category.needs_approval:
        staff.approve(session, membership, actor=None)
    if paid_ago is not None:
        paid_on = day - timedelta(days=paid_ago)
        amount, _period = next_payment(session, membership, paid_on)
        record_payment(session, membership, amount_pence=amount, method=membership.payment_method,
                       reference=f"DEMO-{membership.member_number}", paid_on=paid_on,
                       actor=None)
    if status == "cancelled":
        lifecycle.record(session, membership, "cancel_requested", on=day - timedelta(days=2))
    elif status == "resigned":
        lifecycle.record(session, membership, "resigned", on=day - timedelta(days=10))
    lifecycle.refresh(session, membership)
    if membership.status != status:
        raise RuntimeError(f"demo {code} member meant to be {status} is {membership.status}")
