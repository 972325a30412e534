"""Published poll results as evidence blocks in position statements."""

from sqlalchemy.orm import Session

from services.polls.results import question_evidence
from services.statements.evidence import Evidence, EvidenceFigure


def poll_evidence(session: Session, poll_id: int, question_id: int) -> Evidence | None:
    """The evidence of one question for a statement, or None if its results are not public."""
    found = question_evidence(session, poll_id, question_id)
    if found is None:
        return None
    return Evidence(
        title=found.title,
        headline=found.headline,
        figures=[EvidenceFigure(label, f"{percent}% ({count:,})")
                 for label, count, percent in found.figures],
        base_n=found.base,
        as_of=found.as_of,
        svg=found.svg or None,
        url=found.url,
        base_label="members who answered",
    )
