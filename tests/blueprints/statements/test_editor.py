"""The staff editor: who may use it, writing with a preview, and each workflow step over HTTP."""

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from blueprints.core.uk_time import to_local
from models.audit import AuditEntry
from models.base import utcnow
from models.statements import Statement
from tests.factories import create_admin, create_staff, create_user
from tests.factories.statements import create_statement
from tests.helpers import page_text

DRAFT = {"title": "Safe caseloads", "summary": "We ask for limits.",
         "body": "# Why\n\nBecause **people** matter.", "topics": "Workforce, Pay"}

STAFF_PAGES = [
    ("statement_editor.index", {}),
    ("statement_editor.new", {}),
    ("statement_editor.view", {"statement_id": "draft"}),
    ("statement_editor.edit", {"statement_id": "draft"}),
    ("statement_editor.revise", {"statement_id": "published"}),
    ("statement_editor.supersede", {"statement_id": "published"}),
    ("statement_editor.withdraw", {"statement_id": "published"}),
]
STAFF_POSTS = ["submit", "return_to_draft", "approve", "publish", "schedule", "preview"]


def _values(values, statements):
    return {k: statements[v].id if v in statements else v for k, v in values.items()}


@pytest.mark.parametrize(("endpoint", "values"), STAFF_PAGES)
def test_staff_pages_are_for_staff_only(client_as, endpoint, values):
    statements = {"draft": create_statement(state="draft"), "published": create_statement()}
    values = _values(values, statements)
    client_as(None).get(endpoint, _expected=302, **values)
    client_as(create_user()).get(endpoint, _expected=403, **values)
    client_as(create_staff()).get(endpoint, _expected=200, **values)
    client_as(create_admin()).get(endpoint, _expected=200, **values)


@pytest.mark.parametrize("action", STAFF_POSTS)
def test_staff_actions_are_refused_to_visitors_and_members(client_as, action):
    statement = create_statement(state="in_review")
    values = {} if action == "preview" else {"statement_id": statement.id}
    client_as(None).post(f"statement_editor.{action}", _expected=302, **values)
    client_as(create_user()).post(f"statement_editor.{action}", _expected=403, **values)
    assert statement.state == "in_review"


def test_staff_write_a_draft_and_it_is_not_public(db_session, client_as, visitor):
    staff = client_as(create_staff())
    response = staff.post("statement_editor.new", _data=DRAFT)
    statement = db_session.scalar(select(Statement))
    assert response.headers["Location"].endswith(f"/staff/statements/{statement.id}")
    assert (statement.state, statement.slug) == ("draft", "safe-caseloads")
    assert [t.label for t in statement.topics] == ["Pay", "Workforce"]
    visitor.get("statements.show", slug=statement.slug, _expected=404)


def test_preview_shows_the_rendered_statement_and_saves_nothing(db_session, client_as):
    response = client_as(create_staff()).post(
        "statement_editor.new", _data={**DRAFT, "action": "preview"}, _expected=200)
    html = response.get_data(as_text=True)
    # Under the page's own "Preview" heading (h2), the statement's headings start at h3.
    assert "<h3>Why</h3>" in html and "<strong>people</strong>" in html
    assert 'value="Safe caseloads"' in html  # the form keeps what was typed
    # The no-script Preview button comes back to the preview's heading, which takes focus.
    assert 'formaction="#preview-title"' in html
    assert re.search(r'<h2 id="preview-title" tabindex="-1" data-focus-on-load>', html)
    assert db_session.scalar(select(Statement)) is None


def test_the_preview_endpoint_returns_sanitised_html_and_needs_csrf(client_as):
    staff = client_as(create_staff())
    response = staff.post("statement_editor.preview", _expected=200,
                          _data={"body": "**hi** <script>alert(1)</script>"})
    assert "<strong>hi</strong>" in response.json["html"]
    assert "<script>" not in response.json["html"]
    staff.post("statement_editor.preview", _data={"body": "x"}, _csrf=False, _expected=400)


