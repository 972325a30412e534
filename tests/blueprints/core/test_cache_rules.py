"""Pages with personal data are never kept by a browser or shared cache (Cache-Control:
no-store), each kind with real data in it; the pages everyone sees alike still may be.

tests/reliability/test_access.py checks the same header on every route for every role.
"""

import re

from sqlalchemy import select

from extensions import db
from models.membership import Payment
from models.outbox import OutboxMail
from services.membership.joining import membership_of
from tests.factories import create_staff
from tests.factories.membership import create_member
from tests.factories.petitions import create_petition
from tests.factories.polls import create_poll
from tests.factories.statements import create_statement
from tests.helpers import page_text


def _no_store(response) -> bool:
    return response.headers.get("Cache-Control") == "no-store"


def test_a_members_account_data_and_receipts_are_not_kept(client_as):
    member = create_member(status="active")
    payment = db.session.scalars(select(Payment).where(
        Payment.membership_id == membership_of(db.session, member).id)).first()
    helper = client_as(member)

    pages = [helper.get("accounts.settings"), helper.get("membership.my_data"),
             helper.get("membership.receipt", payment_id=payment.id)]

    assert member.email in pages[0].get_data(as_text=True)
    assert pages[1].get_json()["account"]["email"] == member.email
    assert all(_no_store(page) for page in pages)


def test_a_poll_receipt_is_not_kept(client_as):
    member = create_member(status="active")
    poll = create_poll(status="open")
    helper = client_as(member)
    q1, q2 = poll.questions
    helper.post("polls.vote", poll_id=poll.id, _data={f"q-{q1.id}": q1.options[0].id,
                                                      f"q-{q2.id}": q2.options[1].id})
    receipt = helper.get("polls.receipt", poll_id=poll.id)
    assert "Your receipt code is" in page_text(receipt)
    assert _no_store(receipt)


def test_a_public_polls_receipt_is_not_kept_though_the_visitor_has_no_account(visitor):
    poll = create_poll(status="open", audience="public",
                       questions=[("Should councils hire more social workers?", "yes_no", [])])
    q = poll.questions[0]
    visitor.post("polls.respond", poll_id=poll.id,
                 _data={f"q-{q.id}": q.options[0].id, "email": "reader@example.org"})
    mail = db.session.scalars(select(OutboxMail)).one()
    token = re.search(r"/confirm/(\S+)", mail.text_body).group(1)
    receipt = visitor.post("polls.confirm_response", poll_id=poll.id, token=token, _expected=200)
    assert "Your receipt code is" in page_text(receipt)
    assert _no_store(receipt)


def test_staff_pages_and_exports_are_not_kept(client_as):
    create_member(status="active", email="listed.member@example.org")
    helper = client_as(create_staff())
    pages = [helper.get("staff.home"), helper.get("membership.members"),
             helper.get("membership.export_members")]
    assert "listed.member@example.org" in pages[2].get_data(as_text=True)
    assert all(_no_store(page) for page in pages)


def test_signing_in_and_registering_are_not_kept(app):
    client = app.test_client()
    assert all(_no_store(client.get(path)) for path in ("/account/sign-in", "/account/register"))


def test_public_pages_are_not_kept_for_someone_signed_in(client_as):
    statement = create_statement(state="published")
    helper = client_as(create_member(status="active"))
    assert _no_store(helper.get("statements.show", slug=statement.slug))
    assert _no_store(helper.get("core.home"))


def test_what_every_visitor_sees_alike_may_still_be_kept(app, client_as):
    petition = create_petition()
    client = app.test_client()  # no session cookie at all
    assert "Cache-Control" not in client.get(f"/petitions/{petition.id}").headers
    # The same for everyone, signed in or not: the view's own caching stands.
    api = client_as(create_member(status="active")).get("petitions_api.detail",
                                                         petition_id=petition.id)
    assert api.headers["Cache-Control"].startswith("public")
