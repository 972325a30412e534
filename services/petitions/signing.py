"""Signing a petition and confirming the signature from the emailed link.

A signature is added with INSERT ... ON CONFLICT DO NOTHING on (petition,
canonical email), so any number of simultaneous attempts with one address (or
variants of it, rules.emails) leave one row; the others are told, by mail only
and at most once a day per petition (services.mail_caps), that they had signed.
Confirmation flips the row from pending to confirmed with a conditional
UPDATE and adds it to the sharded counters in the same transaction.
"""

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import Integer, bindparam, false, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, contains_eager

from models.base import utcnow
from models.petitions import Petition, Signature, SignatureStatus
from rules.petitions.lifecycle import PetitionState, confirmation_accepted
from rules.petitions.rate_limits import RateWindow
from services import mail_caps
from services.links import external_url
from services.outbox import queue_later, register_context
from services.petitions import PetitionError, counting, surge
from services.petitions.signer_fields import SigningError, checked

__all__ = ["ConfirmationError", "SignedResult", "SigningError", "confirm", "confirm_alone",
           "confirmation_url", "sign", "sign_alone", "signature_for_token"]
from services.tokens import TokenError, make_token, read_token

TOKEN_PURPOSE = "petition-signature"  # nosec B105 (a salt naming the purpose, not a secret)
# Pending signatures are deleted after 30 days, so a link never needs to outlive that.
TOKEN_MAX_AGE = 60 * 60 * 24 * 30


class ConfirmationError(PetitionError):
    """A confirmation link that does not (or no longer) confirm anything."""


@dataclass
class SignedResult:
    """What signing did: the new pending signature, or None when the email had signed."""

    signature_id: int | None
    duplicate: bool


def rate_windows(petition: Petition) -> tuple[RateWindow, RateWindow]:
    return (
        RateWindow(petition.rate_short_max, timedelta(minutes=petition.rate_short_minutes)),
        RateWindow(petition.rate_long_max, timedelta(minutes=petition.rate_long_minutes)),
    )


def _held_if_over_a_window():
    """SQL for "this new signature goes over one of the petition's per-IP windows".

    The same decision as ``rules.petitions.rate_limits.exceeded_window_by_counts``:
    earlier signatures from the address inside a window, counted only up to the
    window's limit (an address with many signatures costs no more), reach the limit.
    Evaluated inside the INSERT, so signing is one statement, not two.
    """
    def reached(window: str):
        capped = (select(Signature.id)
                  .where(Signature.petition_id == bindparam("w_petition"),
                         Signature.ip_address == bindparam("w_ip"),
                         Signature.created_at > bindparam(f"{window}_since"))
                  # The order the (petition, IP, time) index gives: without it, a plan made
                  # while the table was small scans all of a petition's signatures instead.
                  .order_by(Signature.ip_address, Signature.created_at.desc())
                  .limit(bindparam(f"{window}_max", type_=Integer)).subquery())
        counted = select(func.count()).select_from(capped).scalar_subquery()
        return counted >= bindparam(f"{window}_max", type_=Integer)

    return or_(reached("short"), reached("long"))


