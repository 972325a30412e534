"""Webhooks posted signed as Stripe signs them, for what localstripe cannot send."""

import itertools
import json
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from models.membership import Membership, MembershipEvent, Payment, StripeEvent
from rules.membership.periods import add_years
from tests.factories import create_category, create_member
from tests.integrations.conftest import event, sign
from tests.integrations.stripe_helpers import make_price, subscribe

_ids = itertools.count(1)


def post(client, payload: bytes, signature: str | None = None):
    return client.post("/stripe/webhook", data=payload, content_type="application/json",
                       headers={"Stripe-Signature": signature or sign(payload)})


def linked_member(db_session, base, *, status="active"):
    """An active card-paying member whose subscription exists on localstripe."""
    user = create_member(status=status)
    membership = db_session.scalar(select(Membership).where(Membership.user_id == user.id))
    subscription = subscribe(base, price=make_price(base), membership_id=membership.id,
                             email=user.email)
    membership.stripe_customer_id = subscription.customer
    membership.stripe_subscription_id = subscription.id
    db_session.commit()
    return membership, subscription


def ts(day) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def renewal_invoice(membership, subscription, invoice_id, *, new_shape=False) -> dict:
    start = membership.period_end
    now = int(time.time())
    invoice = {"id": invoice_id, "object": "invoice", "customer": subscription.customer,
               "amount_paid": 12000, "currency": "gbp", "status": "paid", "created": now,
               "status_transitions": {"paid_at": now},
               "lines": {"object": "list", "data": [{"object": "line_item", "period": {
                   "start": ts(start), "end": ts(add_years(start, 1))}}]}}
    if new_shape:
        invoice["parent"] = {"subscription_details": {"subscription": subscription.id}}
    else:
        invoice["subscription"] = subscription.id
    return invoice


def payments(db_session, membership) -> int:
    return db_session.scalar(select(func.count()).select_from(Payment)
                             .where(Payment.membership_id == membership.id))


def test_a_bad_signature_is_refused_and_changes_nothing(client, stripe_config, db_session):
    payload = event("evt_bad_sig", "invoice.paid", {"id": "in_x", "object": "invoice"})
    response = post(client, payload, sign(payload, secret="whsec_wrong"))
    assert response.status_code == 400
    assert db_session.scalar(select(StripeEvent).where(StripeEvent.event_id == "evt_bad_sig")) \
        is None


def test_a_signature_older_than_five_minutes_is_refused(client, stripe_config, db_session):
    payload = event("evt_old", "invoice.paid", {"id": "in_y", "object": "invoice"})
    response = post(client, payload, sign(payload, at=int(time.time()) - 301))
    assert response.status_code == 400
    assert db_session.scalar(select(StripeEvent).where(StripeEvent.event_id == "evt_old")) is None


def test_an_unknown_event_type_is_acknowledged_and_changes_nothing(client, stripe_config,
                                                                   db_session):
    membership, _ = linked_member(db_session, stripe_config)
    before = (membership.status, membership.period_end)
    payload = event("evt_unknown", "customer.discount.created",
                    {"id": "di_1", "object": "discount", "customer": membership.stripe_customer_id})
    response = post(client, payload)
    assert response.status_code == 200 and response.get_json()["result"] == "ignored"
    db_session.refresh(membership)
    assert (membership.status, membership.period_end) == before


def test_the_same_event_five_times_gives_one_payment(client, stripe_config, db_session):
    membership, subscription = linked_member(db_session, stripe_config)
    old_end = membership.period_end
    payload = event("evt_five", "invoice.paid",
                    renewal_invoice(membership, subscription, "in_five"))
    results = [post(client, payload).get_json()["result"] for _ in range(5)]
    assert results == ["applied"] + ["duplicate"] * 4
    db_session.refresh(membership)
    assert payments(db_session, membership) == 2  # the factory's first payment and this one
    assert membership.period_end == add_years(old_end, 1)


