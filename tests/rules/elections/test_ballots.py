"""Tests for the Election record and ballot grouping."""

import pytest

from rules.elections.ballots import Election, group_rankings, valid_rankings


def test_identical_rankings_are_grouped_with_their_count_in_first_seen_order():
    assert group_rankings([(0, 1), (2,), (0, 1), (0, 1)]) == ((3, (0, 1)), (1, (2,)))


def test_withdrawn_candidates_are_struck_out_and_empty_papers_are_not_valid():
    election = Election(("A", "B", "C"), 1, ((2, (1, 0)), (3, (1,)), (4, (0, 2))),
                        withdrawn=frozenset({1}))
    assert valid_rankings(election) == {(0,): 2, (0, 2): 4}


def test_continuing_lists_everyone_not_withdrawn():
    assert Election(("A", "B", "C"), 1, (), frozenset({1})).continuing == (0, 2)


@pytest.mark.parametrize(
    ("candidates", "seats", "ballots", "withdrawn", "message"),
    [
        (("A", "B"), 0, (), frozenset(), "at least one seat"),
        (("A", "A"), 1, (), frozenset(), "same name"),
        (("A", "B"), 1, (), frozenset({2}), "withdrawn candidate 2"),
        (("A", "B"), 1, ((0, (0,)),), frozenset(), "weight 0"),
        (("A", "B"), 1, ((1, (0, 0)),), frozenset(), "more than once"),
        (("A", "B"), 1, ((1, (0, 2)),), frozenset(), "ranks candidate 2"),
        (("A", "B"), 1, ((1, (-1,)),), frozenset(), "ranks candidate -1"),
    ],
)
def test_inconsistent_elections_are_refused(candidates, seats, ballots, withdrawn, message):
    with pytest.raises(ValueError, match=message):
        Election(candidates, seats, ballots, withdrawn)
