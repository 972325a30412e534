import json
import re

from sqlalchemy import func, select

from extensions import db
from models.polls import Ballot
from tests.factories import create_member, create_staff, create_user
from tests.factories.polls import close, create_poll, vote
from tests.helpers import page_text


def _ballot_count(poll):
    return db.session.scalar(select(func.count()).select_from(Ballot).where(Ballot.poll_id == poll.id))


def test_a_member_sees_the_warning_votes_and_is_shown_a_receipt(client_as):
    member = create_member()
    poll = create_poll(status="open")
    helper = client_as(member)
    text = page_text(helper.get("polls.show", poll_id=poll.id))
    assert "Your vote cannot be changed once you submit it" in text
    q1, q2 = poll.questions
    response = helper.post("polls.vote", poll_id=poll.id, _data={
        f"q-{q1.id}": q1.options[0].id, f"q-{q2.id}": q2.options[1].id})
    assert response.headers["Location"].endswith(f"/polls/{poll.id}/receipt")
    receipt = page_text(helper.get("polls.receipt", poll_id=poll.id))
    assert "Your receipt code is" in receipt
    assert "You have voted in this poll" in page_text(helper.get("polls.show", poll_id=poll.id))
    assert _ballot_count(poll) == 1


def test_a_second_vote_is_refused_with_a_message(client_as):
    member = create_member()
    poll = create_poll(status="open")
    vote(poll, member)
    q1 = poll.questions[0]
    response = client_as(member).post("polls.vote", poll_id=poll.id,
                                      _data={f"q-{q1.id}": q1.options[1].id})
    assert response.status_code == 302
    assert _ballot_count(poll) == 1


