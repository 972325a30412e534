"""Tests for first-past-the-post counting."""

import pytest

from rules.elections.ballots import Election
from rules.elections.plurality import count_plurality

NAMES = ("Ann", "Bob", "Cat")


@pytest.mark.parametrize(
    ("seats", "ballots", "withdrawn", "elected", "votes"),
    [
        (1, ((3, (0,)), (5, (1, 0)), (2, (2, 1))), frozenset(), ["Bob"], [3, 5, 2]),
        (2, ((3, (0,)), (5, (1, 0)), (2, (2, 1))), frozenset(), ["Bob", "Ann"], [3, 5, 2]),
        # Bob withdrew: his papers count for their next standing preference.
        (1, ((3, (0,)), (5, (1, 2)), (2, (2, 1))), frozenset({1}), ["Cat"], [3, 0, 7]),
        (3, ((1, (0,)),), frozenset({2}), ["Ann", "Bob"], [1, 0, 0]),
    ],
)
def test_most_first_preferences_take_the_seats(seats, ballots, withdrawn, elected, votes):
    election = Election(NAMES, seats, ballots, withdrawn)
    result = count_plurality(election)
    assert result.rule == "plurality"
    assert result.elected_names(election) == elected
    assert list(result.stages[0].votes) == votes
    assert result.quota is None


def test_valid_votes_leave_out_papers_naming_only_withdrawn_candidates():
    election = Election(NAMES, 1, ((4, (0,)), (6, (1,))), frozenset({1}))
    assert count_plurality(election).valid_votes == 4


def test_a_tie_for_the_last_seat_is_settled_by_lot_and_noted():
    election = Election(NAMES, 1, ((2, (0,)), (2, (1,)), (1, (2,))), title="Tie")
    first = count_plurality(election)
    assert first.elected[0] in (0, 1)
    assert "by lot" in first.stages[0].note
    assert count_plurality(election) == first
