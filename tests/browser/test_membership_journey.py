"""Joining as one flow on a phone (register, verify, back to /join, monthly by invoice), and
axe on every membership page staff and admins visit, including the busier states."""

import re

from sqlalchemy import select

from models.membership import Membership
from models.outbox import OutboxMail
from services.membership import lifecycle
from tests.browser.conftest import assert_accessible
from tests.browser.test_membership import sign_in
from tests.factories import (
    DEFAULT_PASSWORD,
    create_admin,
    create_category,
    create_member,
)


def check_phone(page) -> None:
    """Readable on a small phone: nothing wider than the screen, and axe finds nothing."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, page.url
    assert_accessible(page)


def test_a_visitor_joins_in_one_flow_on_a_phone_paying_monthly_by_invoice(phone_page,
                                                                          committed):
    create_category(code="qualified", annual_fee_pence=12000, monthly_allowed=True)
    create_category(code="student")
    page = phone_page

    page.goto("/join")
    page.wait_for_url("**/sign-in?next=%2Fjoin")
    check_phone(page)
    page.get_by_role("link", name="Create one").click()
    page.wait_for_url(lambda url: "/register?next=" in url)
    check_phone(page)
    page.get_by_label("Full name").fill("Pat Phone")
    page.get_by_label("Email address").fill("pat.phone@example.org")
    page.get_by_label("Create a password").fill(DEFAULT_PASSWORD)
    page.get_by_label("Confirm password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    check_phone(page)

    committed.rollback()
    mail = committed.scalar(select(OutboxMail).where(
        OutboxMail.to_address == "pat.phone@example.org"))
    link = re.search(r"/account/verify/\S+", mail.text_body).group(0)
    page.goto(link)
    page.wait_for_url(lambda url: "/sign-in?next=" in url and url.endswith("join"))
    check_phone(page)
    page.get_by_label("Email address").fill("pat.phone@example.org")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/join")
    check_phone(page)

    page.get_by_label("Qualified social worker").check()
    page.get_by_label("Monthly").check()
    page.get_by_label("Your regulator").select_option("swe")
    page.get_by_label("Registration number").fill("SW4321")
    page.get_by_label("Where you work").select_option("wales")
    page.get_by_label("Your sector").select_option("adults")
    page.get_by_label("Your role").select_option("practitioner")
    page.get_by_label("Invoice (bank transfer)").check()
    page.get_by_role("button", name="Join").click()
    page.wait_for_url("**/membership/how-to-pay")
    assert "£10.00 a month" in page.content()
    check_phone(page)
    page.goto("/account")
    check_phone(page)


def test_every_staff_and_admin_membership_page_passes_axe(page, committed):
    create_category(code="qualified")
    create_category(code="unwaged", needs_approval=True)
    for status in ("active", "grace", "lapsed", "cancelled", "pending"):
        create_member(status=status)
    troubled = create_member(status="active", name="Tom Troubled")
    membership = committed.scalar(select(Membership).where(Membership.user_id == troubled.id))
    lifecycle.record(committed, membership, "payment_failed", invoice="in_x")
    lifecycle.record(committed, membership, "subscription_ended", subscription="sub_x",
                     reason="unpaid")
    committed.commit()
    admin = create_admin()
    sign_in(page, admin, totp=True)

    for path in ("/staff/members/dashboard", "/staff/members", "/staff/members?status=grace",
                 f"/staff/members/{membership.id}", f"/staff/members/{membership.id}/payment",
                 f"/staff/members/{membership.id}/status", "/staff/membership-categories",
                 "/staff/membership-categories/new", "/staff/members/import"):
        page.goto(path)
        assert page.get_by_role("heading", level=1).count() == 1, path
        assert_accessible(page)
    assert "Card payments stopped" in page.goto(f"/staff/members/{membership.id}").text()
    page.goto("/staff/membership-categories")
    page.get_by_role("link", name="Edit Qualified social worker").click()
    page.wait_for_url("**/staff/membership-categories/*")
    assert_accessible(page)

    # Import with a bad row: the report of problems is accessible too.
    page.goto("/staff/members/import")
    page.get_by_label("CSV file").set_input_files(files=[{
        "name": "members.csv", "mimeType": "text/csv",
        "buffer": b"email,name,category,status,joined_on,period_end,region,sector,role,"
                  b"regulator,registration_number,consent_to_contact\n"
                  b"x@example.org,X,nope,active,2026-01-01,2027-01-01,london,adults,"
                  b"practitioner,swe,SW1,yes\n"}])
    page.get_by_role("button", name="Check and import").click()
    assert "Nothing was imported" in page.content()
    assert_accessible(page)


def test_a_member_whose_payment_failed_sees_it_on_an_accessible_account_page(page, committed):
    create_category(code="qualified")
    member = create_member(status="active")
    membership = committed.scalar(select(Membership).where(Membership.user_id == member.id))
    lifecycle.record(committed, membership, "payment_failed", invoice="in_y")
    committed.commit()
    sign_in(page, member)
    page.goto("/account")
    assert "did not go through" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Pay again").click()
    page.wait_for_url("**/membership/how-to-pay")
    assert_accessible(page)
