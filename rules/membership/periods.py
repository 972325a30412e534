"""Membership periods: when a paid year starts and ends, and what the first one costs.

Conventions, fixed here once so every caller agrees:

* A ``Period`` is half-open, ``[start, end)``: ``end`` is the first day *not*
  covered. A rolling membership paid on 2026-03-15 has ``end`` 2027-03-15, so
  its last covered day (``last_day``) is 2027-03-14. The next period starts on
  ``end``, so consecutive periods never overlap or leave a gap.
* Adding months keeps the day of the month. When that day does not exist in the
  target month (31 January + 1 month, 29 February + 1 year) the result is the
  1st of the following month, so the period still covers the whole of the
  shorter month: a year from 2024-02-29 ends (exclusive) on 2025-03-01, i.e. the
  member is covered up to and including 28 February; a month from 31 January
  covers to the end of February. Renewals then follow on from that date (the
  leap-day joiner renews on 1 March from then on).
* Fixed membership years start on a day that exists every year (no 29 February).
  Late joiners pay the full fee for the rest of the year unless the rule asks
  for pro-rata, and on or after the optional roll-over date they are covered for
  the rest of this year *and* the whole next year for one full fee. When both
  are set, pro-rata applies before the roll-over date and roll-over after it.
* Pro-rata fees are ``fee * remaining days / days in the membership year``,
  rounded to the nearest penny with halves rounded up. The day of joining counts
  as a remaining day, so joining on the first day of the year costs the full fee.
* Monthly billing splits a period into calendar-month instalments anchored on
  the period's start; each costs the annual fee / 12 rounded *up* to a whole
  penny, so a monthly payer may pay up to 11p a year more than an annual payer
  rather than carrying an uneven final instalment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

PeriodKind = Literal["rolling", "fixed"]


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (or earlier, if negative).

    A day that does not exist in the target month becomes the 1st of the month
    after it (see the module docstring for why).
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    try:
        return date(year, month, day.day)
    except ValueError:
        return date(year + month // 12, month % 12 + 1, 1)


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later, with 29 February becoming 1 March in common years."""
    return add_months(day, 12 * years)