def test_invoice_paid_and_its_older_twin_make_one_payment(client, stripe_config, db_session):
    membership, subscription = linked_member(db_session, stripe_config)
    invoice = renewal_invoice(membership, subscription, "in_twin", new_shape=True)
    post(client, event("evt_twin_1", "invoice.paid", invoice))
    post(client, event("evt_twin_2", "invoice.payment_succeeded", invoice))
    assert payments(db_session, membership) == 2


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_one_renewals_events_in_any_order_give_the_same_end_state(client, stripe_config,
                                                                  db_session, order):
    membership, subscription = linked_member(db_session, stripe_config)
    old_end = membership.period_end
    n = next(_ids)
    invoice = renewal_invoice(membership, subscription, f"in_order_{n}")
    sub_obj = json.loads(json.dumps(subscription.to_dict()))
    events = [event(f"evt_o{n}_paid", "invoice.paid", invoice),
              event(f"evt_o{n}_succ", "invoice.payment_succeeded", invoice),
              event(f"evt_o{n}_upd", "customer.subscription.updated", sub_obj)]
    for i in order:
        assert post(client, events[i]).status_code == 200
    db_session.refresh(membership)
    assert membership.status == "active"
    assert membership.period_end == add_years(old_end, 1)
    assert not membership.cancel_at_period_end
    assert payments(db_session, membership) == 2


def test_payment_failure_then_deletion_in_either_order_cancels(client, stripe_config,
                                                              db_session):
    for flip in (False, True):
        user = create_member(status="pending")
        membership = db_session.scalar(select(Membership).where(Membership.user_id == user.id))
        subscription = subscribe(stripe_config, price=make_price(stripe_config),
                                 membership_id=membership.id)
        membership.stripe_customer_id = subscription.customer
        db_session.commit()
        from tests.integrations.stripe_helpers import stripe_client

        stripe_client(stripe_config).v1.subscriptions.cancel(subscription.id)
        n = next(_ids)
        failed = event(f"evt_f{n}", "invoice.payment_failed", {
            "id": f"in_f{n}", "object": "invoice", "customer": subscription.customer,
            "subscription": subscription.id, "created": int(time.time()) - 60})
        deleted = event(f"evt_d{n}", "customer.subscription.deleted", {
            "id": subscription.id, "object": "subscription", "customer": subscription.customer,
            "status": "canceled", "canceled_at": int(time.time()), "metadata": {}})
        for payload in ((deleted, failed) if flip else (failed, deleted)):
            assert post(client, payload).status_code == 200
        db_session.refresh(membership)
        assert membership.status == "cancelled", flip


def test_checkout_completion_links_the_subscription(client, stripe_config, db_session):
    create_category(code="qualified")
    user = create_member(status="pending")
    membership = db_session.scalar(select(Membership).where(Membership.user_id == user.id))
    subscription = subscribe(stripe_config, price=make_price(stripe_config),
                             membership_id=membership.id)
    payload = event("evt_checkout", "checkout.session.completed", {
        "id": "cs_test_1", "object": "checkout.session", "mode": "subscription",
        "client_reference_id": str(membership.id), "customer": subscription.customer,
        "subscription": subscription.id})
    assert post(client, payload).status_code == 200
    db_session.refresh(membership)
    assert membership.stripe_subscription_id == subscription.id
    assert membership.payment_method == "card"


def test_a_subscription_ended_unpaid_is_not_the_member_leaving_in_either_order(
        client, stripe_config, db_session):
    from tests.integrations.stripe_helpers import pay_by_failing_debit, stripe_client

    for flip in (False, True):
        user = create_member(status="pending")
        membership = db_session.scalar(select(Membership).where(Membership.user_id == user.id))
        client_ = stripe_client(stripe_config)
        customer = client_.v1.customers.create(params={"email": user.email}).id
        pay_by_failing_debit(stripe_config, customer)
        subscription = client_.v1.subscriptions.create(params={
            "customer": customer, "items": [{"plan": make_price(stripe_config)}]})
        membership.stripe_customer_id = customer
        db_session.commit()
        deadline = time.monotonic() + 10
        while client_.v1.subscriptions.retrieve(subscription.id).status != "canceled":
            assert time.monotonic() < deadline, "localstripe did not fail the debit"
            time.sleep(0.2)
        n = next(_ids)
        failed = event(f"evt_uf{n}", "invoice.payment_failed", {
            "id": subscription.latest_invoice, "object": "invoice", "customer": customer,
            "subscription": subscription.id, "amount_due": 12000, "created": int(time.time())})
        deleted = event(f"evt_ud{n}", "customer.subscription.deleted", {
            "id": subscription.id, "object": "subscription", "customer": customer,
            "status": "canceled", "ended_at": int(time.time()), "metadata": {}})
        for payload in ((deleted, failed) if flip else (failed, deleted)):
            assert post(client, payload).status_code == 200
        db_session.refresh(membership)
        assert membership.status == "pending", flip
        kinds = [e.kind for e in db_session.scalars(select(MembershipEvent).where(
            MembershipEvent.membership_id == membership.id))]
        assert kinds.count("subscription_ended") == 1 and "cancel_requested" not in kinds


