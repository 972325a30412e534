"""A poll's state from its stored status and schedule, and when results may be shown.

A poll is a *draft* until opened (*scheduled* if it has an opening time), then
*open*, then *closed*. An open poll whose closing time has passed counts as
closed at once, even before the scheduled job records it, so no ballot is taken
late. Results are shown after close, or while open too when the poll has live
results.
"""

from __future__ import annotations

from datetime import datetime

DRAFT, SCHEDULED, OPEN, CLOSED = "draft", "scheduled", "open", "closed"


def poll_state(status: str, opens_at: datetime | None, closes_at: datetime | None,
               now: datetime) -> str:
    """Return draft, scheduled, open or closed."""
    if status == CLOSED:
        return CLOSED
    if status == OPEN:
        return CLOSED if closes_at is not None and now >= closes_at else OPEN
    return SCHEDULED if opens_at is not None else DRAFT


def due_action(status: str, opens_at: datetime | None, closes_at: datetime | None,
               now: datetime) -> str | None:
    """Return "open" or "close" when the schedule asks for it now, else None."""
    if status == OPEN and closes_at is not None and now >= closes_at:
        return "close"
    if status == DRAFT and opens_at is not None and now >= opens_at:
        return "open"
    return None


def results_visible(state: str, live_results: bool) -> bool:
    """Whether results may be shown: after close, or while open with live results."""
    return state == CLOSED or (state == OPEN and live_results)


def extension_problem(state: str, closes_at: datetime | None, new_close: datetime,
                      now: datetime) -> str | None:
    """Why a poll cannot be extended to close at ``new_close``, or None if it can."""
    if state == CLOSED:
        return "The poll has closed; it can no longer be extended."
    if new_close <= now:
        return "The new closing time must be in the future."
    if closes_at is not None and new_close <= closes_at:
        return "The new closing time must be later than the current one."
    return None
