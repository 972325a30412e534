"""Position statements: the text, its topics, its published revisions, comments and endorsements."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

from models.accounts import User
from models.base import Base, UTCDateTime, utcnow
from rules.statements.workflow import State


class Statement(Base):
    """What the body says in public on an issue; `state` follows rules.statements.workflow."""

    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(150))
    summary: Mapped[str] = mapped_column(String(600))
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default=State.DRAFT, index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    consultation_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    consultation_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    first_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    last_revised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    superseded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawal_note: Mapped[str | None] = mapped_column(String(1000))
    # Other areas' ids; plain integers until polls and petitions are merged.
    related_petition_id: Mapped[int | None] = mapped_column()
    related_poll_id: Mapped[int | None] = mapped_column()

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    approver: Mapped[User | None] = relationship(foreign_keys=[approver_id])
    # The newer statement that replaces this one, and (the other way) the ones it replaced.
    superseded_by: Mapped["Statement | None"] = relationship(
        remote_side=[id], foreign_keys=[superseded_by_id], back_populates="supersedes")
    supersedes: Mapped[list["Statement"]] = relationship(
        foreign_keys=[superseded_by_id], back_populates="superseded_by")
    topics: Mapped[list["StatementTopic"]] = relationship(
        back_populates="statement", cascade="all, delete-orphan", order_by="StatementTopic.label")
    revisions: Mapped[list["StatementRevision"]] = relationship(
        back_populates="statement", cascade="all, delete-orphan",
        order_by="StatementRevision.number")
    comments: WriteOnlyMapped["ConsultationComment"] = relationship(
        cascade="all, delete-orphan", passive_deletes=True)
    endorsements: WriteOnlyMapped["Endorsement"] = relationship(
        cascade="all, delete-orphan", passive_deletes=True)

    @property
    def is_approved(self) -> bool:
        return self.approver_id is not None

    def __repr__(self) -> str:
        return f"<Statement {self.id} {self.slug} {self.state}>"


class StatementTopic(Base):
    """A tag on a statement; `slug` is what the public list filters by."""

    __tablename__ = "statement_topics"

    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
    label: Mapped[str] = mapped_column(String(40))

    statement: Mapped[Statement] = relationship(back_populates="topics")


class StatementRevision(Base):
    """The text as published at one moment; every published change adds one."""

    __tablename__ = "statement_revisions"
    __table_args__ = (UniqueConstraint("statement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column()
    # published, revised, superseded or withdrawn: what this revision recorded.
    kind: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(150))
    summary: Mapped[str] = mapped_column(String(600))
    body: Mapped[str] = mapped_column(Text)
    change_note: Mapped[str] = mapped_column(String(1000))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    statement: Mapped[Statement] = relationship(back_populates="revisions")
    author: Mapped[User | None] = relationship()


class ConsultationComment(Base):
    """A member's comment on a draft in consultation; only staff read it."""

    __tablename__ = "statement_comments"
    __table_args__ = (Index("ix_statement_comments_statement_id_id", "statement_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    member: Mapped[User | None] = relationship()


class Endorsement(Base):
    """One member standing behind a published statement; counted in public, never named."""

    __tablename__ = "statement_endorsements"
    __table_args__ = (UniqueConstraint("statement_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
