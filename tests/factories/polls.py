"""Poll factories: a poll with questions, opened or closed as asked, and members' votes."""

from extensions import db
from models.polls import Poll
from services.polls import builder, running, voting
from tests.factories.accounts import create_staff

DEFAULT_QUESTIONS = (
    ("Should the government bring in new management?", "yes_no", []),
    ("How much confidence do you have in the case-management system?", "scale",
     ["No confidence", "Some confidence", "Full confidence"]),
)


def create_poll(*, title: str = "Members' survey", questions=DEFAULT_QUESTIONS,
                status: str = "draft", audience: str = "members", audience_codes=(),
                staff=None, **settings) -> Poll:
    """A poll with (text, kind, options[, extra kwargs]) questions; opened/closed by status."""
    staff = staff or create_staff()
    poll = builder.create_poll(db.session, actor=staff, title=title, audience=audience,
                               audience_codes=list(audience_codes), **settings)
    for text, kind, options, *extra in questions:
        builder.add_question(db.session, poll, actor=staff, text=text, kind=kind,
                             options=list(options), **(extra[0] if extra else {}))
    if status in ("open", "closed"):
        running.open_poll(db.session, poll, actor=staff)
    db.session.commit()
    return poll


def close(poll: Poll) -> Poll:
    running.close_poll(db.session, poll, actor=None)
    db.session.commit()
    return poll


def vote(poll: Poll, user, choices: dict[int, object] | None = None) -> str:
    """Cast user's ballot; choices map question position to an option position (or text)."""
    answers = {}
    for index, value in (choices or {0: 0}).items():
        question = poll.questions[index]
        if question.kind == "text":
            answers[question.id] = value
        elif isinstance(value, tuple):
            answers[question.id] = tuple(question.options[i].id for i in value)
        else:
            answers[question.id] = question.options[value].id
    code = voting.cast_ballot(db.session, poll, user, answers)
    db.session.commit()
    return code
