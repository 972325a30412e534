"""Queueing mail in the outbox and sending what is due, with retries and backoff.

Most mail is drawn (rendered) when it is queued. Mail queued on a hot path, such
as a petition's confirmation link, is queued with ``queue_later`` as a template
name and a small JSON context; the sender draws it just before sending, with the
builder its area registered for that template (``register_context``).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, render_template
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from integrations.mail_transport import PermanentMailError, TemporaryMailError
from models.base import utcnow
from models.outbox import MailStatus, OutboxMail
from rules.text import header_value

log = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=6)

# template -> builder(session, stored context) -> the template's context, or None when the
# mail is no longer wanted (what it was about has gone).
_builders: dict[str, Callable[[Session, dict], dict | None]] = {}


class MailNotWanted(Exception):
    """A mail queued to be drawn later whose subject has gone (say, a deleted signature)."""


def register_context(template: str, builder: Callable[[Session, dict], dict | None]) -> None:
    """Say how to build the context of mail/<template> from what ``queue_later`` stored."""
    _builders[template] = builder


def _render(template: str, subject: str, context: dict) -> tuple[str, str]:
    context.setdefault("site_name", current_app.config["SITE_NAME"])
    return (render_template(f"mail/{template}.txt", **context),
            render_template(f"mail/{template}.html", subject=subject, **context))


def queue_mail(session: Session, *, to: str, subject: str, template: str, **context) -> OutboxMail:
    """Render mail/<template>.txt and .html and add the message to the outbox.

    The row joins the caller's transaction, so the mail exists exactly when the
    change that caused it is committed. The subject and address are made fit for a
    header (``rules.text.header_value``): a poll title with a line break in it makes
    a subject on one line, not a message that cannot be built.
    """
    to, subject = header_value(to), header_value(subject)
    text_body, html_body = _render(template, subject, context)
    mail = OutboxMail(to_address=to, subject=subject, template=template,
                      text_body=text_body, html_body=html_body)
    session.add(mail)
    session.flush()
    return mail


def queue_later(session: Session, *, to: str, subject: str, template: str,
                context: dict) -> None:
    """Add mail to the outbox to be drawn by the sender from ``context`` (JSON values).

    For a request that must be quick: the row joins the caller's transaction, as
    with ``queue_mail``, but nothing is rendered now. The template needs a
    builder (``register_context``).
    """
    if template not in _builders:
        raise KeyError(f"no context builder registered for mail/{template}")
    session.execute(OutboxMail.__table__.insert().values(
        to_address=header_value(to), subject=header_value(subject), template=template, context=context,
        status=MailStatus.PENDING, attempts=0, created_at=utcnow(), next_attempt_at=utcnow()))


def draw(session: Session, mail: OutboxMail) -> tuple[str, str]:
    """Return the mail's (text, html) bodies, drawing and keeping them if not drawn yet.

    Raises ``MailNotWanted`` when the builder finds the mail is no longer wanted.
    """
    if mail.text_body is None or mail.html_body is None:
        context = _builders[mail.template](session, dict(mail.context or {}))
        if context is None:
            raise MailNotWanted(f"{mail.template}: what this mail was about no longer exists")
        mail.text_body, mail.html_body = _render(mail.template, mail.subject, context)
    return mail.text_body, mail.html_body


def backoff(attempts: int) -> timedelta:
    """How long to wait after the given number of failed attempts (1, 2, 4 ... minutes, capped)."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def build_message(mail: OutboxMail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip("> "))
    message.set_content(mail.text_body)
    message.add_alternative(mail.html_body, subtype="html")
    return message


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    dropped: int = 0  # drawn-later mail whose subject had gone (e.g. a deleted signature)


def send_due(
    session: Session,
    transport,
    *,
    sender: str,
    max_attempts: int,
    now: datetime | None = None,
    limit: int = 100,
) -> SendReport:
    """Send the pending mail that is due, one batch, committing after each message.

    Rows are locked with SKIP LOCKED (on PostgreSQL), so several senders can run at once
    without sending a message twice. A temporary failure is retried with exponential
    backoff; a permanent one, or too many attempts, marks the mail failed for good. So
    does a message that cannot be drawn or built at all (its reason kept in
    ``last_error``): one bad message never holds up the ones queued after it. A database
    error is raised, as the next message would meet it too.
    """
    now = now or utcnow()
    report = SendReport()
    ids = session.scalars(
        select(OutboxMail.id)
        .where(OutboxMail.status == MailStatus.PENDING, OutboxMail.next_attempt_at <= now)
        .order_by(OutboxMail.id)
        .limit(limit)
    ).all()
    session.rollback()
    for mail_id in ids:
        mail = session.scalars(
            select(OutboxMail)
            .where(OutboxMail.id == mail_id, OutboxMail.status == MailStatus.PENDING)
            .with_for_update(skip_locked=True)
        ).one_or_none()
        if mail is None:
            session.rollback()
            continue
        mail.attempts += 1
        try:
            draw(session, mail)
            transport.send(build_message(mail, sender))
        except MailNotWanted as exc:
            mail.status, mail.last_error = MailStatus.FAILED, str(exc)
            report.dropped += 1
        except PermanentMailError as exc:
            mail.status, mail.last_error = MailStatus.FAILED, str(exc)[:2000]
            report.failed += 1
        except TemporaryMailError as exc:
            mail.last_error = str(exc)[:2000]
            if mail.attempts >= max_attempts:
                mail.status = MailStatus.FAILED
                report.failed += 1
            else:
                mail.next_attempt_at = now + backoff(mail.attempts)
                report.retrying += 1
        except SQLAlchemyError:
            session.rollback()
            raise
        except Exception as exc:  # whatever it is, the queue goes on
            log.exception("outbox: mail %s cannot be drawn or sent; marked failed", mail_id)
            session.rollback()
            _mark_failed(session, mail_id, f"{type(exc).__name__}: {exc}")
            report.failed += 1
            continue
        else:
            mail.status, mail.sent_at, mail.last_error = MailStatus.SENT, utcnow(), None
            report.sent += 1
        session.commit()
    return report


def _mark_failed(session: Session, mail_id: int, reason: str) -> None:
    """Mark one message failed for good, with its reason, in a transaction of its own."""
    session.execute(update(OutboxMail).where(OutboxMail.id == mail_id).values(
        status=MailStatus.FAILED, last_error=reason[:2000], attempts=OutboxMail.attempts + 1))
    session.commit()


def delete_sent_before(session: Session, cutoff: datetime) -> int:
    """Delete mail sent before `cutoff` (its bodies hold links and personal data); return how many."""
    result = session.execute(
        delete(OutboxMail).where(OutboxMail.status == MailStatus.SENT, OutboxMail.sent_at < cutoff))
    return result.rowcount or 0


def pending_count(session: Session) -> int:
    """How many messages are waiting to be sent (the outbox backlog)."""
    return session.scalar(
        select(func.count()).select_from(OutboxMail).where(OutboxMail.status == MailStatus.PENDING))


def prune_sent_mail(session: Session) -> str:
    """The foundation's daily job: delete mail sent more than 30 days ago."""
    return f"deleted {delete_sent_before(session, utcnow() - timedelta(days=30))} sent mails"
