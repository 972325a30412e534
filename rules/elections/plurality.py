"""First-past-the-post: the candidates with most first preferences take the seats."""

from __future__ import annotations

from decimal import Decimal

from rules.elections.ballots import Election, valid_rankings
from rules.elections.result import CountResult, Stage
from rules.elections.ties import rank

RULE = "plurality"


def top_candidates(
    election: Election, tally: list[int], rule: str, valid_votes: int
) -> CountResult:
    """Elect the ``seats`` candidates with the highest tally in a single stage.

    Ties are settled by lot (``ties.draw_lots``); the stage note says so. With
    fewer standing candidates than seats, every standing candidate is elected.
    """
    ordered, notes = rank(election, election.continuing, tally, [], occasion=f"{rule} places")
    elected = tuple(ordered[: election.seats])
    stage = Stage(
        number=1,
        action="first count",
        votes=tuple(Decimal(v) for v in tally),
        exhausted=Decimal(0),
        elected_so_far=elected,
        excluded_so_far=(),
        note=" ".join(notes),
    )
    return CountResult(rule=rule, elected=elected, stages=(stage,), quota=None,
                       valid_votes=valid_votes)


def count_plurality(election: Election) -> CountResult:
    """Count first preferences (the first standing candidate on each paper).

    Returns:
        The ``seats`` candidates with most first preferences, highest first.
    """
    tally = [0] * len(election.candidates)
    rankings = valid_rankings(election)
    for ranking, papers in rankings.items():
        tally[ranking[0]] += papers
    return top_candidates(election, tally, RULE, sum(rankings.values()))
