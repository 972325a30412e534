"""Staff build a poll of every kind, run it, and publish its results; axe on every page."""

import csv
import io

import pyotp

from extensions import db
from models.polls import Poll
from tests.browser.conftest import assert_accessible
from tests.factories import DEFAULT_PASSWORD, create_member, create_staff
from tests.factories.polls import vote


def sign_in_staff(page, staff):
    page.goto("/account/sign-in")
    assert_accessible(page)
    page.get_by_label("Email address").fill(staff.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert_accessible(page)
    page.get_by_label("Code").fill(pyotp.TOTP(staff.totp_secret).now())
    page.get_by_role("button", name="Continue").click()


def add_question(page, text, kind, answers=(), *, max_choices=None, seats=None):
    page.get_by_label("Question", exact=True).fill(text)
    page.get_by_label("Kind of question").select_option(label=kind)
    page.get_by_label("Answers, one a line").fill("\n".join(answers))
    if max_choices:
        page.get_by_label("Most answers a voter may tick").fill(str(max_choices))
    if seats:
        page.get_by_label("Seats to fill").fill(str(seats))
    page.get_by_role("button", name="Add question").click()
    assert page.get_by_text("Question added.").is_visible()
    assert_accessible(page)


def option_labels(page, question_number):
    section = page.locator("section.poll-builder-question").nth(question_number - 1)
    return [text.split("\n")[0].strip() for text in
            section.locator("ol.option-list > li").all_inner_texts()]


def test_staff_build_run_and_publish_a_poll_with_an_election(page, committed):
    staff = create_staff()
    # 28 qualified members (14 London, 11 North West, 3 Wales) and one student who may not vote.
    members = ([create_member(region="london") for _ in range(14)]
               + [create_member(region="north_west") for _ in range(11)]
               + [create_member(region="wales") for _ in range(3)])
    create_member(category="student", region="london")
    sign_in_staff(page, staff)

    page.goto("/staff/polls/")
    assert_accessible(page)
    page.get_by_role("link", name="Create a poll").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Casework and council 2026")
    page.get_by_label("What the poll is about").fill("A survey and the council election.")
    page.get_by_role("button", name="Create poll").click()
    assert page.get_by_text("Poll created. Now add its questions.").is_visible()
    assert_accessible(page)

    add_question(page, "How many cases do you hold?", "Single choice",
                 ["Fewer than 15", "15 to 25", "More than 25"])
    add_question(page, "Who should be dismissed?", "Multiple choice",
                 ["The director", "Doctors", "Social workers"], max_choices=2)
    add_question(page, "How much confidence do you have in the system?", "Scale",
                 ["No confidence", "Some confidence", "Full confidence"])
    add_question(page, "Elect two council members", "Ranked choice (election when it has seats)",
                 ["Ann Able", "Bob Brown", "Cat Cole", "Dev Dale"], seats=2)
    add_question(page, "Anything else?", "Free text")

    page.get_by_role("button", name="move “The director” down").click()
    assert page.get_by_text("“The director” moved down.").is_visible()
    assert option_labels(page, 2) == ["Doctors", "The director", "Social workers"]
    assert_accessible(page)

    page.get_by_role("link", name="Preview as a member").click()
    assert page.get_by_text("Preview: this is the ballot as a member sees it").is_visible()
    dismissed = db.session.get(Poll, _poll_id(page)).questions[1]
    preview_choices = page.locator(f"#question-{dismissed.id} .choice__label").all_inner_texts()
    assert preview_choices == ["Doctors", "The director", "Social workers"]
    assert page.get_by_text("Choose up to 2.").is_visible()
    assert page.get_by_text("2 seats to fill.").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the poll").click()

    page.get_by_role("link", name="Change settings").click()
    assert_accessible(page)
    page.get_by_label("Members in the categories chosen below").check()
    page.get_by_label("Qualified social worker").check()
    page.get_by_label("Opens at").fill("2099-01-05T09:00")
    page.get_by_label("Closes at").fill("2099-01-19T17:00")
    page.get_by_label("Quorum: least number of ballots").fill("10")
    page.get_by_role("button", name="Save settings").click()
    assert page.get_by_text("Settings saved.").is_visible()
    assert page.get_by_text("Members in these categories: Qualified social worker").is_visible()
    assert page.get_by_text("5 Jan 2099, 09:00").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Open the poll now").click()
    assert page.get_by_text("The poll is open. Its questions can no longer change.").is_visible()
    assert page.get_by_text("0 of 28 eligible members").is_visible()
    assert_accessible(page)

    # 24 of the 28 vote (10 London, all 11 North West, 3 Wales). Ann reaches the quota of 9
    # at once; her surplus moves, Dev is excluded, and Bob takes the second seat.
    db.session.rollback()
    poll = db.session.get(Poll, _poll_id(page))
    rankings = [(0, 1)] * 6 + [(0, 2)] * 4 + [(1, 0)] * 5 + [(2, 1)] * 5 + [(3, 1)] * 3 + [(3, 2)]
    for n, (member, ranking) in enumerate(zip(members[4:], rankings, strict=True)):
        vote(poll, member, {0: n % 3, 1: (0, 1) if n % 2 else (0,), 2: 1 if n % 4 else 0,
                            3: ranking, 4: f"Remark number {n}." if n < 5 else ""})

    page.reload()
    assert page.get_by_text("24 of 28 eligible members").is_visible()
    page.get_by_role("button", name="Close the poll now").click()
    assert page.get_by_text("The poll is closed.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Results", exact=True).click()
    assert page.get_by_role("heading", name="Results: Casework and council 2026").is_visible()
    assert page.get_by_text("Met: 10 ballots needed").is_visible()
    assert page.get_by_text("Remark number 3.").is_visible()  # staff see free text
    assert_accessible(page)

    # Breakdowns: Wales (3, stored as "Other") is suppressed, and one more group with it.
    region = page.get_by_role("table", name="Who should be dismissed?: by region")
    def respondents(group):
        return region.get_by_role("row", name=group).get_by_role("cell").first.inner_text()

    assert (respondents("North West"), respondents("London"), respondents("Other")) == (
        "11", "–", "–")
    assert page.get_by_text("not shown, to protect groups of fewer than 10").first.is_visible()

    # The election, stage by stage.
    assert page.get_by_text("2 seats, counted by the Scottish STV rules").is_visible()
    assert page.get_by_text("Elected: Ann Able, Bob Brown").is_visible()
    stages = page.get_by_role("table", name="Votes at each stage")
    assert stages.get_by_role("row").count() >= 4  # heading row and three stages or more

    page.get_by_role("button", name="Publish free-text answers").click()
    assert page.get_by_text("Free-text answers are now published with the results.").is_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the results (CSV)").click()
    rows = list(csv.reader(io.StringIO(download_info.value.path().read_text())))
    assert rows[0] == ["question", "group_by", "group", "answer", "count", "percent", "base"]
    assert ["Who should be dismissed?", "", "All", "Doctors", "24", "100", "24"] in rows
    assert ["Ballots", "", "", "", "24", "86", "28"] in rows

    page.goto(f"/polls/{_poll_id(page)}/results")
    assert page.get_by_text("Remark number 3.").is_visible()  # now public
    assert_accessible(page)


def _poll_id(page) -> int:
    db.session.rollback()
    return db.session.scalar(db.select(Poll.id).where(Poll.title == "Casework and council 2026"))
