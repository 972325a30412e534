"""A membership's state on a given day, worked out from its dated events alone.

The lifecycle is a pure function: replay the events in date order, letting
time pass between them, then let time pass up to today. Nothing is stored but
the events, so the state can never drift from its history.

Decisions, in the member's words:

* Joining makes a membership "pending"; the first payment makes it "active".
* A period ends on its (exclusive) ``period_end``. Unpaid, the member is in
  "grace" for ``GRACE_DAYS`` (30) days, still counted as a member, then
  "lapsed" from ``grace_ends`` = ``period_end`` + 30 days.
* A payment during active or grace extends membership from the *old period's
  end*, not from the payment date (``period_for_payment``): paying late does not
  buy extra days, and paying early loses none. After lapsing, cancelling or
  when pending, a payment starts a fresh period on the day it is made.
* Cancelling while paid up keeps the member "active" with
  ``cancel_at_period_end`` set until the period ends, then "cancelled"; they
  count as a member until then. Cancelling when nothing is paid ahead (pending,
  grace, an open-ended membership) takes effect at once. Withdrawing the
  cancellation, or rejoining, before the period ends clears the flag.
* A payment that extends the period also withdraws a pending cancellation: the
  member has renewed.
* Resigning is immediate. A payment after resigning is ignored (staff refund
  it) unless the member has rejoined first; after lapsing or cancelling a
  payment makes the member active again.
* Staff may set any status, with a reason. "active" with no period end (neither
  given nor still running) is open-ended, e.g. honorary membership.
* Events on the same day are applied in the order given (the sort is stable),
  so callers pass them in the order they were recorded. Events dated after
  ``today`` are ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from rules.membership.events import (
    CancellationWithdrawn,
    CancelRequested,
    Event,
    Joined,
    PaymentFailed,
    PaymentReceived,
    Rejoined,
    Resigned,
    StaffStatusChange,
    Status,
)
from rules.membership.periods import Period, PeriodRule, first_period, period_starting

GRACE_DAYS = 30

# Former members: joining or rejoining starts them afresh as pending.
FORMER = (Status.LAPSED, Status.CANCELLED, Status.RESIGNED)
# Statuses in which a payment is still expected.
PAYING = (Status.PENDING, Status.ACTIVE, Status.GRACE)


@dataclass(frozen=True)
class MembershipState:
    """Where a membership stands on one day.

    ``period_end`` is the first day no longer paid for (None before any payment,
    or for an open-ended membership). ``grace_ends`` is the first day of lapsing,
    set once an unpaid period has ended. ``time_transitions`` lists the status
    changes the passage of time made since the last event changed the status,
    as (status, date) pairs: the daily sweep records these.
    """

    status: Status
    status_since: date
    joined_on: date | None = None
    period_end: date | None = None
    grace_ends: date | None = None
    cancel_at_period_end: bool = False
    payment_failed_on: date | None = None
    staff_reason: str | None = None
    time_transitions: tuple[tuple[Status, date], ...] = ()

    @property
    def renewal_date(self) -> date | None:
        """The day the next payment is (or was) due; None if not renewing."""
        if self.status not in (Status.ACTIVE, Status.GRACE) or self.cancel_at_period_end:
            return None
        return self.period_end


def in_good_standing(state: MembershipState) -> bool:
    """Whether the member counts as a member (may vote, endorse): active or in grace."""
    return state.status in (Status.ACTIVE, Status.GRACE)


def membership_state(events: Sequence[Event], today: date) -> MembershipState:
    """Replay ``events`` in date order and let time pass up to ``today``.

    Raises:
        ValueError: if no event up to ``today`` starts a membership.
    """
    state: MembershipState | None = None
    for event in sorted(events, key=lambda e: e.on):
        if event.on > today:
            break
        if state is not None:
            state = _advance(state, event.on)
        state = _apply(state, event)
    if state is None:
        raise ValueError(f"no membership has started by {today.isoformat()}")
    return _advance(state, today)


def period_for_payment(rule: PeriodRule, state: MembershipState | None, paid_on: date) -> Period:
    """The period a payment made on ``paid_on`` buys.

    Follows on from the current period's end when the member is active or in
    grace on ``paid_on``; otherwise (no membership yet, pending, lapsed,
    cancelled, resigned, open-ended) the first period starting on ``paid_on``.
    """
    if state is not None:
        state = _advance(state, paid_on)
        if in_good_standing(state) and state.period_end is not None:
            return period_starting(state.period_end, rule)
    return first_period(rule, paid_on)


def _advance(state: MembershipState, day: date) -> MembershipState:
    """Let time pass up to and including ``day``."""
    end = state.period_end
    if state.status is Status.ACTIVE and end is not None and day >= end:
        if state.cancel_at_period_end:
            return _by_time(state, Status.CANCELLED, end, cancel_at_period_end=False)
        state = _by_time(state, Status.GRACE, end, grace_ends=end + timedelta(days=GRACE_DAYS))
    if state.status is Status.GRACE and state.grace_ends is not None and day >= state.grace_ends:
        state = _by_time(state, Status.LAPSED, state.grace_ends)
    return state


def _by_time(
    state: MembershipState, status: Status, since: date, **changes: Any
) -> MembershipState:
    """Change status because time passed, remembering it for the daily sweep."""
    made = (*state.time_transitions, (status, since))
    return replace(state, status=status, status_since=since, time_transitions=made, **changes)


def _become(state: MembershipState, status: Status, on: date, **changes: Any) -> MembershipState:
    """Change status because of an event, forgetting time-made transitions."""
    return replace(state, status=status, status_since=on, time_transitions=(), **changes)


def _fresh_start(on: date) -> MembershipState:
    return MembershipState(status=Status.PENDING, status_since=on, joined_on=on)


def _apply(state: MembershipState | None, event: Event) -> MembershipState | None:
    """Apply one event to the state as it stands on the event's day."""
    if state is None:
        return _start(event)
    match event:
        case Joined() | Rejoined() if state.status in FORMER:
            return _fresh_start(event.on)
        case Rejoined() | CancellationWithdrawn() if state.cancel_at_period_end:
            return replace(state, cancel_at_period_end=False)
        case PaymentReceived():
            return _pay(state, event)
        case PaymentFailed() if state.status in PAYING:
            return replace(state, payment_failed_on=event.on)
        case CancelRequested():
            return _cancel(state, event.on)
        case StaffStatusChange():
            return _staff_change(state, event)
        case Resigned() if state.status is not Status.RESIGNED:
            return _become(state, Status.RESIGNED, event.on, cancel_at_period_end=False)
    return state


