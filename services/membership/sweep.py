"""The daily sweep: move memberships on with the calendar and send renewal and grace reminders."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.membership import Membership, SweepRecord
from rules.membership.events import Status
from rules.membership.sweep import RENEWAL_REMINDER_DAYS, sweep_actions
from services.links import external_url
from services.membership import lifecycle
from services.membership.standing import today as utc_today
from services.outbox import queue_mail

BATCH = 500
# Only these statuses can change with the passage of time or get reminders.
_MOVING = (Status.ACTIVE.value, Status.GRACE.value)


@dataclass
class SweepReport:
    """What one sweep did."""

    examined: int = 0
    transitions: dict[str, int] = field(default_factory=dict)
    reminders: dict[str, int] = field(default_factory=dict)
    last_id: int | None = None


def sweep_batch(session: Session, *, on: date | None = None, after_id: int = 0,
                limit: int = BATCH, report: SweepReport | None = None) -> SweepReport:
    """Sweep up to ``limit`` memberships with ids after ``after_id``; flushes, never commits.

    Each action is marked with a ``SweepRecord`` keyed by the pure rules, so running
    the sweep again (the same day or after missed days) never repeats a reminder or
    a recorded transition. ``report.last_id`` is None when there is nothing after.
    """
    on = on or utc_today()
    report = report or SweepReport()
    memberships = list(session.scalars(
        select(Membership).where(Membership.id > after_id, Membership.status.in_(_MOVING))
        .order_by(Membership.id).limit(limit)))
    # What earlier sweeps did, for the whole batch in one query.
    done_by: dict[int, set[str]] = defaultdict(set)
    for membership_id, key in session.execute(
            select(SweepRecord.membership_id, SweepRecord.key)
            .where(SweepRecord.membership_id.in_([m.id for m in memberships]))):
        done_by[membership_id].add(key)
    for membership in memberships:
        report.examined += 1
        state = lifecycle.refresh(session, membership, on)
        done = done_by[membership.id]
        days = () if membership.billing == "monthly" else RENEWAL_REMINDER_DAYS
        for action in sweep_actions(state, on, done=done, reminder_days=days):
            if not _mark(session, membership, action.key):
                continue
            if action.kind == "record_transition":
                lifecycle.record(session, membership, "status", on=action.on, to=action.name)
                report.transitions[action.name] = report.transitions.get(action.name, 0) + 1
            else:
                _remind(session, membership, action.name, action.on, state.grace_ends, on)
                report.reminders[action.name] = report.reminders.get(action.name, 0) + 1
    report.last_id = memberships[-1].id if len(memberships) == limit else None
    return report


def _mark(session: Session, membership: Membership, key: str) -> bool:
    """Mark an action done; False if another sweep already did it (the unique key holds)."""
    try:
        with session.begin_nested():
            session.add(SweepRecord(membership_id=membership.id, key=key))
    except IntegrityError:
        return False
    return True


def _remind(session: Session, membership: Membership, kind: str, renewal: date,
            grace_ends: date | None, on: date) -> None:
    user = membership.user
    if user.closed_at is not None:
        return
    subject = ("Your membership payment is overdue" if kind == "grace-start"
               else "Your membership renews soon")
    queue_mail(session, to=user.email, subject=subject, template="membership_reminder",
               name=user.name, kind=kind, member_number=membership.member_number,
               renewal=renewal, grace_ends=grace_ends, days=(renewal - on).days,
               account_url=external_url("accounts.settings"))
    lifecycle.record(session, membership, "reminder", on=on, reminder=kind,
                     renewal=renewal.isoformat())
