import re

from sqlalchemy import select

from extensions import db
from models.accounts import User
from models.outbox import OutboxMail
from tests.factories import DEFAULT_PASSWORD, create_user
from tests.helpers import page_text


def test_changing_password_needs_the_current_one(client_as):
    user = create_user()
    helper = client_as(user)
    response = helper.post("accounts.change_password", _expected=400, _data={
        "password-current_password": "not my password", "password-password": "fresh phrase here",
        "password-confirm_password": "fresh phrase here"})
    assert "Your current password is not right" in page_text(response)


def test_changing_password_keeps_this_session_and_ends_the_others(client_as):
    user = create_user()
    here, elsewhere = client_as(user), client_as(user)
    here.post("accounts.change_password", _data={
        "password-current_password": DEFAULT_PASSWORD, "password-password": "fresh phrase here",
        "password-confirm_password": "fresh phrase here"})
    here.get("accounts.settings")
    elsewhere.get("accounts.settings", _expected=302)
    assert db.session.scalar(select(OutboxMail.template).where(
        OutboxMail.to_address == user.email)) == "password_changed"


def test_changing_email_takes_effect_when_the_new_address_confirms(client_as, visitor):
    user = create_user(email="old@example.org")
    helper = client_as(user)
    helper.post("accounts.change_email", _data={"email-email": "New@Example.org",
                                                "email-password": DEFAULT_PASSWORD})
    db.session.refresh(user)
    assert user.email == "old@example.org"
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == "new@example.org")).one()
    link = re.search(r"http://localhost(/account/email/confirm/\S+)", mail.text_body).group(1)
    assert visitor.client.get(link).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).email == "new@example.org"
    assert visitor.client.get(link).status_code == 400  # used once
    assert db.session.scalar(select(OutboxMail.template).where(
        OutboxMail.to_address == "old@example.org")) == "email_changed"


def test_changing_to_an_address_in_use_is_refused(client_as):
    create_user(email="taken@example.org")
    helper = client_as(create_user())
    response = helper.post("accounts.change_email", _expected=400, _data={
        "email-email": "taken@example.org", "email-password": DEFAULT_PASSWORD})
    assert "belongs to another account" in page_text(response)
