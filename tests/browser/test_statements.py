"""Statements in a real browser: one member of staff writes, another approves, the public reads."""

import xml.etree.ElementTree as ET

import pyotp
from playwright.sync_api import expect

from services.statements import workflow
from services.statements.editing import StatementText
from tests.browser.conftest import assert_accessible
from tests.factories import DEFAULT_PASSWORD, create_member, create_staff
from tests.factories.statements import create_statement

ATOM = "{http://www.w3.org/2005/Atom}"


def sign_in(page, user, *, staff=True):
    page.goto("/account/sign-in")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    if staff:
        page.get_by_label("Code").fill(pyotp.TOTP(user.totp_secret).now())
        page.locator("main form button[type=submit]").click()
        expect(page.locator("h1")).to_have_text("Staff")


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_staff_write_another_approves_and_the_public_reads_it(page, committed):
    writer = create_staff(name="Wendy Writer", email="writer@example.org")
    approver = create_staff(name="Arthur Approver", email="approver@example.org")

    sign_in(page, writer)
    page.goto("/staff/statements/")
    assert_accessible(page)
    page.get_by_role("link", name="Write a new statement").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Safe caseloads for all")
    page.get_by_label("Summary").fill("Enforceable caseload limits keep people safe.")
    page.get_by_label("Statement").fill("# What we ask\n\n- A **limit** in every authority")
    # The live preview fills in as the author types.
    expect(page.locator("#statement-preview h3")).to_have_text("What we ask")
    expect(page.locator("#preview-status")).to_have_text("Preview updated")
    page.get_by_label("Topics").fill("Workforce")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#statement-preview strong")).to_have_text("limit")
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".notice--success")).to_contain_text("Draft saved.")
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("another member of staff must approve it.").first).to_be_visible()
    assert_accessible(page)
    statement_url = page.url
    sign_out(page)

    sign_in(page, approver)
    page.goto(statement_url)
    page.get_by_label("Publish now").check()
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator(".notice--success")).to_contain_text("Approved and published.")
    assert_accessible(page)
    sign_out(page)

    page.goto("/statements/")
    expect(page.get_by_role("link", name="Safe caseloads for all")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Safe caseloads for all").click()
    expect(page.locator("h1")).to_have_text("Safe caseloads for all")
    expect(page.locator(".statement-body strong")).to_have_text("limit")
    assert_accessible(page)

    feed = ET.fromstring(page.request.get("/statements/feed.atom").body())
    assert [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")] == [
        "Safe caseloads for all"]


def test_history_diff_withdrawn_and_consultation_pages_are_accessible(page, committed):
    staff = create_staff()
    statement = create_statement(title="Caseloads", body="We ask for eighteen cases.",
                                 topics="Workforce")
    workflow.revise(committed, statement, StatementText(
        title="Caseloads", summary=statement.summary, body="We ask for fifteen cases.",
        topics="Workforce"), actor=staff, change_note="Lower limit.")
    committed.commit()
    withdrawn = create_statement(title="Old fees", state="withdrawn")
    draft = create_statement(title="Schools draft", state="draft", consultation=True)

    page.goto(f"/statements/{statement.slug}/history")
    assert_accessible(page)
    page.get_by_role("button", name="Show changes").click()
    expect(page.locator(".diff--body ins")).to_have_text("fifteen")
    assert_accessible(page)
    page.goto(f"/statements/{withdrawn.slug}")
    expect(page.locator(".statement-notice")).to_contain_text("withdrawn")
    assert_accessible(page)

    member = create_member(email="mo@example.org")
    sign_in(page, member, staff=False)
    page.goto("/statements/consultations")
    assert_accessible(page)
    page.get_by_role("link", name="Schools draft").click()
    page.get_by_label("Your comment").fill("Please say how it would be funded.")
    page.get_by_role("button", name="Send comment").click()
    expect(page.locator(".notice--success")).to_contain_text("sent to the staff")
    assert_accessible(page)
    assert draft.slug in page.url
