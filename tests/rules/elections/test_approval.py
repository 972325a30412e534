"""Tests for approval counting."""

import pytest

from rules.elections.approval import count_approval
from rules.elections.ballots import Election

NAMES = ("Ann", "Bob", "Cat", "Dan")


@pytest.mark.parametrize(
    ("seats", "ballots", "withdrawn", "elected", "approvals"),
    [
        # Bob is nobody's first choice but approved on the most papers.
        (1, ((3, (0, 1)), (2, (2, 1)), (2, (3,))), frozenset(), ["Bob"], [3, 5, 2, 2]),
        (2, ((3, (0, 1)), (2, (2, 1)), (4, (3, 0))), frozenset(), ["Ann", "Bob"], [7, 5, 2, 4]),
        (1, ((3, (0, 1)), (2, (2, 1))), frozenset({1}), ["Ann"], [3, 0, 2, 0]),
    ],
)
def test_every_listed_candidate_gets_one_approval_per_paper(
    seats, ballots, withdrawn, elected, approvals
):
    election = Election(NAMES, seats, ballots, withdrawn)
    result = count_approval(election)
    assert result.rule == "approval"
    assert result.elected_names(election) == elected
    assert list(result.stages[0].votes) == approvals


def test_valid_votes_count_papers_not_approvals():
    election = Election(NAMES, 1, ((3, (0, 1, 2)), (2, (3,))))
    assert count_approval(election).valid_votes == 5
