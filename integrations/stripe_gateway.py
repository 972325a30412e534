"""Stripe behind a small interface: a pinned-version client, Checkout, the portal, subscriptions.

Stripe objects from stripe-python 15 and later are not dicts: read them with attribute
access (``getattr(obj, "name", None)`` where a field may be missing).
"""

from datetime import UTC, date, datetime

import stripe
from flask import current_app
from sqlalchemy.orm import Session

from models.membership import Membership
from services.links import external_url
from services.membership.payments import category_for_next_period

# Pinned: the version stripe-python 16.1 was built for. Webhook endpoints in the Stripe
# dashboard must be created with the same version so payloads have the shape we read.
API_VERSION = "2026-10-28.endive"


def client() -> stripe.StripeClient:
    """A Stripe client for the configured key, API base and pinned version."""
    base = current_app.config.get("STRIPE_API_BASE") or None
    return stripe.StripeClient(
        current_app.config["STRIPE_SECRET_KEY"], stripe_version=API_VERSION,
        base_addresses={"api": base} if base else {}, max_network_retries=2)


def value(obj, path: str, default=None):
    """A nested field of a Stripe object by dotted path, or ``default`` when any part is missing."""
    for name in path.split("."):
        if obj is None:
            return default
        try:
            obj = obj[name] if isinstance(obj, dict) else getattr(obj, name)
        except (AttributeError, KeyError):
            return default
    return default if obj is None else obj


def ref(obj) -> str | None:
    """The id of a field that may be an id string or an expanded object."""
    if obj is None or isinstance(obj, str):
        return obj
    return value(obj, "id")


def to_date(timestamp: int | None) -> date | None:
    return datetime.fromtimestamp(timestamp, UTC).date() if timestamp else None


def period_end(subscription) -> date | None:
    """The subscription's current period end: from its first item, else the subscription itself.

    Since API version 2025-03-31 the period lives on each item; older payloads have it
    on the subscription.
    """
    items = value(subscription, "items.data", []) or []
    for item in items:
        if (end := value(item, "current_period_end")) is not None:
            return to_date(end)
    return to_date(value(subscription, "current_period_end"))


def ensure_customer(session: Session, membership: Membership) -> str:
    """The member's Stripe customer id, creating the customer the first time."""
    if membership.stripe_customer_id:
        return membership.stripe_customer_id
    user = membership.user
    customer = client().v1.customers.create(params={
        "email": user.email, "name": user.name,
        "metadata": {"membership_id": str(membership.id),
                     "member_number": membership.member_number or ""}})
    membership.stripe_customer_id = customer.id
    session.flush()
    return customer.id


def checkout_url(session: Session, membership: Membership) -> str:
    """Start a Checkout Session in subscription mode for the member's category and billing.

    Raises LookupError if the category has no Stripe price for that billing.
    """
    category = category_for_next_period(membership)
    price = (category.stripe_monthly_price_id if membership.billing == "monthly"
             else category.stripe_annual_price_id)
    if not price:
        raise LookupError(f"{category.name} has no Stripe price for {membership.billing} billing")
    metadata = {"membership_id": str(membership.id)}
    checkout = client().v1.checkout.sessions.create(params={
        "mode": "subscription",
        "customer": ensure_customer(session, membership),
        "client_reference_id": str(membership.id),
        "line_items": [{"price": price, "quantity": 1}],
        "metadata": metadata,
        "subscription_data": {"metadata": metadata},
        "success_url": external_url("accounts.settings") + "?paid=1",
        "cancel_url": external_url("membership.how_to_pay"),
    })
    return checkout.url


def portal_url(membership: Membership) -> str:
    """A customer portal session where the member changes their card or cancels."""
    portal = client().v1.billing_portal.sessions.create(params={
        "customer": membership.stripe_customer_id,
        "return_url": external_url("accounts.settings"),
    })
    return portal.url


def retrieve_subscription(subscription_id: str):
    """The subscription as Stripe has it now; None if Stripe does not know it."""
    try:
        return client().v1.subscriptions.retrieve(subscription_id)
    except stripe.InvalidRequestError:
        return None


def ended_unpaid(subscription) -> bool:
    """Whether an ended subscription stopped because it was not paid, not because the member
    cancelled: Stripe's cancellation reason, else its latest invoice still being unpaid."""
    reason = value(subscription, "cancellation_details.reason")
    if reason is not None and reason != "cancellation_requested":
        return reason in ("payment_failed", "payment_disputed")
    latest = value(subscription, "latest_invoice")
    if isinstance(latest, str):
        try:
            latest = client().v1.invoices.retrieve(latest)
        except stripe.InvalidRequestError:
            return False
    return value(latest, "status") in ("open", "uncollectible")