@lru_cache(maxsize=8)
def _signature_insert(dialect: str, check_windows: bool):
    """The INSERT ... ON CONFLICT DO NOTHING RETURNING id, built once per dialect."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = Signature.__table__
    columns = ("petition_id", "name", "email", "email_canonical", "postcode", "area_key",
               "consents_to_updates", "ip_address", "status", "created_at")
    values = {name: bindparam(name, type_=table.c[name].type) for name in columns}
    values["suspicious"] = _held_if_over_a_window() if check_windows else false()
    return (insert(table).values(values)
            .on_conflict_do_nothing(index_elements=["petition_id", "email_canonical"])
            .returning(table.c.id))


def _insert_signature(session: Session, petition: Petition, ip: str | None, now: datetime,
                      **values) -> int | None:
    """Insert a pending signature, held when over a rate window; None if the email had signed."""
    params = {**values, "petition_id": petition.id, "ip_address": ip, "created_at": now,
              "status": SignatureStatus.PENDING}
    if ip:
        short, long = rate_windows(petition)
        params.update(w_petition=petition.id, w_ip=ip,
                      short_since=now - short.period, short_max=short.max_signatures,
                      long_since=now - long.period, long_max=long.max_signatures)
    statement = _signature_insert(session.get_bind().dialect.name, bool(ip))
    return session.execute(statement, params).scalar_one_or_none()


NOT_OPEN = "This petition is not open for signatures."


def sign(session: Session, petition: Petition | int, *, name: str, email: str, postcode: str = "",
         country: str = "", consents: bool = False, ip_address: str | None = None,
         now: datetime | None = None) -> SignedResult:
    """Add a pending signature and queue its confirmation link, or an "already signed" mail.

    ``petition`` is the petition or its id. ``country`` is an ISO code, or
    empty/GB for a UK resident who gives a ``postcode``. Raises
    ``SigningError`` (with ``field``) for a refused name, a malformed email,
    postcode or country, and (without) for a petition not open for signatures.
    """
    now = now or utcnow()
    signer = checked(name, email, postcode, country)
    petition_id = petition if isinstance(petition, int) else petition.id
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        takes_signatures, new_id = surge.sign(session, bind, petition_id, now, **asdict(signer),
                                              consents=bool(consents), ip_address=ip_address)
        if not takes_signatures:
            raise SigningError(NOT_OPEN)
    else:
        if isinstance(petition, int):
            petition = session.get(Petition, petition_id)
        if petition is None or petition.state_at(now) is not PetitionState.OPEN:
            raise SigningError(NOT_OPEN)
        new_id = _insert_signature(session, petition, ip_address, now, name=signer.name,
                                   email=signer.email, email_canonical=signer.email_canonical,
                                   postcode=signer.postcode, area_key=signer.area_key,
                                   consents_to_updates=bool(consents))
        if new_id is not None:
            queue_later(session, to=signer.email, subject=surge.CONFIRM_SUBJECT,
                        template="petition_confirm", context={"signature_id": new_id})
    if new_id is None:
        # Anyone can type anyone's address: its owner hears of it once a day per petition.
        if mail_caps.first_today(session, "petition-already-signed", petition_id,
                                 signer.email_canonical, today=now.date()):
            queue_later(session, to=signer.email, subject="You have already signed this petition",
                        template="petition_already_signed",
                        context={"petition_id": petition_id, "name": signer.name})
        return SignedResult(None, duplicate=True)
    return SignedResult(new_id, duplicate=False)


def sign_alone(connections: surge.ThreadConnections, petition_id: int, *, name: str,
               email: str, postcode: str = "", country: str = "", consents: bool = False,
               ip_address: str | None = None) -> int | None:
    """Sign on PostgreSQL in one statement with no session, on this thread's own connection:
    the new signature's id, or None.

    None means something other than a new pending signature is the answer (a field
    refused, the petition not open, the email already signed): ``sign`` then says what,
    and sends the "already signed" mail. Running ``sign`` after a None changes nothing
    this call did, as this call changed nothing.
    """
    try:
        signer = checked(name, email, postcode, country)
    except SigningError:
        return None
    takes_signatures, new_id = surge.sign(None, connections, petition_id, utcnow(),
                                          **asdict(signer), consents=bool(consents),
                                          ip_address=ip_address)
    return new_id if takes_signatures else None


def _confirm_mail_context(session: Session, context: dict) -> dict | None:
    """The confirmation mail's context, drawn when it is sent; None once the signature is gone."""
    signature = session.get(Signature, context.get("signature_id", 0))
    if signature is None or signature.status != SignatureStatus.PENDING:
        return None
    return {"name": signature.name, "petition": signature.petition,
            "confirm_url": confirmation_url(signature.id)}


def _already_signed_mail_context(session: Session, context: dict) -> dict | None:
    petition = session.get(Petition, context.get("petition_id", 0))
    if petition is None:
        return None
    return {"name": context.get("name", ""), "petition": petition,
            "petition_url": external_url("petitions.show", petition_id=petition.id)}


register_context("petition_confirm", _confirm_mail_context)
register_context("petition_already_signed", _already_signed_mail_context)


# Statements on the confirmation path, built once (building one costs more than running it).
_SIGNATURE_WITH_PETITION = (
    select(Signature).join(Signature.petition).options(contains_eager(Signature.petition))
    .where(Signature.id == bindparam("signature_id")))
