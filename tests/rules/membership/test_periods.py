from collections.abc import Callable
from datetime import date

import pytest

from rules.membership.periods import (
    Period,
    PeriodRule,
    add_months,
    add_years,
    fee_for_first_period,
    first_period,
    membership_year,
    monthly_amount_pence,
    monthly_instalments,
    next_period,
)

D = date.fromisoformat
ROLLING = PeriodRule.rolling()
# A membership year from 1 October; joiners from 1 July get the next year too.
OCTOBER = PeriodRule.fixed(10, 1)
OCTOBER_PRO_RATA = PeriodRule.fixed(10, 1, pro_rata=True)
OCTOBER_ROLL_OVER = PeriodRule.fixed(10, 1, pro_rata=True, roll_over=(7, 1))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2026-03-15", 1, "2026-04-15"),
        ("2026-03-15", 12, "2027-03-15"),
        ("2026-11-30", 3, "2027-03-01"),  # no 30 February
        ("2026-01-31", 1, "2026-03-01"),  # no 31 February: the whole of February is covered
        ("2028-01-31", 1, "2028-03-01"),  # no 31 February in a leap year either
        ("2026-01-30", 1, "2026-03-01"),
        ("2028-01-29", 1, "2028-02-29"),
        ("2026-03-31", 1, "2026-05-01"),
        ("2026-12-31", 12, "2027-12-31"),
        ("2026-03-31", -1, "2026-03-01"),
    ],
)
def test_adding_months_keeps_the_day_or_moves_to_the_first_of_the_next_month(
    day: str, months: int, expected: str
) -> None:
    assert add_months(D(day), months) == D(expected)


def test_a_year_from_leap_day_ends_on_the_first_of_march() -> None:
    assert add_years(D("2024-02-29"), 1) == D("2025-03-01")
    assert add_years(D("2024-02-29"), 4) == D("2028-02-29")


def test_a_rolling_membership_runs_to_the_day_before_its_anniversary() -> None:
    period = first_period(ROLLING, D("2026-03-15"))

    assert period == Period(D("2026-03-15"), D("2027-03-15"))
    assert period.last_day == D("2027-03-14")
    assert period.days == 365
    assert period.covers(D("2027-03-14"))
    assert not period.covers(D("2027-03-15"))


def test_a_rolling_membership_from_leap_day_covers_to_28_february() -> None:
    period = first_period(ROLLING, D("2024-02-29"))

    assert period.end == D("2025-03-01")
    assert period.last_day == D("2025-02-28")
    assert next_period(period, ROLLING) == Period(D("2025-03-01"), D("2026-03-01"))


def test_a_rolling_year_that_contains_29_february_has_366_days() -> None:
    assert first_period(ROLLING, D("2027-03-01")).days == 366


def test_renewals_follow_on_without_gap_or_overlap() -> None:
    period = first_period(ROLLING, D("2026-03-15"))
    renewal = next_period(period, ROLLING)

    assert renewal == Period(D("2027-03-15"), D("2028-03-15"))


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        ("2026-10-01", "2026-10-01", "2027-10-01"),
        ("2027-09-30", "2026-10-01", "2027-10-01"),
        ("2027-01-01", "2026-10-01", "2027-10-01"),
        ("2027-10-01", "2027-10-01", "2028-10-01"),
    ],
)
def test_the_membership_year_containing_a_day(day: str, start: str, end: str) -> None:
    assert membership_year(OCTOBER, D(day)) == Period(D(start), D(end))


@pytest.mark.parametrize(
    ("rule", "joined", "end"),
    [
        (OCTOBER, "2026-10-01", "2027-10-01"),
        (OCTOBER, "2027-06-30", "2027-10-01"),
        (OCTOBER, "2027-07-01", "2027-10-01"),  # no roll-over configured
        (OCTOBER_ROLL_OVER, "2027-06-30", "2027-10-01"),  # the day before roll-over
        (OCTOBER_ROLL_OVER, "2027-07-01", "2028-10-01"),  # on roll-over: next year too
        (OCTOBER_ROLL_OVER, "2027-09-30", "2028-10-01"),
        (OCTOBER_ROLL_OVER, "2027-10-01", "2028-10-01"),  # a new year, not a late joiner
        (PeriodRule.fixed(1, 1, roll_over=(12, 1)), "2026-12-01", "2028-01-01"),
    ],
)
def test_a_fixed_year_joiner_is_covered_from_joining_to_the_year_end(
    rule: PeriodRule, joined: str, end: str
) -> None:
    assert first_period(rule, D(joined)) == Period(D(joined), D(end))