def _start(event: Event) -> MembershipState | None:
    """The state made by the first event that starts a membership, if this one does."""
    match event:
        case Joined() | Rejoined():
            return _fresh_start(event.on)
        case PaymentReceived():
            # A payment recorded by staff with no sign-up before it.
            return _pay(_fresh_start(event.on), event)
        case StaffStatusChange():
            return _staff_change(_fresh_start(event.on), event)
    return None


def _pay(state: MembershipState, payment: PaymentReceived) -> MembershipState:
    if state.status is Status.RESIGNED:
        return state
    old_end = state.period_end
    paying = state.status in (Status.ACTIVE, Status.GRACE)
    if paying and old_end is not None and payment.period_end <= old_end:
        # A duplicate or older payment never shortens a membership.
        return replace(state, payment_failed_on=None)
    changes: dict[str, Any] = {
        "period_end": payment.period_end,
        "grace_ends": None,
        "cancel_at_period_end": False,
        "payment_failed_on": None,
    }
    if state.status is Status.ACTIVE:
        return replace(state, **changes)
    return _become(state, Status.ACTIVE, payment.on, **changes)


def _cancel(state: MembershipState, on: date) -> MembershipState:
    if state.status is Status.ACTIVE and state.period_end is not None:
        return replace(state, cancel_at_period_end=True)
    if state.status in PAYING:
        return _become(state, Status.CANCELLED, on, cancel_at_period_end=False)
    return state


def _staff_change(state: MembershipState, change: StaffStatusChange) -> MembershipState:
    on = change.on
    changes: dict[str, Any] = {"staff_reason": change.reason, "cancel_at_period_end": False}
    if change.to is Status.ACTIVE:
        end = state.period_end
        running = end if end is not None and end > on else None
        changes |= {"period_end": change.period_end or running, "grace_ends": None}
    elif change.to is Status.GRACE:
        end = change.period_end or on
        changes |= {"period_end": end, "grace_ends": end + timedelta(days=GRACE_DAYS)}
    return _become(state, change.to, on, **changes)
