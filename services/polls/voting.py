"""Casting a ballot in secret: who voted and what they voted go to tables with no link.

The participation row (poll, member) and the ballot are written in the same
transaction; the participation's primary key is the one-ballot-per-member
constraint, so a second attempt fails there and writes no ballot. The ballot
carries a random id and sort key, the day only, a receipt code and the voter's
coarse group labels for breakdowns (a label fewer than ``LABEL_MIN`` eligible
voters share is stored as "other", so no label alone points at a person).
"""

import random
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.accounts import User
from models.polls import (
    Ballot,
    BallotAnswer,
    Option,
    Poll,
    PollEligibility,
    PollParticipation,
    Question,
)
from rules.polls import lifecycle, receipts
from services.membership.standing import today
from services.polls import PollError
from services.polls.running import state

TEXT_LIMIT = 2000
LABEL_MIN = 10
OTHER = "other"


class BallotError(PollError):
    """Some answers do not fit their questions; ``errors`` maps question id to a message."""

    def __init__(self, errors: dict[int, str]):
        super().__init__("Check your answers: " + " ".join(errors.values()))
        self.errors = errors


@dataclass
class BallotQuestion:
    """A question as one voter sees it: its options in the order shown to them."""

    question: Question
    options: list[Option]


def layout(poll: Poll, seed: str) -> list[BallotQuestion]:
    """The poll's questions with options shuffled per voter when the poll asks for it.

    ``seed`` names the voter (it keeps their order the same when the page is shown
    again); scales and yes/no keep their order, which carries meaning.
    """
    shown = []
    for question in poll.questions:
        options = list(question.options)
        if poll.shuffle_options and question.kind not in ("scale", "yes_no"):
            random.Random(f"{seed}:{question.id}").shuffle(options)  # nosec B311
        shown.append(BallotQuestion(question, options))
    return shown


def validate(poll: Poll, answers: dict[int, object]) -> dict[int, str]:
    """Check answers (question id -> option id, tuple of ids, or text); return the problems."""
    errors: dict[int, str] = {}
    for question in poll.questions:
        answer = answers.get(question.id)
        ids = {option.id for option in question.options}
        if answer in (None, (), ""):
            continue
        if question.kind == "text":
            if not isinstance(answer, str) or len(answer) > TEXT_LIMIT:
                errors[question.id] = f"Keep your answer under {TEXT_LIMIT} characters."
        elif question.kind in ("single", "yes_no", "scale"):
            if answer not in ids:
                errors[question.id] = "Choose one of the answers."
        elif (not isinstance(answer, tuple) or len(set(answer)) != len(answer)
              or not set(answer) <= ids):
            errors[question.id] = ("Give each candidate a different number." if
                                   question.kind == "ranked" else "Choose from the answers.")
        elif question.max_choices and len(answer) > question.max_choices:
            errors[question.id] = f"Choose at most {question.max_choices}."
    return errors


def new_receipt_code() -> str:
    """A fresh random receipt code, e.g. K7QF-9XMA-3PTR."""
    return receipts.format_code("".join(secrets.choice(receipts.ALPHABET)
                                        for _ in range(receipts.LENGTH)))


def answer_rows(ballot_id: str, poll: Poll, answers: dict[int, object]) -> list[dict]:
    """The ballot_answers rows (as dicts, for bulk inserts) for one ballot's answers."""
    rows = []
    for question in poll.questions:
        answer = answers.get(question.id)
        if answer in (None, (), "") or (isinstance(answer, str) and not answer.strip()):
            continue
        if question.kind == "text":
            rows.append({"ballot_id": ballot_id, "question_id": question.id, "position": 1,
                         "option_id": None, "text": answer.strip()})
            continue
        chosen = answer if isinstance(answer, tuple) else (answer,)
        rows.extend({"ballot_id": ballot_id, "question_id": question.id, "position": rank,
                     "option_id": option_id, "text": None}
                    for rank, option_id in enumerate(chosen, start=1))
    return rows


def write_ballot(session: Session, poll: Poll, answers: dict[int, object], *,
                 labels: tuple[str | None, str | None, str | None] = (None, None, None),
                 source: str = "online", receipt: bool = True) -> str | None:
    """Store one ballot and its answers; return its receipt code (None without one)."""
    code = new_receipt_code() if receipt else None
    ballot = Ballot(id=secrets.token_hex(16), poll_id=poll.id, cast_on=today(),
                    sort_key=secrets.randbits(62), receipt_code=code, region=labels[0],
                    category=labels[1], role=labels[2], source=source)
    session.add(ballot)
    session.flush()
    rows = answer_rows(ballot.id, poll, answers)
    if rows:
        session.execute(BallotAnswer.__table__.insert(), rows)
    return code


def coarse_labels(session: Session, poll: Poll, row: PollEligibility) -> tuple:
    """The voter's (region, category, role), each replaced by "other" when rare in the poll."""
    labels = []
    for column in ("region", "category", "role"):
        value = getattr(row, column)
        if value is not None:
            sharing = session.scalar(select(func.count()).select_from(PollEligibility).where(
                PollEligibility.poll_id == poll.id, getattr(PollEligibility, column) == value))
            value = value if sharing >= LABEL_MIN else OTHER
        labels.append(value)
    return tuple(labels)


def eligibility(session: Session, poll: Poll, user: User | None) -> PollEligibility | None:
    """The member's row on the poll's list of voters, or None."""
    if user is None or getattr(user, "id", None) is None:
        return None
    return session.get(PollEligibility, (poll.id, user.id))


def has_voted(session: Session, poll: Poll, user: User) -> bool:
    return session.get(PollParticipation, (poll.id, user.id)) is not None


def cast_ballot(session: Session, poll: Poll, user: User, answers: dict[int, object]) -> str:
    """Cast ``user``'s ballot in ``poll``; return the receipt code to show them once.

    Raises BallotError for answers that do not fit, and PollError when the poll is not
    open, the member may not vote in it, or has already voted (nothing is written then).
    """
    if poll.is_public or state(poll) != lifecycle.OPEN:
        raise PollError("This poll is not open for voting.")
    row = eligibility(session, poll, user)
    if row is None:
        raise PollError("You are not on the list of voters for this poll: it is for members "
                        "who were in good standing when it opened.")
    errors = validate(poll, answers)
    if errors:
        raise BallotError(errors)
    try:
        with session.begin_nested():
            session.add(PollParticipation(poll_id=poll.id, user_id=user.id, voted_on=today()))
            session.flush()
    except IntegrityError:
        raise PollError("You have already voted in this poll, and votes cannot be "
                        "changed.") from None
    return write_ballot(session, poll, answers, labels=coarse_labels(session, poll, row))


def find_receipt(session: Session, poll: Poll, typed: str) -> bool | None:
    """Whether a receipt code is in the poll's ballot list (None: not a valid code)."""
    code = receipts.normalise(typed)
    if code is None:
        return None
    return session.scalar(select(Ballot.id).where(Ballot.poll_id == poll.id,
                                                  Ballot.receipt_code == code)) is not None


def published_receipts(poll: Poll, *, after: str = "", limit: int = 500):
    """A select of the poll's receipt codes in alphabetical order, paged by key."""
    query = select(Ballot.receipt_code).where(Ballot.poll_id == poll.id,
                                              Ballot.receipt_code.is_not(None))
    if after:
        query = query.where(Ballot.receipt_code > after)
    return query.order_by(Ballot.receipt_code).limit(limit)
