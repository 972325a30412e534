"""Joining on the manual method, staff recording the payment, the member seeing Active."""

import pyotp
from sqlalchemy import select

from models.membership import Membership
from tests.browser.conftest import assert_accessible
from tests.factories import (
    DEFAULT_PASSWORD,
    create_category,
    create_member,
    create_staff,
    create_user,
)


def sign_in(page, user, *, totp=False):
    page.goto("/account/sign-in")
    assert_accessible(page)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if totp:
        page.wait_for_url("**/sign-in/code")
        assert_accessible(page)
        page.get_by_label("Code").fill(pyotp.TOTP(user.totp_secret).now())
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: "/sign-in" not in url)


def test_join_on_manual_method_staff_record_payment_member_sees_active(browser, live_server,
                                                                        phone_page, committed):
    create_category(code="qualified")
    create_category(code="student")
    member = create_user(name="Nia Newmember")
    staff = create_staff()

    page = phone_page
    sign_in(page, member)
    page.goto("/join")
    assert_accessible(page)
    page.get_by_label("Qualified social worker").check()
    page.get_by_label("Your regulator").select_option("swe")
    page.get_by_label("Registration number").fill("SW0123")
    page.get_by_label("Where you work").select_option("north_west")
    page.get_by_label("Your sector").select_option("mental_health")
    page.get_by_label("Your role").select_option("practitioner")
    page.get_by_label("Invoice (bank transfer)").check()
    page.get_by_role("button", name="Join").click()
    assert "Social Work England numbers start with SW" in page.content()
    assert_accessible(page)
    page.get_by_label("Registration number").fill("SW123")
    page.get_by_role("button", name="Join").click()
    page.wait_for_url("**/membership/how-to-pay")
    assert_accessible(page)
    committed.rollback()  # end the read snapshot taken while arranging, to see the server's rows
    membership = committed.scalar(select(Membership).where(Membership.user_id == member.id))
    assert membership.status == "pending"

    staff_context = browser.new_context(base_url=live_server)
    staff_page = staff_context.new_page()
    sign_in(staff_page, staff, totp=True)
    staff_page.goto("/staff/members?q=nia")
    assert_accessible(staff_page)
    # Wait for each page a click opens before axe looks at it (never the half-loaded one).
    staff_page.get_by_role("link", name="Nia Newmember").click()
    staff_page.wait_for_url(f"**/staff/members/{membership.id}")
    assert_accessible(staff_page)
    staff_page.get_by_role("link", name="Record a payment").click()
    staff_page.wait_for_url(f"**/staff/members/{membership.id}/payment")
    assert_accessible(staff_page)
    staff_page.get_by_label("Payment reference").fill("BACS-7781")
    staff_page.get_by_role("button", name="Record payment").click()
    staff_page.wait_for_url(f"**/staff/members/{membership.id}")
    assert "Payment recorded" in staff_page.content()
    assert_accessible(staff_page)
    staff_page.goto("/staff/members/dashboard")
    assert_accessible(staff_page)
    staff_page.goto("/staff/members/import")
    assert_accessible(staff_page)
    staff_page.goto("/staff/membership-categories")
    assert_accessible(staff_page)
    staff_page.goto(f"/staff/members/{membership.id}/status")
    assert_accessible(staff_page)
    staff_context.close()

    page.goto("/account")
    section = page.locator("#membership-heading").locator("..")
    assert "Active" in section.inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Receipt").first.click()
    page.wait_for_url("**/account/receipts/*")
    assert "BACS-7781" in page.content()
    assert_accessible(page)
    for path in ("/account/membership/category", "/account/close"):
        page.goto(path)
        assert_accessible(page)


def test_staff_pages_for_other_statuses_are_accessible(page, committed):
    create_member(status="grace", name="Gina Grace")
    staff = create_staff()
    sign_in(page, staff, totp=True)
    page.goto("/staff/members")
    assert_accessible(page)
    page.goto("/staff/membership-categories")
    assert_accessible(page)
