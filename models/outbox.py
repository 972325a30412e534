"""The mail outbox: mail is written here in the transaction that causes it, and sent later."""

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Date, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class MailStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMail(Base):
    __tablename__ = "outbox_mail"
    __table_args__ = (Index("ix_outbox_mail_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    # Empty until the sender draws them from `template` and `context` (see
    # services.outbox.queue_later): a request on a hot path only stores the facts.
    text_body: Mapped[str | None] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    template: Mapped[str] = mapped_column(String(80))
    context: Mapped[dict | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default=MailStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)


class MailCap(Base):
    """A mail of one kind about one thing already queued today (services.mail_caps).

    Mail anyone can cause to be sent to someone else ("you have already signed", "you
    already have an account") goes at most once a day per thing, however often it is
    asked for. ``key`` is a digest of the kind and the thing, not the address itself.
    """

    __tablename__ = "mail_caps"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True, index=True)
