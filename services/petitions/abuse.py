"""Staff tools against abuse: finding signatures, invalidating them in bulk, releasing held ones.

Every change keeps the counters right in the same transaction: a counted
signature that is invalidated is taken off, a held one that is released is
added on.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from models.accounts import User
from models.petitions import Petition, Signature, SignatureStatus
from rules.emails import LEGACY_PREFIX, EmailAddressError, canonical_domain
from services import audit
from services.petitions import PetitionError, counting


@dataclass
class SignatureFilter:
    """Which signatures of one petition: every given criterion must match."""

    email_domain: str = ""
    ip_address: str = ""
    postcode_area: str = ""
    signed_from: date | None = None
    signed_to: date | None = None
    held_only: bool = False
    # Marked by migration 0009: sharing the canonical address of an earlier signature.
    duplicates_only: bool = False

    def describe(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, date) else v)
                for k, v in vars(self).items() if v}


def matching(petition: Petition, criteria: SignatureFilter) -> Select:
    """Return a select() of the petition's live (not invalidated) signatures that match."""
    query = select(Signature).where(Signature.petition_id == petition.id,
                                    Signature.status != SignatureStatus.INVALIDATED)
    domain = criteria.email_domain.strip().lstrip("@")
    if domain:
        try:
            domain = canonical_domain(domain)
        except EmailAddressError as error:
            raise PetitionError(str(error), field="email_domain") from None
        query = query.where(Signature.email_canonical.like(f"%@{_escape_like(domain)}",
                                                           escape="\\"))
    if criteria.ip_address.strip():
        query = query.where(Signature.ip_address == criteria.ip_address.strip())
    area = criteria.postcode_area.strip().upper()
    if area:
        if not area.isalpha() or len(area) > 2:
            raise PetitionError("A postcode area is one or two letters, like SW or B.",
                                field="postcode_area")
        # "B" must not match "BA 1AA": the area is the letters before the first digit.
        query = query.where(Signature.postcode.like(f"{area}_%"),
                            func.substr(Signature.postcode, len(area) + 1, 1).between("0", "9"))
    if criteria.signed_from:
        query = query.where(Signature.created_at >= _start_of(criteria.signed_from))
    if criteria.signed_to:
        day_after = criteria.signed_to + timedelta(days=1)
        query = query.where(Signature.created_at < _start_of(day_after))
    if criteria.held_only:
        query = query.where(Signature.suspicious.is_(True))
    if criteria.duplicates_only:
        query = query.where(Signature.email_canonical.startswith(LEGACY_PREFIX))
    return query


def marked_duplicates(session: Session) -> list[tuple[int, int, str, bool]]:
    """(petition id, signature id, status, counted) of every live signature migration 0009
    marked as sharing an earlier signature's canonical address (or as having none)."""
    rows = session.execute(
        select(Signature.petition_id, Signature.id, Signature.status, Signature.suspicious)
        .where(Signature.email_canonical.startswith(LEGACY_PREFIX),
               Signature.status != SignatureStatus.INVALIDATED)
        .order_by(Signature.petition_id, Signature.id)).all()
    return [(petition_id, signature_id, status,
             status == SignatureStatus.CONFIRMED and not held)
            for petition_id, signature_id, status, held in rows]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def preview_count(session: Session, petition: Petition, criteria: SignatureFilter) -> int:
    """How many live signatures the criteria match (shown before staff confirm)."""
    sub = matching(petition, criteria).with_only_columns(Signature.id).subquery()
    return session.scalar(select(func.count()).select_from(sub)) or 0


def _no_criteria(criteria: SignatureFilter) -> bool:
    return not criteria.describe()


def invalidate(session: Session, staff: User, petition: Petition, criteria: SignatureFilter, *,
               expected: int, ip_address: str | None = None) -> int:
    """Invalidate every matching signature and take the counted ones off the count.

    ``expected`` is the count staff were shown; if the match has changed since,
    nothing happens and ``PetitionError`` says so. Returns how many went.
    """
    if _no_criteria(criteria):
        raise PetitionError("Give at least one search criterion before invalidating.")
    ids = matching(petition, criteria).with_only_columns(Signature.id)
    rows = session.execute(
        select(Signature.id, Signature.area_key, Signature.status, Signature.suspicious,
               Signature.confirmed_at).where(Signature.id.in_(ids))
        .with_for_update()
    ).all()
    if len(rows) != expected:
        raise PetitionError(f"The search now matches {len(rows):,} signatures, not {expected:,}. "
                            "Check the new number and confirm again.")
    counted = [(petition.id, area, sid, confirmed.date()) for sid, area, status, held, confirmed
               in rows if status == SignatureStatus.CONFIRMED and not held]
    all_ids = [row[0] for row in rows]
    for start in range(0, len(all_ids), 1000):
        session.execute(update(Signature).where(Signature.id.in_(all_ids[start:start + 1000]))
                        .values(status=SignatureStatus.INVALIDATED)
                        .execution_options(synchronize_session=False))
    counting.add(session, counted, sign=-1)
    counting.forget(petition.id)
    audit.record(session, actor=staff, action="petition.signatures_invalidated", target=petition,
                 ip_address=ip_address, count=len(rows), counted=len(counted),
                 criteria=criteria.describe())
    session.flush()
    return len(rows)


def release(session: Session, staff: User, petition: Petition, criteria: SignatureFilter, *,
            ip_address: str | None = None) -> int:
    """Release the matching held signatures; the confirmed ones start to count. Returns how many."""
    criteria.held_only = True
    ids = matching(petition, criteria).with_only_columns(Signature.id)
    rows = session.execute(
        select(Signature.id, Signature.area_key, Signature.status, Signature.confirmed_at)
        .where(Signature.id.in_(ids)).with_for_update()
    ).all()
    all_ids = [row[0] for row in rows]
    for start in range(0, len(all_ids), 1000):
        session.execute(update(Signature).where(Signature.id.in_(all_ids[start:start + 1000]))
                        .values(suspicious=False).execution_options(synchronize_session=False))
    counting.add(session, [(petition.id, area, sid, confirmed.date())
                           for sid, area, status, confirmed in rows
                           if status == SignatureStatus.CONFIRMED], sign=1)
    counting.forget(petition.id)
    audit.record(session, actor=staff, action="petition.signatures_released", target=petition,
                 ip_address=ip_address, count=len(rows), criteria=criteria.describe())
    session.flush()
    return len(rows)

