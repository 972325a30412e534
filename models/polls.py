"""Polls: questions and options, who may vote, who voted, and the ballots (kept apart).

Secrecy is in the shape of these tables. ``PollParticipation`` says *who* voted and
``Ballot``/``BallotAnswer`` say *what* was voted; nothing joins them: no user column,
no foreign key, no sequential id (a ballot's key is random, an answer's key is its
ballot, question and position), and no time finer than the day. Listing ballots by
their random ``sort_key`` reveals nothing about the order they were cast in.

For breakdowns a ballot carries the voter's coarse group labels (region, membership
category code and role, as snapshot in the eligibility list when the poll opened).
They never name a person; a small group is protected by suppression when results
are shown (rules.polls.suppression), and a label shared by fewer than 10 eligible
voters is stored as "other" (see services.polls.voting), so no label alone points at
one person.
"""

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, utcnow


class PollStatus:
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Audience:
    MEMBERS = "members"  # all members in good standing
    CATEGORIES = "categories"  # members in good standing in chosen categories
    REGIONS = "regions"  # members in good standing in chosen regions
    PUBLIC = "public"  # anyone with the link, confirmed by email
    ALL = (MEMBERS, CATEGORIES, REGIONS, PUBLIC)


class Poll(Base):
    """A survey or election: its questions, audience, timing and how results are shown."""

    __tablename__ = "polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=PollStatus.DRAFT, index=True)
    audience: Mapped[str] = mapped_column(String(12), default=Audience.MEMBERS)
    audience_codes: Mapped[list] = mapped_column(JSON, default=list)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    live_results: Mapped[bool] = mapped_column(default=False)
    shuffle_options: Mapped[bool] = mapped_column(default=False)
    publish_free_text: Mapped[bool] = mapped_column(default=False)
    quorum_min_ballots: Mapped[int | None] = mapped_column()
    quorum_min_percent: Mapped[int | None] = mapped_column()
    # Who the headline sentences speak of: "members", "respondents", "social workers".
    noun: Mapped[str] = mapped_column(String(40), default="members")
    eligible_count: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    questions: Mapped[list["Question"]] = relationship(
        back_populates="poll", order_by="Question.position", cascade="all, delete-orphan")

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC

    def __repr__(self) -> str:
        return f"<Poll {self.id} {self.status}>"


class Question(Base):
    """One question of a poll; ``kind`` is one of rules.polls.tally.KINDS."""

    __tablename__ = "poll_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(String(500))
    hint: Mapped[str] = mapped_column(String(500), default="")
    kind: Mapped[str] = mapped_column(String(10))
    max_choices: Mapped[int | None] = mapped_column()
    # Ranked questions only: seats > 0 makes it an election counted by rules.elections.
    seats: Mapped[int] = mapped_column(default=0)

    poll: Mapped[Poll] = relationship(back_populates="questions")
    options: Mapped[list["Option"]] = relationship(
        back_populates="question", order_by="Option.position", cascade="all, delete-orphan")

    @property
    def is_election(self) -> bool:
        return self.kind == "ranked" and self.seats > 0


class Option(Base):
    """An answer a question offers (a candidate, for an election)."""

    __tablename__ = "poll_options"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("poll_questions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str] = mapped_column(String(200))
    # Optional: what choosing it says, for headlines ("believe the case was symptomatic").
    statement: Mapped[str] = mapped_column(String(200), default="")

    question: Mapped[Question] = relationship(back_populates="options")


class PollEligibility(Base):
    """Who may vote in a members' poll: the snapshot taken when it opened, plus late joiners.

    The group labels are the member's at that moment; the ballot copies them.
    """

    __tablename__ = "poll_eligibility"

    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"),
                                         primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    region: Mapped[str | None] = mapped_column(String(30))
    category: Mapped[str | None] = mapped_column(String(40))
    role: Mapped[str | None] = mapped_column(String(30))
    late: Mapped[bool] = mapped_column(default=False)


class PollParticipation(Base):
    """Who has voted: one row per member per poll (the primary key is the constraint).

    It says nothing of what was voted, and only the day.
    """

    __tablename__ = "poll_participations"

    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"),
                                         primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    voted_on: Mapped[date] = mapped_column(Date)


class PublicParticipation(Base):
    """Who has responded to a public poll: a keyed digest of the confirmed email address."""

    __tablename__ = "poll_public_participations"

    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"),
                                         primary_key=True)
    email_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    responded_on: Mapped[date] = mapped_column(Date)


class Ballot(Base):
    """What one voter voted, with no trace of who: see the module docstring."""

    __tablename__ = "ballots"
    __table_args__ = (
        UniqueConstraint("poll_id", "receipt_code"),
        Index("ix_ballots_poll_id_sort_key", "poll_id", "sort_key"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random, not sequential
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"))
    cast_on: Mapped[date] = mapped_column(Date)
    sort_key: Mapped[int] = mapped_column(BigInteger)  # random: listing order reveals nothing
    # Shown once to the voter and published after close; None for paper ballots (BLT import).
    receipt_code: Mapped[str | None] = mapped_column(String(20))
    region: Mapped[str | None] = mapped_column(String(30))
    category: Mapped[str | None] = mapped_column(String(40))
    role: Mapped[str | None] = mapped_column(String(30))
    source: Mapped[str] = mapped_column(String(10), default="online")


class BallotAnswer(Base):
    """One mark on a ballot: an option chosen (with its rank on a ranked question) or a text."""

    __tablename__ = "ballot_answers"

    ballot_id: Mapped[str] = mapped_column(ForeignKey("ballots.id", ondelete="CASCADE"),
                                           primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("poll_questions.id", ondelete="CASCADE"),
                                             primary_key=True, index=True)
    # Rank on a ranked question (1 = first), otherwise the n-th mark; part of the key.
    position: Mapped[int] = mapped_column(primary_key=True, default=1)
    option_id: Mapped[int | None] = mapped_column(
        ForeignKey("poll_options.id", ondelete="CASCADE"), index=True)
    text: Mapped[str | None] = mapped_column(Text)
