"""Tests for choosing the counting rule by the number of seats."""

from rules.elections import count
from rules.elections.ballots import Election


def test_one_seat_is_counted_by_instant_runoff():
    election = Election(("A", "B", "C"), 1, ((5, (0,)), (4, (1,)), (2, (2, 1))))
    result = count(election)
    assert result.rule == "irv"
    assert result.elected_names(election) == ["B"]


def test_more_seats_are_counted_by_scottish_stv():
    election = Election(("A", "B", "C"), 2, ((5, (0,)), (4, (1,)), (2, (2, 1))))
    result = count(election)
    assert result.rule == "scottish-stv"
    assert result.elected_names(election) == ["A", "B"]