def test_a_draft_with_bad_input_gets_messages_next_to_the_fields(db_session, client_as):
    response = client_as(create_staff()).post(
        "statement_editor.new", _expected=200,
        _data={**DRAFT, "title": "", "consultation_opens_at": "2026-03-01T09:00",
               "related_poll_id": "twelve"})
    text = page_text(response)
    assert "Enter a title." in text
    assert "Enter a number such as 12." in text
    assert db_session.scalar(select(Statement)) is None


def test_a_half_given_consultation_period_is_refused(db_session, client_as):
    response = client_as(create_staff()).post(
        "statement_editor.new", _expected=200,
        _data={**DRAFT, "consultation_opens_at": "2026-03-01T09:00"})
    assert "Give both the opening and closing time" in page_text(response)


def test_editing_a_draft_keeps_uk_times_as_typed(db_session, client_as):
    statement = create_statement(state="draft")
    staff = client_as(create_staff())
    staff.post("statement_editor.edit", statement_id=statement.id, _data={
        **DRAFT, "consultation_opens_at": "2026-07-01T09:00",
        "consultation_closes_at": "2026-07-15T17:00"})
    assert statement.consultation_opens_at.hour == 8  # 09:00 British Summer Time is 08:00 UTC
    assert to_local(statement.consultation_opens_at).hour == 9
    page = staff.get("statement_editor.edit", statement_id=statement.id)
    assert 'value="2026-07-01T09:00"' in page.get_data(as_text=True)


def test_the_author_cannot_approve_their_own_statement(client_as):
    author = create_staff()
    statement = create_statement(state="in_review", author=author)
    helper = client_as(author)
    assert "another member of staff must approve it" in page_text(
        helper.get("statement_editor.view", statement_id=statement.id))
    text = page_text(helper.post("statement_editor.approve", statement_id=statement.id,
                                 _data={"when": "now"}, _expected=400))
    assert "You wrote this statement, so another member of staff must approve it." in text
    assert statement.state == "in_review" and statement.approver_id is None


def test_one_writes_another_approves_and_it_is_published(db_session, client_as, visitor):
    author, approver = create_staff(), create_staff()
    writer = client_as(author)
    writer.post("statement_editor.new", _data=DRAFT)
    statement = db_session.scalar(select(Statement))
    writer.post("statement_editor.submit", statement_id=statement.id)
    client_as(approver).post("statement_editor.approve", statement_id=statement.id,
                             _data={"when": "now"})
    assert statement.state == "published" and statement.approver_id == approver.id
    assert "Safe caseloads" in page_text(visitor.get("statements.index"))
    actions = db_session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["statement.created", "statement.submitted", "statement.approved",
                       "statement.published"]


def test_approving_with_a_date_and_time_typed_as_people_do_schedules_publication(
        db_session, client_as):
    statement = create_statement(state="in_review")
    client_as(create_staff()).post("statement_editor.approve", statement_id=statement.id,
                                   _data={"when": "schedule", "publish_date": "1/7/2099",
                                          "publish_time": "9.30am"})
    assert statement.state == "in_review" and statement.is_approved
    # 09:30 British Summer Time is 08:30 UTC.
    assert statement.publish_at.replace(tzinfo=None) == datetime(2099, 7, 1, 8, 30)


def test_approving_for_a_set_time_without_one_shows_the_choice_again_and_publishes_nothing(
        client_as):
    statement = create_statement(state="in_review")
    helper = client_as(create_staff())
    response = helper.post("statement_editor.approve", statement_id=statement.id,
                           _expected=400, _data={"when": "schedule", "publish_date": "1/7/2099"})
    page = response.get_data(as_text=True)
    assert "Enter the time to publish it." in page_text(response)
    assert re.search(r'<input[^>]*checked[^>]*value="schedule"|<input[^>]*value="schedule"'
                     r'[^>]*checked', page), "the choice of a set time is kept"
    assert 'value="1/7/2099"' in page  # what was typed is kept
    assert 'href="#publish_time"' in page  # the summary links to the field
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="publish_time"|<input[^>]*'
                     r'id="publish_time"[^>]*aria-invalid="true"', page)
    assert not statement.is_approved and statement.state == "in_review"


