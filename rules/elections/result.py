"""The record of a count: its stages and who was elected, ready to show or publish."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rules.elections.ballots import Election

# Transferable votes are counted in whole units of 1/100000 of a vote, the
# precision the Scottish Order fixes for transfer values; stages show them as
# Decimals with five places, so no float ever touches a vote.
SCALE = 100_000
PLACES = 5


def to_votes(units: int) -> Decimal:
    """Turn a whole number of 1/100000 vote units into an exact Decimal vote."""
    return Decimal(units).scaleb(-PLACES)


@dataclass(frozen=True)
class Stage:
    """One stage of a count.

    ``votes`` holds each candidate's total at the end of the stage, indexed like
    ``Election.candidates`` (withdrawn candidates hold 0). Vote figures are exact
    Decimals: whole numbers for plurality, approval and IRV; five decimal places
    for Scottish STV. ``exhausted`` is the value of non-transferable papers so far
    and ``lost_to_fractions`` what truncating transfer values has dropped so far.
    """

    number: int
    action: str
    votes: tuple[Decimal, ...]
    exhausted: Decimal
    elected_so_far: tuple[int, ...]
    excluded_so_far: tuple[int, ...]
    note: str = ""
    lost_to_fractions: Decimal = Decimal(0)


@dataclass(frozen=True)
class CountResult:
    """The outcome of counting one election under one named rule.

    ``elected`` lists candidate indexes in order of election; ``quota`` is the
    whole number of votes that secures a seat, or None for rules without one;
    ``valid_votes`` is the number of valid ballot papers.
    """

    rule: str
    elected: tuple[int, ...]
    stages: tuple[Stage, ...]
    quota: int | None
    valid_votes: int

    def elected_names(self, election: Election) -> list[str]:
        """Names of the elected candidates, in order of election."""
        return [election.candidates[i] for i in self.elected]

    def to_dict(self, election: Election) -> dict[str, Any]:
        """A JSON-ready record of the count.

        Vote figures are strings (``"1234.56789"``) so that no precision is lost
        in JSON; counts of papers and the quota are integers.
        """
        names = election.candidates
        return {
            "rule": self.rule,
            "title": election.title,
            "seats": election.seats,
            "candidates": list(names),
            "withdrawn": [names[i] for i in sorted(election.withdrawn)],
            "elected": self.elected_names(election),
            "quota": self.quota,
            "valid_votes": self.valid_votes,
            "stages": [
                {
                    "number": stage.number,
                    "action": stage.action,
                    "votes": {names[i]: str(v) for i, v in enumerate(stage.votes)},
                    "exhausted": str(stage.exhausted),
                    "lost_to_fractions": str(stage.lost_to_fractions),
                    "elected": [names[i] for i in stage.elected_so_far],
                    "excluded": [names[i] for i in stage.excluded_so_far],
                    "note": stage.note,
                }
                for stage in self.stages
            ],
        }
