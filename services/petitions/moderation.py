"""Creating, proposing and moderating petitions, and the edit lock that keeps moderators apart."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from models.accounts import Role, User
from models.base import utcnow
from models.petitions import Petition
from rules.petitions.lifecycle import PetitionState, can_transition, default_closes_at
from services import audit
from services.membership.standing import in_good_standing
from services.petitions import PetitionError

LOCK_FOR = timedelta(minutes=20)
MAX_ACTION = 80


class LockedError(PetitionError):
    """Another moderator holds the petition's edit lock."""


@dataclass
class PetitionText:
    """What a petition says and when it runs; staff may also set thresholds and rate windows."""

    action: str
    background: str = ""
    details: str = ""
    target: str = ""


def may_propose(session: Session, user: User) -> bool:
    """Say whether an account may propose a petition: a member in good standing (active or
    in grace) or staff, with a confirmed email address."""
    if user is None or not user.is_authenticated or not user.email_verified:
        return False
    return user.role in (Role.STAFF, Role.ADMIN) or in_good_standing(session, user)


def _check_text(text: PetitionText) -> None:
    action = (text.action or "").strip()
    if not action:
        raise PetitionError("Enter what the petition asks for.", field="action")
    if len(action) > MAX_ACTION:
        raise PetitionError(f"Keep the action to {MAX_ACTION} characters or fewer.", field="action")
    if "\n" in action:
        raise PetitionError("Write the action as one sentence on one line.", field="action")


def _apply_text(petition: Petition, text: PetitionText) -> None:
    _check_text(text)
    petition.action = text.action.strip()
    petition.background = (text.background or "").strip()
    petition.details = (text.details or "").strip()
    petition.target = (text.target or "").strip()


def propose(session: Session, user: User, text: PetitionText) -> Petition:
    """Add a member's petition, waiting for moderation. Raises ``PetitionError`` if not allowed."""
    if not may_propose(session, user):
        raise PetitionError("Petitions can be proposed by members in good standing with a "
                            "confirmed email address.")
    petition = Petition(stored_state=PetitionState.PENDING, created_by_id=user.id)
    _apply_text(petition, text)
    session.add(petition)
    session.flush()
    return petition


def create(session: Session, staff: User, text: PetitionText, *, opens_at: datetime | None = None,
           closes_at: datetime | None = None, ip_address: str | None = None) -> Petition:
    """Add a petition written by staff and open it (at ``opens_at``, default now)."""
    petition = Petition(stored_state=PetitionState.PENDING, created_by_id=staff.id)
    _apply_text(petition, text)
    session.add(petition)
    session.flush()
    approve(session, staff, petition, opens_at=opens_at, closes_at=closes_at,
            ip_address=ip_address, audit_action="petition.created")
    return petition


def approve(session: Session, staff: User, petition: Petition, *, opens_at: datetime | None = None,
            closes_at: datetime | None = None, ip_address: str | None = None,
            audit_action: str = "petition.approved") -> None:
    """Open a petition awaiting moderation, from ``opens_at`` (now) to ``closes_at`` (6 months)."""
    _move(petition, PetitionState.OPEN)
    petition.opens_at = opens_at or utcnow()
    petition.closes_at = closes_at or default_closes_at(petition.opens_at)
    if petition.closes_at <= petition.opens_at:
        raise PetitionError("The closing date must be after the opening date.", field="closes_at")
    petition.rejection_reason = None
    audit.record(session, actor=staff, action=audit_action, target=petition,
                 ip_address=ip_address, opens_at=petition.opens_at.isoformat(),
                 closes_at=petition.closes_at.isoformat())
    session.flush()


def reject(session: Session, staff: User, petition: Petition, reason: str, *,
           ip_address: str | None = None) -> None:
    """Refuse a petition awaiting moderation; the reason is shown to its proposer."""
    reason = (reason or "").strip()
    if not reason:
        raise PetitionError("Give the reason the proposer will see.", field="reason")
    _move(petition, PetitionState.REJECTED)
    petition.rejection_reason = reason
    audit.record(session, actor=staff, action="petition.rejected", target=petition,
                 ip_address=ip_address, reason=reason)
    session.flush()


def hide(session: Session, staff: User, petition: Petition, reason: str, *,
         ip_address: str | None = None) -> None:
    """Take a petition down; only staff can see it until it is restored."""
    previous = petition.stored_state
    _move(petition, PetitionState.HIDDEN)
    petition.state_before_hiding = previous
    audit.record(session, actor=staff, action="petition.hidden", target=petition,
                 ip_address=ip_address, reason=(reason or "").strip())
    session.flush()


