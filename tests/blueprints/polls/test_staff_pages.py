import io
import json
import re
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from extensions import db
from models.audit import AuditEntry
from models.base import utcnow
from models.outbox import OutboxMail
from models.polls import Ballot, Poll
from tests.factories import create_member, create_staff
from tests.factories.polls import close, create_poll, vote
from tests.helpers import csrf_token_for, page_text

WARD = Path(__file__).parents[2] / "rules/elections/vectors/glasgow-2007/Calton-2007.blt"


def test_visitors_sign_in_and_members_are_refused_on_staff_poll_pages(client_as, visitor):
    poll = create_poll()
    assert "/account/sign-in" in visitor.get("polls_staff.index", _expected=302).headers["Location"]
    member = client_as(create_member())
    for endpoint in ("polls_staff.index", "polls_staff.new"):
        member.get(endpoint, _expected=403)
    for endpoint in ("polls_staff.manage", "polls_staff.preview", "polls_staff.results"):
        member.get(endpoint, poll_id=poll.id, _expected=403)
    member.post("polls_staff.open_now", poll_id=poll.id, _expected=403)


def test_staff_build_reorder_preview_and_open_a_poll_and_it_is_audited(client_as):
    create_member()
    staff = client_as(create_staff())
    response = staff.post("polls_staff.new", _data={"title": "Pay survey", "audience": "members",
                                                    "noun": "members"})
    poll = db.session.scalars(select(Poll).where(Poll.title == "Pay survey")).one()
    assert response.headers["Location"].endswith(f"/staff/polls/{poll.id}")
    staff.post("polls_staff.add_question", poll_id=poll.id, _data={
        "text": "Which matters most?", "kind": "single", "options": "Pay\nHours\nSupervision"})
    question = poll.questions[0]
    staff.post("polls_staff.move_option", poll_id=poll.id, option_id=question.options[2].id,
               direction="up")
    db.session.expire_all()
    assert [o.label for o in poll.questions[0].options] == ["Pay", "Supervision", "Hours"]
    preview = page_text(staff.get("polls_staff.preview", poll_id=poll.id))
    assert "Which matters most?" in preview and "cannot be changed" in preview
    staff.post("polls_staff.open_now", poll_id=poll.id)
    db.session.expire_all()
    assert poll.status == "open" and poll.eligible_count == 1
    staff.post("polls_staff.add_question", poll_id=poll.id, _expected=400, _data={
        "text": "Too late?", "kind": "yes_no"})
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"poll.created", "poll.question_added", "poll.option_moved", "poll.opened"} <= actions


def test_a_question_without_enough_answers_gets_a_clear_message(client_as):
    poll = create_poll(questions=[])
    response = client_as(create_staff()).post("polls_staff.add_question", poll_id=poll.id,
                                              _expected=400, _data={"text": "Which?",
                                                                    "kind": "single",
                                                                    "options": "Only one"})
    assert "Give at least two answers" in page_text(response)


def test_staff_see_turnout_but_no_answers_while_results_are_hidden(client_as):
    member = create_member()
    poll = create_poll(status="open")
    vote(poll, member)
    text = page_text(client_as(create_staff()).get("polls_staff.results", poll_id=poll.id))
    assert "1 of 1 eligible members have voted" in text
    assert "Base:" not in text


def test_free_text_is_published_only_when_staff_choose(client_as, visitor):
    member = create_member()
    poll = create_poll(status="open", questions=[("Anything else?", "text", [])])
    vote(poll, member, {0: "More time with families"})
    close(poll)
    assert "More time with families" not in page_text(visitor.get("polls.results", poll_id=poll.id))
    staff = client_as(create_staff())
    assert "More time with families" in page_text(staff.get("polls_staff.results", poll_id=poll.id))
    staff.post("polls_staff.publish_free_text", poll_id=poll.id, choice="publish")
    assert "More time with families" in page_text(visitor.get("polls.results", poll_id=poll.id))


