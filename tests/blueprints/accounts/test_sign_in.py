import json
import re
import time

import pyotp
import pytest
from sqlalchemy import select

from extensions import db
from models.accounts import User
from tests.factories import DEFAULT_PASSWORD, create_staff, create_user
from tests.helpers import csrf_token_for, page_text


def _sign_in(helper, email, password=DEFAULT_PASSWORD, expected=302):
    return helper.post("accounts.sign_in", _data={"email": email, "password": password},
                       _expected=expected)


def test_a_member_signs_in_with_email_and_password(visitor):
    create_user(email="member@example.org")
    response = _sign_in(visitor, " Member@Example.org ")
    assert response.headers["Location"].endswith("/account")
    assert "member@example.org" in page_text(visitor.get("accounts.settings"))


def test_a_wrong_password_is_refused_with_a_message(visitor):
    create_user(email="member@example.org")
    response = _sign_in(visitor, "member@example.org", "wrong password!", expected=200)
    assert "The email address or password is not right" in page_text(response)
    visitor.get("accounts.settings", _expected=302)


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(visitor):
    response = _sign_in(visitor, "nobody@example.org", "whatever it is", expected=200)
    assert "The email address or password is not right" in page_text(response)


def test_signing_in_renews_the_session(app, visitor):
    create_user(email="member@example.org")
    with visitor.client.session_transaction() as s:
        s["planted"] = "by an attacker"
    _sign_in(visitor, "member@example.org")
    with visitor.client.session_transaction() as s:
        assert "planted" not in s
        assert "_user_id" in s


def test_signing_out_ends_the_session_everywhere(app, client_as):
    user = create_user()
    laptop, phone = client_as(user), client_as(user)
    laptop.post("accounts.sign_out")
    laptop.get("accounts.settings", _expected=302)
    phone.get("accounts.settings", _expected=302)


def test_sign_out_needs_a_post(client_as):
    helper = client_as(create_user())
    helper.get("accounts.sign_out", _expected=405)
    helper.get("accounts.settings")


def test_staff_must_enter_a_code_after_the_password(visitor):
    staff = create_staff(email="staff@example.org")
    response = _sign_in(visitor, "staff@example.org")
    assert response.headers["Location"].endswith("/account/sign-in/code")
    visitor.get("staff.home", _expected=302)  # not signed in yet
    code = pyotp.TOTP(staff.totp_secret).now()
    response = visitor.post("accounts.second_factor", _data={"code": code})
    assert response.headers["Location"].endswith("/staff/")
    visitor.get("staff.home")


def _a_wrong_code(secret: str) -> str:
    """A six-digit code that is none of the codes accepted now (this step and one each side):
    a fixed guess such as 000000 is right about three times in a million."""
    totp = pyotp.TOTP(secret)
    accepted = {totp.at(time.time() + drift) for drift in (-60, -30, 0, 30, 60)}
    return next(code for code in ("000000", "111111", "222222") if code not in accepted)


def test_a_wrong_code_keeps_staff_out(visitor):
    staff = create_staff(email="staff@example.org")
    _sign_in(visitor, "staff@example.org")
    response = visitor.post("accounts.second_factor", _data={"code": _a_wrong_code(staff.totp_secret)},
                            _expected=200)
    assert "That code is not right" in page_text(response)
    visitor.get("staff.home", _expected=302)


def test_a_code_cannot_be_used_twice(client_as):
    staff = create_staff(email="staff@example.org")
    code = pyotp.TOTP(staff.totp_secret).now()
    first, second = client_as(None), client_as(None)
    _sign_in(first, "staff@example.org")
    first.post("accounts.second_factor", _data={"code": code})
    _sign_in(second, "staff@example.org")
    second.post("accounts.second_factor", _data={"code": code}, _expected=200)
    second.get("staff.home", _expected=302)


def test_staff_without_an_app_set_one_up_and_get_recovery_codes(app, visitor):
    staff = create_user(email="new.staff@example.org", role="staff", totp_secret=None)
    staff.totp_secret = None
    db.session.commit()
    response = _sign_in(visitor, "new.staff@example.org")
    assert response.headers["Location"].endswith("/account/sign-in/set-up-code")
    page = visitor.get("accounts.set_up_second_factor")
    assert "<svg" in page.get_data(as_text=True)
    secret = re.search(r'<code class="secret">(\w+)</code>', page.get_data(as_text=True)).group(1)
    response = visitor.post("accounts.set_up_second_factor",
                            _data={"code": pyotp.TOTP(secret).now()})
    assert response.headers["Location"].endswith("/account/recovery-codes")
    codes_page = page_text(visitor.get("accounts.recovery_codes"))
    assert "will not be shown again" in codes_page
    user = db.session.scalars(select(User).where(User.email_canonical == "new.staff@example.org")).one()
    db.session.refresh(user)
    assert user.totp_secret == secret and len(user.recovery_codes) == 10


def test_a_recovery_code_signs_staff_in_once(app, visitor, client_as):
    from services import two_factor

    staff = create_staff(email="staff@example.org")
    codes = two_factor.replace_recovery_codes(db.session, staff)
    db.session.commit()
    _sign_in(visitor, "staff@example.org")
    visitor.post("accounts.second_factor", _data={"code": codes[0]})
    visitor.get("staff.home")
    again = client_as(None)
    _sign_in(again, "staff@example.org")
    again.post("accounts.second_factor", _data={"code": codes[0]}, _expected=200)


