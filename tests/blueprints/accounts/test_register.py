import re

from sqlalchemy import select

from extensions import db
from models.accounts import User
from models.outbox import OutboxMail
from tests.factories import create_user
from tests.helpers import page_text

GOOD = {"name": "Alex Carer", "email": "Alex.Carer@Example.org ", "password": "kettle orbit lantern",
        "confirm_password": "kettle orbit lantern"}


def _mails_to(address):
    return db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == address)).all()


def _link(mail, path):
    return re.search(rf"http://localhost({path}[^\s\"<]+)", mail.text_body).group(1)


def test_registering_creates_an_unverified_account_and_mails_a_link(visitor):
    response = visitor.post("accounts.register", _data=GOOD, _expected=200)
    assert "Check your email" in page_text(response)
    user = db.session.scalars(select(User).where(User.email_canonical == "alex.carer@example.org")).one()
    assert user.email == "Alex.Carer@Example.org"  # kept as typed, for mail
    assert user.email_verified_at is None
    assert user.password_hash.startswith("$argon2id$")
    [mail] = _mails_to("Alex.Carer@Example.org")
    assert "/account/verify/" in mail.text_body and "/account/verify/" in mail.html_body


def test_following_the_verification_link_verifies_the_address(visitor):
    visitor.post("accounts.register", _data=GOOD, _expected=200)
    [mail] = _mails_to("Alex.Carer@Example.org")
    response = visitor.client.get(_link(mail, "/account/verify/"))
    assert response.status_code == 302
    user = db.session.scalars(select(User).where(User.email_canonical == "alex.carer@example.org")).one()
    db.session.refresh(user)
    assert user.email_verified_at is not None


def test_a_forged_verification_link_is_refused_with_a_clear_page(visitor):
    response = visitor.client.get("/account/verify/not-a-real-token")
    assert response.status_code == 400
    assert "This link is not valid" in page_text(response)


def test_registering_an_existing_address_reveals_nothing_and_mails_the_owner(visitor):
    create_user(email="taken@example.org")
    response = visitor.post("accounts.register", _data={**GOOD, "email": "TAKEN@example.org"},
                            _expected=200)
    assert "Check your email" in page_text(response)
    assert db.session.scalar(select(db.func.count()).select_from(User)
                             .where(User.email_canonical == "taken@example.org")) == 1
    [mail] = _mails_to("taken@example.org")
    assert mail.template == "account_exists"


def test_malformed_email_is_refused_next_to_the_field_and_kept(visitor):
    response = visitor.post("accounts.register", _data={**GOOD, "email": "not-an-email"},
                            _expected=200)
    body = response.get_data(as_text=True)
    assert "Enter an email address in the right format" in body
    assert 'value="not-an-email"' in body
    assert 'href="#email"' in body  # the error summary links to the field
    assert db.session.scalar(select(db.func.count()).select_from(User)) == 0


def test_over_long_fields_are_refused_with_a_message(visitor):
    response = visitor.post("accounts.register", _data={**GOOD, "name": "x" * 101,
                                                        "email": "a" * 250 + "@example.org"},
                            _expected=200)
    text = page_text(response)
    assert "Name must be 100 characters or fewer" in text
    assert "Email address must be 254 characters or fewer" in text
    assert db.session.scalar(select(db.func.count()).select_from(User)) == 0


def test_common_password_is_refused(visitor):
    response = visitor.post("accounts.register", _data={**GOOD, "password": "password123",
                                                        "confirm_password": "password123"},
                            _expected=200)
    assert "too common" in page_text(response)
    assert db.session.scalar(select(db.func.count()).select_from(User)) == 0


def test_mismatched_confirmation_is_refused(visitor):
    response = visitor.post("accounts.register", _data={**GOOD, "confirm_password": "something else"},
                            _expected=200)
    assert "The passwords do not match" in page_text(response)


def test_a_post_without_csrf_token_is_refused_and_changes_nothing(visitor):
    response = visitor.post("accounts.register", _data=GOOD, _csrf=False, _expected=400)
    assert "The form has expired" in page_text(response)
    assert db.session.scalar(select(db.func.count()).select_from(User)) == 0
