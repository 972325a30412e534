import pytest
from sqlalchemy import func, select

from models.polls import Ballot, BallotAnswer, PollParticipation
from services.polls import PollError, builder, voting
from services.polls.results import poll_results
from tests.factories import create_member, create_staff
from tests.factories.polls import close, create_poll, vote


def _count(session, model, poll):
    return session.scalar(select(func.count()).select_from(model).where(model.poll_id == poll.id))


def test_a_member_votes_once_and_gets_a_receipt(db_session):
    member = create_member()
    poll = create_poll(status="open")
    code = vote(poll, member, {0: 0, 1: 2})
    assert len(code) == 14 and code.count("-") == 2
    with pytest.raises(PollError, match="already voted"):
        vote(poll, member, {0: 1})
    assert _count(db_session, Ballot, poll) == 1
    assert _count(db_session, PollParticipation, poll) == 1


def test_a_member_who_joins_after_opening_cannot_vote_until_staff_allow_it(db_session):
    poll = create_poll(status="open")
    late = create_member(email="late@example.org")
    with pytest.raises(PollError, match="not on the list"):
        vote(poll, late)
    from services.polls.running import allow_late_joiner
    allow_late_joiner(db_session, poll, actor=create_staff(), email="LATE@example.org")
    vote(poll, late)
    assert _count(db_session, Ballot, poll) == 1


def test_members_outside_the_chosen_regions_are_not_eligible(db_session):
    create_member(region="wales")
    london = create_member(region="london")
    poll = create_poll(status="open", audience="regions", audience_codes=["london"])
    assert poll.eligible_count == 1
    vote(poll, london)


def test_lapsed_members_are_not_eligible(db_session):
    lapsed = create_member(status="lapsed")
    poll = create_poll(status="open")
    with pytest.raises(PollError):
        vote(poll, lapsed)


def test_questions_cannot_change_once_open(db_session):
    poll = create_poll(status="open")
    with pytest.raises(PollError, match="cannot change once the poll has opened"):
        builder.add_question(db_session, poll, actor=create_staff(), text="More?",
                             kind="yes_no")
    with pytest.raises(PollError, match="cannot change"):
        builder.move_option(db_session, poll.questions[1].options[0], actor=create_staff(), by=1)


def test_bad_answers_are_refused_with_a_message_and_nothing_is_written(db_session):
    member = create_member()
    poll = create_poll(status="open")
    with pytest.raises(voting.BallotError) as error:
        voting.cast_ballot(db_session, poll, member, {poll.questions[0].id: 999999})
    assert error.value.errors == {poll.questions[0].id: "Choose one of the answers."}
    assert _count(db_session, PollParticipation, poll) == 0


def test_a_closed_poll_takes_no_ballots(db_session):
    member = create_member()
    poll = close(create_poll(status="open"))
    with pytest.raises(PollError, match="not open"):
        vote(poll, member)


def test_receipt_is_found_in_the_published_list(db_session):
    member = create_member()
    poll = create_poll(status="open")
    code = vote(poll, member)
    close(poll)
    assert voting.find_receipt(db_session, poll, code.lower().replace("-", " ")) is True
    assert voting.find_receipt(db_session, poll, "AAAA-AAAA-AAAA") is False
    assert voting.find_receipt(db_session, poll, "nonsense") is None
    assert db_session.scalars(voting.published_receipts(poll)).all() == [code]


def test_results_count_each_answer_with_base_and_turnout(db_session):
    members = [create_member() for _ in range(4)]
    poll = create_poll(status="open", quorum_min_percent=50)
    create_member()  # joins after opening: not in the eligible count
    for i, member in enumerate(members[:3]):
        vote(poll, member, {0: 0 if i < 2 else 1})
    results = poll_results(db_session, close(poll))
    first = results.questions[0]
    assert [(f.label, f.count, f.percent) for f in first.figures] == [("Yes", 2, 67), ("No", 1, 33)]
    assert first.base == 3 and results.questions[1].base == 0
    assert (results.ballots, results.eligible, results.turnout_percent) == (3, 4, 75)
    assert results.quorum.met
    assert first.headlines[0].startswith("Two thirds of members (67%)")
    assert 'role="img"' in first.chart


def test_ranked_answers_keep_their_order(db_session):
    member = create_member()
    poll = create_poll(status="open", questions=[
        ("Chair", "ranked", ["Ann", "Bob", "Cat"], {"seats": 1})])
    vote(poll, member, {0: (2, 0)})
    q = poll.questions[0]
    rows = db_session.execute(select(BallotAnswer.option_id, BallotAnswer.position)
                              .order_by(BallotAnswer.position)).all()
    assert rows == [(q.options[2].id, 1), (q.options[0].id, 2)]
    results = poll_results(db_session, close(poll))
    assert results.questions[0].count.elected_names(results.questions[0].election) == ["Cat"]
