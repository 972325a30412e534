"""Signature thresholds a petition works toward, and how far along it is.

By default 1,000 signatures earn a formal response from the council and
10,000 a debate at the annual general meeting; staff may set other numbers.
A threshold is passed when the count reaches it (1,000 of 1,000 is passed).
"""

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "DEFAULT_THRESHOLDS",
    "DEBATE",
    "RESPONSE",
    "Progress",
    "Threshold",
    "newly_passed",
    "progress",
]


@dataclass(frozen=True)
class Threshold:
    """A number of signatures and what reaching it earns, e.g. "a debate at the AGM"."""

    signatures: int
    earns: str

    def __post_init__(self) -> None:
        if self.signatures < 1:
            raise ValueError("A threshold must be at least one signature")


@dataclass(frozen=True)
class Progress:
    """Where a count stands: the next threshold, the percentage of it reached, those passed.

    ``percent_to_next`` is the count as a whole percentage of the next
    threshold (rounded down, so 999 of 1,000 shows 99, never a false 100);
    it is 100 once every threshold is passed. ``label`` is one sentence for
    the progress bar's text alternative.
    """

    next_threshold: Threshold | None
    percent_to_next: int
    passed: list[Threshold]
    label: str


RESPONSE = Threshold(1_000, "a formal response from the council")
DEBATE = Threshold(10_000, "a debate at the annual general meeting")
DEFAULT_THRESHOLDS: tuple[Threshold, ...] = (RESPONSE, DEBATE)


def _signatures(count: int) -> str:
    return f"{count:,} signature" if count == 1 else f"{count:,} signatures"


def _check_count(count: int) -> None:
    if count < 0:
        raise ValueError("A signature count cannot be negative")


def progress(count: int, thresholds: Iterable[Threshold] = DEFAULT_THRESHOLDS) -> Progress:
    """Return how far ``count`` signatures have come toward the thresholds.

    Raises ``ValueError`` for a negative count.
    """
    _check_count(count)
    ordered = sorted(thresholds, key=lambda threshold: threshold.signatures)
    passed = [threshold for threshold in ordered if count >= threshold.signatures]
    ahead = [threshold for threshold in ordered if count < threshold.signatures]
    if not ahead:
        label = f"{_signatures(count)}: every threshold reached"
        return Progress(None, 100, passed, label)
    upcoming = ahead[0]
    percent = min(100, max(0, count * 100 // upcoming.signatures))
    label = f"{_signatures(count)} of the {upcoming.signatures:,} needed for {upcoming.earns}"
    return Progress(upcoming, percent, passed, label)


def newly_passed(
    old_count: int, new_count: int, thresholds: Iterable[Threshold] = DEFAULT_THRESHOLDS
) -> list[Threshold]:
    """Return the thresholds crossed going from ``old_count`` to ``new_count``, lowest first.

    Staff are told about each of these once: a threshold already passed at
    ``old_count`` is not in the list, and a count that fell (signatures
    removed as fraudulent) passes nothing. Raises ``ValueError`` for a
    negative count.
    """
    _check_count(old_count)
    _check_count(new_count)
    return sorted(
        (t for t in thresholds if old_count < t.signatures <= new_count),
        key=lambda threshold: threshold.signatures,
    )
