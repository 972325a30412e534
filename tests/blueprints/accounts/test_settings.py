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
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == "New@Example.org")).one()
    link = re.search(r"http://localhost(/account/email/confirm/\S+)", mail.text_body).group(1)
    assert visitor.client.get(link).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).email == "New@Example.org"
    assert visitor.client.get(link).status_code == 400  # used once
    assert db.session.scalar(select(OutboxMail.template).where(
        OutboxMail.to_address == "old@example.org")) == "email_changed"


def _confirm_link(to: str) -> str:
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == to)
                              .order_by(OutboxMail.id.desc())).first()
    return re.search(r"http://localhost(/account/email/confirm/\S+)", mail.text_body).group(1)


def _ask_to_change(helper, email):
    helper.post("accounts.change_email", _data={"email-email": email,
                                                "email-password": DEFAULT_PASSWORD})
    return _confirm_link(email)


def test_an_old_change_email_link_replayed_after_changing_back_is_refused(client_as, visitor):
    user = create_user(email="first@example.org")
    helper = client_as(user)
    to_second = _ask_to_change(helper, "second@example.org")
    assert visitor.client.get(to_second).status_code == 302
    back_to_first = _ask_to_change(helper, "first@example.org")
    assert visitor.client.get(back_to_first).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).email == "first@example.org"

    replayed = visitor.client.get(to_second)

    assert replayed.status_code == 400
    assert "This link has already been used, or your email address has changed" in page_text(replayed)
    db.session.expire_all()
    assert db.session.get(User, user.id).email == "first@example.org"


def test_of_two_change_email_links_only_the_first_used_works(client_as, visitor):
    user = create_user(email="first@example.org")
    helper = client_as(user)
    to_second, to_third = (_ask_to_change(helper, "second@example.org"),
                           _ask_to_change(helper, "third@example.org"))
    assert visitor.client.get(to_third).status_code == 302
    assert visitor.client.get(to_second).status_code == 400
    db.session.expire_all()
    assert db.session.get(User, user.id).email == "third@example.org"
