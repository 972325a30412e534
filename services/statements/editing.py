"""Writing statements: create and edit drafts, with their topics and consultation period."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import User
from models.base import utcnow
from models.statements import Statement, StatementTopic
from rules.statements.shortcodes import MAX_EVIDENCE_BLOCKS, count_shortcode_lines
from rules.statements.slugs import parse_topics, slugify, topic_slug, unique_slug
from rules.statements.workflow import Action, State, next_state
from services import audit
from services.statements.errors import StatementError

MAX_TITLE = 150
MAX_SUMMARY = 600
MAX_BODY = 60_000
# Paths under /statements/ that a statement's address must not take.
RESERVED_SLUGS = frozenset({"consultations", "feed", "new"})


@dataclass
class StatementText:
    """What an author writes: the words, topics, consultation period and related items."""

    title: str
    summary: str
    body: str
    topics: str = ""
    consultation_opens_at: datetime | None = None
    consultation_closes_at: datetime | None = None
    related_petition_id: int | None = None
    related_poll_id: int | None = None
    topic_labels: list[str] = field(default_factory=list, init=False)

    def checked(self) -> "StatementText":
        """Tidy and check the text; raise StatementError naming the field at fault."""
        self.title = " ".join(self.title.split())
        self.summary = " ".join(self.summary.split())
        self.body = self.body.replace("\r\n", "\n").strip()
        if not self.title:
            raise StatementError("Enter a title.", "title")
        if len(self.title) > MAX_TITLE:
            raise StatementError(f"Keep the title under {MAX_TITLE} characters.", "title")
        if not self.summary:
            raise StatementError("Enter a one-paragraph summary.", "summary")
        if len(self.summary) > MAX_SUMMARY:
            raise StatementError(f"Keep the summary under {MAX_SUMMARY} characters.", "summary")
        if not self.body:
            raise StatementError("Write the statement itself.", "body")
        if len(self.body) > MAX_BODY:
            raise StatementError(f"Keep the statement under {MAX_BODY:,} characters.", "body")
        blocks = count_shortcode_lines(self.body)
        if blocks > MAX_EVIDENCE_BLOCKS:
            raise StatementError(f"A statement can show at most {MAX_EVIDENCE_BLOCKS} evidence "
                                 f"blocks; this one has {blocks:,}. Keep the ones that make "
                                 "the case and link to the rest.", "body")
        try:
            self.topic_labels = parse_topics(self.topics)
        except ValueError as error:
            raise StatementError(str(error), "topics") from error
        opens, closes = self.consultation_opens_at, self.consultation_closes_at
        if (opens is None) != (closes is None):
            field_name = "consultation_closes_at" if closes is None else "consultation_opens_at"
            raise StatementError("Give both the opening and closing time of the consultation, "
                                 "or neither.", field_name)
        if opens is not None and closes <= opens:
            raise StatementError("The consultation must close after it opens.",
                                 "consultation_closes_at")
        for name in ("related_petition_id", "related_poll_id"):
            value = getattr(self, name)
            if value is not None and not 0 < value < 2**31:
                raise StatementError("Enter the number of the petition or poll, or leave it "
                                     "blank.", name)
        return self


def _taken_slugs(session: Session, base: str, excluding: int | None) -> set[str]:
    query = select(Statement.slug).where(Statement.slug.startswith(base[:60]))
    if excluding is not None:
        query = query.where(Statement.id != excluding)
    with session.no_autoflush:
        return set(session.scalars(query)) | RESERVED_SLUGS


def _apply(session: Session, statement: Statement, text: StatementText) -> None:
    statement.title, statement.summary, statement.body = text.title, text.summary, text.body
    statement.consultation_opens_at = text.consultation_opens_at
    statement.consultation_closes_at = text.consultation_closes_at
    statement.related_petition_id = text.related_petition_id
    statement.related_poll_id = text.related_poll_id
    set_topics(statement, text.topic_labels)
    statement.updated_at = utcnow()
    if statement.first_published_at is None:
        # The address follows the title until the statement is first published.
        base = slugify(text.title)
        statement.slug = unique_slug(base, _taken_slugs(session, base, statement.id))


def set_topics(statement: Statement, labels: list[str]) -> None:
    """Replace a statement's topics with `labels` (already parsed)."""
    wanted = {topic_slug(label): label for label in labels}
    statement.topics = [t for t in statement.topics if t.slug in wanted]
    have = {t.slug: t for t in statement.topics}
    for slug, label in wanted.items():
        if slug in have:
            have[slug].label = label
        else:
            statement.topics.append(StatementTopic(slug=slug, label=label))


def create_draft(session: Session, text: StatementText, *, author: User,
                 ip_address: str | None = None) -> Statement:
    """Start a new draft statement written by `author`; raises StatementError on bad text."""
    text.checked()
    statement = Statement(state=State.DRAFT, author=author, slug="")
    session.add(statement)
    _apply(session, statement, text)
    session.flush()
    audit.record(session, actor=author, action="statement.created", target=statement,
                 ip_address=ip_address, title=statement.title)
    return statement


def edit_draft(session: Session, statement: Statement, text: StatementText, *, editor: User,
               ip_address: str | None = None) -> Statement:
    """Change a draft's text; only drafts can be edited (published ones are revised)."""
    if next_state(statement.state, Action.EDIT) is None:
        raise StatementError("Only a draft can be edited. Return it to draft first, or revise "
                             "the published statement.")
    text.checked()
    _apply(session, statement, text)
    session.flush()
    audit.record(session, actor=editor, action="statement.edited", target=statement,
                 ip_address=ip_address)
    return statement