def test_a_fixed_year_renewal_is_the_whole_next_membership_year() -> None:
    first = first_period(OCTOBER_ROLL_OVER, D("2027-08-15"))

    assert next_period(first, OCTOBER_ROLL_OVER) == Period(D("2028-10-01"), D("2029-10-01"))


@pytest.mark.parametrize(
    ("rule", "fee", "joined", "expected"),
    [
        (ROLLING, 6000, "2026-03-15", 6000),
        (OCTOBER, 6000, "2027-04-01", 6000),  # no pro-rata: the full fee
        (OCTOBER_PRO_RATA, 6000, "2026-10-01", 6000),  # the first day: every day remains
        (OCTOBER_PRO_RATA, 6000, "2027-09-30", 16),  # one day: 16.44p rounds down
        (OCTOBER_PRO_RATA, 6000, "2027-04-01", 3008),  # 183/365: 3008.22p
        (OCTOBER_PRO_RATA, 6001, "2028-04-01", 3001),  # 183/366: 3000.5p, half rounds up
        (OCTOBER_PRO_RATA, 6001, "2028-04-02", 2984),  # 182/366: 2984.10p
        (OCTOBER_PRO_RATA, 6001, "2028-03-31", 3017),  # 184/366: 3016.90p
        (OCTOBER_PRO_RATA, 0, "2027-04-01", 0),
        (OCTOBER_ROLL_OVER, 6000, "2027-06-30", 1529),  # 93/365 before the roll-over
        (OCTOBER_ROLL_OVER, 6000, "2027-07-01", 6000),  # full fee for 15 months
    ],
)
def test_the_first_period_fee(rule: PeriodRule, fee: int, joined: str, expected: int) -> None:
    assert fee_for_first_period(rule, fee, D(joined)) == expected


def test_a_negative_fee_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        fee_for_first_period(ROLLING, -1, D("2026-01-01"))
    with pytest.raises(ValueError, match="negative"):
        monthly_amount_pence(-1)


@pytest.mark.parametrize(
    ("annual", "monthly"),
    [(6000, 500), (6001, 501), (6011, 501), (6012, 501), (6013, 502), (11, 1), (0, 0)],
)
def test_the_monthly_amount_is_a_twelfth_rounded_up(annual: int, monthly: int) -> None:
    assert monthly_amount_pence(annual) == monthly
    assert 0 <= 12 * monthly - annual <= 11


def test_monthly_instalments_from_31_january_cover_each_month_end() -> None:
    instalments = monthly_instalments(first_period(ROLLING, D("2026-01-31")))

    assert [p.end for p in instalments] == [
        D(day)
        for day in (
            "2026-03-01", "2026-03-31", "2026-05-01", "2026-05-31", "2026-07-01", "2026-07-31",
            "2026-08-31", "2026-10-01", "2026-10-31", "2026-12-01", "2026-12-31", "2027-01-31",
        )
    ]
    assert instalments[0].last_day == D("2026-02-28")


@pytest.mark.parametrize("start", ["2026-01-31", "2024-02-29", "2026-03-15", "2027-12-31"])
def test_a_rolling_year_splits_into_twelve_contiguous_instalments(start: str) -> None:
    period = first_period(ROLLING, D(start))
    instalments = monthly_instalments(period)

    assert len(instalments) == 12
    assert instalments[0].start == period.start
    assert instalments[-1].end == period.end
    assert all(a.end == b.start for a, b in zip(instalments, instalments[1:], strict=False))


def test_a_part_year_splits_into_months_with_a_short_last_one() -> None:
    instalments = monthly_instalments(first_period(OCTOBER, D("2027-08-15")))

    assert instalments == (
        Period(D("2027-08-15"), D("2027-09-15")),
        Period(D("2027-09-15"), D("2027-10-01")),
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: PeriodRule.fixed(2, 29),
        lambda: PeriodRule.fixed(4, 31),
        lambda: PeriodRule.fixed(10, 1, roll_over=(10, 1)),
        lambda: PeriodRule.fixed(10, 1, roll_over=(2, 29)),
        lambda: PeriodRule(kind="weekly"),  # type: ignore[arg-type]
        lambda: Period(D("2026-01-01"), D("2026-01-01")),
    ],
)
def test_impossible_rules_and_periods_are_refused(make: Callable[[], object]) -> None:
    with pytest.raises(ValueError):
        make()
