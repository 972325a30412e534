"""Counting member elections: plurality, approval, instant runoff and Scottish STV."""

from rules.elections.approval import count_approval
from rules.elections.ballots import Election, group_rankings
from rules.elections.blt import BLTError, dump, parse
from rules.elections.irv import count_irv
from rules.elections.plurality import count_plurality
from rules.elections.result import CountResult, Stage
from rules.elections.scottish_stv import count_scottish_stv, droop_quota

__all__ = [
    "BLTError",
    "CountResult",
    "Election",
    "Stage",
    "count",
    "count_approval",
    "count_irv",
    "count_plurality",
    "count_scottish_stv",
    "droop_quota",
    "dump",
    "group_rankings",
    "parse",
]


def count(election: Election) -> CountResult:
    """Count a ranked election: instant runoff for one seat, Scottish STV for more."""
    if election.seats == 1:
        return count_irv(election)
    return count_scottish_stv(election)
