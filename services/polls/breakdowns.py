"""Breakdowns of results by region, membership category and role, with small groups suppressed.

Every respondent falls in exactly one group of each dimension (no label: "Not
stated"; a rare label stored as "other": "Other"), as rules.polls.suppression needs.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.membership import MembershipCategory
from models.polls import Ballot, Poll, Question
from rules.membership.regions import REGIONS, ROLES
from rules.polls.cross_tables import next_group_to_withhold
from rules.polls.suppression import DEFAULT_THRESHOLD, Breakdown, suppress_breakdown
from services.polls.results import PollResults, load_ballots, poll_results

DIMENSIONS = (("region", "Region"), ("category", "Membership category"), ("role", "Role"))
NOT_STATED, OTHER = "Not stated", "Other"


@dataclass
class QuestionBreakdown:
    question: Question
    dimension: str
    dimension_label: str
    breakdown: Breakdown


def _namer(session: Session, dimension: str):
    if dimension == "region":
        names = dict(REGIONS)
    elif dimension == "role":
        names = dict(ROLES)
    else:
        names = dict(session.execute(select(MembershipCategory.code, MembershipCategory.name)).all())

    def name(code: str | None) -> str:
        if code is None:
            return NOT_STATED
        if code == "other" and dimension != "role":
            return OTHER
        return names.get(code, code)

    return name


def results_and_breakdowns(session: Session, poll: Poll) -> tuple[PollResults,
                                                                 list[QuestionBreakdown]]:
    """A results page's figures and tables, from one read of the ballots."""
    answers = load_ballots(session, poll)
    return poll_results(session, poll, answers), breakdowns(session, poll, answers)


def breakdowns(session: Session, poll: Poll,
               answers: dict[str, dict[int, object]] | None = None) -> list[QuestionBreakdown]:
    """Every suppressed breakdown of the poll's choice questions (none for a public poll).

    Each table is suppressed on its own, then across the tables of the same question
    (rules.polls.cross_tables): a group that another table's row would give away by
    subtraction is withheld too, and the round is run again until nothing changes.
    ``answers`` is ``load_ballots(session, poll)`` when the caller has it already.
    """
    if poll.is_public:
        return []
    answers = load_ballots(session, poll) if answers is None else answers
    labels = {row.id: row for row in session.execute(
        select(Ballot.id, Ballot.region, Ballot.category, Ballot.role)
        .where(Ballot.poll_id == poll.id))}
    names = {dimension: _namer(session, dimension) for dimension, _ in DIMENSIONS}
    found = []
    for question in poll.questions:
        if question.kind in ("text", "ranked"):
            continue
        option_ids = [o.id for o in question.options]
        counts: dict[str, dict[str, dict[int, int]]] = {d: {} for d, _ in DIMENSIONS}
        members: dict[str, dict[str, set[str]]] = {d: {} for d, _ in DIMENSIONS}
        for ballot_id, ballot in answers.items():
            answer = ballot.get(question.id)
            if answer in (None, ()):
                continue
            for dimension, _ in DIMENSIONS:
                group = names[dimension](getattr(labels[ballot_id], dimension))
                members[dimension].setdefault(group, set()).add(ballot_id)
                cells = counts[dimension].setdefault(group, {})
                for option_id in answer if isinstance(answer, tuple) else (answer,):
                    cells[option_id] = cells.get(option_id, 0) + 1
        withheld: dict[str, set[str]] = {d: set() for d, _ in DIMENSIONS}
        while True:
            tables = {}
            for dimension, _ in DIMENSIONS:
                order = sorted(members[dimension], key=lambda g: (g in (NOT_STATED, OTHER), g))
                tables[dimension] = suppress_breakdown(
                    counts[dimension], {g: len(members[dimension][g]) for g in order},
                    option_ids=option_ids, also_suppress=withheld[dimension])
            shown = {d: {row.group for row in table.groups if row.shown}
                     for d, table in tables.items()}
            extra = next_group_to_withhold(members, shown, threshold=DEFAULT_THRESHOLD)
            if extra is None:
                break
            withheld[extra[0]].add(extra[1])
        found.extend(QuestionBreakdown(question, dimension, label, tables[dimension])
                     for dimension, label in DIMENSIONS)
    return found