def test_sign_in_is_rate_limited_per_account(rate_limits, client_as):
    create_user(email="target@example.org")
    for _attempt in range(8):
        helper = client_as(None)
        _sign_in(helper, "target@example.org", "wrong password!", expected=200)
    blocked = client_as(None)
    response = _sign_in(blocked, "target@example.org", DEFAULT_PASSWORD, expected=429)
    assert "Too many attempts" in page_text(response)
    # Another account from the same address is not blocked by this one's limit.
    create_user(email="other@example.org")
    _sign_in(client_as(None), "other@example.org", expected=302)


def test_sign_in_is_rate_limited_per_ip(app, rate_limits, client_as):
    app.config["SIGNIN_LIMIT_PER_IP"] = "3 per minute"
    try:
        for n in range(3):
            _sign_in(client_as(None), f"someone{n}@example.org", "wrong password!", expected=200)
        _sign_in(client_as(None), "fourth@example.org", "wrong password!", expected=429)
    finally:
        app.config["SIGNIN_LIMIT_PER_IP"] = "30 per 15 minutes"


def test_next_parameter_cannot_send_people_off_site(app, visitor):
    create_user(email="member@example.org")
    response = visitor.client.post(
        "/account/sign-in?next=//evil.example/", data={
            "email": "member@example.org", "password": DEFAULT_PASSWORD,
            "csrf_token": csrf_token_for(app)})
    assert response.headers["Location"] == "/account"


def test_every_spelling_of_an_address_shares_its_sign_in_limit(rate_limits, client_as):
    create_user(email="target@example.org")
    for attempt in range(8):
        email = f"Target+{attempt}@Example.org" if attempt % 2 else "target@example.org"
        _sign_in(client_as(None), email, "wrong password!", expected=200)
    _sign_in(client_as(None), "target+x@example.org", DEFAULT_PASSWORD, expected=429)


def _session_cookie(app, client) -> str:
    """The session cookie's contents, decoded as anyone holding the cookie could."""
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    if cookie is None:
        return ""
    data = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    return json.dumps(data)


def test_second_factor_set_up_keeps_the_secret_and_the_codes_out_of_the_cookie(app, visitor):
    staff = create_user(email="new.staff@example.org", role="staff", totp_secret=None)
    staff.totp_secret = None
    db.session.commit()
    _sign_in(visitor, "new.staff@example.org")

    page = visitor.get("accounts.set_up_second_factor").get_data(as_text=True)
    secret = re.search(r'<code class="secret">(\w+)</code>', page).group(1)
    assert secret not in _session_cookie(app, visitor.client)
    # A second look at the page shows the same secret, kept on the server meanwhile.
    again = visitor.get("accounts.set_up_second_factor").get_data(as_text=True)
    assert f'<code class="secret">{secret}</code>' in again

    visitor.post("accounts.set_up_second_factor", _data={"code": pyotp.TOTP(secret).now()})
    during = _session_cookie(app, visitor.client)
    codes = re.findall(r"\b[a-z2-9]{5}-[a-z2-9]{5}\b",
                       visitor.get("accounts.recovery_codes").get_data(as_text=True))
    after = _session_cookie(app, visitor.client)

    assert len(set(codes)) == 10
    for cookie in (during, after):
        assert secret not in cookie
        assert not any(code in cookie or code.replace("-", "") in cookie for code in codes)
    # Shown once: the server forgets them as they are shown.
    assert not re.findall(r"\b[a-z2-9]{5}-[a-z2-9]{5}\b",
                          visitor.get("accounts.recovery_codes").get_data(as_text=True))


def test_fresh_recovery_codes_are_kept_out_of_the_cookie(app, client_as):
    staff = create_staff()
    helper = client_as(staff)
    helper.post("accounts.new_recovery_codes")
    cookie = _session_cookie(app, helper.client)
    codes = re.findall(r"\b[a-z2-9]{5}-[a-z2-9]{5}\b",
                       helper.get("accounts.recovery_codes").get_data(as_text=True))
    assert len(codes) == 10
    assert not any(code in cookie for code in codes)


# Targets a Location header cannot carry (CR, LF, other controls, bidi) or that a browser
# reads as another site (a backslash is a slash to it).
UNSAFE_NEXT = ["/%0d%0aX", "/%0aSet-Cookie:%20x=1", "/%0dX", "/a%09b", "/%1b[31m", "/%e2%80%aeX",
               "/%5Cevil.example", "/\\evil.example"]


@pytest.mark.parametrize("target", UNSAFE_NEXT)
def test_a_next_that_is_no_path_of_this_site_is_ignored_on_sign_in(app, visitor, target):
    create_user(email="member@example.org")
    response = visitor.client.post(f"/account/sign-in?next={target}", data={
        "email": "member@example.org", "password": DEFAULT_PASSWORD,
        "csrf_token": csrf_token_for(app)})
    assert response.status_code == 302 and response.headers["Location"] == "/account"


@pytest.mark.parametrize("target", UNSAFE_NEXT[:3])
def test_a_next_that_is_no_path_of_this_site_is_ignored_on_register_when_signed_in(
        client_as, target):
    helper = client_as(create_user())
    response = helper.client.get(f"/account/register?next={target}")
    assert response.status_code == 302 and response.headers["Location"] == "/account"


def test_a_bad_next_through_the_second_step_signs_staff_in_to_their_home(app, visitor):
    staff = create_staff(email="staff@example.org")
    response = visitor.client.post("/account/sign-in?next=/%0d%0aX", data={
        "email": "staff@example.org", "password": DEFAULT_PASSWORD,
        "csrf_token": csrf_token_for(app)})
    assert response.headers["Location"].endswith("/account/sign-in/code")
    response = visitor.post("accounts.second_factor",
                            _data={"code": pyotp.TOTP(staff.totp_secret).now()})
    assert response.headers["Location"] == "/staff/"
    visitor.get("staff.home")
