from sqlalchemy import select

from models.membership import Membership
from models.outbox import OutboxMail
from tests.factories import create_category, create_member, create_staff, create_user
from tests.helpers import page_text

GOOD = {"category": "qualified", "billing": "annual", "regulator": "swe",
        "registration_number": "sw12345", "region": "london", "sector": "adults",
        "role": "practitioner", "consent_to_contact": "y", "payment_method": "invoice"}


def membership_of(db_session, user):
    return db_session.scalar(select(Membership).where(Membership.user_id == user.id))


def test_visitor_is_sent_to_sign_in_before_joining(visitor):
    response = visitor.get("membership.join", _expected=302)
    assert "sign-in" in response.headers["Location"]


def test_member_joins_on_the_manual_method_and_is_told_how_to_pay(client_as, db_session):
    create_category(code="qualified")
    user = create_user()
    helper = client_as(user)
    assert "Qualified social worker" in page_text(helper.get("membership.join"))
    helper.post("membership.join", _data=GOOD)
    membership = membership_of(db_session, user)
    assert membership.status == "pending"
    assert membership.registration_number == "SW12345"
    assert membership.member_number.startswith("M")
    page = page_text(helper.get("membership.how_to_pay"))
    assert membership.member_number in page and "£120.00" in page
    mail = db_session.scalar(select(OutboxMail).where(OutboxMail.to_address == user.email))
    assert "invoice" in mail.text_body


def test_registration_number_in_the_wrong_format_is_shown_next_to_the_field(client_as,
                                                                            db_session):
    create_category(code="qualified")
    user = create_user()
    response = client_as(user).post("membership.join", _expected=200,
                                    _data=GOOD | {"registration_number": "SW012345"})
    assert "Social Work England numbers start with SW" in page_text(response)
    assert membership_of(db_session, user) is None


def test_students_may_join_without_a_registration_number(client_as, db_session):
    create_category(code="student")
    user = create_user()
    client_as(user).post("membership.join", _data=GOOD | {
        "category": "student", "role": "student", "regulator": "", "registration_number": ""})
    assert membership_of(db_session, user).registration_number is None


def test_a_category_closed_to_new_members_cannot_be_chosen(client_as, db_session):
    create_category(code="retired", open_to_new_members=False)
    create_category(code="qualified")
    user = create_user()
    client_as(user).post("membership.join", _expected=200, _data=GOOD | {"category": "retired"})
    assert membership_of(db_session, user) is None


def test_staff_record_the_payment_and_the_member_sees_active(client_as, db_session):
    create_category(code="qualified")
    user = create_user()
    client_as(user).post("membership.join", _data=GOOD)
    membership = membership_of(db_session, user)
    staff = client_as(create_staff())
    staff.post("membership.record_member_payment", membership_id=membership.id, _data={
        "amount": "120.00", "method": "invoice", "reference": "BACS-001",
        "paid_on": membership.joined_on.isoformat()})
    assert membership.status == "active"
    page = page_text(client_as(user).get("accounts.settings"))
    assert "Active" in page and "£120.00" in page


def test_the_same_payment_reference_cannot_be_recorded_twice(client_as, db_session):
    member = create_member(status="active")
    membership = membership_of(db_session, member)
    staff = client_as(create_staff())
    data = {"amount": "120", "method": "invoice", "reference": "DUP-1",
            "paid_on": membership.joined_on.isoformat()}
    staff.post("membership.record_member_payment", membership_id=membership.id, _data=data)
    response = staff.post("membership.record_member_payment", membership_id=membership.id,
                          _data=data, _expected=200)
    assert "already recorded" in page_text(response)


def test_a_monthly_manual_payer_is_quoted_a_month_and_each_payment_adds_a_month(client_as,
                                                                               db_session):
    from rules.membership.periods import add_months

    create_category(code="qualified", annual_fee_pence=12500, monthly_allowed=True)
    user = create_user()
    member = client_as(user)
    join_page = page_text(member.get("membership.join"))
    assert "£10.42 a month" in join_page  # 125.00 / 12, rounded up to the penny
    member.post("membership.join", _data=GOOD | {"billing": "monthly"})
    membership = membership_of(db_session, user)
    day = membership.joined_on
    assert "£10.42 a month" in page_text(member.get("membership.how_to_pay"))
    mail = db_session.scalar(select(OutboxMail).where(OutboxMail.to_address == user.email))
    assert "£10.42 a month" in mail.text_body

    staff = client_as(create_staff())
    form = page_text(staff.get("membership.record_member_payment", membership_id=membership.id))
    assert "£10.42" in form and "monthly instalment" in form
    for n, reference in enumerate(("SO-1", "SO-2"), start=1):
        staff.post("membership.record_member_payment", membership_id=membership.id, _data={
            "amount": "10.42", "method": "invoice", "reference": reference,
            "paid_on": day.isoformat()})
        assert membership.status == "active"
        assert membership.period_end == add_months(day, n)


def test_a_visitor_registers_from_the_join_page_and_comes_back_to_join_after_verifying(
        visitor, db_session):
    import re
    from urllib.parse import parse_qs, urlsplit

    from tests.factories import DEFAULT_PASSWORD

    create_category(code="qualified")
    sign_in_url = visitor.get("membership.join", _expected=302).headers["Location"]
    assert "next=%2Fjoin" in sign_in_url
    sign_in_page = visitor.client.get(sign_in_url).get_data(as_text=True)
    assert f'href="{visitor.url("accounts.register", next="/join")}"' in sign_in_page
    email = "new.joiner@example.org"
    visitor.post("accounts.register", next="/join", _expected=200, _data={
        "name": "New Joiner", "email": email, "password": DEFAULT_PASSWORD,
        "confirm_password": DEFAULT_PASSWORD})
    mail = db_session.scalar(select(OutboxMail).where(OutboxMail.to_address == email))
    link = re.search(r"https?://\S+/verify/\S+", mail.text_body).group(0)
    parts = urlsplit(link)
    assert parse_qs(parts.query) == {"next": ["/join"]}
    verified = visitor.client.get(f"{parts.path}?{parts.query}")
    assert verified.headers["Location"] == visitor.url("accounts.sign_in", next="/join")
    signed_in = visitor.post("accounts.sign_in", next="/join", _data={
        "email": email, "password": DEFAULT_PASSWORD})
    assert signed_in.headers["Location"] == "/join"
    assert "Join" in page_text(visitor.get("membership.join"))


def test_a_next_address_on_another_site_is_dropped_from_the_verification_link(visitor,
                                                                             db_session):
    from tests.factories import DEFAULT_PASSWORD

    email = "elsewhere@example.org"
    visitor.post("accounts.register", next="https://evil.example/join", _expected=200, _data={
        "name": "Someone", "email": email, "password": DEFAULT_PASSWORD,
        "confirm_password": DEFAULT_PASSWORD})
    mail = db_session.scalar(select(OutboxMail).where(OutboxMail.to_address == email))
    assert "evil.example" not in mail.text_body and "next=" not in mail.text_body
