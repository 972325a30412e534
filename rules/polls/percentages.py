"""Honest whole-number percentages for showing poll results to people.

Rounding rule: the exact share ``part / whole * 100`` is rounded **half away
from zero** to a whole percent (12.5% shows as 13%, 12.49% as 12%). Python's
``round()`` rounds half to even (``round(12.5) == 12``), which readers do not
expect, and float division can turn 29/200 into 14.499999...; so the rounding
is done in integer arithmetic and is exact.

Rounded percentages are shown as they are, even when a column then adds up to
99% or 101%: nudging one figure to force a total of 100 (largest remainder)
would print a number that is not the nearest to the truth.

A share of nothing is 0%, never a ZeroDivisionError: a question nobody answered
has 0% for every option. For the labels, a share that is above zero but rounds
to 0% is shown as "<1%", and one below the whole that rounds to 100% as ">99%",
so that "0%" and "100%" only ever mean nobody and everybody.
"""

from __future__ import annotations

from fractions import Fraction


def _check_counts(part: int, whole: int) -> None:
    """Raise ValueError unless part and whole are whole, non-negative counts."""
    for name, value in (("part", part), ("whole", whole)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} must be a whole number, got {value!r}")
        if value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")


def exact_share(part: int, whole: int) -> Fraction:
    """Return ``part / whole * 100`` exactly (0 when whole is 0).

    Raises:
        ValueError: if either count is negative or not an int.
    """
    _check_counts(part, whole)
    if whole == 0:
        return Fraction(0)
    return Fraction(part * 100, whole)


def display_percent(part: int, whole: int) -> int:
    """Return part as a whole percent of whole, rounded half away from zero.

    A whole of 0 gives 0. ``part`` may exceed ``whole`` (an option ticked on a
    multiple-choice question is counted against respondents, not ticks), so
    the result is not capped at 100.

    Raises:
        ValueError: if either count is negative or not an int.
    """
    _check_counts(part, whole)
    if whole == 0:
        return 0
    # Both are non-negative, so "half away from zero" is "half up":
    # floor(100 * part / whole + 1/2) in integers.
    return (200 * part + whole) // (2 * whole)


def percent_label(part: int, whole: int) -> str:
    """Return the percentage as text for display, e.g. "81%", "<1%" or ">99%".

    Raises:
        ValueError: if either count is negative or not an int.
    """
    percent = display_percent(part, whole)
    if percent == 0 and part > 0:
        return "<1%"
    if percent == 100 and part < whole:
        return ">99%"
    return f"{percent}%"
