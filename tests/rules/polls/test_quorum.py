from decimal import Decimal
from fractions import Fraction

import pytest

from rules.polls.quorum import check_quorum, quorum_met, turnout


@pytest.mark.parametrize(
    ("ballots", "eligible", "percent", "exact"),
    [
        (0, 10, 0, Fraction(0)),
        (10, 10, 100, Fraction(100)),
        (1, 3, 33, Fraction(100, 3)),
        (1, 8, 13, Fraction(25, 2)),
        (496, 1000, 50, Fraction(248, 5)),
    ],
)
def test_turnout_is_ballots_out_of_eligible(ballots, eligible, percent, exact):
    result = turnout(ballots, eligible)
    assert (result.ballots, result.eligible) == (ballots, eligible)
    assert (result.percent, result.exact_percent) == (percent, exact)


@pytest.mark.parametrize(
    ("ballots", "eligible", "quorum", "met", "required"),
    [
        (100, 1000, {"min_ballots": 100}, True, 100),
        (99, 1000, {"min_ballots": 100}, False, 100),
        (500, 1000, {"min_percent": 50}, True, 500),
        # Shown as 50%, but 49.6% is not a 50% quorum.
        (496, 1000, {"min_percent": 50}, False, 500),
        (334, 1000, {"min_percent": Fraction(100, 3)}, True, 334),
        (333, 1000, {"min_percent": Fraction(100, 3)}, False, 334),
        (333, 1000, {"min_percent": 33.3}, True, 333),
        (333, 1000, {"min_percent": Decimal("33.4")}, False, 334),
        (1, 7, {"min_percent": 10}, True, 1),  # 0.7 of a ballot rounds up to one
        (0, 7, {"min_percent": 0}, True, 0),
        # Both given: both must be reached.
        (60, 100, {"min_ballots": 50, "min_percent": 60}, True, 60),
        (55, 100, {"min_ballots": 50, "min_percent": 60}, False, 60),
        (55, 100, {"min_ballots": 70, "min_percent": 50}, False, 70),
        # A quorum above the electorate can never be met.
        (5, 5, {"min_ballots": 6}, False, 6),
    ],
)
def test_quorum_by_count_or_percentage_of_eligible(ballots, eligible, quorum, met, required):
    check = check_quorum(ballots, eligible, **quorum)
    assert (check.met, check.required) == (met, required)
    assert check.ballots_short == max(0, required - ballots)
    assert quorum_met(ballots, eligible, **quorum) is met


@pytest.mark.parametrize(
    ("ballots", "eligible", "message"),
    [
        (1, 0, "no eligible voters"),
        (0, 0, "no eligible voters"),
        (-1, 10, "negative"),
        (1, -10, "negative"),
        (11, 10, "cannot come from"),
        (1.0, 10, "whole number"),
        (True, 10, "whole number"),
    ],
)
def test_nonsense_turnout_is_refused(ballots, eligible, message):
    with pytest.raises(ValueError, match=message):
        turnout(ballots, eligible)


@pytest.mark.parametrize(
    "quorum",
    [
        {},
        {"min_ballots": -1},
        {"min_percent": -5},
        {"min_percent": 101},
        {"min_percent": float("nan")},
        {"min_percent": Decimal("Infinity")},
        {"min_percent": "50"},
        {"min_ballots": 2.5},
    ],
)
def test_nonsense_quorum_is_refused(quorum):
    with pytest.raises(ValueError):
        check_quorum(5, 10, **quorum)
