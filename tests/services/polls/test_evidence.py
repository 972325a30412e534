from services.polls.results import question_evidence
from tests.factories import create_member
from tests.factories.polls import close, create_poll, vote


def test_evidence_is_given_only_once_results_are_published(db_session):
    members = [create_member() for _ in range(5)]
    poll = create_poll(status="open")
    for i, member in enumerate(members):
        vote(poll, member, {0: 0 if i else 1})
    question = poll.questions[0]
    assert question_evidence(db_session, poll.id) == {}
    close(poll)
    evidence = question_evidence(db_session, poll.id)[question.id]
    assert evidence.headline.startswith("Eight out of 10 members (80%)")
    assert evidence.figures == [("Yes", 4, 80), ("No", 1, 20)]
    assert evidence.base == 5 and 'role="img"' in evidence.svg
    assert evidence.url.endswith(f"/polls/{poll.id}/results#question-{question.id}")
    assert 999999 not in question_evidence(db_session, poll.id)
    assert question_evidence(db_session, 999999) == {}


def test_a_statement_shows_a_published_question_with_its_base_and_refuses_an_unpublished_one(
        db_session):
    from services.statements.evidence import render_statement_body

    members = [create_member() for _ in range(5)]
    poll = create_poll(status="open")
    for i, member in enumerate(members):
        vote(poll, member, {0: 0 if i else 1})
    question = poll.questions[0]
    body = f"Our members say:\n\n[[poll:{poll.id}:{question.id}]]\n"
    hidden = render_statement_body(db_session, body)
    assert "Evidence unavailable" in hidden and "80%" not in hidden
    close(poll)
    shown = render_statement_body(db_session, body)
    assert "Eight out of 10 members (80%)" in shown
    assert "80% (4)" in shown and "Base: 5 members who answered" in shown
    assert "<svg" in shown and "Evidence unavailable" not in shown
