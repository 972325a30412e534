"""Finding statements to read: the public list, topics, search, and one statement's record."""

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, defer, selectinload

from models.statements import Statement, StatementRevision, StatementTopic
from rules.statements.workflow import PUBLIC_STATES, State

MAX_SEARCH = 100


def _like_term(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def public_statements(*, topic: str | None = None, search: str | None = None,
                      current_only: bool = False):
    """A select() of public statements, newest first published, filtered by topic and words.

    Every word of `search` must appear in the title, summary or body (any case);
    `current_only` leaves out superseded and withdrawn statements.
    """
    states = [State.PUBLISHED] if current_only else list(PUBLIC_STATES)
    query = (select(Statement).where(Statement.state.in_(states))
             # Lists show titles and summaries; a body (up to 60,000 characters) is not read.
             .options(defer(Statement.body), selectinload(Statement.topics))
             .order_by(Statement.first_published_at.desc(), Statement.id.desc()))
    if topic:
        query = query.where(Statement.topics.any(StatementTopic.slug == topic))
    for word in (search or "")[:MAX_SEARCH].split()[:10]:
        term = _like_term(word)
        query = query.where(or_(Statement.title.ilike(term, escape="\\"),
                                Statement.summary.ilike(term, escape="\\"),
                                Statement.body.ilike(term, escape="\\")))
    return query


def topics_in_use(session: Session) -> list[tuple[str, str, int]]:
    """(slug, label, number of public statements) for every topic on a public statement."""
    rows = session.execute(
        select(StatementTopic.slug, func.min(StatementTopic.label), func.count())
        .join(Statement).where(Statement.state.in_(list(PUBLIC_STATES)))
        .group_by(StatementTopic.slug).order_by(StatementTopic.slug))
    return [(slug, label, count) for slug, label, count in rows]


def public_statement(session: Session, slug: str) -> Statement | None:
    """The statement at `slug` if the public may read it; drafts are not public."""
    return session.scalar(select(Statement).where(
        Statement.slug == slug, Statement.state.in_(list(PUBLIC_STATES))))


def statement_by_slug(session: Session, slug: str) -> Statement | None:
    return session.scalar(select(Statement).where(Statement.slug == slug))


def revision(statement: Statement, number: int) -> StatementRevision | None:
    return next((r for r in statement.revisions if r.number == number), None)


def recent_revisions(limit: int = 50):
    """A select() of the latest public revisions of public statements, newest first."""
    return (select(StatementRevision).join(Statement)
            .where(Statement.state.in_(list(PUBLIC_STATES)))
            # The feed shows neither body, but does show each statement's topics.
            .options(defer(StatementRevision.body),
                     selectinload(StatementRevision.statement).options(
                         defer(Statement.body), selectinload(Statement.topics)))
            .order_by(StatementRevision.published_at.desc(), StatementRevision.id.desc())
            .limit(limit))


def staff_statements(state: str | None = None):
    """A select() of every statement for the staff list, most recently changed first."""
    query = (select(Statement).options(defer(Statement.body))
             .order_by(Statement.updated_at.desc(), Statement.id.desc()))
    if state in {s.value for s in State}:
        query = query.where(Statement.state == state)
    return query
