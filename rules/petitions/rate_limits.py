"""Whether a new signature from one IP address on one petition looks like a flood.

A suspicious signature is held for staff to review, never refused: a whole
office or library can share one address, and refusing would silence them.
Staff set two windows, a short one that catches bursts and a long one that
catches slow, steady scripts.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = [
    "DEFAULT_WINDOWS",
    "RateWindow",
    "exceeded_window",
    "exceeded_window_by_counts",
    "is_suspicious",
]


@dataclass(frozen=True)
class RateWindow:
    """At most ``max_signatures`` from one address on one petition within ``period``."""

    max_signatures: int
    period: timedelta

    def __post_init__(self) -> None:
        if self.max_signatures < 0:
            raise ValueError("A window's limit cannot be negative")
        if self.period <= timedelta(0):
            raise ValueError("A window's period must be longer than zero")


DEFAULT_WINDOWS: tuple[RateWindow, ...] = (
    RateWindow(5, timedelta(minutes=10)),
    RateWindow(20, timedelta(hours=24)),
)


def exceeded_window(
    recent: Iterable[datetime],
    now: datetime,
    windows: Iterable[RateWindow] = DEFAULT_WINDOWS,
) -> RateWindow | None:
    """Return the first window a new signature at ``now`` would go over, or ``None``.

    ``recent`` are the times of earlier signatures from the same address on
    the same petition, held ones included so a flood stays held. A window
    covers the ``period`` up to ``now``: a signature exactly ``period`` old is
    outside it. The new signature counts, so with "5 in 10 minutes" the sixth
    within ten minutes is over. Times must be timezone-aware.
    Raises ``ValueError`` if ``now`` is naive.
    """
    if now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    # Ages rather than times, so each window is one comparison per signature.
    # A time a little ahead of now (clocks of two servers) has a negative age
    # and counts as recent.
    ages = [now - moment for moment in recent]
    for window in windows:
        in_window = sum(1 for age in ages if age < window.period)
        if in_window + 1 > window.max_signatures:
            return window
    return None


def is_suspicious(
    recent: Iterable[datetime],
    now: datetime,
    windows: Iterable[RateWindow] = DEFAULT_WINDOWS,
) -> bool:
    """Say whether a new signature at ``now`` should be held as suspicious.

    Arguments and errors as for ``exceeded_window``.
    """
    return exceeded_window(recent, now, windows) is not None


def exceeded_window_by_counts(
    counts: Iterable[int], windows: Iterable[RateWindow] = DEFAULT_WINDOWS
) -> RateWindow | None:
    """Return the first window a new signature would go over, given counts already in each.

    ``counts`` are, window by window, how many earlier signatures from the
    address fall inside that window (as ``exceeded_window`` would count them);
    a database can count them, capped at the window's limit, without fetching
    every time. Raises ``ValueError`` if there are fewer or more counts than
    windows, or a count is negative.
    """
    counts, windows = list(counts), list(windows)
    if len(counts) != len(windows):
        raise ValueError("Give one count per window")
    for count, window in zip(counts, windows, strict=True):
        if count < 0:
            raise ValueError("A count cannot be negative")
        if count + 1 > window.max_signatures:
            return window
    return None
