"""Checkout and the customer portal, checked at the HTTP boundary: what the library sends."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from sqlalchemy import select

from integrations.stripe_gateway import API_VERSION
from models.membership import Membership
from tests.factories import create_category, create_member, create_user

JOIN = {"category": "qualified", "billing": "annual", "regulator": "swe",
        "registration_number": "SW12345", "region": "london", "sector": "adults",
        "role": "practitioner", "consent_to_contact": "y"}


class Recorder(BaseHTTPRequestHandler):
    """Answers like Stripe for the three calls we make, and remembers each request."""

    requests: list = []

    def do_POST(self):  # noqa: N802 (the name http.server calls)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        self.requests.append((self.path, parse_qs(body), dict(self.headers)))
        answers = {
            "/v1/customers": {"id": "cus_recorded", "object": "customer"},
            "/v1/checkout/sessions": {"id": "cs_test_recorded", "object": "checkout.session",
                                      "url": "https://checkout.stripe.test/pay/cs_test"},
            "/v1/billing_portal/sessions": {"id": "bps_1", "object": "billing_portal.session",
                                            "url": "https://billing.stripe.test/session/1"},
        }
        data = json.dumps(answers.get(self.path, {"error": {"message": "no"}})).encode()
        self.send_response(200 if self.path in answers else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder(app):
    Recorder.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    saved = (app.config["STRIPE_SECRET_KEY"], app.config["STRIPE_API_BASE"])
    app.config.update(STRIPE_SECRET_KEY="sk_test_recorder",
                      STRIPE_API_BASE=f"http://127.0.0.1:{server.server_port}")
    yield Recorder.requests
    app.config["STRIPE_SECRET_KEY"], app.config["STRIPE_API_BASE"] = saved
    server.shutdown()


def test_checkout_is_a_subscription_for_the_categorys_price(client_as, db_session, recorder):
    category = create_category(code="qualified")
    category.stripe_annual_price_id = "price_qualified_annual"
    db_session.commit()
    user = create_member(status="pending")
    response = client_as(user).post("membership.checkout", _expected=303)
    assert response.headers["Location"] == "https://checkout.stripe.test/pay/cs_test"
    path, params, headers = recorder[-1]
    membership = db_session.scalar(select(Membership).where(Membership.user_id == user.id))
    assert path == "/v1/checkout/sessions"
    assert params["mode"] == ["subscription"]
    assert params["line_items[0][price]"] == ["price_qualified_annual"]
    assert params["customer"] == ["cus_recorded"]
    assert params["client_reference_id"] == [str(membership.id)]
    assert params["subscription_data[metadata][membership_id]"] == [str(membership.id)]
    assert headers["Stripe-Version"] == API_VERSION
    assert membership.stripe_customer_id == "cus_recorded"


def test_portal_sends_the_customer_and_a_way_back(client_as, db_session, recorder):
    user = create_member(status="active")
    membership = db_session.scalar(select(Membership).where(Membership.user_id == user.id))
    membership.stripe_customer_id = "cus_existing"
    db_session.commit()
    response = client_as(user).post("membership.billing_portal", _expected=303)
    assert response.headers["Location"] == "https://billing.stripe.test/session/1"
    path, params, _ = recorder[-1]
    assert path == "/v1/billing_portal/sessions"
    assert params["customer"] == ["cus_existing"]
    assert params["return_url"][0].endswith("/account")


def test_a_category_without_a_stripe_price_falls_back_to_paying_another_way(
        client_as, db_session, recorder):
    user = create_member(status="pending")
    response = client_as(user).post("membership.checkout", _expected=302)
    assert response.headers["Location"].endswith("/membership/how-to-pay")


def test_opening_the_checkout_address_creates_nothing_at_stripe(client_as, db_session, recorder):
    category = create_category(code="qualified")
    category.stripe_annual_price_id = "price_qualified_annual"
    db_session.commit()
    user = create_member(status="pending")
    response = client_as(user).get("membership.checkout", _expected=302)
    assert response.headers["Location"].endswith("/membership/how-to-pay")
    assert recorder == []
    membership = db_session.scalar(select(Membership).where(Membership.user_id == user.id))
    assert membership.stripe_customer_id is None


def test_starting_checkout_needs_the_forms_csrf_token(client_as, db_session, recorder):
    category = create_category(code="qualified")
    category.stripe_annual_price_id = "price_qualified_annual"
    db_session.commit()
    user = create_member(status="pending")
    client_as(user).post("membership.checkout", _csrf=False, _expected=400)
    client_as(user).post("membership.billing_portal", _csrf=False, _expected=400)
    assert recorder == []


def test_joining_by_card_goes_straight_to_stripe_from_the_join_form(client_as, db_session,
                                                                   recorder):
    category = create_category(code="qualified")
    category.stripe_annual_price_id = "price_qualified_annual"
    db_session.commit()
    user = create_user()
    response = client_as(user).post("membership.join", _expected=303, _data=JOIN | {
        "payment_method": "card"})
    assert response.headers["Location"] == "https://checkout.stripe.test/pay/cs_test"
    assert [path for path, _params, _headers in recorder] == ["/v1/customers",
                                                               "/v1/checkout/sessions"]


def test_how_to_pay_offers_a_pay_by_card_button_that_posts(client_as, db_session, recorder):
    user = create_member(status="pending")
    membership = db_session.scalar(select(Membership).where(Membership.user_id == user.id))
    membership.payment_method = "card"
    db_session.commit()
    page = client_as(user).get("membership.how_to_pay").get_data(as_text=True)
    assert 'method="post" action="/membership/checkout"' in page
    assert "Pay by card" in page


def test_webhook_is_not_there_without_a_secret(client, app):
    assert not app.config["STRIPE_WEBHOOK_SECRET"]
    assert client.post("/stripe/webhook", data=b"{}").status_code == 404
