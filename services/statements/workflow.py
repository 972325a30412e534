"""Moving a statement through review and publication, and recording what was said when.

Every action writes an audit entry; publishing, revising, superseding and
withdrawing each add a StatementRevision, so the public record is complete.
"""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import User
from models.base import utcnow
from models.statements import Statement, StatementRevision
from rules.statements.workflow import Action, State, is_due, may_approve, may_publish, next_state
from services import audit
from services.statements.editing import StatementText, set_topics
from services.statements.errors import StatementError

MAX_NOTE = 1000


def _move(statement: Statement, action: Action, refusal: str) -> None:
    new_state = next_state(statement.state, action)
    if new_state is None:
        raise StatementError(refusal)
    statement.state = new_state
    statement.updated_at = utcnow()


def _note(note: str, *, required: str | None = None) -> str:
    note = " ".join((note or "").split())
    if required and not note:
        raise StatementError(required, "note")
    if len(note) > MAX_NOTE:
        raise StatementError(f"Keep the note under {MAX_NOTE} characters.", "note")
    return note


def _add_revision(statement: Statement, *, kind: str, note: str, author: User | None,
                  at: datetime) -> StatementRevision:
    revision = StatementRevision(
        number=len(statement.revisions) + 1, kind=kind, title=statement.title,
        summary=statement.summary, body=statement.body, change_note=note, published_at=at,
        author=author)
    statement.revisions.append(revision)
    return revision


def submit_for_review(session: Session, statement: Statement, *, actor: User,
                      ip_address: str | None = None) -> None:
    """Send a draft to be approved by another member of staff."""
    _move(statement, Action.SUBMIT, "Only a draft can be sent for review.")
    session.flush()
    audit.record(session, actor=actor, action="statement.submitted", target=statement,
                 ip_address=ip_address)


def return_to_draft(session: Session, statement: Statement, *, actor: User, note: str = "",
                    ip_address: str | None = None) -> None:
    """Take a statement in review back to draft; any approval and schedule are cleared."""
    note = _note(note)
    _move(statement, Action.RETURN, "Only a statement in review can go back to draft.")
    statement.approver, statement.approved_at, statement.publish_at = None, None, None
    session.flush()
    audit.record(session, actor=actor, action="statement.returned_to_draft", target=statement,
                 ip_address=ip_address, note=note)


def approve(session: Session, statement: Statement, *, approver: User,
            ip_address: str | None = None) -> None:
    """Approve a statement in review; raises StatementError if the approver wrote it."""
    if statement.state != State.IN_REVIEW:
        raise StatementError("Only a statement in review can be approved.")
    if statement.is_approved:
        raise StatementError("This statement has already been approved.")
    if not may_approve(author_id=statement.author_id, approver_id=approver.id):
        raise StatementError("You wrote this statement, so another member of staff must "
                             "approve it.")
    _move(statement, Action.APPROVE, "Only a statement in review can be approved.")
    statement.approver, statement.approved_at = approver, utcnow()
    session.flush()
    audit.record(session, actor=approver, action="statement.approved", target=statement,
                 ip_address=ip_address)


def schedule(session: Session, statement: Statement, *, actor: User,
             publish_at: datetime | None,
             ip_address: str | None = None, now: datetime | None = None) -> None:
    """Set the time an approved statement is published (by `flask statements publish-due`)."""
    now = now or utcnow()
    if not may_publish(state=statement.state, approved=statement.is_approved):
        raise StatementError("Only an approved statement can be scheduled for publication.")
    if publish_at is None or publish_at <= now:
        raise StatementError("Choose a time in the future, or publish now.", "publish_at")
    statement.publish_at = publish_at
    session.flush()
    audit.record(session, actor=actor, action="statement.scheduled", target=statement,
                 ip_address=ip_address, publish_at=publish_at.isoformat())


