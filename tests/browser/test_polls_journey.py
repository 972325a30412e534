"""A member votes, keeps the receipt, and after close finds it in the published list."""

from extensions import db
from models.polls import Poll
from services.polls import running
from tests.browser.conftest import assert_accessible
from tests.factories import DEFAULT_PASSWORD, create_member
from tests.factories.polls import create_poll


def test_a_member_votes_gets_a_receipt_and_finds_it_after_close(page, committed):
    create_member(email="voter@example.org")
    poll = create_poll(status="open", questions=[
        ("Should the government bring in new management?", "yes_no", []),
        ("Who should be dismissed?", "multiple", ["Doctors", "The director", "Social workers"]),
        ("Chair", "ranked", ["Ann", "Bob", "Cat"], {"seats": 1}),
        ("Anything else?", "text", []),
    ])
    poll_id, title = poll.id, poll.title
    page.goto("/account/sign-in")
    page.get_by_label("Email address").fill("voter@example.org")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto("/polls/")
    assert_accessible(page)
    page.get_by_role("link", name=title).click()
    assert page.get_by_text("Your vote cannot be changed once you submit it").is_visible()
    assert_accessible(page)
    page.get_by_label("Yes").check()
    page.get_by_label("Doctors").check()
    page.get_by_label("Cat").select_option("1")
    page.get_by_label("Ann").select_option("2")
    page.get_by_label("Your answer").fill("Caseloads are too high.")
    page.get_by_role("button", name="Submit my vote").click()
    assert page.get_by_role("heading", name="Your vote has been counted").is_visible()
    assert_accessible(page)
    code = page.locator("#receipt-code").inner_text().strip()
    assert len(code) == 14

    db.session.rollback()  # end the last read so this write sees what the server committed
    running.close_poll(db.session, db.session.get(Poll, poll_id), actor=None)
    db.session.commit()

    page.get_by_role("link", name="Check that yours is in the list").click()
    assert page.get_by_text(code, exact=True).is_visible()
    assert_accessible(page)
    page.get_by_label("Receipt code").fill(code.lower())
    page.get_by_role("button", name="Check").click()
    assert page.get_by_text("is in the list: your ballot was counted").is_visible()
    assert_accessible(page)

    page.goto(f"/polls/{poll_id}/results")
    assert page.get_by_role("heading", name="Results: Members' survey").is_visible()
    assert_accessible(page)