@dataclass(frozen=True)
class Period:
    """A stretch of paid membership, ``[start, end)``: ``end`` is not covered.

    Raises:
        ValueError: if ``end`` is not after ``start``.
    """

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"a period must end after it starts ({self.start} to {self.end})")

    @property
    def last_day(self) -> date:
        """The last day the period covers (the day before ``end``)."""
        return self.end - timedelta(days=1)

    @property
    def days(self) -> int:
        """How many days the period covers."""
        return (self.end - self.start).days

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls inside the period."""
        return self.start <= day < self.end


def _check_month_day(month_day: tuple[int, int], what: str) -> None:
    month, day = month_day
    # 2023 is a common year, so 29 February is rejected along with 31 April.
    try:
        date(2023, month, day)
    except ValueError:
        message = f"{what} must be a day that exists every year, not {month}/{day}"
        raise ValueError(message) from None


@dataclass(frozen=True)
class PeriodRule:
    """How a membership category's periods run.

    ``kind`` is "rolling" (a year from the day of paying) or "fixed" (a
    membership year starting every year on ``year_starts``, a (month, day)
    pair). For fixed years ``pro_rata`` makes late joiners pay for the days left,
    and ``roll_over`` (a (month, day) pair) is the date from which a joiner's
    first period runs to the end of the *next* membership year.

    Raises:
        ValueError: if the kind is unknown, a date does not exist every year, or
            the roll-over date is the first day of the membership year.
    """

    kind: PeriodKind = "rolling"
    year_starts: tuple[int, int] = (1, 1)
    pro_rata: bool = False
    roll_over: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("rolling", "fixed"):
            raise ValueError(f"a period is 'rolling' or 'fixed', not {self.kind!r}")
        _check_month_day(self.year_starts, "the membership year's first day")
        if self.roll_over is not None:
            _check_month_day(self.roll_over, "the roll-over date")
            if self.roll_over == self.year_starts:
                raise ValueError("the roll-over date cannot be the first day of the year")

    @classmethod
    def rolling(cls) -> PeriodRule:
        """A year from the day of paying."""
        return cls(kind="rolling")

    @classmethod
    def fixed(
        cls,
        month: int,
        day: int,
        *,
        pro_rata: bool = False,
        roll_over: tuple[int, int] | None = None,
    ) -> PeriodRule:
        """A membership year starting every year on ``month``/``day``."""
        return cls(kind="fixed", year_starts=(month, day), pro_rata=pro_rata, roll_over=roll_over)


def membership_year(rule: PeriodRule, day: date) -> Period:
    """The fixed membership year that contains ``day``."""
    month, first = rule.year_starts
    start = date(day.year, month, first)
    if start > day:
        start = date(day.year - 1, month, first)
    return Period(start, add_years(start, 1))


def _roll_over_date(rule: PeriodRule, year: Period) -> date | None:
    if rule.roll_over is None:
        return None
    month, day = rule.roll_over
    candidate = date(year.start.year, month, day)
    return candidate if candidate >= year.start else date(year.start.year + 1, month, day)


def _joins_after_roll_over(rule: PeriodRule, joined: date) -> bool:
    roll_over = _roll_over_date(rule, membership_year(rule, joined))
    return roll_over is not None and joined >= roll_over


def first_period(rule: PeriodRule, joined: date) -> Period:
    """The first period of a member who joins (first pays) on ``joined``.

    Rolling: a year from ``joined``. Fixed: from ``joined`` to the end of the
    membership year, or of the next one when joining on or after the roll-over.
    """
    if rule.kind == "rolling":
        return Period(joined, add_years(joined, 1))
    year = membership_year(rule, joined)
    if _joins_after_roll_over(rule, joined):
        return Period(joined, add_years(year.end, 1))
    return Period(joined, year.end)


def period_starting(start: date, rule: PeriodRule) -> Period:
    """A renewal period starting on ``start``: a year, or the rest of the membership year."""
    if rule.kind == "rolling":
        return Period(start, add_years(start, 1))
    return Period(start, membership_year(rule, start).end)


def next_period(period: Period, rule: PeriodRule) -> Period:
    """The period that follows on from ``period`` (a renewal), starting on its ``end``."""
    return period_starting(period.end, rule)


def fee_for_first_period(rule: PeriodRule, annual_fee_pence: int, joined: date) -> int:
    """What a member joining on ``joined`` pays for their first period, in pence.

    The full fee, except for a pro-rata fixed year joined before any roll-over
    date: ``fee * remaining days / days in the year``, nearest penny, halves up.

    Raises:
        ValueError: if the fee is negative.
    """
    if annual_fee_pence < 0:
        raise ValueError(f"a fee cannot be negative ({annual_fee_pence}p)")
    if rule.kind == "rolling" or not rule.pro_rata or _joins_after_roll_over(rule, joined):
        return annual_fee_pence
    year = membership_year(rule, joined)
    remaining = (year.end - joined).days
    # Integer half-up rounding: floor((2 * fee * remaining + days) / (2 * days)).
    return (2 * annual_fee_pence * remaining + year.days) // (2 * year.days)


def monthly_amount_pence(annual_fee_pence: int) -> int:
    """One monthly instalment of an annual fee: fee / 12 rounded up to a whole penny.

    Raises:
        ValueError: if the fee is negative.
    """
    if annual_fee_pence < 0:
        raise ValueError(f"a fee cannot be negative ({annual_fee_pence}p)")
    return -(-annual_fee_pence // 12)


def monthly_instalments(period: Period) -> tuple[Period, ...]:
    """The calendar-month instalments of ``period``, anchored on its start.

    Each instalment ends ``k`` months after the period's start (so a period from
    31 January has instalments ending 1 March, 31 March, 1 May, ...); the last is
    cut short at the period's end. A full rolling year gives exactly 12.
    """
    instalments: list[Period] = []
    start = period.start
    k = 1
    while start < period.end:
        end = min(add_months(period.start, k), period.end)
        instalments.append(Period(start, end))
        start = end
        k += 1
    return tuple(instalments)