def publish(session: Session, statement: Statement, *, actor: User | None,
            ip_address: str | None = None, now: datetime | None = None) -> StatementRevision:
    """Publish an approved statement now; its first revision records the text as published.

    `actor` is None when the scheduler publishes. Raises StatementError if not approved.
    """
    now = now or utcnow()
    if not may_publish(state=statement.state, approved=statement.is_approved):
        raise StatementError("Only a statement approved by another member of staff can be "
                             "published.")
    _move(statement, Action.PUBLISH, "Only an approved statement can be published.")
    statement.first_published_at = statement.last_revised_at = now
    statement.publish_at = None
    revision = _add_revision(statement, kind="published", note="First published.",
                             author=actor, at=now)
    session.flush()
    audit.record(session, actor=actor, action="statement.published", target=statement,
                 ip_address=ip_address, revision=revision.number, scheduled=actor is None)
    return revision


def publish_due(session: Session, now: datetime | None = None) -> list[Statement]:
    """Publish every approved statement whose scheduled time has come; return them."""
    now = now or utcnow()
    candidates = session.scalars(
        select(Statement).where(Statement.state == State.IN_REVIEW,
                                Statement.publish_at <= now).order_by(Statement.publish_at))
    published = []
    for statement in candidates.all():
        if is_due(state=statement.state, approved=statement.is_approved,
                  publish_at=statement.publish_at, now=now):
            publish(session, statement, actor=None, now=now)
            published.append(statement)
    return published


def revise(session: Session, statement: Statement, text: StatementText, *, actor: User,
           change_note: str, ip_address: str | None = None,
           now: datetime | None = None) -> StatementRevision:
    """Publish a change to a published statement as a new revision with a change note."""
    change_note = _note(change_note, required="Say what changed and why, for the public record.")
    if next_state(statement.state, Action.REVISE) is None:
        raise StatementError("Only a published statement can be revised.")
    text.checked()
    if (text.title, text.summary, text.body) == (statement.title, statement.summary,
                                                 statement.body):
        raise StatementError("Nothing in the text has changed.", "body")
    now = now or utcnow()
    statement.title, statement.summary, statement.body = text.title, text.summary, text.body
    set_topics(statement, text.topic_labels)
    statement.related_petition_id = text.related_petition_id
    statement.related_poll_id = text.related_poll_id
    statement.last_revised_at = statement.updated_at = now
    revision = _add_revision(statement, kind="revised", note=change_note, author=actor, at=now)
    session.flush()
    audit.record(session, actor=actor, action="statement.revised", target=statement,
                 ip_address=ip_address, revision=revision.number, note=change_note)
    return revision


def supersede(session: Session, statement: Statement, *, by: Statement, actor: User,
              note: str = "", ip_address: str | None = None,
              now: datetime | None = None) -> StatementRevision:
    """Mark a published statement as replaced by a newer published one, linked both ways."""
    note = _note(note)
    if by.id == statement.id:
        raise StatementError("A statement cannot supersede itself.", "replacement")
    if by.state != State.PUBLISHED:
        raise StatementError("Choose a published statement to replace this one.", "replacement")
    _move(statement, Action.SUPERSEDE, "Only a published statement can be superseded.")
    now = now or utcnow()
    statement.superseded_by = by
    statement.last_revised_at = now
    revision = _add_revision(statement, kind="superseded", author=actor, at=now,
                             note=note or f"Superseded by “{by.title}”.")
    session.flush()
    audit.record(session, actor=actor, action="statement.superseded", target=statement,
                 ip_address=ip_address, revision=revision.number, superseded_by=by.id)
    return revision


def withdraw(session: Session, statement: Statement, *, actor: User, note: str,
             ip_address: str | None = None, now: datetime | None = None) -> StatementRevision:
    """Withdraw a published statement with a public note; its text stays readable."""
    note = _note(note, required="Say why the statement is withdrawn; the note is public.")
    _move(statement, Action.WITHDRAW, "Only a published statement can be withdrawn.")
    now = now or utcnow()
    statement.withdrawn_at = statement.last_revised_at = now
    statement.withdrawal_note = note
    revision = _add_revision(statement, kind="withdrawn", note=note, author=actor, at=now)
    session.flush()
    audit.record(session, actor=actor, action="statement.withdrawn", target=statement,
                 ip_address=ip_address, revision=revision.number, note=note)
    return revision