def test_a_ranked_ballot_with_a_repeated_number_is_shown_again_with_the_problem(client_as):
    member = create_member()
    poll = create_poll(status="open", questions=[("Chair", "ranked", ["Ann", "Bob"], {"seats": 1})])
    q = poll.questions[0]
    response = client_as(member).post("polls.vote", poll_id=poll.id, _expected=400, _data={
        f"q-{q.id}-{q.options[0].id}": "1", f"q-{q.id}-{q.options[1].id}": "1"})
    text = page_text(response)
    assert "Ann and Bob are both numbered 1: give each candidate a different number." in text
    # The summary links to the question's first list, which is marked and described.
    page = response.get_data(as_text=True)
    first = f"q-{q.id}-{q.options[0].id}"
    assert f'href="#{first}"' in page
    select = re.search(rf'<select[^>]*id="{first}"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in select and f"q-{q.id}-error" in select
    assert _ballot_count(poll) == 0


def test_a_visitor_is_asked_to_sign_in_and_a_non_member_is_told_why_not(client_as, visitor):
    poll = create_poll(status="open")
    assert "Sign in to vote" in page_text(visitor.get("polls.show", poll_id=poll.id))
    text = page_text(client_as(create_user()).get("polls.show", poll_id=poll.id))
    assert "not on the list of voters" in text


def test_a_draft_poll_is_not_found_by_members(client_as):
    poll = create_poll()
    client_as(create_member()).get("polls.show", poll_id=poll.id, _expected=404)


def test_results_are_hidden_until_close_then_published_with_receipts(client_as, visitor):
    member = create_member()
    poll = create_poll(status="open")
    code = vote(poll, member)
    visitor.get("polls.results", poll_id=poll.id, _expected=403)
    api = visitor.get("polls_api.results", poll_id=poll.id, _expected=403)
    assert api.get_json()["status"] == 403
    assert code not in page_text(visitor.get("polls.receipts", poll_id=poll.id))
    close(poll)
    text = page_text(visitor.get("polls.results", poll_id=poll.id))
    assert "Base: 1 respondent" in text
    receipts = page_text(visitor.get("polls.receipts", poll_id=poll.id))
    assert code in receipts
    found = page_text(client_as(member).client.get(
        f"/polls/{poll.id}/receipts?code={code.lower()}"))
    assert "is in the list" in found


def test_the_results_api_gives_counts_percentages_base_and_turnout(client_as, visitor):
    members = [create_member() for _ in range(3)]
    poll = create_poll(status="open")
    for i, member in enumerate(members):
        vote(poll, member, {0: 0 if i else 1})
    close(poll)
    data = visitor.get("polls_api.results", poll_id=poll.id).get_json()
    first = data["questions"][0]
    assert first["base"] == 3
    assert [(o["label"], o["count"], o["percent"]) for o in first["options"]] == [
        ("Yes", 2, 67), ("No", 1, 33)]
    assert (data["ballots"], data["eligible"], data["public_poll"]) == (3, 3, False)
    visitor.get("polls_api.results", poll_id=999999, _expected=404)


def test_live_results_are_shown_while_the_poll_is_open(visitor):
    poll = create_poll(status="open", live_results=True)
    visitor.get("polls.results", poll_id=poll.id)


def test_the_csv_export_escapes_formula_cells(visitor):
    member = create_member()
    poll = create_poll(status="open", questions=[("=SUM(A1)", "single", ["+1", "@home"])])
    vote(poll, member)
    close(poll)
    body = visitor.get("polls.results_export", poll_id=poll.id).get_data(as_text=True)
    assert "'=SUM(A1)" in body and "'+1" in body and "'@home" in body
    assert "\n=SUM" not in body


def test_an_election_shows_its_count_stage_by_stage(visitor):
    voters = [create_member() for _ in range(5)]
    poll = create_poll(status="open", questions=[
        ("Chair", "ranked", ["Ann", "Bob", "Cat"], {"seats": 1})])
    for member, ranking in zip(voters, [(0, 1), (0,), (1, 2), (2, 1), (2, 1)], strict=True):
        vote(poll, member, {0: ranking})
    close(poll)
    text = page_text(visitor.get("polls.results", poll_id=poll.id))
    assert "Elected: Cat" in text and "Votes at each stage" in text
    data = json.loads(visitor.get("polls_api.results", poll_id=poll.id).get_data())
    assert data["questions"][0]["election"]["elected"] == ["Cat"]


def test_numbers_in_other_scripts_or_too_long_are_refused_with_a_message_not_an_error(client_as):
    member = create_member()
    poll = create_poll(status="open", questions=[
        ("Colour", "single", ["Red", "Blue"]), ("Chair", "ranked", ["Ann", "Bob"], {"seats": 1})])
    single, ranked = poll.questions
    helper = client_as(member)
    for data in ({f"q-{single.id}": "²"}, {f"q-{single.id}": "9" * 5000},
                 {f"q-{ranked.id}-{ranked.options[0].id}": "٣"}):
        response = helper.post("polls.vote", poll_id=poll.id, _data=data, _expected=400)
        assert "Choose one of the answers" in page_text(response) or \
            "Use the numbers in the lists only" in page_text(response)
    assert _ballot_count(poll) == 0


def _ballots_metric(staff_helper, kind: str) -> float:
    body = staff_helper.get("ops.metrics").get_data(as_text=True)
    line = next((line for line in body.splitlines()
                 if line.startswith(f'platform_ballots_total{{kind="{kind}"}}')), None)
    return float(line.split()[-1]) if line else 0.0


def test_a_vote_is_counted_in_the_ballots_metric_and_a_refused_one_is_not(client_as):
    staff = client_as(create_staff())
    before = _ballots_metric(staff, "poll")
    member = create_member()
    poll = create_poll(status="open")
    helper = client_as(member)
    q1 = poll.questions[0]
    helper.post("polls.vote", poll_id=poll.id, _data={f"q-{q1.id}": q1.options[0].id})
    assert _ballots_metric(staff, "poll") == before + 1
    helper.post("polls.vote", poll_id=poll.id, _data={f"q-{q1.id}": q1.options[1].id})
    assert _ballots_metric(staff, "poll") == before + 1
