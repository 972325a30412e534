"""Arranging customers and subscriptions on localstripe with the real stripe library."""

import itertools
import uuid

import stripe

from integrations.stripe_gateway import API_VERSION

_n = itertools.count(1)


def stripe_client(base: str) -> stripe.StripeClient:
    return stripe.StripeClient("sk_test_membership", base_addresses={"api": base},
                               stripe_version=API_VERSION)


def make_price(base: str, amount: int = 12000) -> str:
    """A yearly plan with a price-like id (localstripe has plans, not prices)."""
    client = stripe_client(base)
    product = client.v1.products.create(params={"name": f"Membership {next(_n)}"})
    plan = client.v1.plans.create(params={
        "id": f"price_{uuid.uuid4().hex[:12]}", "product": product.id, "amount": amount,
        "currency": "gbp", "interval": "year"})
    return plan.id


def subscribe(base: str, *, price: str, membership_id: int, customer: str | None = None,
              email: str = "member@example.org"):
    """A customer with a working card, subscribed to ``price``: what Checkout would make."""
    client = stripe_client(base)
    if customer is None:
        customer = client.v1.customers.create(params={
            "email": email, "metadata": {"membership_id": str(membership_id)}}).id
    card = client.v1.payment_methods.create(params={"type": "card", "card": {
        "number": "4242424242424242", "exp_month": 12, "exp_year": 2034, "cvc": "123"}})
    client.v1.payment_methods.attach(card.id, params={"customer": customer})
    client.v1.customers.update(customer, params={
        "invoice_settings": {"default_payment_method": card.id}})
    return client.v1.subscriptions.create(params={
        "customer": customer, "items": [{"plan": price}],
        "metadata": {"membership_id": str(membership_id)}})


FAILING_IBAN = "DE62370400440532013001"  # localstripe: the debit fails about half a second later


def pay_by_failing_debit(base: str, customer: str) -> None:
    """Make the customer's default payment method a SEPA account whose debits fail."""
    client = stripe_client(base)
    debit = client.v1.payment_methods.create(params={
        "type": "sepa_debit", "sepa_debit": {"iban": FAILING_IBAN}})
    client.v1.payment_methods.attach(debit.id, params={"customer": customer})
    client.v1.customers.update(customer, params={
        "invoice_settings": {"default_payment_method": debit.id}})
