"""Elections: a ranked question with seats counted by rules.elections, and BLT in and out."""

import secrets

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models.accounts import User
from models.polls import Ballot, BallotAnswer, PollStatus, Question
from rules.elections import BLTError, CountResult, Election, count, dump, group_rankings, parse
from services import audit
from services.membership.standing import today
from services.polls import PollError

BATCH = 5000  # rows per batch of inserts


def rankings(session: Session, question: Question) -> list[tuple[int, ...]]:
    """Every ballot's ranking of the question (option ids, first preference first)."""
    rows = session.execute(
        select(BallotAnswer.ballot_id, BallotAnswer.option_id)
        .where(BallotAnswer.question_id == question.id, BallotAnswer.option_id.is_not(None))
        .order_by(BallotAnswer.ballot_id, BallotAnswer.position))
    grouped: dict[str, list[int]] = {}
    for ballot_id, option_id in rows:
        grouped.setdefault(ballot_id, []).append(option_id)
    return [tuple(ranking) for ranking in grouped.values()]


def election_of(question: Question, ballots: list[tuple[int, ...]],
                seats: int | None = None) -> Election:
    """The question as an Election: options are the candidates, in their order."""
    index = {option.id: i for i, option in enumerate(question.options)}
    papers = [tuple(index[o] for o in ranking) for ranking in ballots if ranking]
    return Election(tuple(o.label for o in question.options), seats or question.seats or 1,
                    group_rankings(papers), title=question.poll.title)


def count_question(session: Session, question: Question) -> tuple[Election, CountResult]:
    """Count an election question: IRV for one seat, Scottish STV for more."""
    election = election_of(question, rankings(session, question))
    return election, count(election)


def export_blt(session: Session, question: Question) -> str:
    """The question's ballots as a BLT file (as OpenSTV, OpaVote and eSTV read it)."""
    try:
        return dump(election_of(question, rankings(session, question)))
    except BLTError as error:
        raise PollError(str(error)) from error


def import_blt(session: Session, question: Question, text: str, *, actor: User,
               ip_address: str | None = None) -> int:
    """Add the papers of a BLT file as paper ballots of a ranked question; return how many.

    The file's candidates must be the question's options, by name. Only a poll that has
    closed (or never opened) takes paper ballots. Raises PollError with the reason.
    """
    if question.kind != "ranked":
        raise PollError("Paper ballots can be imported into a ranked question only.", "file")
    if question.poll.status == PollStatus.OPEN:
        raise PollError("Import paper ballots once the poll has closed.", "file")
    try:
        election = parse(text)
    except BLTError as error:
        raise PollError(f"The file could not be read: {error}", "file") from error
    by_name = {option.label: option.id for option in question.options}
    unknown = [name for name in election.candidates if name not in by_name]
    if unknown:
        raise PollError("These candidates are not answers of the question: "
                        + ", ".join(unknown), "file")
    papers = _insert_papers(session, question, election, by_name)
    audit.record(session, actor=actor, action="poll.paper_ballots_imported",
                 target=question.poll, ip_address=ip_address, question=question.id, papers=papers)
    return papers



def _insert_papers(session: Session, question: Question, election: Election,
                   by_name: dict[str, int]) -> int:
    """Write every paper of the election as a ballot (no receipt, no labels) in bulk.

    ``weight`` identical papers become that many ballots, each with its own random id
    and sort key. Rows go in batches of Core inserts, or by COPY on PostgreSQL (where
    psycopg would otherwise send one statement per row): a ward of 10,000 papers and
    40,000 preferences takes about a second.
    """
    day, poll_id = today(), question.poll_id
    ballots: list[tuple] = []
    answers: list[tuple] = []
    write = _copy if session.get_bind().dialect.name == "postgresql" else _insert
    papers = 0
    for weight, ranking in election.ballots:
        chosen = [by_name[election.candidates[i]] for i in ranking if i not in election.withdrawn]
        for _ in range(weight):
            ballot_id = secrets.token_hex(16)
            ballots.append((ballot_id, poll_id, day, secrets.randbits(62), "paper"))
            answers.extend((ballot_id, question.id, rank, option_id)
                           for rank, option_id in enumerate(chosen, start=1))
            papers += 1
            if len(answers) >= BATCH or len(ballots) >= BATCH:
                write(session, ballots, answers)
                ballots, answers = [], []
    write(session, ballots, answers)
    return papers


BALLOT_COLUMNS = ("id", "poll_id", "cast_on", "sort_key", "source")
ANSWER_COLUMNS = ("ballot_id", "question_id", "position", "option_id")


def _insert(session: Session, ballots: list[tuple], answers: list[tuple]) -> None:
    if ballots:
        session.execute(insert(Ballot.__table__),
                        [dict(zip(BALLOT_COLUMNS, row, strict=True)) for row in ballots])
    if answers:
        session.execute(insert(BallotAnswer.__table__),
                        [dict(zip(ANSWER_COLUMNS, row, strict=True)) for row in answers])


def _copy(session: Session, ballots: list[tuple], answers: list[tuple]) -> None:
    cursor = session.connection().connection.driver_connection.cursor()
    for table, columns, rows in ((Ballot.__tablename__, BALLOT_COLUMNS, ballots),
                                 (BallotAnswer.__tablename__, ANSWER_COLUMNS, answers)):
        if rows:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