@pytest.mark.parametrize(("typed", "message"), [
    ({"publish_date": "31/02/2099", "publish_time": "9:00"}, "Enter a real date"),
    ({"publish_date": "1/7/2099", "publish_time": "25:00"}, "Enter a time such as"),
    ({"publish_date": "1/1/2020", "publish_time": "9:00"}, "Choose a time in the future"),
])
def test_a_set_time_that_is_not_one_is_refused_at_the_field(client_as, typed, message):
    statement = create_statement(state="in_review")
    response = client_as(create_staff()).post(
        "statement_editor.approve", statement_id=statement.id, _expected=400,
        _data={"when": "schedule", **typed})
    assert message in page_text(response)
    assert not statement.is_approved


def test_publishing_now_ignores_whatever_the_time_fields_hold(client_as):
    statement = create_statement(state="in_review")
    client_as(create_staff()).post("statement_editor.approve", statement_id=statement.id,
                                   _data={"when": "now", "publish_date": "soon"})
    assert statement.state == "published"


def test_rescheduling_shows_the_time_set_and_takes_a_new_one(db_session, client_as):
    statement = create_statement(state="in_review")
    helper = client_as(create_staff())
    helper.post("statement_editor.approve", statement_id=statement.id,
                _data={"when": "schedule", "publish_date": "2 March 2099", "publish_time": "17:00"})
    page = helper.get("statement_editor.view", statement_id=statement.id).get_data(as_text=True)
    assert 'value="2 March 2099"' in page and 'value="17:00"' in page
    helper.post("statement_editor.schedule", statement_id=statement.id,
                _data={"publish_date": "2099-03-03", "publish_time": "8am"})
    assert statement.publish_at.replace(tzinfo=None) == datetime(2099, 3, 3, 8, 0)  # GMT
    response = helper.post("statement_editor.schedule", statement_id=statement.id,
                           _expected=400, _data={"publish_date": "", "publish_time": ""})
    assert "Enter the date to publish it." in page_text(response)


def test_publish_due_command_publishes_what_is_due(db_session, runner):
    statement = create_statement(state="approved")
    statement.publish_at = utcnow() - timedelta(minutes=1)
    db_session.commit()
    result = runner.invoke(args=["statements", "publish-due"])
    assert "1 statement(s) published" in result.output
    assert statement.state == "published"
    assert "0 statement(s) published" in runner.invoke(args=["statements", "publish-due"]).output


def test_revising_over_http_adds_a_public_revision(db_session, client_as, visitor):
    statement = create_statement(body="Old words.")
    helper = client_as(create_staff())
    response = helper.post("statement_editor.revise", statement_id=statement.id, _expected=200,
                           _data={**DRAFT, "body": "New words."})
    assert "Say what changed and why" in page_text(response)
    helper.post("statement_editor.revise", statement_id=statement.id,
                _data={**DRAFT, "body": "New words.", "change_note": "Updated."})
    assert len(statement.revisions) == 2
    assert "New words." in page_text(visitor.get("statements.show", slug=statement.slug))


def test_withdrawing_over_http_needs_a_note(db_session, client_as):
    statement = create_statement()
    helper = client_as(create_staff())
    response = helper.post("statement_editor.withdraw", statement_id=statement.id,
                           _data={"note": ""}, _expected=200)
    assert "Say why the statement is withdrawn." in page_text(response)
    helper.post("statement_editor.withdraw", statement_id=statement.id,
                _data={"note": "Overtaken by events."})
    assert statement.state == "withdrawn"


def test_superseding_over_http_offers_published_statements(db_session, client_as):
    old, new = create_statement(title="Old"), create_statement(title="Newer")
    helper = client_as(create_staff())
    form = page_text(helper.get("statement_editor.supersede", statement_id=old.id))
    assert "Newer" in form
    response = helper.post("statement_editor.supersede", statement_id=old.id,
                           _data={"replacement": "0"}, _expected=200)
    assert "Choose the statement that replaces this one." in page_text(response)
    helper.post("statement_editor.supersede", statement_id=old.id,
                _data={"replacement": str(new.id)})
    assert old.state == "superseded" and old.superseded_by_id == new.id


