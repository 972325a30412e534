"""The main journeys with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrows; no
clicks), with axe on every page. At each form error, focus is on the error summary and
its first link takes focus to an input; after each reload, the news is where focus is.
The same journeys run in forced-colours (high contrast) mode, where every focus stop must
have a real outline."""

import re

import pyotp
import pytest
from sqlalchemy import select

from extensions import db
from models.polls import Poll
from models.statements import Statement
from services.polls import running
from tests.browser.conftest import assert_accessible as _axe
from tests.browser.keyboard import (
    assert_summary_focused_and_its_first_link_reaches_an_input,
    focused,
    press_and_load,
    tab_to,
    type_into,
    wait_for_focus,
)
from tests.browser.test_petitions_journey import _latest_link
from tests.factories import DEFAULT_PASSWORD, create_member, create_staff
from tests.factories.petitions import create_petition
from tests.factories.polls import create_poll
from tests.factories.statements import create_statement


@pytest.fixture(params=["none", "active"], ids=["normal", "forced-colours"])
def colours(request, browser, live_server, committed):
    """A page in normal colours, then again in forced colours."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1024, "height": 800},
                                  forced_colors=request.param)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def assert_accessible(page):
    """axe in normal colours (in forced colours it would check the same markup again)."""
    if not page.evaluate("matchMedia('(forced-colors: active)').matches"):
        _axe(page)


def _skip_to_content(page):
    info = tab_to(page, text="Skip to main content", limit=2)
    assert info["tag"] == "a"
    page.keyboard.press("Enter")
    # The page itself takes focus (with no ring: it is the whole page); Tab goes on from it.
    wait_for_focus(page, lambda info: info["id"] == "main-content", drawn=False)


def _sign_in(page, user, *, staff=False):
    page.goto("/account/sign-in")
    tab_to(page, label="Email address")
    page.keyboard.type(user.email)
    tab_to(page, label="Password", limit=3)
    page.keyboard.type(DEFAULT_PASSWORD)
    press_and_load(page)
    if staff:
        info = tab_to(page, id="code")
        assert info["tag"] == "input"
        page.keyboard.type(pyotp.TOTP(user.totp_secret).now())
        press_and_load(page)
    page.get_by_role("button", name="Sign out").wait_for()


def _focused_message(page, words: str) -> None:
    info = wait_for_focus(page, lambda info: info["id"] in ("messages", "check-result"))
    assert words in info["text"], info


def test_a_visitor_signs_and_confirms_a_petition_by_keyboard(colours, committed):
    page = colours
    petition = create_petition(action="Fund supervision for every social worker")
    page.goto(f"/petitions/{petition.id}")
    assert_accessible(page)
    _skip_to_content(page)
    tab_to(page, label="Your name")
    page.keyboard.type("Robin Signer")
    tab_to(page, label="Email address", limit=2)
    page.keyboard.type("robin@example.org")
    tab_to(page, label="UK postcode", limit=2)
    page.keyboard.type("LS1")  # not a whole postcode
    tab_to(page, text="Sign this petition")
    press_and_load(page)

    target = assert_summary_focused_and_its_first_link_reaches_an_input(page)
    assert target["label"] == "UK postcode"
    assert_accessible(page)
    type_into(page, "LS1 4AB")
    press_and_load(page)  # Enter in a field sends its form
    page.get_by_role("heading", name="Check your email").wait_for()
    assert_accessible(page)

    page.goto(_latest_link("/petitions/confirm/"))
    assert_accessible(page)
    tab_to(page, text="Confirm my signature")
    press_and_load(page, "Space")
    page.get_by_text("your signature is confirmed").wait_for()
    assert_accessible(page)


def test_a_member_votes_in_a_poll_and_a_ranked_election_and_checks_the_receipt(colours, committed):
    page = colours
    member = create_member(email="voter@example.org")
    poll = create_poll(title="Conference ballot", status="open", questions=[
        ("Should conference meet online?", "yes_no", []),
        ("Which topics matter most?", "multiple", ["Caseloads", "Pay", "Supervision"],
         {"max_choices": 2}),
        ("Chair of the council", "ranked", ["Ann Ash", "Bo Birch", "Cy Cedar"], {"seats": 1}),
    ])
    poll_id = poll.id
    _sign_in(page, member)
    page.goto(f"/polls/{poll_id}")
    assert_accessible(page)

    tab_to(page, label="Yes")
    page.keyboard.press("ArrowDown")  # arrows move the choice within a group
    assert focused(page)["label"] == "No" and focused(page)["checked"]
    page.keyboard.press("ArrowUp")
    assert focused(page)["label"] == "Yes" and focused(page)["checked"]
    for topic in ("Caseloads", "Pay", "Supervision"):  # one too many
        tab_to(page, label=topic, limit=3)
        page.keyboard.press("Space")
    tab_to(page, label="Rank for Ann Ash", limit=3)
    page.keyboard.type("1")
    tab_to(page, label="Rank for Bo Birch", limit=3)
    page.keyboard.type("1")  # the same number twice
    tab_to(page, text="Submit my vote")
    press_and_load(page)

    target = assert_summary_focused_and_its_first_link_reaches_an_input(page)
    assert target["label"] == "Caseloads"
    assert_accessible(page)
    summary = page.locator("#error-summary").inner_text()
    assert "Ann Ash and Bo Birch are both numbered 1" in summary
    page.keyboard.press("Space")  # untick Caseloads: two topics left
    tab_to(page, label="Rank for Bo Birch")
    page.keyboard.type("2")
    tab_to(page, text="Submit my vote")
    press_and_load(page)
    page.get_by_role("heading", name="Your vote has been counted").wait_for()
    assert_accessible(page)
    code = page.locator("#receipt-code").inner_text().strip()

    db.session.rollback()  # see what the server committed
    running.close_poll(db.session, db.session.get(Poll, poll_id), actor=None)
    db.session.commit()
    tab_to(page, text="Check that yours is in the list")
    press_and_load(page)
    tab_to(page, label="Receipt code")
    page.keyboard.type(code.lower())
    press_and_load(page)
    _focused_message(page, "is in the list: your ballot was counted")
    assert_accessible(page)


def test_a_member_endorses_a_statement_and_hears_the_thanks(colours, committed):
    page = colours
    member = create_member(email="endorser@example.org")
    statement = create_statement(title="Supervision for all")
    _sign_in(page, member)
    page.goto(f"/statements/{statement.slug}")
    assert_accessible(page)
    tab_to(page, text="Endorse this statement")
    press_and_load(page)
    _focused_message(page, "Thank you: your endorsement is counted")
    assert page.locator(".endorse-count").inner_text() == "1"
    assert_accessible(page)


def test_staff_approve_a_statement_for_a_set_time_and_a_missing_time_publishes_nothing(
        colours, committed):
    page = colours
    approver = create_staff(email="approver@example.org")
    statement = create_statement(title="Caseload limits", state="in_review")
    statement_id = statement.id
    _sign_in(page, approver, staff=True)
    page.goto(f"/staff/statements/{statement_id}")
    assert_accessible(page)

    info = tab_to(page, label="Publish now")
    assert info["checked"]
    page.keyboard.press("ArrowDown")
    assert focused(page)["label"] == "At a set time" and focused(page)["checked"]
    tab_to(page, label="Date", limit=2)
    page.keyboard.type("1 March 2099")
    tab_to(page, text="Approve")  # no time typed
    press_and_load(page)

    target = assert_summary_focused_and_its_first_link_reaches_an_input(page)
    assert target["id"] == "publish_time"
    assert "Enter the time to publish it." in page.locator("#error-summary").inner_text()
    assert page.get_by_label("At a set time").is_checked(), "the choice is kept"
    assert page.get_by_label("Date").input_value() == "1 March 2099"
    assert_accessible(page)
    db.session.rollback()
    assert db.session.get(Statement, statement_id).state == "in_review"
    assert not db.session.get(Statement, statement_id).is_approved

    # Pressing Approve again without a time still publishes nothing.
    tab_to(page, text="Approve")
    press_and_load(page)
    wait_for_focus(page, lambda info: info["id"] == "error-summary")
    db.session.rollback()
    assert db.session.get(Statement, statement_id).state == "in_review"

    tab_to(page, label="Time")
    page.keyboard.type("9.30am")
    press_and_load(page)
    _focused_message(page, "Approved and scheduled.")
    assert_accessible(page)
    db.session.rollback()
    found = db.session.scalar(select(Statement).where(Statement.id == statement_id))
    assert found.state == "in_review" and found.is_approved
    assert found.publish_at.strftime("%Y-%m-%d %H:%M") == "2099-03-01 09:30"  # GMT in March
    assert re.search(r"1 March 2099", page.locator("main").inner_text())
