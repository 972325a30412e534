"""Running a poll: opening it (and taking the eligibility snapshot), closing, extending."""

from datetime import datetime

from sqlalchemy import Integer, func, insert, literal, select
from sqlalchemy.orm import Session

from models.accounts import User
from models.base import utcnow
from models.membership import Membership, MembershipCategory
from models.polls import (
    Audience,
    Ballot,
    Poll,
    PollEligibility,
    PollParticipation,
    PollStatus,
    PublicParticipation,
)
from rules.polls import lifecycle
from services import audit
from services.accounts import find_by_email
from services.membership.standing import members_in_good_standing
from services.polls import PollError


def state(poll: Poll, now: datetime | None = None) -> str:
    """The poll's state now: draft, scheduled, open or closed (see rules.polls.lifecycle)."""
    return lifecycle.poll_state(poll.status, poll.opens_at, poll.closes_at, now or utcnow())


def results_visible(poll: Poll, now: datetime | None = None) -> bool:
    """Whether anyone may see the poll's results now."""
    return lifecycle.results_visible(state(poll, now), poll.live_results)


def _snapshot(session: Session, poll: Poll) -> int:
    """Write the eligibility rows of a members' poll in one INSERT ... SELECT; return how many."""
    query = members_in_good_standing(
        session,
        category_codes=poll.audience_codes if poll.audience == Audience.CATEGORIES else None,
        region_codes=poll.audience_codes if poll.audience == Audience.REGIONS else None,
    ).order_by(None)
    members = query.subquery()
    rows = (select(literal(poll.id, Integer).label("poll_id"),
                   members.c.user_id, members.c.region, MembershipCategory.code, members.c.role)
            .join(MembershipCategory, MembershipCategory.id == members.c.category_id))
    session.execute(insert(PollEligibility).from_select(
        ["poll_id", "user_id", "region", "category", "role"], rows))
    return session.scalar(select(func.count()).select_from(PollEligibility)
                          .where(PollEligibility.poll_id == poll.id)) or 0


def open_poll(session: Session, poll: Poll, *, actor: User | None,
              ip_address: str | None = None) -> Poll:
    """Open a draft poll now: lock its questions and snapshot who may vote.

    Raises PollError if it is not a draft or has no questions.
    """
    if poll.status != PollStatus.DRAFT:
        raise PollError("Only a poll that has not opened yet can be opened.")
    if not poll.questions:
        raise PollError("Add at least one question before opening the poll.")
    now = utcnow()
    if poll.closes_at is not None and poll.closes_at <= now:
        raise PollError("The closing time has passed; set a later one first.", "closes_at")
    poll.status, poll.opened_at = PollStatus.OPEN, now
    session.flush()
    if not poll.is_public:
        poll.eligible_count = _snapshot(session, poll)
    session.flush()
    audit.record(session, actor=actor, action="poll.opened", target=poll, ip_address=ip_address,
                 eligible=poll.eligible_count)
    return poll


def close_poll(session: Session, poll: Poll, *, actor: User | None,
               ip_address: str | None = None) -> Poll:
    """Close an open poll now. Raises PollError unless it is open."""
    if poll.status != PollStatus.OPEN:
        raise PollError("Only an open poll can be closed.")
    poll.status, poll.closed_at = PollStatus.CLOSED, utcnow()
    if poll.closes_at is None or poll.closes_at > poll.closed_at:
        poll.closes_at = poll.closed_at
    session.flush()
    audit.record(session, actor=actor, action="poll.closed", target=poll, ip_address=ip_address)
    return poll


def extend_poll(session: Session, poll: Poll, *, actor: User, closes_at: datetime,
                ip_address: str | None = None) -> Poll:
    """Move the closing time later, before the poll has closed. Raises PollError otherwise."""
    problem = lifecycle.extension_problem(state(poll), poll.closes_at, closes_at, utcnow())
    if problem:
        raise PollError(problem, "closes_at")
    old = poll.closes_at
    poll.closes_at = closes_at
    session.flush()
    audit.record(session, actor=actor, action="poll.extended", target=poll, ip_address=ip_address,
                 old=old.isoformat() if old else None, new=closes_at.isoformat())
    return poll


def open_and_close_due(session: Session, now: datetime | None = None) -> tuple[int, int]:
    """Open the scheduled polls whose time has come and close the expired ones.

    Run by cron (``flask --app app polls open-close-due``); returns (opened, closed).
    """
    now = now or utcnow()
    opened = closed = 0
    candidates = session.scalars(select(Poll).where(
        Poll.status.in_([PollStatus.DRAFT, PollStatus.OPEN])).order_by(Poll.id)).all()
    for poll in candidates:
        action = lifecycle.due_action(poll.status, poll.opens_at, poll.closes_at, now)
        if action == "open" and poll.questions:
            open_poll(session, poll, actor=None)
            opened += 1
        elif action == "close":
            close_poll(session, poll, actor=None)
            closed += 1
    return opened, closed


def allow_late_joiner(session: Session, poll: Poll, *, actor: User, email: str,
                      ip_address: str | None = None) -> PollEligibility:
    """Let a member who was not on the snapshot vote in an open members' poll.

    Raises PollError if the poll is not open, public, or the person is not a member or
    already eligible.
    """
    if poll.is_public or state(poll) != lifecycle.OPEN:
        raise PollError("Late joiners can be added only to an open members' poll.")
    user = find_by_email(session, email)
    membership = user and session.scalar(select(Membership).where(Membership.user_id == user.id))
    if membership is None:
        raise PollError("No member has that email address.", "email")
    if session.get(PollEligibility, (poll.id, user.id)) is not None:
        raise PollError("That member may already vote in this poll.", "email")
    row = PollEligibility(poll_id=poll.id, user_id=user.id, region=membership.region,
                          category=membership.category.code, role=membership.role, late=True)
    session.add(row)
    poll.eligible_count += 1
    session.flush()
    audit.record(session, actor=actor, action="poll.late_joiner_allowed", target=poll,
                 ip_address=ip_address, user_id=user.id)
    return row


def turnout_figures(session: Session, poll: Poll) -> tuple[int, int]:
    """(ballots cast, voters eligible). For a public poll both are the confirmed responses."""
    if poll.is_public:
        ballots = session.scalar(select(func.count()).select_from(Ballot)
                                 .where(Ballot.poll_id == poll.id, Ballot.source == "online")) or 0
        responded = session.scalar(select(func.count()).select_from(PublicParticipation)
                                   .where(PublicParticipation.poll_id == poll.id)) or 0
        return ballots, responded
    voted = session.scalar(select(func.count()).select_from(PollParticipation)
                           .where(PollParticipation.poll_id == poll.id)) or 0
    return voted, poll.eligible_count
