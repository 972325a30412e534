"""Accounts: the people who sign in, their roles and their second factor."""

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from models.base import Base, UTCDateTime, utcnow
from rules.emails import canonical_email


class Role(enum.StrEnum):
    MEMBER = "member"
    STAFF = "staff"
    ADMIN = "admin"


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # As typed (mail goes here); one account per canonical form (rules.emails), kept in
    # step by `_canonical` below. Accounts migration 0009 found sharing an earlier one's
    # canonical form keep their old key instead (rules.emails.legacy_key).
    email: Mapped[str] = mapped_column(String(254))
    email_canonical: Mapped[str] = mapped_column(String(254), unique=True)
    # Part of every change-email link; bumped when one is used, so each works once.
    email_version: Mapped[int] = mapped_column(default=1)
    name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10), default=Role.MEMBER)
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Part of the session identity: bumping it signs the account out everywhere.
    session_version: Mapped[int] = mapped_column(default=1)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # The last TOTP time step accepted, so a code cannot be replayed.
    totp_last_step: Mapped[int | None] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    recovery_codes: Mapped[list["RecoveryCode"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @validates("email")
    def _canonical(self, _key: str, email: str) -> str:
        # Callers check the address first (services.accounts); here it only follows it.
        self.email_canonical = canonical_email(email)
        return email

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.closed_at is None

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.STAFF, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def needs_second_factor(self) -> bool:
        return self.is_staff

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class RecoveryCode(Base):
    """A one-time code that stands in for the authenticator app; stored hashed."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(128))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="recovery_codes")


class SecondFactorSetup(Base):
    """What second-factor set-up must keep between two requests, on the server, not in
    the session cookie: the new TOTP secret, then the recovery codes to show once.

    The session holds only the random id; a row lives for minutes (``expires_at``).
    """

    __tablename__ = "second_factor_setups"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    recovery_codes: Mapped[list | None] = mapped_column(JSON)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
