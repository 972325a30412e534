"""Public polls: anyone with the link responds; the response counts once its email confirms it.

Until then nothing is stored: the answers travel in the signed link we email. Once
confirmed, a keyed digest of the address (never the address) records that it has
responded, and the ballot is written apart from it, like a member's.
"""

import hashlib
import hmac

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.polls import Poll, PublicParticipation
from rules.emails import EmailAddressError, canonical_email, legacy_canonical_email
from rules.polls import lifecycle
from services.membership.standing import today
from services.outbox import queue_mail
from services.polls import PollError
from services.polls.running import state
from services.polls.voting import BallotError, validate, write_ballot
from services.tokens import make_token, read_token

PURPOSE = "poll-response"
LINK_DAYS = 3


def _digest(text: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def email_digest(email: str) -> str:
    """The keyed digest of the address's canonical form (rules.emails): one response each."""
    return _digest(canonical_email(email))


def _legacy_digest(email: str) -> str:
    # The digest of the form addresses were compared in before migration 0009, so that a
    # poll open across it still takes one response from an address (digests cannot be
    # worked out again). Needed until every poll opened before then has closed.
    return _digest(legacy_canonical_email(email))


def _require_open(poll: Poll) -> None:
    if not poll.is_public or state(poll) != lifecycle.OPEN:
        raise PollError("This poll is not open for responses.")


def request_confirmation(session: Session, poll: Poll, *, email: str, answers: dict,
                         confirm_url) -> None:
    """Email a link that confirms the response; ``confirm_url(token)`` builds the link.

    Raises BallotError for answers that do not fit, PollError if the poll is not open.
    """
    _require_open(poll)
    errors = validate(poll, answers)
    if errors:
        raise BallotError(errors)
    email = email.strip()
    try:
        canonical_email(email)
    except EmailAddressError as error:
        raise PollError(str(error), field="email") from None
    payload = {"poll": poll.id, "email": email,
               "answers": {str(k): list(v) if isinstance(v, tuple) else v
                           for k, v in answers.items() if v not in (None, (), "")}}
    queue_mail(session, to=payload["email"], subject=f"Confirm your response: {poll.title}",
               template="poll_confirm_response", poll_title=poll.title,
               confirm_url=confirm_url(make_token(PURPOSE, payload)), days=LINK_DAYS)


def read_response(poll: Poll, token: str) -> dict:
    """The payload of a confirmation link for this poll. Raises TokenError or PollError."""
    payload = read_token(PURPOSE, token, max_age=LINK_DAYS * 86400)
    if payload.get("poll") != poll.id:
        raise PollError("This link is for another poll.")
    return payload


def confirm_response(session: Session, poll: Poll, token: str) -> str:
    """Count the response the link carries; return its receipt code.

    Raises TokenError for a bad link, PollError if the poll has closed or this email has
    already responded.
    """
    payload = read_response(poll, token)
    _require_open(poll)
    questions = {q.id: q for q in poll.questions}
    answers = {}
    for key, value in payload["answers"].items():
        if key.isdigit() and int(key) in questions:
            answers[int(key)] = tuple(value) if isinstance(value, list) else value
    if validate(poll, answers):
        raise PollError("This response no longer fits the poll.")
    already = PollError("A response from this email address has already been counted.")
    legacy = _legacy_digest(payload["email"])
    if session.scalar(select(PublicParticipation.poll_id).where(
            PublicParticipation.poll_id == poll.id, PublicParticipation.email_digest == legacy)):
        raise already
    try:
        with session.begin_nested():
            session.add(PublicParticipation(poll_id=poll.id,
                                            email_digest=email_digest(payload["email"]),
                                            responded_on=today()))
            session.flush()
    except (IntegrityError, EmailAddressError):
        raise already from None
    return write_ballot(session, poll, answers)
