"""Turnout of a poll or election, and whether it reached its quorum.

Turnout is ballots cast divided by voters eligible. A quorum is set as a
minimum number of ballots (``min_ballots``), a minimum turnout percentage
(``min_percent``), or both, in which case both must be reached.

The percentage test is exact, never on the rounded figure shown to people:
with a 50% quorum, 496 ballots out of 1,000 eligible is shown as "50%" but
does not reach it (496 * 100 < 50 * 1,000). ``min_percent`` may be an int, a
Fraction or a Decimal; a float is read as the decimal it prints as (33.3 is
33 3/10, not the nearest binary fraction).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from rules.polls.percentages import display_percent, exact_share


@dataclass(frozen=True)
class Turnout:
    """Ballots cast out of voters eligible; ``percent`` is rounded for display."""

    ballots: int
    eligible: int
    percent: int
    exact_percent: Fraction


@dataclass(frozen=True)
class QuorumCheck:
    """Whether the quorum was reached, and how many more ballots it needed.

    ``required`` is the smallest number of ballots that reaches the quorum
    (it can exceed ``eligible``, when the quorum can never be reached).
    """

    turnout: Turnout
    required: int
    met: bool
    ballots_short: int


def _check_count(name: str, value: int) -> None:
    """Raise ValueError unless value is a non-negative int."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")


def turnout(ballots: int, eligible: int) -> Turnout:
    """Return the turnout of ballots cast out of eligible voters.

    Raises:
        ValueError: if either is negative or not an int, if there are no
            eligible voters, or if more ballots were cast than voters eligible.
    """
    _check_count("ballots", ballots)
    _check_count("eligible", eligible)
    if eligible == 0:
        raise ValueError("there are no eligible voters, so there is no turnout")
    if ballots > eligible:
        raise ValueError(f"{ballots} ballots cannot come from {eligible} eligible voters")
    return Turnout(
        ballots=ballots,
        eligible=eligible,
        percent=display_percent(ballots, eligible),
        exact_percent=exact_share(ballots, eligible),
    )


def _as_fraction(min_percent: int | float | Fraction | Decimal) -> Fraction:
    """Read a quorum percentage exactly; raise ValueError unless it is 0 to 100."""
    if isinstance(min_percent, bool) or not isinstance(
        min_percent, (int, float, Fraction, Decimal)
    ):
        raise ValueError(f"min_percent must be a number, got {min_percent!r}")
    if isinstance(min_percent, float):
        if not math.isfinite(min_percent):
            raise ValueError(f"min_percent must be a finite number, got {min_percent!r}")
        min_percent = Decimal(repr(min_percent))
    if isinstance(min_percent, Decimal) and not min_percent.is_finite():
        raise ValueError(f"min_percent must be a finite number, got {min_percent!r}")
    share = Fraction(min_percent)
    if not 0 <= share <= 100:
        raise ValueError(f"min_percent must be from 0 to 100, got {min_percent}")
    return share


def check_quorum(
    ballots: int,
    eligible: int,
    *,
    min_ballots: int | None = None,
    min_percent: int | float | Fraction | Decimal | None = None,
) -> QuorumCheck:
    """Return the turnout and whether it reaches the quorum.

    Args:
        ballots: ballots cast.
        eligible: voters eligible to vote.
        min_ballots: the quorum as a number of ballots, or None.
        min_percent: the quorum as a percentage of eligible voters, or None.

    Raises:
        ValueError: if neither quorum is given, either is negative, a
            percentage is above 100, or the turnout itself is nonsense (see
            ``turnout``).
    """
    if min_ballots is None and min_percent is None:
        raise ValueError("give the quorum as min_ballots, min_percent or both")
    result = turnout(ballots, eligible)
    required = 0
    if min_ballots is not None:
        _check_count("min_ballots", min_ballots)
        required = min_ballots
    if min_percent is not None:
        # The fewest ballots b with b * 100 >= min_percent * eligible.
        required = max(required, math.ceil(_as_fraction(min_percent) * eligible / 100))
    return QuorumCheck(
        turnout=result,
        required=required,
        met=ballots >= required,
        ballots_short=max(0, required - ballots),
    )


def quorum_met(
    ballots: int,
    eligible: int,
    *,
    min_ballots: int | None = None,
    min_percent: int | float | Fraction | Decimal | None = None,
) -> bool:
    """Return True if ballots out of eligible reach the quorum (see ``check_quorum``).

    Raises:
        ValueError: as ``check_quorum``.
    """
    return check_quorum(
        ballots, eligible, min_ballots=min_ballots, min_percent=min_percent
    ).met
