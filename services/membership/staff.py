"""Staff work on members: find them, change a status with a reason, approve a category."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, or_, select

from models.accounts import User
from models.base import utcnow
from models.membership import Membership, MembershipCategory
from rules.membership.events import StaffStatusChange, Status
from services import audit
from services.membership import MembershipError, lifecycle
from services.membership.standing import today as utc_today


@dataclass(frozen=True)
class MemberFilters:
    """What staff narrowed the members list to; empty strings mean "any"."""

    q: str = ""
    status: str = ""
    category: str = ""
    region: str = ""
    sector: str = ""


def members_query(filters: MemberFilters, *, before_id: int | None = None) -> Select:
    """Memberships with their users, newest first, filtered; page by key with ``before_id``."""
    query = (select(Membership, User).join(User, User.id == Membership.user_id)
             .order_by(Membership.id.desc()))
    if filters.q.strip():
        term = filters.q.strip().lower()
        like = f"%{term}%"
        query = query.where(or_(User.email.ilike(like), User.name.ilike(like),
                                Membership.member_number == term.upper(),
                                Membership.registration_number == term.upper()))
    if filters.status:
        query = query.where(Membership.status == filters.status)
    if filters.category:
        query = query.join(MembershipCategory, MembershipCategory.id == Membership.category_id)
        query = query.where(MembershipCategory.code == filters.category)
    if filters.region:
        query = query.where(Membership.region == filters.region)
    if filters.sector:
        query = query.where(Membership.sector == filters.sector)
    if before_id is not None:
        query = query.where(Membership.id < before_id)
    return query


def change_status(session, membership: Membership, *, actor: User, to: str, reason: str,
                  period_end: date | None = None, ip_address: str | None = None) -> None:
    """Set a member's status by hand with a reason; recorded in history and the audit log.

    Raises MembershipError if the status is unknown, the reason is blank, or a
    period end for an active or grace membership is not after today.
    """
    try:
        change = StaffStatusChange(utc_today(), to, reason, period_end)
    except ValueError as error:
        raise MembershipError(str(error).capitalize() + ".",
                              field="reason" if "reason" in str(error) else "status") from None
    if period_end is not None and change.to is Status.ACTIVE and period_end <= utc_today():
        raise MembershipError("An active membership must run beyond today.", field="period_end")
    before = membership.status
    lifecycle.record(session, membership, "staff_status", actor=actor, to=change.to.value,
                     reason=reason.strip(),
                     period_end=period_end.isoformat() if period_end else None)
    audit.record(session, actor=actor, action="membership.status_changed", target=membership,
                 ip_address=ip_address, before=before, after=membership.status,
                 reason=reason.strip())


def approve(session, membership: Membership, *, actor: User | None,
            ip_address: str | None = None) -> None:
    """Confirm that a member may have a category that needs approval (e.g. unwaged)."""
    membership.approved_at = utcnow()
    lifecycle.record(session, membership, "approved", actor=actor,
                     category=membership.category.code)
    audit.record(session, actor=actor, action="membership.category_approved",
                 target=membership, ip_address=ip_address, category=membership.category.code)