def test_staff_extend_an_open_poll_but_not_to_an_earlier_time(client_as):
    poll = create_poll(status="open", closes_at=utcnow() + timedelta(days=2))
    staff = client_as(create_staff())
    later = (utcnow() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    staff.post("polls_staff.extend", poll_id=poll.id, _data={"closes_at": later})
    earlier = (utcnow() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = staff.post("polls_staff.extend", poll_id=poll.id, _expected=400,
                          _data={"closes_at": earlier})
    assert "must be later than the current one" in page_text(response)


def test_staff_import_paper_ballots_from_blt_and_export_them_again(client_as):
    from rules.elections import parse

    election = parse(WARD.read_text())
    poll = create_poll(questions=[("Calton ward", "ranked", list(election.candidates),
                                   {"seats": election.seats})])
    question = poll.questions[0]
    staff = client_as(create_staff())
    staff.client.post(staff.url("polls_staff.import_blt", poll_id=poll.id, question_id=question.id),
                      data={f"import-{question.id}-file": (io.BytesIO(WARD.read_bytes()),
                                                           "calton.blt"),
                            "csrf_token": csrf_token_for(staff.app)},
                      content_type="multipart/form-data")
    papers = sum(weight for weight, _ in election.ballots)
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == papers
    from services.polls import running
    running.open_poll(db.session, poll, actor=None)
    close(poll)
    exported = staff.get("polls_staff.export_blt", poll_id=poll.id, question_id=question.id)
    again = parse(exported.get_data(as_text=True))
    assert sum(w for w, _ in again.ballots) == papers
    from rules.elections import count
    assert sorted(count(again).elected_names(again)) == sorted(count(election).elected_names(election))


def test_each_ranked_question_has_its_own_import_field_and_errors_land_on_it(client_as):
    poll = create_poll(questions=[("Chair", "ranked", ["Ann", "Bob"], {"seats": 1}),
                                  ("Treasurer", "ranked", ["Cat", "Dev"], {"seats": 1})])
    chair, treasurer = poll.questions
    staff = client_as(create_staff())
    ids = re.findall(r'\bid="([^"]+)"', staff.get("polls_staff.manage", poll_id=poll.id)
                     .get_data(as_text=True))
    assert len(ids) == len(set(ids))
    assert {f"import-{chair.id}-file", f"import-{treasurer.id}-file"} <= set(ids)
    response = staff.client.post(
        staff.url("polls_staff.import_blt", poll_id=poll.id, question_id=treasurer.id),
        data={f"import-{treasurer.id}-file": (io.BytesIO(b"2 1\n1 1 0\n0\n\"Zed\"\n\"Bob\"\n"),
                                              "paper.blt"), "csrf_token": csrf_token_for(staff.app)},
        content_type="multipart/form-data")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'id="import-{treasurer.id}-file-error"' in html
    assert f'id="import-{chair.id}-file-error"' not in html
    assert "not answers of the question: Zed" in page_text(response)


def test_count_command_prints_stages_and_json(runner):
    result = runner.invoke(args=["polls", "count", str(WARD), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["elected"] and record["stages"]
    text = runner.invoke(args=["polls", "count", str(WARD), "--seats", "1"])
    assert "Stage 1" in text.output and "Elected:" in text.output


def test_open_close_due_command_opens_and_closes_on_schedule(runner):
    create_member()
    due = create_poll(opens_at=utcnow() - timedelta(minutes=1))
    ending = create_poll(status="open", closes_at=utcnow() + timedelta(hours=1))
    ending.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = runner.invoke(args=["polls", "open-close-due"])
    assert "opened 1, closed 1" in result.output
    db.session.expire_all()
    assert (due.status, ending.status) == ("open", "closed")


def test_a_public_poll_counts_a_response_once_its_email_is_confirmed(client_as, visitor):
    poll = create_poll(status="open", audience="public",
                       questions=[("Should councils hire more social workers?", "yes_no", [])])
    q = poll.questions[0]
    visitor.post("polls.respond", poll_id=poll.id, _data={
        f"q-{q.id}": q.options[0].id, "email": "Reader@Example.org"})
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 0
    again = visitor.post("polls.respond", poll_id=poll.id, _data={
        f"q-{q.id}": q.options[0].id, "email": "other@example.org"})
    assert again.headers["Location"].endswith(f"/polls/{poll.id}")  # one response per browser
    mail = db.session.scalars(select(OutboxMail)).one()
    path = mail.text_body.split("http://localhost")[1].split()[0]
    token = path.rsplit("/", 1)[1]
    visitor.get("polls.confirm_response", poll_id=poll.id, token=token)
    response = visitor.post("polls.confirm_response", poll_id=poll.id, token=token, _expected=200)
    assert "Your receipt code is" in page_text(response)
    visitor.post("polls.confirm_response", poll_id=poll.id, token=token, _expected=400)
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 1
    close(poll)
    assert "public poll" in page_text(visitor.get("polls.results", poll_id=poll.id))
    assert visitor.get("polls_api.results", poll_id=poll.id).get_json()["public_poll"] is True


def test_a_quorum_larger_than_the_database_holds_gets_a_message_and_changes_nothing(client_as):
    staff = client_as(create_staff())
    poll = create_poll(title="Pay survey")
    response = staff.post("polls_staff.settings", poll_id=poll.id, _expected=400, _data={
        "title": "Pay survey", "audience": "members", "noun": "members",
        "quorum_min_ballots": "2147483648"})
    assert 'id="quorum_min_ballots-error"' in response.get_data(as_text=True)
    assert "Enter a smaller number: at most 2,147,483,647." in page_text(response)
    db.session.expire_all()
    assert db.session.get(Poll, poll.id).quorum_min_ballots is None


def test_each_question_of_the_builder_names_its_own_answer_field_and_button(client_as):
    poll = create_poll(questions=[("First?", "single", ["A", "B"]),
                                  ("Second?", "multiple", ["C", "D"])])
    html = client_as(create_staff()).get("polls_staff.manage", poll_id=poll.id).get_data(
        as_text=True)
    for number in (1, 2):
        assert f">Answer to add to question {number}</label>" in html
        assert f">Add answer to question {number}</button>" in html
    assert ">Answer</label>" not in html and ">Add answer</button>" not in html


def test_adding_an_answer_lands_on_the_message_that_says_so(client_as):
    poll = create_poll(questions=[("First?", "single", ["A", "B"])])
    question = poll.questions[0]
    response = client_as(create_staff()).post(
        "polls_staff.add_option", poll_id=poll.id, question_id=question.id,
        _data={f"o{question.id}-label": "C"})
    assert response.headers["Location"].endswith(f"/staff/polls/{poll.id}#messages")
