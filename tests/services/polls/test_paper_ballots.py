"""Paper ballots: a Glasgow ward imported from BLT counts to the published result and exports back."""

import json
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from models.audit import AuditEntry
from models.polls import Ballot, BallotAnswer
from rules.elections import parse
from services.polls import PollError, elections
from tests.factories import create_staff
from tests.factories.polls import create_poll

VECTORS = Path(__file__).parents[2] / "rules" / "elections" / "vectors" / "glasgow-2007"
WARD = "Anderston-City-2007.blt"  # 6,900 papers, 9 candidates, 4 seats


def papers_of(election) -> Counter:
    """Every paper as the names it ranks, so elections with other indexes compare equal."""
    return Counter({tuple(election.candidates[i] for i in ranking): weight
                    for weight, ranking in election.ballots})


def ward_question(election):
    poll = create_poll(title="Anderston/City ward", questions=[
        ("Anderston/City", "ranked", list(election.candidates), {"seats": election.seats})])
    return poll.questions[0]


def test_a_glasgow_ward_imports_counts_to_its_result_and_exports_the_same_election(db_session):
    text = (VECTORS / WARD).read_text()
    election = parse(text)
    question = ward_question(election)

    staff = create_staff()
    statements = []
    engine = db_session.get_bind().engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        papers = elections.import_blt(db_session, question, text, actor=staff)
    finally:
        event.remove(engine, "before_cursor_execute", listener)

    assert papers == 6900
    assert len(statements) < 50  # in bulk: not one INSERT (or more) per paper
    assert db_session.scalar(select(func.count()).select_from(Ballot).where(
        Ballot.poll_id == question.poll_id, Ballot.source == "paper",
        Ballot.receipt_code.is_(None))) == 6900
    assert db_session.scalar(select(func.count()).select_from(BallotAnswer)) == sum(
        weight * len(ranking) for weight, ranking in election.ballots)
    _, result = elections.count_question(db_session, question)
    expected = json.loads((VECTORS / "expected.json").read_text())[WARD]["elected"]
    assert sorted(result.elected_names(election)) == sorted(expected)

    again = parse(elections.export_blt(db_session, question))
    assert (again.candidates, again.seats) == (election.candidates, election.seats)
    assert papers_of(again) == papers_of(election)
    entry = db_session.scalar(select(AuditEntry).where(
        AuditEntry.action == "poll.paper_ballots_imported"))
    assert entry is not None


def test_withdrawn_candidates_are_left_out_of_imported_papers(db_session):
    text = '3 1\n-2\n2 1 2 3 0\n1 2 0\n0\n"Ann"\n"Bob"\n"Cat"\n"By-election"\n'
    question = ward_question(parse(text))
    assert elections.import_blt(db_session, question, text, actor=create_staff()) == 3
    ann, _, cat = (o.id for o in question.options)
    # The paper that ranked only Bob is kept (it was cast) but has no preference left.
    assert Counter(elections.rankings(db_session, question)) == Counter({(ann, cat): 2})
    assert db_session.scalar(select(func.count()).select_from(Ballot)) == 3


def test_an_import_naming_unknown_candidates_writes_nothing(db_session):
    question = ward_question(parse((VECTORS / WARD).read_text()))
    with pytest.raises(PollError, match="not answers of the question: Zed"):
        elections.import_blt(db_session, question, '1 1\n1 1 0\n0\n"Zed"\n"T"\n',
                             actor=create_staff())
    assert db_session.scalar(select(func.count()).select_from(Ballot)) == 0