_signatures = Signature.__table__
_CONFIRM_PENDING = (
    update(_signatures)
    .where(_signatures.c.id == bindparam("signature_id"),
           _signatures.c.status == SignatureStatus.PENDING)
    .values(status=SignatureStatus.CONFIRMED,
            confirmed_at=bindparam("confirmed_at", type_=_signatures.c.confirmed_at.type))
    .returning(_signatures.c.suspicious, _signatures.c.area_key))


def _signature_id(token: str, secret_key: str | None = None) -> int:
    """The signature id a confirmation link names; ConfirmationError if forged or expired."""
    try:
        payload = read_token(TOKEN_PURPOSE, token, TOKEN_MAX_AGE, secret_key=secret_key)
    except TokenError as error:
        raise ConfirmationError(str(error)) from None
    signature_id = payload.get("s")
    return signature_id if isinstance(signature_id, int) and not isinstance(signature_id, bool) else 0


def _signature(session: Session, signature_id: int) -> Signature:
    # One query loads the signature with its petition; the signature holds the petition,
    # so later session.get(Petition, ...) calls find it in the (weak) identity map.
    signature = session.scalars(_SIGNATURE_WITH_PETITION,
                                {"signature_id": signature_id}).one_or_none()
    if signature is None:
        raise ConfirmationError(
            "This link is not valid: the signature it confirms no longer exists. "
            "Unconfirmed signatures are removed after 30 days; you can sign again.")
    return signature


def signature_for_token(session: Session, token: str) -> Signature:
    """Return the signature a confirmation link names, whatever its state.

    Raises ``ConfirmationError`` for a forged, expired or unknown link.
    """
    return _signature(session, _signature_id(token))


def confirm(session: Session, token: str, *, now: datetime | None = None) -> surge.Confirmed:
    """Confirm the signature a link names and add it to the counts (unless held).

    Returns its petition's id and the thresholds not yet marked as passed.
    Raises ``ConfirmationError`` for a forged or expired link, a signature
    already confirmed or removed, or a petition closed more than a day ago.
    """
    now = now or utcnow()
    signature_id = _signature_id(token)
    bind = session.get_bind()
    if signature_id and bind.dialect.name == "postgresql":
        confirmed = surge.confirm(session, bind, signature_id, now, now.date())
        if confirmed is not None:
            return confirmed
    # SQLite, or a link that confirmed nothing on PostgreSQL: find out why and say so.
    signature = _signature(session, signature_id)
    if signature.status == SignatureStatus.CONFIRMED:
        raise ConfirmationError("This signature is already confirmed; it is counted once.")
    if signature.status != SignatureStatus.PENDING:
        raise ConfirmationError("This signature has been removed and cannot be confirmed.")
    petition = session.get(Petition, signature.petition_id)
    if petition.closes_at is not None and not confirmation_accepted(
            petition.closes_at, signature.created_at, now):
        raise ConfirmationError("This petition has closed, so it no longer takes signatures.")
    if petition.state_at(now) in (PetitionState.HIDDEN, PetitionState.REJECTED):
        raise ConfirmationError("This petition is not taking signatures.")
    # Conditional, so two clicks at once confirm (and count) one time only.
    changed = session.execute(_CONFIRM_PENDING, {"signature_id": signature.id,
                                                 "confirmed_at": now}).one_or_none()
    if changed is None:
        raise ConfirmationError("This signature is already confirmed; it is counted once.")
    session.expire(signature, ["status", "confirmed_at", "suspicious"])
    suspicious, area = changed
    if not suspicious:
        counting.add(session, [(petition.id, area, signature.id, now.date())])
    session.flush()
    return surge.Confirmed.of(petition)


def confirm_alone(connections: surge.ThreadConnections, token: str,
                  secret_key: str) -> surge.Confirmed | None:
    """Confirm on PostgreSQL in one statement with no session or app context; None if the
    link confirmed nothing (forged, expired, stale): ``confirm`` then says why."""
    try:
        signature_id = _signature_id(token, secret_key)
    except ConfirmationError:
        return None
    if not signature_id:
        return None
    now = utcnow()
    return surge.confirm(None, connections, signature_id, now, now.date())


def confirmation_url(signature_id: int) -> str:
    """The link mailed to a signer (for tools and tests that need it without the mail)."""
    return external_url("petitions.confirm", token=make_token(TOKEN_PURPOSE, {"s": signature_id}))

