"""A person registers, confirms their address, signs in and out, and resets a password."""

import re

import pyotp
from playwright.sync_api import expect
from sqlalchemy import select

from extensions import db
from models.outbox import OutboxMail
from tests.browser.conftest import assert_accessible
from tests.factories import create_staff


def _latest_link(path: str) -> str:
    db.session.rollback()  # end the last read so this one sees what the server committed
    mail = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id.desc())).first()
    found = re.search(rf"http://localhost(?::\d+)?({path}\S+)", mail.text_body)
    assert found, mail.text_body
    return found.group(1)


def test_register_verify_sign_in_and_reset_password(page):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Register").first.click()
    assert_accessible(page)

    # A mistake first: the error summary appears and what was typed is kept.
    page.get_by_label("Full name").fill("Robin Practitioner")
    page.get_by_label("Email address").fill("robin@example")
    page.get_by_label("Create a password").fill("a long enough phrase")
    page.get_by_label("Confirm password").fill("a long enough phrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert page.get_by_label("Full name").input_value() == "Robin Practitioner"
    assert_accessible(page)

    page.get_by_label("Email address").fill("robin@example.org")
    page.get_by_label("Create a password").fill("a long enough phrase")
    page.get_by_label("Confirm password").fill("a long enough phrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)

    page.goto(_latest_link("/account/verify/"))
    expect(page.get_by_text("Your email address is confirmed")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Email address").fill("robin@example.org")
    page.get_by_label("Password").fill("a long enough phrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    assert "not confirmed" not in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()

    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_role("link", name="Forgotten your password?").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("robin@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    page.goto(_latest_link("/account/reset-password/"))
    assert_accessible(page)
    page.get_by_label("New password").fill("another fine phrase")
    page.get_by_label("Confirm password").fill("another fine phrase")
    page.get_by_role("button", name="Save new password").click()
    expect(page.get_by_text("Your password has been changed")).to_be_visible()

    page.get_by_label("Email address").fill("robin@example.org")
    page.get_by_label("Password").fill("another fine phrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()


def test_staff_sign_in_with_a_code_from_the_app(page, committed):
    staff = create_staff(email="staff@example.org")
    page.goto("/account/sign-in")
    page.get_by_label("Email address").fill("staff@example.org")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Code").fill(pyotp.TOTP(staff.totp_secret).now())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Staff")).to_be_visible()
    assert_accessible(page)


def test_pages_read_on_a_phone(phone_page):
    phone_page.goto("/account/register")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    assert_accessible(phone_page)
