"""Membership: categories, each member's membership, its history, payments and Stripe events."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.accounts import User
from models.base import Base, UTCDateTime, utcnow
from rules.membership.events import Status
from rules.membership.periods import PeriodRule

MembershipStatus = Status


class PaymentMethod:
    """How a payment was made; stored as these strings."""

    CARD = "card"
    INVOICE = "invoice"
    DIRECT_DEBIT = "direct_debit"
    PAYROLL = "payroll"
    MANUAL = "manual"
    ALL = (CARD, INVOICE, DIRECT_DEBIT, PAYROLL, MANUAL)
    # What a member may choose when paying without Stripe; staff then record the payment.
    MANUAL_CHOICES = (INVOICE, DIRECT_DEBIT, PAYROLL)


class MembershipCategory(Base):
    """A kind of membership with its annual fee, who may choose it and its period rule."""

    __tablename__ = "membership_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    eligibility: Mapped[str] = mapped_column(String(300), default="")
    annual_fee_pence: Mapped[int] = mapped_column(default=0)
    monthly_allowed: Mapped[bool] = mapped_column(default=False)
    # Unwaged or hardship: staff confirm the member qualifies before the membership starts.
    needs_approval: Mapped[bool] = mapped_column(default=False)
    period_kind: Mapped[str] = mapped_column(String(10), default="rolling")
    year_start_month: Mapped[int | None] = mapped_column()
    year_start_day: Mapped[int | None] = mapped_column()
    pro_rata: Mapped[bool] = mapped_column(default=False)
    roll_over_month: Mapped[int | None] = mapped_column()
    roll_over_day: Mapped[int | None] = mapped_column()
    open_to_new_members: Mapped[bool] = mapped_column(default=True)
    stripe_annual_price_id: Mapped[str | None] = mapped_column(String(255))
    stripe_monthly_price_id: Mapped[str | None] = mapped_column(String(255))
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def period_rule(self) -> PeriodRule:
        """The pure period rule this category's settings describe."""
        if self.period_kind != "fixed":
            return PeriodRule.rolling()
        roll_over = None
        if self.roll_over_month and self.roll_over_day:
            roll_over = (self.roll_over_month, self.roll_over_day)
        return PeriodRule.fixed(self.year_start_month or 1, self.year_start_day or 1,
                                pro_rata=self.pro_rata, roll_over=roll_over)

    def __repr__(self) -> str:
        return f"<MembershipCategory {self.code}>"


class Membership(Base):
    """One user's membership. Its status columns cache the lifecycle replayed from its events."""

    __tablename__ = "memberships"
    __table_args__ = (Index("ix_memberships_status_standing_ends", "status", "standing_ends"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    member_number: Mapped[str | None] = mapped_column(String(8), unique=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("membership_categories.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=Status.PENDING)
    status_since: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    grace_ends: Mapped[date | None] = mapped_column(Date)
    # The first day the member no longer counts as in good standing (None: open-ended), so
    # good standing is right even on a day the sweep has not yet run.
    standing_ends: Mapped[date | None] = mapped_column(Date)
    cancel_at_period_end: Mapped[bool] = mapped_column(default=False)
    pending_category_id: Mapped[int | None] = mapped_column(
        ForeignKey("membership_categories.id"))
    billing: Mapped[str] = mapped_column(String(10), default="annual")
    payment_method: Mapped[str] = mapped_column(String(20), default=PaymentMethod.INVOICE)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    regulator: Mapped[str | None] = mapped_column(String(10))
    registration_number: Mapped[str | None] = mapped_column(String(20))
    nation: Mapped[str | None] = mapped_column(String(20), index=True)
    region: Mapped[str | None] = mapped_column(String(30), index=True)
    sector: Mapped[str | None] = mapped_column(String(30), index=True)
    role: Mapped[str | None] = mapped_column(String(30))
    consent_to_contact: Mapped[bool] = mapped_column(default=False)
    joined_on: Mapped[date] = mapped_column(Date)
    stripe_customer_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    stripe_subscription_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship()
    category: Mapped[MembershipCategory] = relationship(foreign_keys=[category_id])
    pending_category: Mapped[MembershipCategory | None] = relationship(
        foreign_keys=[pending_category_id])

    def __repr__(self) -> str:
        return f"<Membership {self.member_number} {self.status}>"


class MembershipEvent(Base):
    """One dated thing that happened to a membership; the lifecycle is replayed from these."""

    __tablename__ = "membership_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(
        ForeignKey("memberships.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    on: Mapped[date] = mapped_column(Date)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Payment(Base):
    """A payment of dues. Kept when an account is closed, for the accounts."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), index=True)
    amount_pence: Mapped[int] = mapped_column()
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    method: Mapped[str] = mapped_column(String(20))
    # Stripe invoice id, or the reference staff type for a manual payment: unique either way,
    # so the same payment can never be recorded twice.
    provider_reference: Mapped[str] = mapped_column(String(255), unique=True)
    paid_on: Mapped[date] = mapped_column(Date)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    membership: Mapped[Membership] = relationship()


class StripeEvent(Base):
    """A Stripe webhook event we have received: its unique id makes applying it idempotent."""

    __tablename__ = "stripe_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(255), unique=True)
    type: Mapped[str] = mapped_column(String(80))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SweepRecord(Base):
    """An action the daily sweep has taken for a membership (a reminder, a transition).

    The unique key per membership means the sweep never does the same thing twice.
    """

    __tablename__ = "membership_sweep_records"
    __table_args__ = (UniqueConstraint("membership_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(60))
    done_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
