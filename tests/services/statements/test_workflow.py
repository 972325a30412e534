"""The statement workflow: drafts stay private, approval by someone else, a complete record."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from models.audit import AuditEntry
from models.base import utcnow
from services.statements import reading, workflow
from services.statements.editing import StatementText, create_draft, edit_draft
from services.statements.errors import StatementError
from tests.factories import create_staff
from tests.factories.statements import create_statement


def _audit_actions(db_session, statement) -> list[str]:
    return list(db_session.scalars(select(AuditEntry.action).where(
        AuditEntry.target_type == "statements", AuditEntry.target_id == str(statement.id))
        .order_by(AuditEntry.id)))


def test_a_draft_is_not_public(db_session):
    draft = create_statement(state="draft", title="Secret plans")
    in_review = create_statement(state="approved", title="Nearly there")
    assert reading.public_statement(db_session, draft.slug) is None
    assert reading.public_statement(db_session, in_review.slug) is None
    listed = db_session.scalars(reading.public_statements()).all()
    assert draft not in listed and in_review not in listed


def test_the_author_cannot_approve_their_own_statement(db_session):
    author = create_staff()
    statement = create_statement(state="in_review", author=author)
    with pytest.raises(StatementError, match="another member of staff must approve"):
        workflow.approve(db_session, statement, approver=author)
    assert statement.approver_id is None


def test_an_unapproved_statement_cannot_be_published(db_session):
    statement = create_statement(state="in_review")
    with pytest.raises(StatementError, match="approved"):
        workflow.publish(db_session, statement, actor=create_staff())
    assert statement.state == "in_review"


def test_publishing_writes_an_audit_record_and_the_first_revision(db_session):
    statement = create_statement(state="approved")
    workflow.publish(db_session, statement, actor=create_staff())
    assert statement.state == "published"
    assert [r.kind for r in statement.revisions] == ["published"]
    assert statement.first_published_at == statement.last_revised_at
    assert "statement.published" in _audit_actions(db_session, statement)


def test_revising_adds_a_revision_with_the_change_note(db_session):
    statement = create_statement(body="We ask for 18 cases.")
    text = StatementText(title=statement.title, summary=statement.summary,
                         body="We ask for 15 cases.")
    workflow.revise(db_session, statement, text, actor=create_staff(),
                    change_note="Lower limit agreed.", now=utcnow() + timedelta(days=1))
    assert [(r.number, r.body) for r in statement.revisions] == [
        (1, "We ask for 18 cases."), (2, "We ask for 15 cases.")]
    assert statement.revisions[1].change_note == "Lower limit agreed."
    assert statement.last_revised_at > statement.first_published_at
    assert "statement.revised" in _audit_actions(db_session, statement)


def test_a_revision_needs_a_change_note_and_a_change(db_session):
    statement = create_statement()
    same = StatementText(title=statement.title, summary=statement.summary, body=statement.body)
    with pytest.raises(StatementError, match="what changed"):
        workflow.revise(db_session, statement, same, actor=create_staff(), change_note=" ")
    with pytest.raises(StatementError, match="Nothing in the text has changed"):
        workflow.revise(db_session, statement, same, actor=create_staff(), change_note="Typo.")
    assert len(statement.revisions) == 1


def test_superseding_links_both_ways_and_writes_an_audit_record_and_a_revision(db_session):
    old, new = create_statement(title="Old view"), create_statement(title="New view")
    workflow.supersede(db_session, old, by=new, actor=create_staff())
    assert old.state == "superseded"
    assert old.superseded_by is new and new.supersedes == [old]
    assert old.revisions[-1].kind == "superseded"
    assert "New view" in old.revisions[-1].change_note
    assert "statement.superseded" in _audit_actions(db_session, old)


def test_a_statement_is_superseded_only_by_another_published_one(db_session):
    old = create_statement()
    with pytest.raises(StatementError):
        workflow.supersede(db_session, old, by=old, actor=create_staff())
    with pytest.raises(StatementError, match="published statement"):
        workflow.supersede(db_session, old, by=create_statement(state="draft"),
                           actor=create_staff())
    assert old.state == "published"


def test_withdrawing_keeps_the_text_with_a_note_an_audit_record_and_a_revision(db_session):
    statement = create_statement(body="Our old view.")
    workflow.withdraw(db_session, statement, actor=create_staff(), note="Events overtook it.")
    assert statement.state == "withdrawn"
    assert statement.withdrawal_note == "Events overtook it."
    assert reading.public_statement(db_session, statement.slug).body == "Our old view."
    assert statement.revisions[-1].kind == "withdrawn"
    assert "statement.withdrawn" in _audit_actions(db_session, statement)


def test_withdrawing_needs_a_note(db_session):
    statement = create_statement()
    with pytest.raises(StatementError, match="why"):
        workflow.withdraw(db_session, statement, actor=create_staff(), note="")


def test_every_step_is_in_the_audit_log(db_session):
    author, approver = create_staff(), create_staff()
    statement = create_draft(db_session, StatementText(title="T", summary="S", body="B"),
                             author=author)
    workflow.submit_for_review(db_session, statement, actor=author)
    workflow.return_to_draft(db_session, statement, actor=approver, note="Needs sources.")
    edit_draft(db_session, statement, StatementText(title="T", summary="S", body="B2"),
               editor=author)
    workflow.submit_for_review(db_session, statement, actor=author)
    workflow.approve(db_session, statement, approver=approver)
    workflow.publish(db_session, statement, actor=approver)
    assert _audit_actions(db_session, statement) == [
        "statement.created", "statement.submitted", "statement.returned_to_draft",
        "statement.edited", "statement.submitted", "statement.approved", "statement.published"]


def test_returning_to_draft_clears_the_approval(db_session):
    statement = create_statement(state="approved")
    workflow.return_to_draft(db_session, statement, actor=create_staff())
    assert statement.state == "draft" and statement.approver_id is None


def test_a_published_statement_cannot_be_edited_as_a_draft(db_session):
    statement = create_statement()
    with pytest.raises(StatementError, match="Only a draft"):
        edit_draft(db_session, statement, StatementText(title="T", summary="S", body="B"),
                   editor=create_staff())


def test_scheduled_statements_are_published_when_due_and_not_before(db_session):
    statement = create_statement(state="approved")
    at = utcnow() + timedelta(hours=2)
    workflow.schedule(db_session, statement, actor=create_staff(), publish_at=at)
    assert workflow.publish_due(db_session, now=at - timedelta(minutes=1)) == []
    assert workflow.publish_due(db_session, now=at) == [statement]
    assert statement.state == "published" and statement.first_published_at == at
    assert statement.revisions[0].author is None  # published by the scheduler


def test_a_schedule_in_the_past_is_refused(db_session):
    statement = create_statement(state="approved")
    with pytest.raises(StatementError, match="future"):
        workflow.schedule(db_session, statement, actor=create_staff(),
                          publish_at=utcnow() - timedelta(minutes=1))


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": " "}, "title"),
    ({"title": "x" * 151}, "title"),
    ({"summary": ""}, "summary"),
    ({"body": "  "}, "body"),
    ({"topics": "x" * 41}, "topics"),
    ({"consultation_opens_at": utcnow()}, "consultation_closes_at"),
    ({"consultation_opens_at": utcnow(), "consultation_closes_at": utcnow() - timedelta(1)},
     "consultation_closes_at"),
])
def test_bad_text_is_refused_naming_the_field(db_session, changes, field):
    text = StatementText(title="Title", summary="Summary", body="Body")
    for name, value in changes.items():
        setattr(text, name, value)
    with pytest.raises(StatementError) as raised:
        create_draft(db_session, text, author=create_staff())
    assert raised.value.field == field


def test_slugs_are_unique_and_follow_the_title_until_publication(db_session):
    first = create_statement(title="Pay now", state="draft")
    second = create_statement(title="Pay now", state="draft")
    assert (first.slug, second.slug) == ("pay-now", "pay-now-2")
    edit_draft(db_session, first, StatementText(title="Fair pay", summary="S", body="B"),
               editor=create_staff())
    assert first.slug == "fair-pay"
