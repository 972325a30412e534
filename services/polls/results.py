"""Poll results: counts, percentages and base per question, turnout and quorum, headlines,
charts, election counts, and the evidence card other areas embed."""

import random
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.polls import Ballot, BallotAnswer, Poll, Question
from rules.elections import CountResult, Election, count
from rules.polls.headlines import headline_from_counts
from rules.polls.percentages import percent_label
from rules.polls.quorum import QuorumCheck, check_quorum, turnout
from rules.polls.tally import QuestionSpec, QuestionTally, tally
from services.polls.charts import bar_chart
from services.polls.elections import election_of
from services.polls.running import results_visible, state, turnout_figures


@dataclass
class OptionFigure:
    option_id: int
    label: str
    count: int
    percent: int
    percent_text: str


@dataclass
class QuestionResult:
    question: Question
    base: int
    figures: list[OptionFigure]
    headlines: list[str]
    chart: Markup | None
    texts: list[str] = field(default_factory=list)  # shuffled; only shown as allowed
    election: Election | None = None
    count: CountResult | None = None


@dataclass
class PollResults:
    poll: Poll
    state: str
    ballots: int
    eligible: int
    turnout_percent: int | None
    quorum: QuorumCheck | None
    questions: list[QuestionResult]
    as_of: date


def spec_of(question: Question) -> QuestionSpec:
    return QuestionSpec(question.id, question.kind, tuple(o.id for o in question.options),
                        question.max_choices)


def load_ballots(session: Session, poll: Poll) -> dict[str, dict[int, object]]:
    """Every ballot of the poll as {question id: answer}, keyed by the ballot's random id."""
    kinds = {q.id: q.kind for q in poll.questions}
    ballots: dict[str, dict[int, object]] = {
        ballot_id: {} for ballot_id in session.scalars(
            select(Ballot.id).where(Ballot.poll_id == poll.id).order_by(Ballot.sort_key))}
    rows = session.execute(
        select(BallotAnswer.ballot_id, BallotAnswer.question_id, BallotAnswer.option_id,
               BallotAnswer.text)
        .join(Ballot, Ballot.id == BallotAnswer.ballot_id).where(Ballot.poll_id == poll.id)
        .order_by(BallotAnswer.ballot_id, BallotAnswer.question_id, BallotAnswer.position))
    for ballot_id, question_id, option_id, text in rows:
        kind = kinds[question_id]
        answers = ballots[ballot_id]
        if kind == "text":
            answers[question_id] = text
        elif kind in ("multiple", "ranked"):
            answers[question_id] = (*answers.get(question_id, ()), option_id)
        else:
            answers[question_id] = option_id
    return ballots


def _headline_predicate(question: Question, option) -> str:
    if option.statement:
        return option.statement
    return f"answered “{option.label}” to “{question.text.rstrip('?')}”"


def question_result(poll: Poll, question: Question, result: QuestionTally,
                    ballots: list[dict[int, object]] | None = None) -> QuestionResult:
    """Figures, headlines and chart of one question from its tally."""
    figures = [OptionFigure(o.id, o.label, result.counts.get(o.id, 0),
                            result.percentages.get(o.id, 0),
                            percent_label(result.counts.get(o.id, 0), result.base))
               for o in question.options]
    headlines, chart = [], None
    if question.kind != "text" and result.base:
        if not question.is_election:
            headlines = [headline_from_counts(f.count, result.base, poll.noun,
                                              _headline_predicate(question, option))
                         for f, option in zip(figures, question.options, strict=True)]
        chart = bar_chart(f"chart-{question.id}", question.text,
                          [(f.label, f.percent, f"{f.percent_text} ({f.count})")
                           for f in figures],
                          description=f"Base: {result.base} respondents. " + "; ".join(
                              f"{f.label}: {f.percent_text}, {f.count}" for f in figures))
    texts = list(result.texts)
    random.shuffle(texts)  # nosec B311
    outcome = QuestionResult(question, result.base, figures, headlines, chart, texts)
    if question.is_election and ballots is not None:
        rankings = [b[question.id] for b in ballots if b.get(question.id)]
        outcome.election = election_of(question, rankings)
        if rankings:
            outcome.count = count(outcome.election)
    return outcome


