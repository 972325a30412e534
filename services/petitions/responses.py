"""Thresholds and responses: telling staff once when a count passes one, publishing the
body's response, and mailing it once to each consenting signer."""

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.accounts import Role, User
from models.base import utcnow
from models.petitions import Petition, Signature, SignatureStatus
from rules.petitions.lifecycle import PetitionState
from services import audit
from services.links import external_url
from services.outbox import queue_mail
from services.petitions import PetitionError, counting

_MARKERS = ("response_threshold_passed_at", "debate_threshold_passed_at")


class ThresholdCheck(NamedTuple):
    """What a check after confirming saw: the (cached) count, and the thresholds announced."""

    count: int
    announced: list[str]


def notice_after_confirming(session: Session, petition_id: int,
                            unmarked_thresholds: tuple[int, ...]) -> ThresholdCheck:
    """After a confirmation: announce the thresholds the cached count shows it passed.

    Staff hear of a passed threshold within the count cache's few seconds of it
    happening (and from `flask petitions thresholds`, run by cron, if nobody confirms
    after). Call it only when ``unmarked_thresholds`` is not empty.
    """
    count = counting.cached_counts(session, petition_id)["total"]
    if count < min(unmarked_thresholds):
        return ThresholdCheck(count, [])
    return ThresholdCheck(count, notice_passed(session, session.get(Petition, petition_id), count))


def notice_passed(session: Session, petition: Petition, count: int, *,
                  now: datetime | None = None) -> list[str]:
    """Mark and announce to staff each threshold ``count`` has reached and nobody has marked.

    The mark is a conditional update, so of several workers seeing the same
    count only one announces it. Returns the markers set ("response"/"debate").
    """
    now = now or utcnow()
    announced = []
    for marker, threshold in zip(_MARKERS, (petition.response_threshold,
                                            petition.debate_threshold), strict=True):
        if count < threshold or getattr(petition, marker) is not None:
            continue
        column = getattr(Petition, marker)
        won = session.execute(
            update(Petition).where(Petition.id == petition.id, column.is_(None))
            .values({marker: now}).execution_options(synchronize_session=False)
        ).rowcount
        session.expire(petition, [marker])
        if won != 1:
            continue
        kind = marker.split("_")[0]
        announced.append(kind)
        staff = session.scalars(select(User).where(User.role.in_([Role.STAFF, Role.ADMIN]),
                                                   User.closed_at.is_(None)))
        for person in staff:
            queue_mail(session, to=person.email,
                       subject=f"Petition passed {threshold:,} signatures",
                       template="petition_threshold_passed", name=person.name,
                       petition=petition, threshold=threshold, kind=kind,
                       staff_url=external_url("petitions_staff.detail", petition_id=petition.id))
    session.flush()
    return announced


def notice_all(session: Session, *, now: datetime | None = None) -> int:
    """Check every open or recently closed petition's count against its thresholds."""
    totals = counting.all_totals(session)
    announced = 0
    petitions = session.scalars(select(Petition).where(
        Petition.id.in_(list(totals)),
        Petition.stored_state.in_([PetitionState.OPEN, PetitionState.CLOSED]))).all()
    for petition in petitions:
        announced += len(notice_passed(session, petition, totals[petition.id], now=now))
    return announced


def respond(session: Session, staff: User, petition: Petition, text: str, *,
            ip_address: str | None = None, now: datetime | None = None) -> None:
    """Publish (or correct) the body's response; signers are mailed by ``mail_response``."""
    text = (text or "").strip()
    if not text:
        raise PetitionError("Write the response before publishing it.", field="response")
    if petition.stored_state not in (PetitionState.OPEN, PetitionState.CLOSED):
        raise PetitionError("Only an open or closed petition can be answered.")
    first = petition.responded_at is None
    petition.response_text = text
    petition.responded_at = petition.responded_at or now or utcnow()
    audit.record(session, actor=staff, action="petition.responded" if first else
                 "petition.response_corrected", target=petition, ip_address=ip_address)
    session.flush()


def mail_response(session: Session, petition: Petition, *, limit: int = 500,
                  now: datetime | None = None) -> int:
    """Queue the response mail to the next ``limit`` consenting, counted signers not yet mailed.

    Each signer's ``response_mailed_at`` is set in the same transaction as
    their mail, so running this again (or twice at once: rows are locked with
    SKIP LOCKED on PostgreSQL) never mails anyone twice. Returns how many.
    """
    if petition.responded_at is None:
        return 0
    now = now or utcnow()
    rows = session.scalars(
        select(Signature)
        .where(Signature.petition_id == petition.id, Signature.consents_to_updates.is_(True),
               Signature.status == SignatureStatus.CONFIRMED, Signature.suspicious.is_(False),
               Signature.response_mailed_at.is_(None))
        .order_by(Signature.id).limit(limit).with_for_update(skip_locked=True)
    ).all()
    url = external_url("petitions.show", petition_id=petition.id)
    for signature in rows:
        queue_mail(session, to=signature.email, subject="The response to the petition you signed",
                   template="petition_response", name=signature.name, petition=petition,
                   petition_url=url)
        signature.response_mailed_at = now
    session.flush()
    return len(rows)


def awaiting_mail(session: Session) -> list[int]:
    """Ids of answered petitions (the mailing job goes through each in committed batches)."""
    return list(session.scalars(select(Petition.id).where(Petition.responded_at.is_not(None))))