def restore(session: Session, staff: User, petition: Petition, *,
            ip_address: str | None = None) -> None:
    """Put a hidden petition back in the state it had before it was hidden."""
    if petition.stored_state != PetitionState.HIDDEN:
        raise PetitionError("Only a hidden petition can be restored.")
    _move(petition, PetitionState(petition.state_before_hiding or PetitionState.CLOSED))
    petition.state_before_hiding = None
    audit.record(session, actor=staff, action="petition.restored", target=petition,
                 ip_address=ip_address, state=petition.stored_state)
    session.flush()


def _move(petition: Petition, to: PetitionState) -> None:
    if not can_transition(petition.stored_state, to):
        raise PetitionError(f"A {petition.stored_state} petition cannot become {to}.")
    petition.stored_state = to


def take_lock(session: Session, staff: User, petition: Petition, *,
              now: datetime | None = None) -> None:
    """Give ``staff`` the edit lock for ``LOCK_FOR``, unless another moderator holds it.

    Raises ``LockedError`` naming the holder. Taking one's own lock again renews it.
    """
    now = now or utcnow()
    taken = session.execute(
        update(Petition)
        .where(Petition.id == petition.id,
               or_(Petition.locked_by_id.is_(None), Petition.locked_until <= now,
                   Petition.locked_by_id == staff.id))
        .values(locked_by_id=staff.id, locked_until=now + LOCK_FOR)
        .execution_options(synchronize_session=False)
    ).rowcount
    session.expire(petition, ["locked_by_id", "locked_until"])
    if taken != 1:
        raise LockedError(lock_message(petition))


def lock_message(petition: Petition) -> str:
    holder = petition.locked_by.name if petition.locked_by else "another moderator"
    until = petition.locked_until.strftime("%H:%M UTC") if petition.locked_until else "soon"
    return f"This petition is being edited by {holder} (until {until}). Try again later."


def lock_holder(petition: Petition, now: datetime | None = None) -> int | None:
    """Return the id of whoever holds a live lock, or None."""
    now = now or utcnow()
    if petition.locked_by_id is None or petition.locked_until is None:
        return None
    return petition.locked_by_id if petition.locked_until > now else None


def release_lock(session: Session, staff: User, petition: Petition) -> None:
    """Give up the edit lock if ``staff`` holds it."""
    if petition.locked_by_id == staff.id:
        petition.locked_by_id = None
        petition.locked_until = None
        session.flush()


@dataclass
class PetitionSettings:
    """The settings staff may change while editing, besides the text."""

    opens_at: datetime | None
    closes_at: datetime | None
    response_threshold: int
    debate_threshold: int
    rate_short_max: int
    rate_short_minutes: int
    rate_long_max: int
    rate_long_minutes: int
    anonymise_exempt: bool


def edit(session: Session, staff: User, petition: Petition, text: PetitionText,
         settings: PetitionSettings, *, ip_address: str | None = None,
         now: datetime | None = None) -> None:
    """Save a moderator's edit; they must hold the lock, which is then released.

    Raises ``LockedError`` if someone else holds (or took over) the lock, and
    ``PetitionError`` (with ``field``) for bad values.
    """
    now = now or utcnow()
    if lock_holder(petition, now) != staff.id:
        if lock_holder(petition, now) is None:
            raise LockedError("Your edit lock expired. Open the petition for editing again.")
        raise LockedError(lock_message(petition))
    if settings.response_threshold < 1 or settings.debate_threshold <= settings.response_threshold:
        raise PetitionError("The AGM threshold must be larger than the response threshold.",
                            field="debate_threshold")
    if (settings.opens_at and settings.closes_at
            and settings.closes_at <= settings.opens_at):
        raise PetitionError("The closing date must be after the opening date.", field="closes_at")
    _apply_text(petition, text)
    for name, value in vars(settings).items():
        if name in ("opens_at", "closes_at") and value is None:
            continue
        setattr(petition, name, value)
    petition.locked_by_id = None
    petition.locked_until = None
    audit.record(session, actor=staff, action="petition.edited", target=petition,
                 ip_address=ip_address, action_text=petition.action,
                 thresholds=[petition.response_threshold, petition.debate_threshold],
                 exempt=petition.anonymise_exempt)
    session.flush()