def poll_results(session: Session, poll: Poll,
                 answers: dict[str, dict[int, object]] | None = None) -> PollResults:
    """Compute every figure of a poll's results (whether they may be shown is the caller's).

    ``answers`` is ``load_ballots(session, poll)`` when the caller has it already.
    """
    answers = load_ballots(session, poll) if answers is None else answers
    ballots = list(answers.values())
    tallies = tally([spec_of(q) for q in poll.questions], ballots)
    voted, eligible = turnout_figures(session, poll)
    quorum = None
    percent = turnout(voted, eligible).percent if eligible and voted <= eligible else None
    if (poll.quorum_min_ballots is not None or poll.quorum_min_percent is not None) and eligible:
        quorum = check_quorum(voted, eligible, min_ballots=poll.quorum_min_ballots,
                              min_percent=poll.quorum_min_percent)
    from models.base import utcnow

    closed = poll.closed_at or poll.closes_at
    as_of = closed.date() if closed and state(poll) == "closed" else utcnow().date()
    return PollResults(
        poll=poll, state=state(poll), ballots=len(ballots), eligible=eligible,
        turnout_percent=percent, quorum=quorum,
        questions=[question_result(poll, q, tallies[q.id], ballots) for q in poll.questions],
        as_of=as_of)


def results_dict(results: PollResults, *, include_texts: bool) -> dict:
    """The results as JSON-ready data (the API and the CSV export read this)."""
    poll = results.poll
    return {
        "id": poll.id, "title": poll.title, "state": results.state,
        "public_poll": poll.is_public, "as_of": results.as_of.isoformat(),
        "ballots": results.ballots, "eligible": results.eligible,
        "turnout_percent": results.turnout_percent,
        "quorum": None if results.quorum is None else {
            "required_ballots": results.quorum.required, "met": results.quorum.met},
        "questions": [{
            "id": q.question.id, "text": q.question.text, "kind": q.question.kind, "base": q.base,
            "options": [{"id": f.option_id, "label": f.label, "count": f.count,
                         "percent": f.percent} for f in q.figures],
            "headlines": q.headlines,
            **({"free_text": q.texts} if include_texts and q.question.kind == "text" else {}),
            **({"election": q.count.to_dict(q.election)} if q.count else {}),
        } for q in results.questions],
    }


@dataclass(frozen=True)
class QuestionEvidence:
    """One published question's result, small enough to embed in a statement as evidence."""

    title: str
    headline: str
    figures: list[tuple[str, int, int]]  # (label, count, percent)
    base: int
    as_of: date
    svg: Markup
    url: str


def question_evidence(session: Session, poll_id: int) -> dict[int, QuestionEvidence]:
    """The evidence card of each question of a poll, by question id: empty if the poll
    does not exist or its results are not published. Free-text questions have none.

    The results are worked out once for all the questions, so a statement naming several
    questions of one poll (or one question many times) costs the queries of one.
    The headline is that of the most chosen answer; the url links to the question on
    the poll's results page.
    """
    from services.links import external_url

    poll = session.get(Poll, poll_id)
    if poll is None or not results_visible(poll):
        return {}
    results = poll_results(session, poll)
    page = external_url("polls.results", poll_id=poll.id)
    return {found.question.id: _evidence_card(found, results, page)
            for found in results.questions if found.question.kind != "text"}


def _evidence_card(found: QuestionResult, results: PollResults, page: str) -> QuestionEvidence:
    if found.headlines:
        top = max(range(len(found.figures)), key=lambda i: found.figures[i].count)
        sentence = found.headlines[top]
    elif found.count is not None:
        sentence = "Elected: " + ", ".join(found.count.elected_names(found.election)) + "."
    else:
        sentence = "No answers yet."
    question = found.question
    return QuestionEvidence(
        title=question.text, headline=sentence,
        figures=[(f.label, f.count, f.percent) for f in found.figures], base=found.base,
        as_of=results.as_of, svg=found.chart or Markup(""), url=f"{page}#question-{question.id}")
