"""Payments of dues: what the next payment costs, and recording one (which starts or renews)."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import User
from models.base import utcnow
from models.membership import Membership, MembershipCategory, Payment, PaymentMethod
from rules.membership.events import Status
from rules.membership.lifecycle import in_good_standing as state_in_good_standing
from rules.membership.lifecycle import period_for_payment
from rules.membership.periods import (
    Period,
    fee_for_first_period,
    monthly_amount_pence,
    monthly_instalments,
)
from services import audit
from services.membership import MembershipError, lifecycle
from services.membership.standing import today as utc_today
from services.outbox import queue_mail


def category_for_next_period(membership: Membership) -> MembershipCategory:
    """The category the next payment is for: a requested change applies from renewal."""
    return membership.pending_category or membership.category


def next_payment(session: Session, membership: Membership,
                 on: date | None = None) -> tuple[int, Period]:
    """What a payment made on ``on`` would cost, in pence, and the period it would buy.

    Annual payers pay the category's fee (pro-rata where the rule says) for a whole
    period. Monthly payers pay one instalment (the annual fee / 12, rounded up) for the
    first calendar month of the period the payment would start: each monthly payment
    extends the membership by one month.
    """
    on = on or utc_today()
    state = lifecycle.state_of(session, membership, on)
    category = category_for_next_period(membership)
    rule = category.period_rule()
    period = period_for_payment(rule, state, on)
    if membership.billing == "monthly":
        return monthly_amount_pence(category.annual_fee_pence), monthly_instalments(period)[0]
    renewing = state_in_good_standing(state) and state.period_end is not None
    if renewing:
        amount = category.annual_fee_pence
    else:
        amount = fee_for_first_period(rule, category.annual_fee_pence, on)
    return amount, period


def payments_of(session: Session, membership: Membership) -> list[Payment]:
    """The membership's payments, newest first."""
    return list(session.scalars(select(Payment).where(Payment.membership_id == membership.id)
                                .order_by(Payment.paid_on.desc(), Payment.id.desc())))


def record_payment(
    session: Session,
    membership: Membership,
    *,
    amount_pence: int,
    method: str,
    reference: str,
    paid_on: date | None = None,
    period: Period | None = None,
    currency: str = "GBP",
    actor: User | None = None,
    ip_address: str | None = None,
    check_approval: bool = True,
    at: float | None = None,
) -> Payment:
    """Record a payment of dues; it starts the membership or extends it by one period.

    ``period`` is worked out from the category's period rule unless given (Stripe
    says which period an invoice paid for). A requested category change takes
    effect with this payment. Staff payments (``actor`` given) are audited. The
    member gets a receipt by mail.

    Raises MembershipError (with the field at fault) if the reference was already
    used, the amount is negative, the date is in the future, the member has left,
    or their category needs staff approval that has not been given.
    """
    today = utc_today()
    paid_on = paid_on or today
    reference = reference.strip()
    if not reference:
        raise MembershipError("Enter the payment's reference.", field="reference")
    if session.scalar(select(Payment.id).where(Payment.provider_reference == reference)):
        raise MembershipError("A payment with that reference is already recorded.",
                              field="reference")
    if amount_pence < 0:
        raise MembershipError("The amount cannot be negative.", field="amount")
    if paid_on > today:
        raise MembershipError("The payment date cannot be in the future.", field="paid_on")
    if method not in PaymentMethod.ALL:
        raise MembershipError("Choose how the member paid.", field="method")
    if membership.status == Status.RESIGNED:
        raise MembershipError("This member has left; they need to rejoin before paying.")
    category = category_for_next_period(membership)
    if check_approval and category.needs_approval and membership.approved_at is None:
        raise MembershipError(f"Approve the {category.name} category for this member first.")
    if period is None:
        _amount, period = next_payment(session, membership, paid_on)
    if membership.pending_category_id is not None:
        lifecycle.record(session, membership, "category_changed", on=paid_on,
                         actor=actor, old=membership.category.code, new=category.code)
        membership.category_id, membership.pending_category_id = category.id, None
        membership.category = category
    payment = Payment(membership_id=membership.id, amount_pence=amount_pence, currency=currency,
                      method=method, provider_reference=reference, paid_on=paid_on,
                      period_start=period.start, period_end=period.end,
                      recorded_by_id=actor.id if actor else None, created_at=utcnow())
    session.add(payment)
    session.flush()
    lifecycle.record(session, membership, "payment", on=paid_on, actor=actor,
                     period_end=period.end.isoformat(), payment_id=payment.id,
                     amount_pence=amount_pence, method=method,
                     **({"at": at} if at is not None else {}))
    lifecycle.assign_member_number(session, membership)
    if actor is not None:
        audit.record(session, actor=actor, action="membership.payment_recorded",
                     target=membership, ip_address=ip_address, payment_id=payment.id,
                     amount_pence=amount_pence, method=method, reference=reference)
    user = membership.user
    if user.closed_at is None:
        queue_mail(session, to=user.email, subject="Thank you: your membership payment",
                   template="membership_receipt", name=user.name,
                   member_number=membership.member_number, amount=pounds(amount_pence),
                   period_end=period.end, status=membership.status)
    return payment


def pounds(pence: int) -> str:
    """Pence as money people read: 12000 → "£120.00"."""
    return f"£{pence // 100:,}.{pence % 100:02d}"
