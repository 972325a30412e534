"""Statement factories: a statement in any state, made through the real workflow."""

import itertools
from datetime import timedelta

from extensions import db
from models.base import utcnow
from models.statements import Statement
from services.statements import workflow
from services.statements.editing import StatementText, create_draft
from tests.factories.accounts import create_staff

_counter = itertools.count(1)


def create_statement(*, title: str | None = None, summary: str = "We ask for safe caseloads.",
                     body: str = "Social workers need **safe** caseloads.", topics: str = "",
                     state: str = "published", author=None, approver=None,
                     consultation: bool = False) -> Statement:
    """A statement taken through the workflow up to `state` (draft, in_review, approved,
    published, withdrawn)."""
    n = next(_counter)
    author = author or create_staff()
    now = utcnow()
    text = StatementText(title=title or f"Statement number {n}", summary=summary, body=body,
                         topics=topics)
    if consultation:
        text.consultation_opens_at = now - timedelta(days=1)
        text.consultation_closes_at = now + timedelta(days=7)
    statement = create_draft(db.session, text, author=author)
    if state != "draft":
        workflow.submit_for_review(db.session, statement, actor=author)
    if state in ("approved", "published", "withdrawn"):
        workflow.approve(db.session, statement, approver=approver or create_staff())
    if state in ("published", "withdrawn"):
        workflow.publish(db.session, statement, actor=author)
    if state == "withdrawn":
        workflow.withdraw(db.session, statement, actor=author, note="No longer our view.")
    db.session.commit()
    return statement
