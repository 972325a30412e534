"""Staff building a poll: its settings, questions and options, all locked once it opens."""

from datetime import datetime

from sqlalchemy.orm import Session

from models.accounts import User
from models.polls import Audience, Option, Poll, PollStatus, Question
from rules.polls.tally import KINDS
from services import audit
from services.polls import PollError

KIND_LABELS = {
    "single": "Single choice", "multiple": "Multiple choice", "yes_no": "Yes or no",
    "scale": "Scale", "ranked": "Ranked choice (election when it has seats)", "text": "Free text",
}
LOCKED = "The questions cannot change once the poll has opened."


def _require_draft(poll: Poll) -> None:
    if poll.status != PollStatus.DRAFT:
        raise PollError(LOCKED)


def create_poll(session: Session, *, actor: User, title: str, description: str = "",
                ip_address: str | None = None, **settings) -> Poll:
    """Create a draft poll with ``title`` and optional settings (see update_settings)."""
    poll = Poll(title=title.strip(), description=description.strip(), created_by_id=actor.id,
                audience_codes=[])
    session.add(poll)
    _apply_settings(poll, settings)
    session.flush()
    audit.record(session, actor=actor, action="poll.created", target=poll,
                 ip_address=ip_address, title=poll.title)
    return poll


def _apply_settings(poll: Poll, settings: dict) -> None:
    audience = settings.get("audience", poll.audience or Audience.MEMBERS)
    codes = list(settings.get("audience_codes", poll.audience_codes or []))
    if audience not in Audience.ALL:
        raise PollError("Choose who may vote.", "audience")
    if audience in (Audience.CATEGORIES, Audience.REGIONS) and not codes:
        raise PollError("Choose at least one category or region for this audience.",
                        "audience_codes")
    opens_at: datetime | None = settings.get("opens_at", poll.opens_at)
    closes_at: datetime | None = settings.get("closes_at", poll.closes_at)
    if opens_at and closes_at and closes_at <= opens_at:
        raise PollError("The poll must close after it opens.", "closes_at")
    for name in ("min_ballots", "min_percent"):
        value = settings.get(f"quorum_{name}")
        if value is not None and (value < 0 or (name == "min_percent" and value > 100)):
            raise PollError("Give the quorum as a number of ballots, or a percentage 0–100.",
                            f"quorum_{name}")
    poll.audience = audience
    poll.audience_codes = codes if audience in (Audience.CATEGORIES, Audience.REGIONS) else []
    poll.opens_at, poll.closes_at = opens_at, closes_at
    for name in ("title", "description", "live_results", "shuffle_options", "noun",
                 "quorum_min_ballots", "quorum_min_percent"):
        if name in settings:
            value = settings[name]
            poll.__setattr__(name, value.strip() if isinstance(value, str) else value)
    if poll.is_public and poll.noun == "members":
        poll.noun = "respondents"


def update_settings(session: Session, poll: Poll, *, actor: User, ip_address: str | None = None,
                    **settings) -> Poll:
    """Change a poll's settings: title, description, audience (+ codes), opens_at, closes_at,
    live_results, shuffle_options, noun, quorum_min_ballots, quorum_min_percent.

    Audience and opening time are fixed once the poll opens; raises PollError otherwise.
    """
    if poll.status != PollStatus.DRAFT:
        for fixed in ("audience", "audience_codes", "opens_at"):
            if fixed in settings and settings[fixed] != getattr(poll, fixed):
                raise PollError("Who may vote and when it opens cannot change once the poll "
                                "has opened.", fixed)
        settings.pop("closes_at", None)  # changed by extending, with its own checks
    _apply_settings(poll, settings)
    session.flush()
    audit.record(session, actor=actor, action="poll.settings_changed", target=poll,
                 ip_address=ip_address)
    return poll