def _no_trace(db_session, membership=None, event_id=None) -> bool:
    """Nothing recorded: no event row (so a fixed delivery is applied later), no payment."""
    events = db_session.scalar(select(func.count()).select_from(StripeEvent).where(
        StripeEvent.event_id == event_id)) if event_id else 0
    return events == 0 and (membership is None or payments(db_session, membership) == 1)


@pytest.mark.parametrize("body", [b"[]", b'[{"id": "evt_1", "type": "invoice.paid"}]', b'"evt"',
                                  b"null", b"12", b'{"id": "evt_no_data", "type": "invoice.paid"}',
                                  b'{"id": 7, "type": "invoice.paid", "data": {"object": {}}}',
                                  b'{"id": "evt_x", "type": "invoice.paid", "data": {"object": []}}'])
def test_a_signed_body_that_is_not_an_event_is_refused_and_changes_nothing(
        client, stripe_config, db_session, body):
    response = post(client, body)
    assert response.status_code == 400 and "not" in response.get_json()["error"]
    assert db_session.scalar(select(func.count()).select_from(StripeEvent)) == 0


@pytest.mark.parametrize("change", [
    {"amount_paid": 1e20}, {"amount_paid": 2**31}, {"amount_paid": -5}, {"amount_paid": "12000"},
    {"amount_paid": 120.5}, {"created": 10**13}, {"status_transitions": {"paid_at": -1}},
    {"lines": {"object": "list", "data": [{"period": {"start": 0, "end": 10**13}}]}},
    {"currency": 826}, {"customer": 42}, {"id": None},
])
def test_an_invoice_with_values_out_of_shape_or_range_is_refused_and_changes_nothing(
        client, stripe_config, db_session, change):
    membership, subscription = linked_member(db_session, stripe_config)
    invoice = renewal_invoice(membership, subscription, f"in_range_{next(_ids)}") | change
    event_id = f"evt_range_{next(_ids)}"
    response = post(client, event(event_id, "invoice.paid", invoice))
    assert response.status_code == 400
    assert _no_trace(db_session, membership, event_id)


def test_a_subscription_event_with_a_date_past_the_year_9999_is_refused(client, stripe_config,
                                                                        db_session):
    payload = event("evt_far", "customer.subscription.updated", {
        "id": "sub_far", "object": "subscription", "status": "active",
        "items": {"object": "list", "data": [{"current_period_end": 10**15}]}})
    assert post(client, payload).status_code == 400
    assert _no_trace(db_session, event_id="evt_far")


def test_a_membership_id_too_large_for_the_database_is_looked_up_by_customer(
        client, stripe_config, db_session):
    membership, subscription = linked_member(db_session, stripe_config)
    membership.stripe_subscription_id = None  # as before Checkout completes
    db_session.commit()
    payload = event("evt_huge_id", "checkout.session.completed", {
        "id": "cs_test_huge", "object": "checkout.session", "mode": "subscription",
        "client_reference_id": "9" * 30, "customer": subscription.customer,
        "subscription": subscription.id})
    assert post(client, payload).status_code == 200
    db_session.refresh(membership)
    assert membership.stripe_subscription_id == subscription.id


def test_a_signature_dated_more_than_five_minutes_ahead_is_refused(client, stripe_config,
                                                                   db_session):
    payload = event("evt_future", "invoice.paid", {"id": "in_future", "object": "invoice"})
    response = post(client, payload, sign(payload, at=int(time.time()) + 301))
    assert response.status_code == 400 and "future" in response.get_json()["error"]
    assert _no_trace(db_session, event_id="evt_future")
    # A clock a little ahead is Stripe's and ours disagreeing, not a replay: accepted.
    ahead = event("evt_ahead", "customer.discount.created", {"id": "di_2", "object": "discount"})
    assert post(client, ahead, sign(ahead, at=int(time.time()) + 60)).status_code == 200
