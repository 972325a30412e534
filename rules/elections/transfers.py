"""Ballot papers held by each candidate, and moving them on to the next preference."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rules.elections.ballots import Ranking

# A parcel is `papers` identical papers ranking `ranking`, currently counted for
# ranking[position], each worth `value` units. Papers are kept as parcels rather
# than one by one, so a stage only walks the parcels of the candidate being
# transferred, never the whole ballot box.
Parcel = tuple[Ranking, int, int, int]


class Piles:
    """Every candidate's parcels and vote total (in whole units)."""

    def __init__(self, size: int, rankings: Mapping[Ranking, int], unit: int) -> None:
        """Sort the papers into parcels by first preference (rule 45).

        Args:
            size: number of candidates.
            rankings: papers per ranking, withdrawn candidates already struck out.
            unit: the value of one whole paper.
        """
        self.continuing = [True] * size
        self.parcels: list[list[Parcel]] = [[] for _ in range(size)]
        self.votes = [0] * size
        for ranking, papers in rankings.items():
            first = ranking[0]
            self.parcels[first].append((ranking, 0, papers, unit))
            self.votes[first] += papers * unit

    def transfer(
        self, source: int, revalue: Callable[[int], int] | None = None
    ) -> tuple[int, int]:
        """Move all of ``source``'s papers to their next continuing preference.

        ``source`` is withdrawn from the continuing candidates first, and its
        vote total drops to zero (the caller restores a quota if it was elected).

        Args:
            source: the candidate whose papers move.
            revalue: maps a paper's value to its transfer value; None keeps it.

        Returns:
            The total value passed on and the value of non-transferable papers.
        """
        self.continuing[source] = False
        continuing, parcels, votes = self.continuing, self.parcels, self.votes
        passed = lost = 0
        for ranking, position, papers, value in parcels[source]:
            if revalue is not None:
                value = revalue(value)
            worth = papers * value
            for next_position in range(position + 1, len(ranking)):
                target = ranking[next_position]
                if continuing[target]:
                    parcels[target].append((ranking, next_position, papers, value))
                    votes[target] += worth
                    passed += worth
                    break
            else:
                lost += worth
        parcels[source] = []
        votes[source] = 0
        return passed, lost
