"""What can happen to a membership: the dated events its lifecycle is replayed from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    """Where a membership stands on a given day."""

    PENDING = "pending"  # joined, not yet paid
    ACTIVE = "active"  # paid up (possibly cancelling at the period's end)
    GRACE = "grace"  # period ended unpaid; still a member for the grace days
    LAPSED = "lapsed"  # grace ran out without payment
    CANCELLED = "cancelled"  # cancelled by the member or staff
    RESIGNED = "resigned"  # left the body / closed the account, at once


@dataclass(frozen=True)
class Joined:
    """The member signed up (not yet paid)."""

    on: date


@dataclass(frozen=True)
class PaymentReceived:
    """A payment cleared, paying for membership up to ``period_end`` (exclusive).

    The caller works ``period_end`` out when the payment arrives, normally with
    ``rules.membership.lifecycle.period_for_payment``, and stores it with the
    payment so replaying never depends on today's category settings.
    """

    on: date
    period_end: date


@dataclass(frozen=True)
class PaymentFailed:
    """A payment attempt failed (a card declined, a direct debit bounced)."""

    on: date


@dataclass(frozen=True)
class CancelRequested:
    """The member (or staff for them) asked to cancel."""

    on: date


@dataclass(frozen=True)
class CancellationWithdrawn:
    """A requested cancellation was taken back before it took effect."""

    on: date


@dataclass(frozen=True)
class StaffStatusChange:
    """Staff set the status by hand, with a reason for the audit log.

    ``period_end`` is used when the new status is "active" or "grace"; an
    "active" status with no period end at all (neither here nor already in
    force) is open-ended, e.g. for honorary members.

    Raises:
        ValueError: if ``to`` is not a status or ``reason`` is blank.
    """

    on: date
    to: Status
    reason: str
    period_end: date | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "to", Status(self.to))
        except ValueError:
            names = ", ".join(status.value for status in Status)
            raise ValueError(f"a status is one of {names}, not {self.to!r}") from None
        if not self.reason.strip():
            raise ValueError("staff must give a reason for changing a member's status")


@dataclass(frozen=True)
class Resigned:
    """The member left the body or closed their account; takes effect at once."""

    on: date


@dataclass(frozen=True)
class Rejoined:
    """A former member came back (they still need to pay to become active)."""

    on: date


Event = (
    Joined
    | PaymentReceived
    | PaymentFailed
    | CancelRequested
    | CancellationWithdrawn
    | StaffStatusChange
    | Resigned
    | Rejoined
)
