"""The election being counted: candidates, seats and weighted ballot groups."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

Ranking = tuple[int, ...]


@dataclass(frozen=True)
class Election:
    """Everything a counting rule needs, independent of where the ballots came from.

    Candidates are referred to by their 0-based index in ``candidates``. Each
    ballot is ``(weight, preferences)``: ``weight`` identical papers ranking the
    candidates in ``preferences``, most preferred first. Withdrawn candidates
    stay in ``candidates`` (so indexes never shift) but are skipped when counting.

    Raises:
        ValueError: if the seats, names, weights or preferences are inconsistent.
    """

    candidates: tuple[str, ...]
    seats: int
    ballots: tuple[tuple[int, Ranking], ...]
    withdrawn: frozenset[int] = frozenset()
    title: str = ""

    def __post_init__(self) -> None:
        n = len(self.candidates)
        if self.seats < 1:
            raise ValueError(f"an election needs at least one seat, not {self.seats}")
        if len(set(self.candidates)) != n:
            raise ValueError("two candidates have the same name")
        for index in self.withdrawn:
            if not 0 <= index < n:
                raise ValueError(f"withdrawn candidate {index} is not one of the {n} candidates")
        for number, (weight, preferences) in enumerate(self.ballots, start=1):
            if weight < 1:
                raise ValueError(f"ballot {number} has weight {weight}; weights start at 1")
            if len(set(preferences)) != len(preferences):
                raise ValueError(f"ballot {number} ranks a candidate more than once")
            for index in preferences:
                if not 0 <= index < n:
                    raise ValueError(
                        f"ballot {number} ranks candidate {index}, but there are only {n}"
                    )

    @property
    def continuing(self) -> tuple[int, ...]:
        """Indexes of the candidates still standing (not withdrawn)."""
        return tuple(i for i in range(len(self.candidates)) if i not in self.withdrawn)

    def name(self, index: int) -> str:
        """The name of candidate ``index``, exactly as given."""
        return self.candidates[index]


def group_rankings(rankings: Iterable[Ranking]) -> tuple[tuple[int, Ranking], ...]:
    """Group identical rankings into ``(weight, ranking)`` ballot lines.

    Args:
        rankings: one tuple of 0-based candidate indexes per ballot paper.

    Returns:
        Weighted ballot lines in order of first appearance, ready for ``Election``.
    """
    return tuple((weight, ranking) for ranking, weight in Counter(map(tuple, rankings)).items())


def valid_rankings(election: Election) -> dict[Ranking, int]:
    """Papers per ranking once withdrawn candidates are struck out.

    Papers that name no standing candidate are not valid votes and are left out,
    so the sum of the values is the number of valid ballot papers.
    """
    grouped: dict[Ranking, int] = {}
    withdrawn = election.withdrawn
    for weight, preferences in election.ballots:
        if withdrawn:
            preferences = tuple(c for c in preferences if c not in withdrawn)
        if preferences:
            grouped[preferences] = grouped.get(preferences, 0) + weight
    return grouped
