"""Tests for tie-breaking by earlier stages and by lot."""

import pytest

from rules.elections.ballots import Election
from rules.elections.ties import draw_lots, pick, rank

ELECTION = Election(("Ann", "Bob", "Cat", "Dan"), 1, (), title="Ties")


@pytest.mark.parametrize(
    ("tied", "history", "lowest", "chosen", "says"),
    [
        ([2], [], True, 2, ""),
        # The most recent stage at which they differed decides, not the first.
        ([0, 1], [(1, 5, 0, 0), (4, 3, 0, 0), (6, 6, 0, 0)], True, 1, "stage 2"),
        ([0, 1], [(1, 5, 0, 0), (4, 3, 0, 0), (6, 6, 0, 0)], False, 0, "stage 2"),
        # Ann and Bob stay level at stage 2, so stage 1 separates them.
        ([0, 1, 2], [(1, 2, 9, 0), (3, 3, 5, 0), (7, 7, 7, 0)], True, 0, "stage 1"),
    ],
)
def test_tie_is_settled_by_the_latest_earlier_stage_that_separates_the_candidates(
    tied, history, lowest, chosen, says
):
    winner, note = pick(ELECTION, tied, history, lowest=lowest, occasion="exclusion")
    assert winner == chosen
    assert says in note


def test_tie_at_every_stage_is_settled_by_the_published_lot():
    winner, note = pick(ELECTION, [1, 3], [(0, 2, 0, 2)], lowest=True, occasion="exclusion")
    assert winner == draw_lots(ELECTION, [1, 3], "exclusion")[0]
    assert "by lot" in note


def test_lot_is_the_same_every_time_and_ignores_the_order_candidates_are_given_in():
    assert draw_lots(ELECTION, [0, 1, 2, 3], "x") == draw_lots(ELECTION, [3, 2, 1, 0], "x")
    assert sorted(draw_lots(ELECTION, [0, 1, 2, 3], "x")) == [0, 1, 2, 3]


def test_lot_differs_between_occasions_so_one_candidate_is_not_always_unlucky():
    draws = {tuple(draw_lots(ELECTION, [0, 1, 2, 3], f"stage {n}")) for n in range(20)}
    assert len(draws) > 1


def test_rank_orders_by_votes_and_notes_broken_ties():
    ordered, notes = rank(ELECTION, [0, 1, 2], [5, 9, 5, 0], [(4, 1, 3, 0)], occasion="order")
    assert ordered == [1, 0, 2]
    assert len(notes) == 1 and "stage 1" in notes[0]
