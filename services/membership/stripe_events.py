"""Applying Stripe webhook events: each once (unique event id), in any order.

Events are hints: for subscriptions we fetch the subscription's current state from
Stripe and act on that, and every lifecycle event we record carries Stripe's own
timestamp, so replaying a membership's history gives the same state whatever order
the webhooks arrived in. Payments are keyed by invoice id, so invoice.paid and its
older twin invoice.payment_succeeded make one payment.
"""

import json
import logging
import time

import stripe
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from integrations.stripe_gateway import (
    ended_unpaid,
    period_end,
    ref,
    retrieve_subscription,
    to_date,
    value,
)
from integrations.stripe_payloads import LATEST_TIMESTAMP, payload_problem
from models.base import utcnow
from models.membership import Membership, Payment, PaymentMethod, StripeEvent
from rules.membership.events import Status
from rules.membership.lifecycle import PAYING
from rules.membership.periods import Period
from rules.numbers import whole_number
from services.links import external_url
from services.membership import MembershipError, lifecycle
from services.membership.payments import pounds, record_payment
from services.membership.standing import today as utc_today
from services.outbox import queue_mail

logger = logging.getLogger(__name__)
TOLERANCE_SECONDS = 300
HANDLED = frozenset({
    "checkout.session.completed", "invoice.paid", "invoice.payment_succeeded",
    "invoice.payment_failed", "customer.subscription.created",
    "customer.subscription.updated", "customer.subscription.deleted",
})
_LIVE = ("active", "trialing", "past_due", "unpaid", "incomplete")


class RefusedDelivery(ValueError):
    """A webhook delivery that is not applied, and changes nothing (answered 400)."""


class BadSignature(RefusedDelivery):
    """The webhook was not signed by Stripe with our secret, or its time is not now."""


class BadPayload(RefusedDelivery):
    """A signed body that is not an event of the shape and ranges the handlers read."""


def _signed_at(signature: str) -> int | None:
    """The t= timestamp of a Stripe-Signature header (one that has verified)."""
    for item in signature.split(","):
        key, _, number = item.strip().partition("=")
        if key == "t":
            return whole_number(number, maximum=LATEST_TIMESTAMP)
    return None


def verified_event(payload: bytes, signature: str, secret: str):
    """The event a delivery carries, once its signature, time and shape are checked.

    Raises BadSignature if the signature does not verify (wrong secret, altered body)
    or was made more than five minutes before or after now, and BadPayload if the
    body is not an event with the shape and ranges of integrations.stripe_payloads.
    """
    try:
        stripe.WebhookSignature.verify_header(payload, signature, secret, TOLERANCE_SECONDS)
    except stripe.SignatureVerificationError:
        raise BadSignature("The Stripe signature did not verify.") from None
    except ValueError:  # a body that is not UTF-8
        raise BadPayload("The body is not a Stripe event.") from None
    signed_at = _signed_at(signature)
    if signed_at is None or signed_at > time.time() + TOLERANCE_SECONDS:
        # Stripe's library refuses only the past; a time ahead would keep a captured
        # delivery replayable for as long as it lies.
        raise BadSignature("The Stripe signature's time is in the future.")
    try:
        data = json.loads(payload)
    except (ValueError, RecursionError):  # not JSON, or nested past what Python parses
        raise BadPayload("The body is not JSON.") from None
    problem = payload_problem(data)
    if problem is not None:
        raise BadPayload(f"The body is not a Stripe event this platform reads ({problem}).")
    return stripe.Webhook.construct_event(payload, signature, secret, tolerance=TOLERANCE_SECONDS)


def receive(session: Session, payload: bytes, signature: str, secret: str) -> str:
    """Verify and apply one webhook delivery; returns "applied", "duplicate" or "ignored".

    Raises BadSignature or BadPayload (both RefusedDelivery) as ``verified_event``
    does, having changed nothing.
    """
    event = verified_event(payload, signature, secret)
    try:
        with session.begin_nested():
            row = StripeEvent(event_id=event.id, type=event.type)
            session.add(row)
    except IntegrityError:
        return "duplicate"
    if event.type in HANDLED:
        try:
            with session.begin_nested():
                apply(session, event)
        except MembershipError as error:
            # E.g. a payment for someone who has since left: kept for staff to refund.
            logger.warning("Stripe event %s not applied: %s", event.id, error)
    row.processed_at = utcnow()
    session.flush()
    return "applied" if event.type in HANDLED else "ignored"


def apply(session: Session, event) -> None:
    """Apply a verified event to the membership it concerns (if we know it)."""
    obj = event.data.object
    if event.type == "checkout.session.completed":
        membership = _find(session, membership_id=value(obj, "client_reference_id")
                           or value(obj, "metadata.membership_id"),
                           customer=ref(value(obj, "customer")))
        if membership is not None and (sub_id := ref(value(obj, "subscription"))):
            _link(membership, ref(value(obj, "customer")), sub_id)
            _sync(session, membership, sub_id, None)
    elif event.type.startswith("invoice."):
        sub_id = ref(value(obj, "subscription")) or ref(
            value(obj, "parent.subscription_details.subscription"))
        membership = _find(session, subscription=sub_id, customer=ref(value(obj, "customer")))
        if membership is None:
            return
        subscription = retrieve_subscription(sub_id) if sub_id else None
        if event.type == "invoice.payment_failed":
            at = value(obj, "created") or event.created
            lifecycle.record(session, membership, "payment_failed", on=to_date(at), at=at,
                             invoice=value(obj, "id"))
            _tell_payment_failed(session, membership, value(obj, "amount_due", 0))
        else:
            _record_invoice(session, membership, obj, subscription)
        if sub_id:
            _sync(session, membership, sub_id, subscription)
    else:
        sub_id = value(obj, "id")
        membership = _find(session, membership_id=value(obj, "metadata.membership_id"),
                           subscription=sub_id, customer=ref(value(obj, "customer")))
        if membership is not None:
            _sync(session, membership, sub_id, retrieve_subscription(sub_id) or obj)


