"""Joining (and rejoining): check choices and professional details, start a membership."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import User
from models.membership import Membership, PaymentMethod
from rules.membership.lifecycle import FORMER
from rules.membership.regions import REGIONS, ROLES, SECTORS, is_choice, nation_of
from rules.membership.registration import (
    RegistrationNumberError,
    normalise_registration,
    registration_required,
)
from rules.membership.registration import regulator as find_regulator
from services.membership import MembershipError, lifecycle
from services.membership.categories import by_code
from services.membership.payments import next_payment, pounds
from services.membership.standing import today as utc_today
from services.outbox import queue_mail

# What a member paying without Stripe is told, by method.
HOW_TO_PAY = {
    PaymentMethod.INVOICE: "We will email you an invoice. Pay it by bank transfer quoting your "
                           "member number; we start your membership when the money arrives.",
    PaymentMethod.DIRECT_DEBIT: "We will post you a direct debit mandate to sign and return. "
                                "Your membership starts when the first collection clears.",
    PaymentMethod.PAYROLL: "Ask your employer's payroll team to deduct your dues, quoting your "
                           "member number. Your membership starts when we receive the first "
                           "deduction.",
    PaymentMethod.CARD: "Pay by card on the secure Stripe page.",
}


def membership_of(session: Session, user: User) -> Membership | None:
    """The user's membership, if they ever had one."""
    return session.scalar(select(Membership).where(Membership.user_id == user.id))


def check_professional_details(role: str, regulator_code: str | None,
                               number: str | None) -> tuple[str | None, str | None]:
    """The regulator code and normalised registration number to store.

    Raises MembershipError (on the field at fault) when a role that must give a number
    gives none, or the number is not in the chosen regulator's format.
    """
    number = (number or "").strip()
    if not number:
        if registration_required(role):
            raise MembershipError("Enter your registration number with your regulator.",
                                  field="registration_number")
        return (regulator_code or None), None
    if not regulator_code:
        raise MembershipError("Choose the regulator you are registered with.", field="regulator")
    try:
        find_regulator(regulator_code)
    except KeyError:
        raise MembershipError("Choose a regulator from the list.", field="regulator") from None
    try:
        return regulator_code, normalise_registration(regulator_code, number)
    except RegistrationNumberError as error:
        raise MembershipError(str(error), field="registration_number") from None


def join(
    session: Session,
    user: User,
    *,
    category_code: str,
    region: str,
    sector: str,
    role: str,
    regulator: str | None = None,
    registration_number: str | None = None,
    consent_to_contact: bool = False,
    billing: str = "annual",
    payment_method: str = PaymentMethod.INVOICE,
    on: date | None = None,
) -> Membership:
    """Start (or restart) ``user``'s membership as pending payment, and mail how to pay.

    A former member (lapsed, cancelled, resigned) rejoins with the new details.
    Raises MembershipError, with the form field at fault, if the category is closed
    to new members, a choice is not one offered, the registration number is not in
    the regulator's format, or the user is already a member.
    """
    on = on or utc_today()
    category = by_code(session, category_code)
    if category is None or not category.open_to_new_members:
        raise MembershipError("Choose one of the categories open to new members.",
                              field="category")
    for value, choices, name, what in ((region, REGIONS, "region", "where you work"),
                                       (sector, SECTORS, "sector", "your sector"),
                                       (role, ROLES, "role", "your role")):
        if not is_choice(choices, value or ""):
            raise MembershipError(f"Choose {what} from the list.", field=name)
    if billing not in ("annual", "monthly") or (billing == "monthly"
                                                and not category.monthly_allowed):
        raise MembershipError(f"{category.name} membership is paid once a year.",
                              field="billing")
    if payment_method not in (PaymentMethod.CARD, *PaymentMethod.MANUAL_CHOICES):
        raise MembershipError("Choose how you will pay.", field="payment_method")
    regulator, number = check_professional_details(role, regulator, registration_number)

    membership = membership_of(session, user)
    rejoining = membership is not None
    if membership is not None and membership.status not in FORMER:
        raise MembershipError("You already have a membership: see your account page.")
    if membership is None:
        membership = Membership(user_id=user.id, joined_on=on, category_id=category.id)
        session.add(membership)
    membership.category_id = category.id
    membership.pending_category_id = None
    membership.approved_at = None
    membership.region, membership.nation = region, nation_of(region)
    membership.sector, membership.role = sector, role
    membership.regulator, membership.registration_number = regulator, number
    membership.consent_to_contact = bool(consent_to_contact)
    membership.billing, membership.payment_method = billing, payment_method
    session.flush()
    lifecycle.assign_member_number(session, membership)
    lifecycle.record(session, membership, "rejoined" if rejoining else "joined", on=on,
                     category=category.code, method=payment_method, billing=billing)
    if payment_method != PaymentMethod.CARD:
        amount, period = next_payment(session, membership, on)
        queue_mail(session, to=user.email, subject="Your membership: how to pay",
                   template="membership_how_to_pay", name=user.name,
                   member_number=membership.member_number, category=category.name,
                   needs_approval=category.needs_approval,
                   how_to_pay=HOW_TO_PAY[payment_method], amount=pounds(amount),
                   monthly=billing == "monthly", period_end=period.end)
    return membership
