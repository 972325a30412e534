"""Instant-runoff voting for a single seat."""

from __future__ import annotations

from decimal import Decimal

from rules.elections.ballots import Election, valid_rankings
from rules.elections.result import CountResult, Stage
from rules.elections.ties import pick
from rules.elections.transfers import Piles

RULE = "irv"


def count_irv(election: Election) -> CountResult:
    """Exclude the lowest candidate until one holds a majority of the continuing votes.

    A majority means more than half of the papers still counting for some
    candidate (exhausted papers drop out). Ties for lowest are settled by the
    most recent earlier stage at which the tied candidates differed, then by lot.

    Raises:
        ValueError: if the election is for more than one seat.
    """
    if election.seats != 1:
        raise ValueError(f"instant runoff fills one seat; this election has {election.seats}")
    rankings = valid_rankings(election)
    piles = Piles(len(election.candidates), rankings, 1)
    for index in election.withdrawn:
        piles.continuing[index] = False
    hopeful = list(election.continuing)
    excluded: list[int] = []
    history: list[tuple[int, ...]] = []
    stages: list[Stage] = []
    exhausted = 0
    action, notes = "first count", []
    while True:
        votes = piles.votes
        history.append(tuple(votes))
        continuing_votes = sum(votes[c] for c in hopeful)
        leader = max(hopeful, key=lambda c: votes[c], default=None)
        won = leader is not None and (2 * votes[leader] > continuing_votes or len(hopeful) == 1)
        if won and len(hopeful) == 1:
            notes.append(f"{election.name(leader)} is the last continuing candidate.")
        elif won:
            notes.append(f"{election.name(leader)} has a majority of continuing votes "
                         f"({votes[leader]} of {continuing_votes}).")
        stages.append(Stage(
            number=len(stages) + 1, action=action,
            votes=tuple(Decimal(v) for v in votes), exhausted=Decimal(exhausted),
            elected_so_far=(leader,) if won else (), excluded_so_far=tuple(excluded),
            note=" ".join(notes),
        ))
        if won or not hopeful:
            break
        lowest = min(votes[c] for c in hopeful)
        loser, note = pick(election, [c for c in hopeful if votes[c] == lowest], history,
                           lowest=True, occasion=f"stage {len(stages) + 1} exclusion")
        hopeful.remove(loser)
        excluded.append(loser)
        exhausted += piles.transfer(loser)[1]
        action, notes = f"exclusion of {election.name(loser)}", [note] if note else []
    return CountResult(
        rule=RULE,
        elected=(leader,) if won else (),
        stages=tuple(stages),
        quota=None,
        valid_votes=sum(rankings.values()),
    )
