"""Tests for instant-runoff counting."""

import pytest

from rules.elections.ballots import Election
from rules.elections.irv import count_irv

MEMPHIS, NASHVILLE, CHATTANOOGA, KNOXVILLE = range(4)
TENNESSEE = Election(
    ("Memphis", "Nashville", "Chattanooga", "Knoxville"),
    1,
    (
        (42, (MEMPHIS, NASHVILLE, CHATTANOOGA, KNOXVILLE)),
        (26, (NASHVILLE, CHATTANOOGA, KNOXVILLE, MEMPHIS)),
        (15, (CHATTANOOGA, KNOXVILLE, NASHVILLE, MEMPHIS)),
        (17, (KNOXVILLE, CHATTANOOGA, NASHVILLE, MEMPHIS)),
    ),
    title="Tennessee capital",
)


def test_tennessee_capital_example_elects_knoxville():
    result = count_irv(TENNESSEE)
    assert result.elected_names(TENNESSEE) == ["Knoxville"]
    assert [s.action for s in result.stages] == [
        "first count", "exclusion of Chattanooga", "exclusion of Nashville",
    ]
    assert [list(s.votes) for s in result.stages] == [
        [42, 26, 15, 17], [42, 26, 0, 32], [42, 0, 0, 58],
    ]
    assert result.stages[-1].elected_so_far == (KNOXVILLE,)
    assert result.stages[-1].excluded_so_far == (CHATTANOOGA, NASHVILLE)


@pytest.mark.parametrize(
    ("ballots", "elected", "stages", "exhausted"),
    [
        # An outright majority on first preferences ends the count at once.
        (((6, (0,)), (5, (1,))), ["A"], 1, 0),
        # Cat's papers go to Bob, who then beats Ann.
        (((5, (0,)), (4, (1,)), (2, (2, 1))), ["B"], 2, 0),
        # Cat's papers exhaust; Ann's 5 is a majority of the 9 still counting.
        (((5, (0,)), (4, (1,)), (2, (2,))), ["A"], 2, 2),
    ],
)
def test_lowest_is_excluded_until_someone_has_a_majority_of_continuing_votes(
    ballots, elected, stages, exhausted
):
    election = Election(("A", "B", "C"), 1, ballots)
    result = count_irv(election)
    assert result.elected_names(election) == elected
    assert len(result.stages) == stages
    assert result.stages[-1].exhausted == exhausted


def test_tie_for_lowest_is_settled_by_an_earlier_stage():
    # After Dan goes, Bob and Cat have 4 each; at stage 1 Cat had fewer, so Cat goes.
    election = Election(
        ("Ann", "Bob", "Cat", "Dan"),
        1,
        ((6, (0,)), (4, (1, 2)), (3, (2, 1)), (1, (3, 2))),
    )
    result = count_irv(election)
    assert result.stages[2].action == "exclusion of Cat"
    assert "stage 1" in result.stages[2].note
    assert result.elected_names(election) == ["Bob"]


def test_tie_at_every_stage_is_settled_by_a_reproducible_lot():
    election = Election(("A", "B", "C"), 1, ((2, (0, 2)), (2, (1, 2)), (3, (2,))), title="Lot")
    result = count_irv(election)
    assert "by lot" in result.stages[1].note
    assert result.stages[1].excluded_so_far in ((0,), (1,))
    assert result.elected_names(election) == ["C"]
    assert count_irv(election) == result


def test_withdrawn_candidate_is_skipped_from_the_start():
    election = Election(("A", "B", "C"), 1, ((3, (0,)), (4, (1, 2)), (2, (2,))),
                        withdrawn=frozenset({1}))
    result = count_irv(election)
    assert list(result.stages[0].votes) == [3, 0, 6]
    assert result.elected_names(election) == ["C"]


def test_more_than_one_seat_is_refused():
    with pytest.raises(ValueError, match="one seat"):
        count_irv(Election(("A", "B", "C"), 2, ()))