def _find(session: Session, *, membership_id=None, subscription=None,
          customer=None) -> Membership | None:
    number = whole_number(str(membership_id)) if membership_id else None
    if number is not None:
        found = session.get(Membership, number)
        if found is not None:
            return found
    clauses = []
    if subscription:
        clauses.append(Membership.stripe_subscription_id == subscription)
    if customer:
        clauses.append(Membership.stripe_customer_id == customer)
    return session.scalar(select(Membership).where(or_(*clauses))) if clauses else None


def _link(membership: Membership, customer: str | None, subscription: str | None) -> None:
    if customer and not membership.stripe_customer_id:
        membership.stripe_customer_id = customer
    if subscription and membership.stripe_subscription_id != subscription:
        membership.stripe_subscription_id = subscription
    membership.payment_method = PaymentMethod.CARD


def _record_invoice(session: Session, membership: Membership, invoice, subscription) -> None:
    invoice_id = value(invoice, "id")
    if session.scalar(select(Payment.id).where(Payment.provider_reference == invoice_id)):
        return
    amount = value(invoice, "amount_paid", 0)
    paid_at = value(invoice, "status_transitions.paid_at") or value(invoice, "created")
    paid_on = to_date(paid_at)
    lines = value(invoice, "lines.data", []) or []
    start = to_date(value(lines[0], "period.start")) if lines else None
    end = to_date(value(lines[0], "period.end")) if lines else None
    if end is None or end <= paid_on:
        end = period_end(subscription) if subscription is not None else None
    period = Period(start or paid_on, end) if end and end > (start or paid_on) else None
    if period is not None and membership.period_end and period.end <= membership.period_end:
        # The invoice says nothing about a new period (an extra invoice on the subscription):
        # it renews by the category's rule, following on from the current period.
        period = None
    record_payment(session, membership, amount_pence=amount, method=PaymentMethod.CARD,
                   reference=invoice_id, paid_on=min(paid_on, utc_today()), period=period,
                   currency=(value(invoice, "currency") or "gbp").upper()[:3],
                   check_approval=False, at=paid_at)


def _sync(session: Session, membership: Membership, sub_id: str, subscription) -> None:
    """Bring the membership's cancellation in line with the subscription as it is now.

    A subscription the member cancelled ends the membership when the paid period does.
    One Stripe ended because it was not paid is not the member leaving: the paid period
    runs its course and then grace and lapsing follow, so the member can still pay.
    """
    subscription = subscription or retrieve_subscription(sub_id)
    if subscription is None:
        return
    status = value(subscription, "status")
    ended = status in ("canceled", "incomplete_expired")
    if ended and membership.stripe_subscription_id not in (None, sub_id):
        return  # an old subscription: the member has started a newer one since
    _link(membership, ref(value(subscription, "customer")), sub_id)
    if ended:
        at = value(subscription, "canceled_at") or value(subscription, "ended_at")
        if ended_unpaid(subscription):
            if not _recorded(session, membership, "subscription_ended", sub_id):
                lifecycle.record(session, membership, "subscription_ended", on=to_date(at),
                                 at=at, subscription=sub_id, reason="unpaid")
        elif membership.status in PAYING and not (
                membership.cancel_at_period_end):
            lifecycle.record(session, membership, "cancel_requested", on=to_date(at), at=at,
                             subscription=sub_id)
    elif status in _LIVE:
        wants_cancel = bool(value(subscription, "cancel_at_period_end", False))
        at = value(subscription, "canceled_at") or int(utcnow().timestamp())
        if wants_cancel and not membership.cancel_at_period_end and (
                membership.status == Status.ACTIVE):
            lifecycle.record(session, membership, "cancel_requested", on=to_date(at), at=at,
                             subscription=sub_id)
        elif not wants_cancel and membership.cancel_at_period_end:
            lifecycle.record(session, membership, "cancellation_withdrawn", subscription=sub_id)


def _recorded(session: Session, membership: Membership, kind: str, sub_id: str) -> bool:
    return any(row.kind == kind and (row.detail or {}).get("subscription") == sub_id
               for row in lifecycle.history(session, membership))


def _tell_payment_failed(session: Session, membership: Membership, amount_pence: int) -> None:
    """Mail the member that a card or debit payment failed, and what that means for them."""
    user = membership.user
    if user.closed_at is not None or membership.status not in PAYING:
        return
    queue_mail(session, to=user.email, subject="Your membership payment did not go through",
               template="membership_payment_failed", name=user.name,
               member_number=membership.member_number, amount=pounds(amount_pence or 0),
               status=membership.status, period_end=membership.period_end,
               grace_ends=membership.grace_ends,
               pay_url=external_url("membership.how_to_pay"))
