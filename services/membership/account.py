"""What members do with their own membership: change category, cancel, rejoin, export, close."""

import secrets
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import User
from models.base import utcnow
from models.membership import Membership, MembershipEvent, Payment
from rules.membership.events import Status
from rules.membership.lifecycle import FORMER, PAYING
from services import passwords
from services.membership import MembershipError, lifecycle
from services.membership.categories import by_code
from services.membership.joining import membership_of

# Former members (lapsed, cancelled, resigned) choose a category again when they rejoin.
CATEGORY_CHANGEABLE = frozenset(PAYING)


def request_category_change(session: Session, membership: Membership, code: str) -> None:
    """Ask to move to another category from the next renewal (at once if not yet paid).

    Raises MembershipError if the category is not open to new members, or the membership
    has ended (a former member rejoins instead).
    """
    if membership.status not in CATEGORY_CHANGEABLE:
        raise MembershipError("Your membership has ended: rejoin, choosing your category on "
                              "the form.", field="category")
    category = by_code(session, code)
    if category is None or not category.open_to_new_members:
        raise MembershipError("Choose one of the categories open to members.", field="category")
    if category.id == membership.category_id:
        membership.pending_category_id = None
        session.flush()
        return
    if membership.status == Status.PENDING:
        lifecycle.record(session, membership, "category_changed", old=membership.category.code,
                         new=category.code)
        membership.category_id, membership.category = category.id, category
        membership.approved_at = None
    else:
        membership.pending_category_id = category.id
        lifecycle.record(session, membership, "category_change_requested", new=category.code)
    session.flush()


def cancel(session: Session, membership: Membership) -> None:
    """Cancel: paid-up members stay members until the period ends, others stop at once.

    Raises MembershipError if there is nothing to cancel.
    """
    if membership.status not in PAYING or (
            membership.cancel_at_period_end):
        raise MembershipError("There is no membership to cancel.")
    lifecycle.record(session, membership, "cancel_requested")


def rejoin(session: Session, membership: Membership) -> None:
    """Take back a cancellation before it takes effect, or come back after leaving.

    A former member is pending again until they pay. Raises MembershipError if the
    membership is neither cancelling nor ended.
    """
    if membership.cancel_at_period_end:
        lifecycle.record(session, membership, "cancellation_withdrawn")
    elif membership.status in FORMER:
        lifecycle.record(session, membership, "rejoined")
    else:
        raise MembershipError("Your membership is already running.")


def _iso(value):
    return value.isoformat() if isinstance(value, date) else value


def export_my_data(session: Session, user: User) -> dict:
    """Everything we hold about the user's account and membership, as JSON-ready data."""
    data: dict = {
        "account": {"name": user.name, "email": user.email, "role": user.role,
                    "created_at": user.created_at.isoformat()},
        "membership": None, "history": [], "payments": [],
    }
    membership = membership_of(session, user)
    if membership is None:
        return data
    columns = ("member_number", "status", "status_since", "period_end", "grace_ends",
               "cancel_at_period_end", "billing", "payment_method", "regulator",
               "registration_number", "nation", "region", "sector", "role",
               "consent_to_contact", "joined_on")
    data["membership"] = {name: _iso(getattr(membership, name)) for name in columns}
    data["membership"]["category"] = membership.category.name
    data["history"] = [{"kind": e.kind, "on": e.on.isoformat(), "detail": e.detail}
                       for e in lifecycle.history(session, membership)]
    data["payments"] = [
        {"amount_pence": p.amount_pence, "currency": p.currency, "method": p.method,
         "reference": p.provider_reference, "paid_on": p.paid_on.isoformat(),
         "period_start": p.period_start.isoformat(), "period_end": p.period_end.isoformat()}
        for p in session.scalars(select(Payment).where(Payment.membership_id == membership.id))]
    return data


def close_account(session: Session, user: User) -> None:
    """Close the account: the membership ends at once and personal data is anonymised.

    Payments stay (with the member number) because the accounts must keep them;
    the history keeps dates and kinds but loses free-text details. The person is
    signed out everywhere and can no longer sign in.
    """
    membership = membership_of(session, user)
    if membership is not None:
        if membership.status != Status.RESIGNED:
            lifecycle.record(session, membership, "resigned")
        lifecycle.record(session, membership, "account_closed")
        for name in ("regulator", "registration_number", "region", "nation", "sector", "role",
                     "pending_category_id"):
            setattr(membership, name, None)
        membership.consent_to_contact = False
        for event in session.scalars(select(MembershipEvent)
                                     .where(MembershipEvent.membership_id == membership.id)):
            if event.kind in ("staff_status", "imported"):
                event.detail = {k: v for k, v in event.detail.items() if k == "to"}
    user.name = "Closed account"
    user.email = f"closed-{user.id}@closed.invalid"
    user.password_hash = passwords.hash_password(secrets.token_urlsafe(32))
    user.totp_secret = None
    user.closed_at = utcnow()
    user.session_version += 1
    session.flush()

