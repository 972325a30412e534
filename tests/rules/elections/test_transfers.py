"""Tests for moving parcels of ballot papers between candidates."""

from rules.elections.transfers import Piles


def test_first_preferences_are_credited_at_the_unit_value():
    piles = Piles(3, {(0, 1): 2, (1,): 3}, 10)
    assert piles.votes == [20, 30, 0]


def test_transfer_skips_candidates_who_are_no_longer_continuing():
    piles = Piles(3, {(0, 1, 2): 2, (0,): 1, (1, 2): 4}, 10)
    piles.continuing[1] = False
    passed, lost = piles.transfer(0)
    assert (passed, lost) == (20, 10)
    assert piles.votes == [0, 40, 20]
    assert piles.parcels[2] == [((0, 1, 2), 2, 2, 10)]


def test_transfer_applies_the_new_value_to_every_paper_in_a_parcel():
    piles = Piles(2, {(0, 1): 3}, 10)
    passed, lost = piles.transfer(0, lambda value: value // 4)
    assert (passed, lost) == (6, 0)
    assert piles.votes == [0, 6]
