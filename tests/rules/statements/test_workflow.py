from datetime import UTC, datetime, timedelta

import pytest

from rules.statements.workflow import (
    allowed_actions,
    consultation_is_open,
    is_due,
    is_public,
    may_approve,
    may_endorse,
    may_publish,
    next_state,
)

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize(("state", "action", "expected"), [
    ("draft", "edit", "draft"),
    ("draft", "submit", "in_review"),
    ("draft", "publish", None),
    ("draft", "approve", None),
    ("in_review", "return", "draft"),
    ("in_review", "approve", "in_review"),
    ("in_review", "publish", "published"),
    ("in_review", "edit", None),
    ("published", "revise", "published"),
    ("published", "supersede", "superseded"),
    ("published", "withdraw", "withdrawn"),
    ("published", "edit", None),
    ("withdrawn", "revise", None),
    ("superseded", "withdraw", None),
    ("nonsense", "submit", None),
    ("draft", "nonsense", None),
])
def test_each_action_leads_from_one_state_to_the_next(state, action, expected):
    assert next_state(state, action) == expected


def test_a_finished_statement_allows_no_more_actions():
    assert allowed_actions("withdrawn") == []
    assert allowed_actions("superseded") == []


@pytest.mark.parametrize(("state", "public"), [
    ("draft", False), ("in_review", False), ("published", True), ("superseded", True),
    ("withdrawn", True)])
def test_only_published_superseded_and_withdrawn_statements_are_public(state, public):
    assert is_public(state) is public


@pytest.mark.parametrize(("author_id", "approver_id", "allowed"), [
    (1, 1, False), (1, 2, True), (None, 2, True)])
def test_nobody_approves_their_own_statement(author_id, approver_id, allowed):
    assert may_approve(author_id=author_id, approver_id=approver_id) is allowed


@pytest.mark.parametrize(("state", "approved", "allowed"), [
    ("in_review", True, True), ("in_review", False, False), ("draft", True, False),
    ("published", True, False)])
def test_only_an_approved_statement_in_review_may_be_published(state, approved, allowed):
    assert may_publish(state=state, approved=approved) is allowed


@pytest.mark.parametrize(("publish_at", "approved", "due"), [
    (NOW - HOUR, True, True), (NOW, True, True), (NOW + HOUR, True, False),
    (None, True, False), (NOW - HOUR, False, False)])
def test_a_scheduled_statement_is_due_once_its_time_has_come(publish_at, approved, due):
    assert is_due(state="in_review", approved=approved, publish_at=publish_at, now=NOW) is due


@pytest.mark.parametrize(("state", "opens", "closes", "open_"), [
    ("draft", NOW - HOUR, NOW + HOUR, True),
    ("in_review", NOW - HOUR, NOW + HOUR, True),
    ("draft", NOW + HOUR, NOW + 2 * HOUR, False),
    ("draft", NOW - 2 * HOUR, NOW, False),
    ("draft", None, None, False),
    ("published", NOW - HOUR, NOW + HOUR, False)])
def test_a_consultation_is_open_between_its_times_before_publication(state, opens, closes, open_):
    assert consultation_is_open(state=state, opens_at=opens, closes_at=closes, now=NOW) is open_


@pytest.mark.parametrize(("state", "allowed"), [
    ("published", True), ("withdrawn", False), ("superseded", False), ("draft", False)])
def test_only_a_current_published_statement_can_be_endorsed(state, allowed):
    assert may_endorse(state) is allowed
