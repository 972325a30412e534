"""Members and statements: reading drafts in consultation, commenting, and endorsing."""

from datetime import datetime

from sqlalchemy import delete, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.accounts import Role, User
from models.base import utcnow
from models.statements import ConsultationComment, Endorsement, Statement
from rules.statements.workflow import State, consultation_is_open, may_endorse
from services.membership.standing import in_good_standing
from services.statements.errors import StatementError

MAX_COMMENT = 5000


def may_take_part(session: Session, user) -> bool:
    """Whether `user` may comment on consultations and endorse statements.

    Members in good standing (active or in grace) may; so may staff, who see drafts anyway.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.role in (Role.STAFF, Role.ADMIN):
        return True
    return in_good_standing(session, user)


def in_consultation(statement: Statement, now: datetime | None = None) -> bool:
    return consultation_is_open(state=statement.state, opens_at=statement.consultation_opens_at,
                                closes_at=statement.consultation_closes_at,
                                now=now or utcnow())


def open_consultations(now: datetime | None = None):
    """A select() of the drafts whose consultation is open now, closing soonest first."""
    now = now or utcnow()
    return (select(Statement)
            .where(Statement.state.in_([State.DRAFT, State.IN_REVIEW]),
                   Statement.consultation_opens_at <= now, Statement.consultation_closes_at > now)
            .order_by(Statement.consultation_closes_at))


def add_comment(session: Session, statement: Statement, *, member: User, body: str,
                now: datetime | None = None) -> ConsultationComment:
    """Leave a comment, seen only by staff, on a draft whose consultation is open."""
    if not may_take_part(session, member):
        raise StatementError("Only members in good standing can comment on a consultation.")
    if not in_consultation(statement, now):
        raise StatementError("This consultation is not open for comments.")
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise StatementError("Write your comment.", "body")
    if len(body) > MAX_COMMENT:
        raise StatementError(f"Keep your comment under {MAX_COMMENT:,} characters.", "body")
    comment = ConsultationComment(statement_id=statement.id, member_id=member.id, body=body,
                                  created_at=now or utcnow())
    session.add(comment)
    session.flush()
    return comment


def comments_query(statement: Statement):
    """A select() of a statement's consultation comments, oldest first."""
    return (select(ConsultationComment).where(ConsultationComment.statement_id == statement.id)
            .order_by(ConsultationComment.id))


def endorse(session: Session, statement: Statement, *, user: User) -> bool:
    """Add `user`'s endorsement; return False if they had already endorsed it."""
    if not may_take_part(session, user):
        raise StatementError("Only members in good standing can endorse a statement.")
    if not may_endorse(statement.state):
        raise StatementError("Only a current, published statement can be endorsed.")
    if has_endorsed(session, statement, user):
        return False
    try:
        with session.begin_nested():
            session.add(Endorsement(statement_id=statement.id, user_id=user.id))
    except IntegrityError:  # the same member, twice at once: the constraint keeps one
        return False
    return True


def withdraw_endorsement(session: Session, statement: Statement, *, user: User) -> bool:
    """Remove `user`'s endorsement; return whether there was one."""
    result = session.execute(delete(Endorsement).where(
        Endorsement.statement_id == statement.id, Endorsement.user_id == user.id))
    return bool(result.rowcount)


def has_endorsed(session: Session, statement: Statement, user) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(session.scalar(select(exists().where(
        Endorsement.statement_id == statement.id, Endorsement.user_id == user.id))))


def endorsement_count(session: Session, statement: Statement) -> int:
    return session.scalar(select(func.count()).select_from(Endorsement).where(
        Endorsement.statement_id == statement.id)) or 0