def add_question(session: Session, poll: Poll, *, actor: User, text: str, kind: str,
                 hint: str = "", options: list[str] | None = None, max_choices: int | None = None,
                 seats: int = 0, ip_address: str | None = None) -> Question:
    """Add a question with its options (yes/no gets Yes and No when none are given).

    Raises PollError when the poll has opened or the question does not make sense.
    """
    _require_draft(poll)
    if kind not in KINDS:
        raise PollError("Choose a kind of question.", "kind")
    labels = [label.strip() for label in (options or []) if label.strip()]
    if kind == "yes_no" and not labels:
        labels = ["Yes", "No"]
    if kind == "text":
        labels = []
    elif kind == "yes_no" and len(labels) != 2:
        raise PollError("A yes or no question has exactly two answers.", "options")
    elif len(labels) < 2:
        raise PollError("Give at least two answers, one a line.", "options")
    if len({label.casefold() for label in labels}) != len(labels):
        raise PollError("Two answers are the same; each answer must differ.", "options")
    if max_choices is not None and (kind != "multiple" or not 1 <= max_choices <= len(labels)):
        raise PollError("A maximum applies to multiple choice only, between 1 and the number "
                        "of answers.", "max_choices")
    if seats and (kind != "ranked" or not 0 < seats < len(labels)):
        raise PollError("Seats apply to ranked questions only, and must be fewer than the "
                        "candidates.", "seats")
    question = Question(poll=poll, text=text.strip(), hint=hint.strip(), kind=kind,
                        max_choices=max_choices, seats=seats or 0,
                        position=len(poll.questions))
    question.options = [Option(label=label, position=i) for i, label in enumerate(labels)]
    session.add(question)
    session.flush()
    audit.record(session, actor=actor, action="poll.question_added", target=poll,
                 ip_address=ip_address, question=question.text)
    return question


def remove_question(session: Session, question: Question, *, actor: User,
                    ip_address: str | None = None) -> None:
    """Delete a question of a draft poll. Raises PollError once the poll has opened."""
    poll = question.poll
    _require_draft(poll)
    poll.questions.remove(question)
    for i, remaining in enumerate(poll.questions):
        remaining.position = i
    session.flush()
    audit.record(session, actor=actor, action="poll.question_removed", target=poll,
                 ip_address=ip_address, question=question.text)


def add_option(session: Session, question: Question, *, actor: User, label: str,
               statement: str = "", ip_address: str | None = None) -> Option:
    """Add an answer at the end of a question. Raises PollError once the poll has opened."""
    _require_draft(question.poll)
    label = label.strip()
    if question.kind in ("text", "yes_no"):
        raise PollError("This kind of question takes no more answers.", "label")
    if not label:
        raise PollError("Write the answer.", "label")
    if label.casefold() in {o.label.casefold() for o in question.options}:
        raise PollError("That answer is already there.", "label")
    option = Option(label=label, statement=statement.strip(), position=len(question.options))
    question.options.append(option)
    session.flush()
    audit.record(session, actor=actor, action="poll.option_added", target=question.poll,
                 ip_address=ip_address, option=label)
    return option


def update_option(session: Session, option: Option, *, actor: User, label: str,
                  statement: str = "", ip_address: str | None = None) -> Option:
    """Reword an answer and its headline statement. Raises PollError once the poll has opened."""
    _require_draft(option.question.poll)
    if not label.strip():
        raise PollError("Write the answer.", "label")
    option.label, option.statement = label.strip(), statement.strip()
    session.flush()
    audit.record(session, actor=actor, action="poll.option_changed", target=option.question.poll,
                 ip_address=ip_address, option=option.label)
    return option


def move_option(session: Session, option: Option, *, actor: User, by: int,
                ip_address: str | None = None) -> None:
    """Move an answer up (by=-1) or down (by=+1). Raises PollError once the poll has opened."""
    question = option.question
    _require_draft(question.poll)
    options = list(question.options)
    index = options.index(option)
    target = index + by
    if not 0 <= target < len(options):
        return
    options[index], options[target] = options[target], options[index]
    for i, each in enumerate(options):
        each.position = i
    session.flush()
    session.expire(question, ["options"])
    audit.record(session, actor=actor, action="poll.option_moved", target=question.poll,
                 ip_address=ip_address, option=option.label, by=by)


def remove_option(session: Session, option: Option, *, actor: User,
                  ip_address: str | None = None) -> None:
    """Delete an answer, keeping at least two. Raises PollError once the poll has opened."""
    question = option.question
    _require_draft(question.poll)
    if len(question.options) <= 2:
        raise PollError("A question needs at least two answers.")
    question.options.remove(option)
    for i, each in enumerate(question.options):
        each.position = i
    session.flush()
    audit.record(session, actor=actor, action="poll.option_removed", target=question.poll,
                 ip_address=ip_address, option=option.label)
