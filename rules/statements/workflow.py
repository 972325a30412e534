"""The life of a position statement: which action may move it from which state to which.

A statement is written as a draft, sent for review, approved by a member of
staff who is not its author, and published (at once or at a set time). Once
published it may be revised, and it ends superseded by a newer statement or
withdrawn; either way its text stays readable.
"""

from datetime import datetime
from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


class Action(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"
    PUBLISH = "publish"
    REVISE = "revise"
    SUPERSEDE = "supersede"
    WITHDRAW = "withdraw"


# (state, action) -> the state the action leads to.
TRANSITIONS: dict[tuple[State, Action], State] = {
    (State.DRAFT, Action.EDIT): State.DRAFT,
    (State.DRAFT, Action.SUBMIT): State.IN_REVIEW,
    (State.IN_REVIEW, Action.RETURN): State.DRAFT,
    (State.IN_REVIEW, Action.APPROVE): State.IN_REVIEW,
    (State.IN_REVIEW, Action.PUBLISH): State.PUBLISHED,
    (State.PUBLISHED, Action.REVISE): State.PUBLISHED,
    (State.PUBLISHED, Action.SUPERSEDE): State.SUPERSEDED,
    (State.PUBLISHED, Action.WITHDRAW): State.WITHDRAWN,
}

# States the public can read; the others are work in progress.
PUBLIC_STATES = frozenset({State.PUBLISHED, State.SUPERSEDED, State.WITHDRAWN})

_LABELS = {
    State.DRAFT: "Draft",
    State.IN_REVIEW: "In review",
    State.PUBLISHED: "Published",
    State.SUPERSEDED: "Superseded",
    State.WITHDRAWN: "Withdrawn",
}


def next_state(state: str, action: str) -> State | None:
    """Return the state `action` leads to from `state`, or None if it is not allowed."""
    try:
        return TRANSITIONS.get((State(state), Action(action)))
    except ValueError:
        return None


def allowed_actions(state: str) -> list[Action]:
    """Return the actions allowed in `state`, in workflow order."""
    return [action for action in Action if next_state(state, action) is not None]


def state_label(state: str) -> str:
    """Words for readers, e.g. "In review"."""
    try:
        return _LABELS[State(state)]
    except ValueError:
        return state


def is_public(state: str) -> bool:
    return state in PUBLIC_STATES


def may_approve(*, author_id: int | None, approver_id: int) -> bool:
    """Nobody approves their own statement; a statement whose author left may be approved."""
    return author_id is None or author_id != approver_id


def may_publish(*, state: str, approved: bool) -> bool:
    """Only an approved statement in review may be published."""
    return approved and next_state(state, Action.PUBLISH) is not None


def is_due(*, state: str, approved: bool, publish_at: datetime | None, now: datetime) -> bool:
    """An approved statement scheduled for `publish_at` is due once that time has come."""
    return publish_at is not None and publish_at <= now and may_publish(
        state=state, approved=approved)


def consultation_is_open(*, state: str, opens_at: datetime | None, closes_at: datetime | None,
                         now: datetime) -> bool:
    """Members may read and comment on an unpublished statement during its consultation."""
    if state not in (State.DRAFT, State.IN_REVIEW):
        return False
    if opens_at is None or closes_at is None:
        return False
    return opens_at <= now < closes_at


def may_endorse(state: str) -> bool:
    """Endorsements are for what the body says now: a published, current statement."""
    return state == State.PUBLISHED
