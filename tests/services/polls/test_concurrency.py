"""On PostgreSQL, simultaneous submissions keep one ballot per member, and lose none.

These commit for real from many threads, each with its own session, and empty every
table afterwards (like the browser tests' ``committed`` fixture).
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from extensions import db
from models import Base
from models.accounts import User
from models.base import utcnow
from models.membership import Membership, MembershipCategory
from models.polls import Ballot, Poll, PollParticipation
from services.polls import PollError, builder, running, voting
from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL.startswith("postgresql"),
                                reason="needs PostgreSQL (TEST_DATABASE_URL)")
WORKERS = 8


@pytest.fixture
def engine(app):
    with app.app_context():
        yield db.engine
        with Session(db.engine) as session:
            for table in reversed(Base.metadata.sorted_tables):
                session.execute(delete(table))
            session.commit()


def _arrange(engine, members: int) -> tuple[int, list[int], int, int]:
    """Bulk-insert members, open a one-question poll; return (poll, user ids, question, option)."""
    with Session(engine) as session:
        category = MembershipCategory(code="qualified", name="Qualified")
        session.add(category)
        session.flush()
        session.execute(insert(User), [
            {"email": f"m{i}@example.org", "email_canonical": f"m{i}@example.org", "name": f"M {i}",
             "password_hash": "x", "role": "member"}
            for i in range(members)])
        ids = session.scalars(select(User.id).order_by(User.id)).all()
        today = utcnow().date()
        session.execute(insert(Membership), [
            {"user_id": i, "category_id": category.id, "status": "active", "region": "london",
             "role": "practitioner", "joined_on": today - timedelta(days=5)} for i in ids])
        staff = User(email="staff@example.org", name="Staff", password_hash="x", role="staff")
        session.add(staff)
        session.flush()
        poll = builder.create_poll(session, actor=staff, title="Busy poll")
        question = builder.add_question(session, poll, actor=staff, text="Yes?", kind="yes_no")
        running.open_poll(session, poll, actor=staff)
        session.commit()
        return poll.id, list(ids), question.id, question.options[0].id


def _cast(engine, poll_id: int, user_id: int, answers: dict, start: threading.Barrier | None):
    with Session(engine) as session:
        poll = session.get(Poll, poll_id)
        user = session.get(User, user_id)
        _ = [q.options for q in poll.questions]
        if start is not None:
            start.wait()
        try:
            code = voting.cast_ballot(session, poll, user, answers)
            session.commit()
            return code
        except PollError:
            session.rollback()
            return None


def _count(engine, model, poll_id):
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)
                              .where(model.poll_id == poll_id))


def test_fifty_simultaneous_submissions_by_one_member_give_one_ballot(engine):
    poll_id, (user_id,), question_id, option_id = _arrange(engine, 1)
    start = threading.Barrier(WORKERS)
    with ThreadPoolExecutor(WORKERS) as pool:
        codes = list(pool.map(lambda _: _cast(engine, poll_id, user_id, {question_id: option_id},
                                              start if _ < WORKERS else None), range(50)))
    assert len([c for c in codes if c]) == 1
    assert _count(engine, Ballot, poll_id) == 1
    assert _count(engine, PollParticipation, poll_id) == 1


def test_a_thousand_members_voting_at_once_give_a_thousand_ballots(engine):
    poll_id, ids, question_id, option_id = _arrange(engine, 1000)
    with ThreadPoolExecutor(WORKERS) as pool:
        codes = list(pool.map(lambda u: _cast(engine, poll_id, u, {question_id: option_id}, None),
                              ids))
    assert all(codes) and len(set(codes)) == 1000
    assert _count(engine, Ballot, poll_id) == 1000
    assert _count(engine, PollParticipation, poll_id) == 1000
