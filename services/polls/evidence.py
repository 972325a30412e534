"""Published poll results as evidence blocks in position statements."""

from sqlalchemy.orm import Session

from services.polls.results import QuestionEvidence, question_evidence
from services.statements.evidence import Evidence, EvidenceFigure


def poll_evidence(session: Session, poll_id: int) -> dict[int, Evidence]:
    """The evidence of each question of a poll, by question id; empty unless its results
    are public."""
    return {question_id: _evidence(found)
            for question_id, found in question_evidence(session, poll_id).items()}


def _evidence(found: QuestionEvidence) -> Evidence:
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
