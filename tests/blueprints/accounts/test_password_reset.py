import re

from sqlalchemy import select

from extensions import db
from models.outbox import OutboxMail
from tests.factories import DEFAULT_PASSWORD, create_user
from tests.helpers import page_text

NEW = {"password": "a brand new phrase", "confirm_password": "a brand new phrase"}


def _reset_link(address):
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == address,
                                                       OutboxMail.template == "reset_password")).one()
    return re.search(r"http://localhost(/account/reset-password/\S+)", mail.text_body).group(1)


def test_the_answer_is_the_same_whether_or_not_the_email_exists(visitor):
    create_user(email="known@example.org")
    known = page_text(visitor.post("accounts.forgot_password", _data={"email": "known@example.org"},
                                   _expected=200))
    unknown = page_text(visitor.post("accounts.forgot_password",
                                     _data={"email": "unknown@example.org"}, _expected=200))
    assert known.replace("known@", "X@") == unknown.replace("unknown@", "X@")
    assert db.session.scalar(select(db.func.count()).select_from(OutboxMail)) == 1


def test_a_reset_link_sets_a_new_password_once(visitor, client_as):
    create_user(email="known@example.org")
    visitor.post("accounts.forgot_password", _data={"email": "known@example.org"}, _expected=200)
    link = _reset_link("known@example.org")
    response = visitor.client.post(link, data={**NEW, "csrf_token": _token(visitor)})
    assert response.status_code == 302
    again = visitor.client.get(link)
    assert again.status_code == 400
    assert "already been used" in page_text(again)
    signer = client_as(None)
    signer.post("accounts.sign_in", _data={"email": "known@example.org", "password": NEW["password"]})
    refused = client_as(None).post("accounts.sign_in", _data={
        "email": "known@example.org", "password": DEFAULT_PASSWORD}, _expected=200)
    assert "not right" in page_text(refused)


def test_an_expired_reset_link_is_refused(app, visitor):
    create_user(email="known@example.org")
    visitor.post("accounts.forgot_password", _data={"email": "known@example.org"}, _expected=200)
    link = _reset_link("known@example.org")
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    try:
        response = visitor.client.get(link)
    finally:
        app.config["PASSWORD_RESET_MAX_AGE"] = 3600
    assert response.status_code == 400
    assert "expired" in page_text(response)


def test_a_forged_reset_link_is_refused(visitor):
    response = visitor.client.get("/account/reset-password/forged.token.value")
    assert response.status_code == 400
    assert "not valid" in page_text(response)


def test_a_weak_new_password_is_refused_and_the_link_still_works(visitor):
    create_user(email="known@example.org")
    visitor.post("accounts.forgot_password", _data={"email": "known@example.org"}, _expected=200)
    link = _reset_link("known@example.org")
    response = visitor.client.post(link, data={"password": "1234567890", "confirm_password":
                                               "1234567890", "csrf_token": _token(visitor)})
    assert response.status_code == 200 and "too common" in page_text(response)
    assert visitor.client.get(link).status_code == 200


def _token(helper):
    from tests.helpers import _RAW_CSRF, csrf_token_for

    with helper.client.session_transaction() as session:
        session["csrf_token"] = _RAW_CSRF
    return csrf_token_for(helper.app)
