"""A visitor signs a petition, confirms from the mailed link and sees the count move;
a moderator answers it."""

import re
import time

import pyotp
from playwright.sync_api import expect
from sqlalchemy import select

from extensions import db
from models.outbox import OutboxMail
from services import outbox
from services.petitions import cache
from tests.browser.conftest import assert_accessible
from tests.factories import create_staff
from tests.factories.petitions import create_petition, create_signature


def _latest_link(path: str) -> str:
    db.session.rollback()  # see what the server committed
    mail = db.session.scalars(select(OutboxMail).order_by(OutboxMail.id.desc())).first()
    text, _html = outbox.draw(db.session, mail)  # as the sender draws it before sending
    db.session.commit()
    found = re.search(rf"http://localhost(?::\d+)?({path}\S+)", text)
    assert found, text
    return found.group(1)


def _count(page) -> str:
    return page.locator("[data-count]").inner_text()


def test_a_visitor_signs_confirms_from_the_mail_and_sees_the_count_move(page, committed, app,
                                                                        monkeypatch):
    monkeypatch.setitem(app.config, "PETITION_COUNT_CACHE_SECONDS", 1)
    # On PostgreSQL the good signature and the confirmation are answered by the surge gate,
    # as in production; the refused first try goes on to the view.
    monkeypatch.setitem(app.config, "PETITION_SURGE_GATE", True)
    cache.clear()
    petition = create_petition(action="Protect newly qualified caseloads")
    create_signature(petition=petition, postcode="M1 1AE")

    page.goto("/petitions/")
    assert_accessible(page)
    page.get_by_role("link", name="Protect newly qualified caseloads").click()
    assert _count(page) == "1"
    assert page.locator("svg polyline").count() == 1
    assert_accessible(page)

    # A mistake first: the message is next to the field and what was typed is kept.
    page.get_by_label("Your name").fill("Robin Signer")
    page.get_by_label("Email address").fill("Robin@Example.org")
    page.get_by_label("UK postcode").fill("LS1")
    page.get_by_role("button", name="Sign this petition").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert page.get_by_label("Your name").input_value() == "Robin Signer"
    assert_accessible(page)

    # A look-alike address (a Cyrillic "а" in the domain) is refused at the field too.
    page.get_by_label("UK postcode").fill("ls1 4ab")
    page.get_by_label("Email address").fill("Robin@Ex\u0430mple.org")
    page.get_by_role("button", name="Sign this petition").click()
    expect(page.locator("#email-error")).to_contain_text("mixes letters of different alphabets")
    assert_accessible(page)

    page.get_by_label("Email address").fill("Robin@Example.org")
    page.get_by_label("Email me about this petition").check()
    page.get_by_role("button", name="Sign this petition").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)

    page.goto(_latest_link("/petitions/confirm/"))
    expect(page.get_by_role("heading", name="Confirm your signature")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my signature").click()
    expect(page.get_by_text("your signature is confirmed")).to_be_visible()
    deadline = time.monotonic() + 8
    while _count(page) != "2" and time.monotonic() < deadline:
        time.sleep(0.5)
        page.reload()
    assert _count(page) == "2"
    assert_accessible(page)

    # The same link again is refused with a clear page.
    page.goto(_latest_link("/petitions/confirm/"))
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
    assert_accessible(page)


def test_a_moderator_publishes_a_response_from_the_staff_pages(page, committed):
    staff = create_staff(email="mod@example.org")
    petition = create_petition(action="Fund supervision", response_threshold=1)
    create_signature(petition=petition, consents=True)
    page.goto("/account/sign-in")
    page.get_by_label("Email address").fill("mod@example.org")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label(re.compile("code", re.I)).first.fill(pyotp.TOTP(staff.totp_secret).now())
    page.get_by_role("button", name=re.compile("Continue|Sign in|Verify", re.I)).first.click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.goto("/staff/petitions/")
    assert_accessible(page)
    page.get_by_role("link", name="Fund supervision").first.click()
    assert_accessible(page)
    page.get_by_label("The body's response").fill("We will raise this with the minister.")
    page.get_by_role("button", name="Publish the response").click()
    expect(page.get_by_text("The response is published")).to_be_visible()
    page.get_by_role("button", name="Edit the petition").click()
    expect(page.get_by_role("heading", name="Edit the petition")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Cancel and release the lock").click()
    page.goto("/staff/petitions/new")
    assert_accessible(page)
    page.goto(f"/staff/petitions/{petition.id}/signatures?email_domain=example.org")
    assert "1 signature matches" in page.content()
    assert_accessible(page)
    page.goto(f"/petitions/{petition.id}")
    assert "We will raise this with the minister." in page.content()
    assert_accessible(page)
