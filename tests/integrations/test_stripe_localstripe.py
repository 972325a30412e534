"""Signup, renewal and cancellation end to end on localstripe, its webhooks reaching the app."""

import time

import pytest
import requests
from sqlalchemy import func, select

from integrations import stripe_gateway
from models.membership import Membership, Payment
from services.membership.joining import join
from tests.factories import create_category, create_user
from tests.integrations.conftest import WEBHOOK_SECRET
from tests.integrations.stripe_helpers import make_price, stripe_client, subscribe


def wait_for(committed, check, seconds=15.0):
    """Poll the database (a fresh snapshot each time) until ``check()`` is true."""
    deadline = time.monotonic() + seconds
    while True:
        committed.rollback()
        if check():
            return
        if time.monotonic() > deadline:
            raise AssertionError("the webhook did not arrive in time")
        time.sleep(0.3)


@pytest.fixture
def webhooks_to_app(stripe_config, live_server):
    """Have localstripe deliver webhooks to the running app for one test only.

    Afterwards the webhook points at a closed port, so deliveries still in flight
    (localstripe sends them about a second late) never reach a later test.
    """
    url = f"{stripe_config}/_config/webhooks/membership"
    requests.post(url, timeout=5, data={"url": f"{live_server}/stripe/webhook",
                                        "secret": WEBHOOK_SECRET})
    yield stripe_config
    requests.post(url, timeout=5, data={"url": "http://127.0.0.1:9/closed",
                                        "secret": WEBHOOK_SECRET})
    time.sleep(1.5)


def test_signup_renewal_and_cancellation_over_real_http(app, committed, webhooks_to_app):
    base = webhooks_to_app
    price = make_price(base)
    create_category(code="qualified", annual_fee_pence=12000)
    user = create_user(email="card.payer@example.org")
    membership = join(committed, user, category_code="qualified", region="london",
                      sector="adults", role="practitioner", regulator="swe",
                      registration_number="SW4242", payment_method="card")
    with app.test_request_context():
        customer = stripe_gateway.ensure_customer(committed, membership)
    committed.commit()
    mid = membership.id

    def current():
        return committed.get(Membership, mid)

    def paid() -> int:
        return committed.scalar(select(func.count()).select_from(Payment)
                                .where(Payment.membership_id == mid))

    # Signup: what Checkout would do, a subscription with its first invoice paid.
    subscription = subscribe(base, price=price, membership_id=mid, customer=customer)
    wait_for(committed, lambda: current().status == "active" and paid() == 1)
    first_end = current().period_end
    assert current().stripe_subscription_id == subscription.id

    # Renewal: create and pay an invoice on the subscription.
    client = stripe_client(base)
    client.v1.invoice_items.create(params={"customer": customer, "amount": 12000,
                                           "currency": "gbp", "subscription": subscription.id})
    invoice = client.v1.invoices.create(params={"customer": customer,
                                                "subscription": subscription.id})
    client.v1.invoices.pay(invoice.id)
    wait_for(committed, lambda: paid() == 2)
    assert current().period_end > first_end
    assert current().status == "active"

    # Cancellation: the subscription is deleted; the member keeps what they paid for.
    client.v1.subscriptions.cancel(subscription.id)
    wait_for(committed, lambda: current().cancel_at_period_end)
    assert current().status == "active"
    references = committed.scalars(select(Payment.provider_reference)
                                   .where(Payment.membership_id == mid)).all()
    assert all(ref.startswith("in_") for ref in references)
