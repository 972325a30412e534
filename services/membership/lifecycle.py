"""A membership's lifecycle: record dated events, replay them with the pure rules, cache the state.

Only the events named in ``LIFECYCLE_KINDS`` change the state; every other kind
(category changes, reminders, details edited) is history for people to read.
"""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import User
from models.base import utcnow
from models.membership import Membership, MembershipEvent
from rules.membership import events as ev
from rules.membership.lifecycle import GRACE_DAYS, MembershipState, membership_state
from rules.membership.numbers import format_member_number
from services.membership.standing import today as utc_today

LIFECYCLE_KINDS = (
    "joined", "payment", "payment_failed", "cancel_requested", "cancellation_withdrawn",
    "staff_status", "resigned", "rejoined",
)

# What each kind of event is called in a member's history.
EVENT_LABELS = {
    "joined": "Joined",
    "payment": "Payment received",
    "payment_failed": "Payment failed",
    "cancel_requested": "Asked to cancel",
    "cancellation_withdrawn": "Cancellation withdrawn",
    "staff_status": "Status changed by staff",
    "resigned": "Left",
    "rejoined": "Rejoined",
    "status": "Status moved on",
    "reminder": "Reminder sent",
    "category_change_requested": "Category change requested",
    "category_changed": "Category changed",
    "approved": "Category approved by staff",
    "imported": "Imported",
    "account_closed": "Account closed",
    "subscription_ended": "Card payments stopped: a payment failed",
}


def _to_rule_event(row: MembershipEvent) -> ev.Event | None:
    d = row.detail or {}
    match row.kind:
        case "joined":
            return ev.Joined(row.on)
        case "payment":
            return ev.PaymentReceived(row.on, date.fromisoformat(d["period_end"]))
        case "payment_failed":
            return ev.PaymentFailed(row.on)
        case "cancel_requested":
            return ev.CancelRequested(row.on)
        case "cancellation_withdrawn":
            return ev.CancellationWithdrawn(row.on)
        case "staff_status":
            end = date.fromisoformat(d["period_end"]) if d.get("period_end") else None
            return ev.StaffStatusChange(row.on, ev.Status(d["to"]), d.get("reason") or "-", end)
        case "resigned":
            return ev.Resigned(row.on)
        case "rejoined":
            return ev.Rejoined(row.on)
    return None


def _moment(row: MembershipEvent) -> float:
    """When an event happened within its day: Stripe's own timestamp if it came from Stripe
    (so webhooks arriving out of order replay in the order they happened), else when recorded."""
    at = (row.detail or {}).get("at")
    return float(at) if at is not None else row.created_at.timestamp()


def history(session: Session, membership: Membership) -> list[MembershipEvent]:
    """The membership's events, oldest first: by date, then by when they happened."""
    rows = session.scalars(
        select(MembershipEvent).where(MembershipEvent.membership_id == membership.id)
        .order_by(MembershipEvent.on, MembershipEvent.id))
    return sorted(rows, key=lambda row: (row.on, _moment(row), row.id))


def state_of(session: Session, membership: Membership, on: date | None = None) -> MembershipState:
    """The membership's state on ``on`` (default today), replayed from its events."""
    rule_events = [e for row in history(session, membership)
                   if (e := _to_rule_event(row)) is not None]
    return membership_state(rule_events, on or utc_today())


def refresh(session: Session, membership: Membership, on: date | None = None) -> MembershipState:
    """Replay the events and copy the state onto the membership's cached columns."""
    state = state_of(session, membership, on)
    membership.status = state.status.value
    membership.status_since = state.status_since
    membership.period_end = state.period_end
    membership.grace_ends = state.grace_ends
    membership.cancel_at_period_end = state.cancel_at_period_end
    membership.standing_ends = _standing_ends(state)
    session.flush()
    return state


def _standing_ends(state: MembershipState) -> date | None:
    if state.status is ev.Status.GRACE:
        return state.grace_ends
    if state.status is ev.Status.ACTIVE and state.period_end is not None:
        if state.cancel_at_period_end:
            return state.period_end
        return state.period_end + timedelta(days=GRACE_DAYS)
    return None


def record(
    session: Session,
    membership: Membership,
    kind: str,
    *,
    on: date | None = None,
    actor: User | None = None,
    **detail,
) -> MembershipEvent:
    """Add an event to the membership's history and, for lifecycle kinds, refresh its state.

    ``detail`` must be JSON-serialisable (dates as ISO strings).
    """
    row = MembershipEvent(membership_id=membership.id, kind=kind, on=on or utc_today(),
                          detail=detail, actor_id=actor.id if actor is not None else None,
                          created_at=utcnow())
    session.add(row)
    session.flush()
    if kind in LIFECYCLE_KINDS:
        refresh(session, membership)
    return row


def assign_member_number(session: Session, membership: Membership) -> str:
    """Give the membership its member number (from its id, with a check digit) if it has none."""
    if membership.id is None:
        session.flush()
    if not membership.member_number:
        membership.member_number = format_member_number(membership.id)
        session.flush()
    return membership.member_number
