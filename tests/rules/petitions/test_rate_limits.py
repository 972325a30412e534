from datetime import UTC, datetime, timedelta

import pytest

from rules.petitions.rate_limits import (
    DEFAULT_WINDOWS,
    RateWindow,
    exceeded_window,
    exceeded_window_by_counts,
    is_suspicious,
)

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)
SHORT, LONG = DEFAULT_WINDOWS


def ago(**delta):
    return NOW - timedelta(**delta)


def test_default_windows_are_5_in_10_minutes_and_20_in_24_hours():
    assert SHORT == RateWindow(5, timedelta(minutes=10))
    assert LONG == RateWindow(20, timedelta(hours=24))


@pytest.mark.parametrize(
    ("recent", "suspicious"),
    [
        ([], False),
        ([ago(minutes=1)] * 4, False),  # the new one is the fifth: allowed
        ([ago(minutes=1)] * 5, True),  # the new one is the sixth
        ([ago(minutes=9, seconds=59)] * 5, True),
        ([ago(minutes=10)] * 5, False),  # exactly ten minutes old: outside
        ([ago(minutes=10)] + [ago(minutes=1)] * 4, False),
        ([ago(minutes=9)] + [ago(minutes=1)] * 4, True),
        ([NOW + timedelta(seconds=2)] * 5, True),  # another server's clock a little ahead
    ],
)
def test_short_window_holds_the_sixth_signature_within_ten_minutes(recent, suspicious):
    assert is_suspicious(recent, NOW) is suspicious


@pytest.mark.parametrize(
    ("recent", "suspicious"),
    [
        ([ago(hours=1)] * 19, False),  # the new one is the twentieth
        ([ago(hours=1)] * 20, True),
        ([ago(hours=23, minutes=59, seconds=59)] * 20, True),
        ([ago(hours=24)] * 20, False),  # exactly a day old: outside
        ([ago(hours=24)] * 1 + [ago(hours=2)] * 19, False),
        ([ago(hours=30)] * 100, False),
    ],
)
def test_long_window_holds_the_twenty_first_signature_within_a_day(recent, suspicious):
    assert is_suspicious(recent, NOW) is suspicious


def test_the_window_that_was_exceeded_is_named():
    assert exceeded_window([ago(minutes=1)] * 5, NOW) == SHORT
    assert exceeded_window([ago(hours=3)] * 20, NOW) == LONG
    assert exceeded_window([ago(hours=3)] * 3, NOW) is None


def test_staff_can_set_their_own_windows():
    strict = [RateWindow(1, timedelta(minutes=1))]
    assert is_suspicious([ago(seconds=30)], NOW, strict)
    assert not is_suspicious([ago(seconds=60)], NOW, strict)


def test_a_limit_of_zero_holds_every_signature():
    assert is_suspicious([], NOW, [RateWindow(0, timedelta(hours=1))])


def test_recent_times_can_be_any_iterable():
    assert is_suspicious((moment for moment in [ago(minutes=2)] * 5), NOW)


@pytest.mark.parametrize(
    ("limit", "period"), [(-1, timedelta(minutes=1)), (5, timedelta(0)), (5, timedelta(-1))]
)
def test_impossible_windows_are_refused(limit, period):
    with pytest.raises(ValueError):
        RateWindow(limit, period)


def test_a_naive_now_is_refused():
    with pytest.raises(ValueError):
        is_suspicious([], datetime(2025, 5, 1, 12, 0))


@pytest.mark.parametrize(("counts", "expected"), [
    ([0, 0], None),
    ([4, 4], None),
    ([5, 5], 0),
    ([4, 20], 1),
    ([9, 30], 0),
])
def test_windows_can_be_judged_from_counts_a_database_made(counts, expected):
    found = exceeded_window_by_counts(counts, DEFAULT_WINDOWS)
    assert found == (None if expected is None else DEFAULT_WINDOWS[expected])


@pytest.mark.parametrize("counts", [[1], [1, 2, 3], [-1, 0]])
def test_counts_must_match_the_windows_and_not_be_negative(counts):
    with pytest.raises(ValueError):
        exceeded_window_by_counts(counts, DEFAULT_WINDOWS)
