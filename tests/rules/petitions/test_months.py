from datetime import UTC, date, datetime

import pytest

from rules.petitions.months import add_calendar_months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 15), 6, date(2025, 7, 15)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2025, 12, 31), 6, date(2026, 6, 30)),
        (date(2025, 7, 31), 6, date(2026, 1, 31)),
        (date(2025, 2, 28), 6, date(2025, 8, 28)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 31), 0, date(2025, 1, 31)),
        (date(2025, 1, 10), 24, date(2027, 1, 10)),
    ],
)
def test_calendar_months_keep_the_day_or_fall_back_to_the_months_last(start, months, expected):
    assert add_calendar_months(start, months) == expected


def test_a_datetime_keeps_its_time_and_time_zone():
    start = datetime(2025, 8, 31, 17, 45, 12, tzinfo=UTC)
    assert add_calendar_months(start, 6) == datetime(2026, 2, 28, 17, 45, 12, tzinfo=UTC)
