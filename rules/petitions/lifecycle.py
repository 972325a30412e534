"""A petition's life: its states, the moves staff may make, and the dates that follow.

The stored state is what staff last decided; the state shown is worked out
from it and the clock, so no job has to run on the dot for a petition to
close:

- "draft": the creator is still writing it;
- "pending": awaiting moderation -- and also an approved petition whose
  ``opens_at`` is still to come. We keep to six states: until it opens, an
  approved petition is no more visible or signable than one awaiting
  moderation. Staff tell the two apart by ``opens_at`` being set;
- "open": approved, from ``opens_at`` up to (not including) ``closes_at``;
- "closed": stored so, or stored "open" with ``closes_at`` reached;
- "rejected": moderation refused it; it stays readable with the reason;
- "hidden": taken down (offensive, legal); readable by staff only.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from rules.petitions.months import add_calendar_months

__all__ = [
    "ANONYMISE_AFTER_MONTHS",
    "CONFIRMATION_GRACE",
    "OPEN_FOR_MONTHS",
    "TRANSITIONS",
    "PetitionState",
    "anonymise_due",
    "anonymise_on",
    "can_transition",
    "confirmation_accepted",
    "default_closes_at",
    "petition_state",
]

OPEN_FOR_MONTHS = 6
ANONYMISE_AFTER_MONTHS = 6
# A signature made just before closing may have its email delayed or read the
# next morning; a day is long enough for that and short enough for the final
# count to be announced soon after closing.
CONFIRMATION_GRACE = timedelta(hours=24)


class PetitionState(StrEnum):
    """The six states a petition can be in; values are what the database stores."""

    DRAFT = "draft"
    PENDING = "pending"
    OPEN = "open"
    CLOSED = "closed"
    REJECTED = "rejected"
    HIDDEN = "hidden"


_S = PetitionState

# Stored state -> stored states staff (or the closing job) may move it to.
# Hiding is possible from anywhere a petition has been public or reviewed;
# un-hiding goes back to "pending", "open", "closed" or "rejected" -- the service
# restores the state the petition had before it was hidden. A stored "open"
# petition past its closing time reads as closed, so restoring it to "open" is
# safe; a proposal hidden before moderation goes back to "pending", never
# straight to "open", so restoring it cannot skip moderation.
TRANSITIONS: dict[PetitionState, frozenset[PetitionState]] = {
    _S.DRAFT: frozenset({_S.PENDING}),
    _S.PENDING: frozenset({_S.OPEN, _S.REJECTED, _S.HIDDEN}),
    _S.OPEN: frozenset({_S.CLOSED, _S.HIDDEN}),
    _S.CLOSED: frozenset({_S.HIDDEN}),
    _S.REJECTED: frozenset({_S.HIDDEN}),
    _S.HIDDEN: frozenset({_S.PENDING, _S.OPEN, _S.CLOSED, _S.REJECTED}),
}


def _require_aware(**moments: datetime | None) -> None:
    for name, moment in moments.items():
        if moment is not None and moment.utcoffset() is None:
            raise ValueError(f"{name} must be a timezone-aware datetime")


def petition_state(
    stored_state: str,
    opens_at: datetime | None,
    closes_at: datetime | None,
    now: datetime,
) -> PetitionState:
    """Return the state a petition is in at ``now``.

    Args: the stored state, when it opens and closes (``None`` if not yet
    set), and the current time; all times timezone-aware.
    Raises ``ValueError`` for an unknown stored state or a naive datetime.
    """
    _require_aware(opens_at=opens_at, closes_at=closes_at, now=now)
    state = PetitionState(stored_state)
    if state is not PetitionState.OPEN:
        return state
    if opens_at is not None and now < opens_at:
        return PetitionState.PENDING
    if closes_at is not None and now >= closes_at:
        return PetitionState.CLOSED
    return PetitionState.OPEN


def can_transition(from_state: str, to_state: str) -> bool:
    """Say whether a petition stored in ``from_state`` may be moved to ``to_state``.

    Raises ``ValueError`` if either is not one of the six states.
    """
    return PetitionState(to_state) in TRANSITIONS[PetitionState(from_state)]


def default_closes_at(opens_at: datetime) -> datetime:
    """Return when a petition opening at ``opens_at`` closes unless staff choose otherwise.

    That is six calendar months later, at the same time of day; a day the
    closing month lacks becomes its last day (31 August -> 28/29 February).
    """
    _require_aware(opens_at=opens_at)
    return add_calendar_months(opens_at, OPEN_FOR_MONTHS)


def confirmation_accepted(closes_at: datetime, sent_at: datetime, now: datetime) -> bool:
    """Say whether a signature's confirmation, clicked at ``now``, still counts.

    ``sent_at`` is when the signature was made (and its email sent). It counts
    if made before ``closes_at`` and confirmed before ``closes_at`` plus
    ``CONFIRMATION_GRACE``; at exactly the end of the grace it no longer does.
    Raises ``ValueError`` for a naive datetime.
    """
    _require_aware(closes_at=closes_at, sent_at=sent_at, now=now)
    return sent_at < closes_at and now < closes_at + CONFIRMATION_GRACE


def anonymise_on(closed_at: datetime) -> datetime:
    """Return when the signers of a petition closed at ``closed_at`` are to be anonymised."""
    _require_aware(closed_at=closed_at)
    return add_calendar_months(closed_at, ANONYMISE_AFTER_MONTHS)


def anonymise_due(closed_at: datetime | None, now: datetime, exempt: bool) -> bool:
    """Say whether a petition's signers' personal data should be anonymised at ``now``.

    Due from six calendar months after closing, unless staff marked the
    petition ``exempt`` (for example while a complaint about it is open) or it
    has not closed (``closed_at`` is ``None``). Raises ``ValueError`` for a
    naive datetime.
    """
    _require_aware(closed_at=closed_at, now=now)
    if exempt or closed_at is None:
        return False
    return now >= anonymise_on(closed_at)
