"""The daily membership sweep: which status changes to record and which reminders to send.

Every action has a stable key built only from dates in the membership's state
(e.g. "renewal-30:2027-09-30"). The sweep records the keys it has acted on and
passes them back as ``done``, so a reminder is never sent twice and a
transition never recorded twice, however often the sweep runs.

The sweep catches up if it missed days: a reminder is due from its day until
the next one is due (the 30-day reminder on day 30 or, if the sweep did not
run then, on any later day until day 8; the 7-day reminder from day 7 until
renewal), and a transition is offered until recorded. A member who is
cancelling gets no renewal reminders.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from rules.membership.events import Status
from rules.membership.lifecycle import MembershipState

RENEWAL_REMINDER_DAYS = (30, 7)


@dataclass(frozen=True)
class SweepAction:
    """One thing the sweep should do.

    ``kind`` is "record_transition" (``name`` is the new status, ``on`` the day it
    took effect) or "send_reminder" (``name`` is "renewal-30", "renewal-7" or
    "grace-start", ``on`` the renewal date it is about).
    """

    kind: Literal["record_transition", "send_reminder"]
    name: str
    on: date

    @property
    def key(self) -> str:
        """The stable key that marks this action as done."""
        prefix = "status-" if self.kind == "record_transition" else ""
        return f"{prefix}{self.name}:{self.on.isoformat()}"


def sweep_actions(
    state: MembershipState,
    today: date,
    *,
    done: Collection[str] = (),
    reminder_days: Sequence[int] = RENEWAL_REMINDER_DAYS,
) -> list[SweepAction]:
    """What the sweep should do today for one membership, skipping keys in ``done``.

    ``state`` must be the state on ``today`` (from ``membership_state``).
    ``reminder_days`` are the days before renewal to remind on; monthly payers
    whose instalments are collected automatically may pass ``()``.

    Raises:
        ValueError: if a reminder day is not a positive number of days.
    """
    if any(days < 1 for days in reminder_days):
        raise ValueError(f"reminders are sent 1 day or more before renewal, not {reminder_days}")
    actions = [
        SweepAction("record_transition", status.value, since)
        for status, since in state.time_transitions
    ]
    renewal = state.renewal_date
    if state.status is Status.ACTIVE and renewal is not None:
        days_left = (renewal - today).days
        due = [days for days in reminder_days if days_left <= days]
        if due:
            actions.append(SweepAction("send_reminder", f"renewal-{min(due)}", renewal))
    if state.status is Status.GRACE and renewal is not None:
        actions.append(SweepAction("send_reminder", "grace-start", renewal))
    return [action for action in actions if action.key not in done]