def test_a_published_statement_cannot_be_edited_as_a_draft(client_as):
    statement = create_statement()
    response = client_as(create_staff()).get("statement_editor.edit", statement_id=statement.id,
                                             _expected=302)
    assert response.headers["Location"].endswith(f"/staff/statements/{statement.id}")


def _statements_sql_count(render) -> int:
    """How many SQL statements `render()` sends (the database's work for one page)."""
    from sqlalchemy import event

    from extensions import db

    sent = []

    def count(*_args):
        sent.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        render()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(sent)


def test_each_poll_or_petition_is_read_once_however_many_blocks_name_it(db_session, client_as):
    from tests.factories import create_member
    from tests.factories.petitions import create_petition
    from tests.factories.polls import close, create_poll, vote

    members = [create_member() for _ in range(3)]
    poll = create_poll(status="open", questions=[("Safe?", "yes_no", []), ("Paid?", "yes_no", [])])
    for member in members:
        vote(poll, member, {0: 0, 1: 1})
    close(poll)
    petition = create_petition()
    first, second = (f"[[poll:{poll.id}:{q.id}]]" for q in poll.questions)
    codes = {"one": [first, f"[[petition:{petition.id}]]"],
             "fifty": [first, second, f"[[petition:{petition.id}]]"] * 16 + [first, second]}
    staff = client_as(create_staff())

    def preview(name):
        db_session.expire_all()  # nothing kept from the last drawing: each reads afresh
        body = "\n\n".join(["Our evidence:", *codes[name]])
        response = staff.post("statement_editor.preview", _expected=200, _data={"body": body})
        assert response.json["html"].count("<figure") == len(codes[name])

    preview("one")  # the petition's count cached, as on any page after the first
    one, fifty = (_statements_sql_count(lambda name=name: preview(name)) for name in ("one", "fifty"))
    assert one > 0 and fifty == one, (one, fifty)


def test_a_statement_with_more_than_fifty_evidence_blocks_is_refused_at_the_body(db_session,
                                                                                 client_as):
    body = "Our evidence:\n\n" + "\n\n".join(["[[petition:1]]"] * 51)
    response = client_as(create_staff()).post("statement_editor.new", _expected=200,
                                              _data={**DRAFT, "body": body})
    assert 'id="body-error"' in response.get_data(as_text=True)
    assert "at most 50 evidence blocks; this one has 51" in page_text(response)
    assert db_session.scalar(select(Statement)) is None


def test_a_preview_of_thousands_of_blocks_draws_fifty_and_says_so(client_as):
    from tests.factories.petitions import create_petition

    petitions = [create_petition() for _ in range(3)]
    body = "\n\n".join(f"[[petition:{petitions[n % 3].id}]]" for n in range(2000))
    response = client_as(create_staff()).post("statement_editor.preview", _expected=200,
                                              _data={"body": body})
    html = response.json["html"]
    assert html.count("<figure") == 50
    assert html.count("a statement shows at most 50 evidence blocks") == 1950


def test_the_desk_shows_the_statement_under_its_own_heading_level(client_as):
    statement = create_statement(state="in_review", body="# Why\n\n## How\n\nBecause.")
    page = client_as(create_staff()).get("statement_editor.view", statement_id=statement.id)
    html = page.get_data(as_text=True)
    assert "<h2>The statement as readers will see it</h2>" in html
    assert "<h3>Why</h3>" in html and "<h4>How</h4>" in html


def test_a_choice_left_unmade_links_from_the_summary_to_its_first_option(client_as):
    statement = create_statement(state="in_review")
    response = client_as(create_staff()).post(
        "statement_editor.approve", statement_id=statement.id, _expected=400, _data={})
    html = response.get_data(as_text=True)
    assert 'data-error-summary' in html and '<a href="#when-0">Choose when to publish.</a>' in html
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="when-0"', html)
