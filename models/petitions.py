"""Petitions: the petition, its signatures, and the sharded counters that hold its counts."""

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship, validates

from models.base import Base, UTCDateTime, utcnow
from rules.emails import canonical_email
from rules.petitions.lifecycle import PetitionState, petition_state
from rules.petitions.thresholds import Threshold


class SignatureStatus(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    INVALIDATED = "invalidated"


class Petition(Base):
    __tablename__ = "petitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(80))
    background: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str] = mapped_column(String(200), default="")
    # The stored state (rules.petitions.lifecycle); `state` below adds the clock.
    stored_state: Mapped[str] = mapped_column(String(10), default=PetitionState.DRAFT, index=True)
    # The state before hiding, so un-hiding restores it.
    state_before_hiding: Mapped[str | None] = mapped_column(String(10))
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    response_threshold: Mapped[int] = mapped_column(Integer, default=1_000)
    debate_threshold: Mapped[int] = mapped_column(Integer, default=10_000)
    # Set once, by whoever first sees the count pass; staff are told at that moment.
    response_threshold_passed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    debate_threshold_passed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    response_text: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Per-IP rate windows (short and long) over which new signatures are held.
    rate_short_max: Mapped[int] = mapped_column(Integer, default=5)
    rate_short_minutes: Mapped[int] = mapped_column(Integer, default=10)
    rate_long_max: Mapped[int] = mapped_column(Integer, default=20)
    rate_long_minutes: Mapped[int] = mapped_column(Integer, default=24 * 60)
    anonymise_exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The edit lock: who is editing and until when.
    locked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())

    signatures: WriteOnlyMapped["Signature"] = relationship(
        back_populates="petition", passive_deletes=True
    )
    created_by = relationship("User", foreign_keys=[created_by_id])
    locked_by = relationship("User", foreign_keys=[locked_by_id])

    def state_at(self, now: datetime) -> PetitionState:
        return petition_state(self.stored_state, self.opens_at, self.closes_at, now)

    @property
    def state(self) -> PetitionState:
        return self.state_at(utcnow())

    @property
    def thresholds(self) -> tuple[Threshold, Threshold]:
        return (
            Threshold(self.response_threshold, "a formal response from the council"),
            Threshold(self.debate_threshold, "a debate at the annual general meeting"),
        )

    def __repr__(self) -> str:
        return f"<Petition {self.id} {self.stored_state}>"


class Signature(Base):
    __tablename__ = "signatures"
    __table_args__ = (
        UniqueConstraint("petition_id", "email_canonical"),
        Index("ix_signatures_petition_id_ip_address_created_at",
              "petition_id", "ip_address", "created_at"),
        # No index holds status or confirmed_at, and pages keep 15 % free (PostgreSQL), so a
        # confirmation rewrites its row in place (a HOT update): no index entry per click.
        # Lookups by petition use the (petition_id, email_canonical) index; the purge of old
        # pending signatures uses this one.
        Index("ix_signatures_created_at", "created_at"),
        {"postgresql_with": {"fillfactor": 85}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    # As typed (the confirmation and any response are mailed here).
    email: Mapped[str] = mapped_column(String(254))
    # rules.emails.canonical_email: one signature per canonical form per petition. Those
    # migration 0009 found sharing an earlier one's form keep their old key instead
    # (rules.emails.legacy_key; docs/petitions.md, "One person, one signature").
    email_canonical: Mapped[str] = mapped_column(String(254))
    postcode: Mapped[str | None] = mapped_column(String(8))
    # "region:<ONS code>" for UK postcodes, "country:<ISO code>" otherwise.
    area_key: Mapped[str] = mapped_column(String(20))
    consents_to_updates: Mapped[bool] = mapped_column(Boolean, default=False)
    ip_address: Mapped[str | None] = mapped_column(String(45))
    status: Mapped[str] = mapped_column(String(12), default=SignatureStatus.PENDING)
    # Held for review by the rate windows; counts only once staff release it.
    suspicious: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    response_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    petition: Mapped[Petition] = relationship(back_populates="signatures")

    @validates("email")
    def _canonical(self, _key: str, email: str) -> str:
        # Signing inserts both columns itself (services.petitions.signing); this keeps an
        # ORM-made row (demo data, tests) in step.
        self.email_canonical = canonical_email(email)
        return email

    @property
    def counted(self) -> bool:
        return self.status == SignatureStatus.CONFIRMED and not self.suspicious


class SignatureCount(Base):
    """One shard of a petition's count in one area; the count is the sum of the shards."""

    __tablename__ = "signature_counts"

    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True
    )
    area_key: Mapped[str] = mapped_column(String(20), primary_key=True)
    shard: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer, default=0)


class SignatureDayCount(Base):
    """One shard of the signatures counted on one day (UTC), for the chart over time."""

    __tablename__ = "signature_day_counts"

    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    shard: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer, default=0)
