"""Good standing: who counts as a member (active or in grace). Polls and statements call this."""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from models.accounts import User
from models.membership import Membership, MembershipCategory, MembershipStatus

GOOD_STANDING = (MembershipStatus.ACTIVE.value, MembershipStatus.GRACE.value)


def today() -> date:
    """Today's date in UTC, the calendar every membership date is kept in."""
    from models.base import utcnow

    return utcnow().date()


def good_standing_filter(on: date | None = None) -> ColumnElement[bool]:
    """A WHERE clause on ``Membership``: active or in grace on ``on`` (default today).

    It reads the cached ``standing_ends`` date as well as the status, so a member
    whose grace ran out counts as lapsed even before the daily sweep records it.
    """
    day = on or today()
    return and_(
        Membership.status.in_(GOOD_STANDING),
        or_(Membership.standing_ends.is_(None), Membership.standing_ends > day),
    )


def in_good_standing(session: Session, user: User | None, *, on: date | None = None) -> bool:
    """Whether ``user`` is a member in good standing (active or in grace) on ``on``.

    Visitors (None), anonymous users and people with no membership are not.
    """
    user_id = getattr(user, "id", None)
    if user_id is None:
        return False
    found = session.scalar(
        select(Membership.id).where(Membership.user_id == user_id, good_standing_filter(on)))
    return found is not None


def members_in_good_standing(
    session: Session | None = None,
    *,
    category_codes: Iterable[str] | None = None,
    region_codes: Iterable[str] | None = None,
    on: date | None = None,
) -> Select[tuple[Membership]]:
    """A select of the ``Membership`` rows in good standing, optionally narrowed.

    ``category_codes`` and ``region_codes`` restrict to those categories or regions
    (None means all). Count it with ``select(func.count()).select_from(q.subquery())``
    or join ``User`` on ``Membership.user_id`` for the people. ``session`` is unused
    and accepted so every call site reads alike.
    """
    query = select(Membership).where(good_standing_filter(on))
    if category_codes is not None:
        query = query.join(MembershipCategory, Membership.category_id == MembershipCategory.id)
        query = query.where(MembershipCategory.code.in_(list(category_codes)))
    if region_codes is not None:
        query = query.where(Membership.region.in_(list(region_codes)))
    return query.order_by(Membership.id)
