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
from rules.polls.suppression import Breakdown, suppress_breakdown
from services.polls.results import load_ballots

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


def breakdowns(session: Session, poll: Poll) -> list[QuestionBreakdown]:
    """Every suppressed breakdown of the poll's choice questions (none for a public poll)."""
    if poll.is_public:
        return []
    answers = load_ballots(session, poll)
    labels = {row.id: row for row in session.execute(
        select(Ballot.id, Ballot.region, Ballot.category, Ballot.role)
        .where(Ballot.poll_id == poll.id))}
    found = []
    for question in poll.questions:
        if question.kind in ("text", "ranked"):
            continue
        option_ids = [o.id for o in question.options]
        for dimension, dimension_label in DIMENSIONS:
            name = _namer(session, dimension)
            counts: dict[str, dict[int, int]] = {}
            respondents: dict[str, int] = {}
            for ballot_id, ballot in answers.items():
                answer = ballot.get(question.id)
                if answer in (None, ()):
                    continue
                group = name(getattr(labels[ballot_id], dimension))
                respondents[group] = respondents.get(group, 0) + 1
                cells = counts.setdefault(group, {})
                for option_id in answer if isinstance(answer, tuple) else (answer,):
                    cells[option_id] = cells.get(option_id, 0) + 1
            last = (NOT_STATED, OTHER)
            order = sorted(respondents, key=lambda g: (g in last, g))
            found.append(QuestionBreakdown(question, dimension, dimension_label, suppress_breakdown(
                counts, {g: respondents[g] for g in order}, option_ids=option_ids)))
    return found
