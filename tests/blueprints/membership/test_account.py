import json

from sqlalchemy import select

from models.membership import Membership, Payment
from tests.factories import DEFAULT_PASSWORD, create_category, create_member
from tests.helpers import page_text


def membership_of(db_session, user):
    return db_session.scalar(select(Membership).where(Membership.user_id == user.id))


def test_account_page_shows_status_category_renewal_and_payments(client_as, db_session):
    user = create_member(status="active")
    membership = membership_of(db_session, user)
    page = page_text(client_as(user).get("accounts.settings"))
    assert "Active" in page and "Qualified social worker" in page
    assert membership.period_end.strftime("%-d %B %Y") in page
    assert "Receipt" in page


def test_receipt_is_printable_and_private_to_its_member(client_as, db_session):
    user = create_member(status="active")
    payment = db_session.scalar(select(Payment).join(Membership).where(
        Membership.user_id == user.id))
    assert "Receipt number" in page_text(client_as(user).get("membership.receipt",
                                                             payment_id=payment.id))
    client_as(create_member()).get("membership.receipt", payment_id=payment.id, _expected=404)


def test_changing_category_waits_for_renewal(client_as, db_session):
    create_category(code="manager")
    user = create_member(status="active")
    client_as(user).post("membership.change_category", _data={"category": "manager"})
    membership = membership_of(db_session, user)
    assert membership.category.code == "qualified"
    assert membership.pending_category.code == "manager"


def test_a_lapsed_member_is_sent_to_rejoin_rather_than_change_category(client_as, db_session):
    create_category(code="manager")
    user = create_member(status="lapsed")
    helper = client_as(user)
    response = helper.get("membership.change_category", _expected=302)
    assert response.headers["Location"].endswith("/join")
    helper.post("membership.change_category", _data={"category": "manager"})
    membership = membership_of(db_session, user)
    assert membership.category.code == "qualified" and membership.pending_category is None
    assert "rejoin" in page_text(helper.get("membership.join"))


def test_cancelling_keeps_a_paid_member_active_until_the_period_ends(client_as, db_session):
    user = create_member(status="active")
    helper = client_as(user)
    helper.post("membership.cancel")
    membership = membership_of(db_session, user)
    assert membership.status == "active" and membership.cancel_at_period_end
    helper.post("membership.rejoin")
    assert not membership.cancel_at_period_end


def test_a_lapsed_member_rejoins_through_the_join_form(client_as, db_session):
    user = create_member(status="lapsed")
    response = client_as(user).post("membership.rejoin")
    assert response.headers["Location"].endswith("/join")
    client_as(user).post("membership.join", _data={
        "category": "qualified", "billing": "annual", "regulator": "swe",
        "registration_number": "SW999", "region": "wales", "sector": "adults",
        "role": "practitioner", "payment_method": "payroll"})
    assert membership_of(db_session, user).status == "pending"


def test_download_my_data_has_membership_and_payments(client_as):
    user = create_member(status="active")
    data = json.loads(client_as(user).get("membership.my_data").get_data(as_text=True))
    assert data["account"]["email"] == user.email
    assert data["membership"]["status"] == "active"
    assert len(data["payments"]) == 1


def test_closing_an_account_anonymises_it_and_keeps_payments(client_as, db_session):
    user = create_member(status="active", email="leaving@example.org")
    client_as(user).post("membership.close_account",
                         _data={"password": DEFAULT_PASSWORD, "confirm": "y"})
    membership = membership_of(db_session, user)
    assert membership.status == "resigned"
    assert user.email != "leaving@example.org" and user.name == "Closed account"
    assert membership.registration_number is None and membership.region is None
    assert db_session.scalar(select(Payment).where(Payment.membership_id == membership.id))


def test_closing_needs_the_right_password(client_as, db_session):
    user = create_member(status="active")
    response = client_as(user).post("membership.close_account", _expected=200,
                                    _data={"password": "wrong", "confirm": "y"})
    assert "not right" in page_text(response)
    assert membership_of(db_session, user).status == "active"


def test_a_failed_payment_is_shown_with_a_way_to_pay_again_until_one_arrives(client_as,
                                                                             db_session):
    from services.membership import lifecycle

    user = create_member(status="active")
    membership = membership_of(db_session, user)
    lifecycle.record(db_session, membership, "payment_failed", invoice="in_failed")
    db_session.commit()
    page = page_text(client_as(user).get("accounts.settings"))
    assert "did not go through" in page and "Pay again" in page
    assert "Active" in page
