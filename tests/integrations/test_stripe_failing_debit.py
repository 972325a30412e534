"""A failing SEPA debit end to end on localstripe: invoice.payment_failed, then the
subscription deleted, both delivered by localstripe to the running app."""

from datetime import timedelta

from sqlalchemy import select

from integrations import stripe_gateway
from models.membership import Membership, MembershipEvent
from models.outbox import OutboxMail
from services.membership import lifecycle
from services.membership.joining import join
from services.membership.payments import pounds
from tests.factories import create_category, create_user
from tests.integrations.stripe_helpers import (
    make_price,
    pay_by_failing_debit,
    stripe_client,
    subscribe,
)
from tests.integrations.test_stripe_localstripe import wait_for, webhooks_to_app  # noqa: F401


def card_member(app, committed, email):
    create_category(code="qualified", annual_fee_pence=12000)
    user = create_user(email=email)
    membership = join(committed, user, category_code="qualified", region="london",
                      sector="adults", role="practitioner", regulator="swe",
                      registration_number="SW4242", payment_method="card")
    with app.test_request_context():
        customer = stripe_gateway.ensure_customer(committed, membership)
    committed.commit()
    return membership.id, customer


def kinds(committed, mid) -> list[str]:
    return list(committed.scalars(select(MembershipEvent.kind)
                                  .where(MembershipEvent.membership_id == mid)
                                  .order_by(MembershipEvent.id)))


def failure_mails(committed, email) -> list[OutboxMail]:
    return list(committed.scalars(select(OutboxMail).where(
        OutboxMail.to_address == email,
        OutboxMail.subject == "Your membership payment did not go through")))


def test_a_failed_renewal_debit_keeps_the_paid_period_then_grace_then_lapse(
        app, committed, webhooks_to_app):  # noqa: F811
    base = webhooks_to_app
    email = "failing.debit@example.org"
    mid, customer = card_member(app, committed, email)
    subscription = subscribe(base, price=make_price(base), membership_id=mid, customer=customer)
    wait_for(committed, lambda: committed.get(Membership, mid).status == "active")
    paid_until = committed.get(Membership, mid).period_end

    # The member's bank account now fails; the renewal invoice is debited from it.
    pay_by_failing_debit(base, customer)
    client = stripe_client(base)
    client.v1.invoice_items.create(params={"customer": customer, "amount": 12000,
                                           "currency": "gbp", "subscription": subscription.id})
    invoice = client.v1.invoices.create(params={"customer": customer,
                                                "subscription": subscription.id})
    client.v1.invoices.pay(invoice.id)
    wait_for(committed, lambda: {"payment_failed", "subscription_ended"}
             <= set(kinds(committed, mid)))

    membership = committed.get(Membership, mid)
    assert membership.status == "active"
    assert membership.period_end == paid_until  # the failed debit bought nothing
    assert not membership.cancel_at_period_end  # Stripe stopping is not the member leaving
    assert "cancel_requested" not in kinds(committed, mid)
    assert stripe_client(base).v1.subscriptions.retrieve(subscription.id).status == "canceled"
    [mail] = failure_mails(committed, email)
    assert pounds(invoice.amount_due) in mail.text_body and "/membership/how-to-pay" in mail.text_body
    assert lifecycle.EVENT_LABELS["payment_failed"] in [
        lifecycle.EVENT_LABELS[k] for k in kinds(committed, mid)]

    # Unpaid, the rules take over: grace from the renewal date, lapsed 30 days later.
    assert lifecycle.state_of(committed, membership, paid_until).status == "grace"
    assert lifecycle.state_of(committed, membership,
                              paid_until + timedelta(days=30)).status == "lapsed"


def test_a_first_debit_that_fails_leaves_the_member_pending_to_pay_again(
        app, committed, webhooks_to_app):  # noqa: F811
    base = webhooks_to_app
    email = "failing.first@example.org"
    mid, customer = card_member(app, committed, email)
    pay_by_failing_debit(base, customer)
    subscribe_without_card(base, price=make_price(base), membership_id=mid, customer=customer)
    wait_for(committed, lambda: {"payment_failed", "subscription_ended"}
             <= set(kinds(committed, mid)))
    membership = committed.get(Membership, mid)
    assert membership.status == "pending"
    assert membership.period_end is None
    [mail] = failure_mails(committed, email)
    assert "has not started yet" in mail.text_body


def subscribe_without_card(base, *, price, membership_id, customer):
    return stripe_client(base).v1.subscriptions.create(params={
        "customer": customer, "items": [{"plan": price}],
        "metadata": {"membership_id": str(membership_id)}})
