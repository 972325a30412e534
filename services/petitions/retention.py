"""Closing petitions on time, deleting unconfirmed signatures, anonymising old signers."""

from datetime import datetime, timedelta

from sqlalchemy import String, cast, delete, literal, select, update
from sqlalchemy.orm import Session

from models.base import utcnow
from models.petitions import Petition, Signature, SignatureStatus
from rules.petitions.lifecycle import PetitionState, anonymise_due
from services import audit

PENDING_KEPT_FOR = timedelta(days=30)
ANONYMOUS_NAME = "Anonymised signer"


def close_due(session: Session, *, now: datetime | None = None) -> list[Petition]:
    """Store "closed" on every open petition whose closing time has come; returns them.

    Pages already show such a petition as closed (the state follows the clock);
    this records the fact, and the closing time, for retention and reports.
    """
    now = now or utcnow()
    due = session.scalars(select(Petition).where(
        Petition.stored_state == PetitionState.OPEN, Petition.closes_at <= now)).all()
    for petition in due:
        petition.stored_state = PetitionState.CLOSED
        petition.closed_at = petition.closes_at
        audit.record(session, actor=None, action="petition.closed", target=petition,
                     closes_at=petition.closes_at.isoformat())
    session.flush()
    return list(due)


def purge_pending(session: Session, *, now: datetime | None = None) -> int:
    """Delete signatures left unconfirmed for 30 days; returns how many."""
    now = now or utcnow()
    result = session.execute(
        delete(Signature).where(Signature.status == SignatureStatus.PENDING,
                                Signature.created_at < now - PENDING_KEPT_FOR)
        .execution_options(synchronize_session=False))
    session.flush()
    return result.rowcount


def anonymise(session: Session, *, now: datetime | None = None) -> list[Petition]:
    """Replace signers' name, email, postcode and IP six months after a petition closed.

    The area each signature counts in stays, so counts by region survive.
    Petitions staff marked exempt are skipped. Returns the petitions done.
    """
    now = now or utcnow()
    candidates = session.scalars(select(Petition).where(
        Petition.stored_state.in_([PetitionState.CLOSED, PetitionState.HIDDEN]),
        Petition.closed_at.is_not(None), Petition.anonymised_at.is_(None))).all()
    done = []
    for petition in candidates:
        if not anonymise_due(petition.closed_at, now, petition.anonymise_exempt):
            continue
        session.execute(
            update(Signature).where(Signature.petition_id == petition.id)
            .values(name=ANONYMOUS_NAME, postcode=None, ip_address=None,
                    # Still unique per petition, and plainly not an address.
                    email=literal("anonymised-") + cast(Signature.id, String) + "@invalid",
                    email_canonical=literal("anonymised-") + cast(Signature.id, String)
                    + "@invalid")
            .execution_options(synchronize_session=False))
        petition.anonymised_at = now
        audit.record(session, actor=None, action="petition.anonymised", target=petition)
        done.append(petition)
    session.flush()
    return done
