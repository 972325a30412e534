from datetime import UTC, datetime, timedelta

import pytest

from rules.polls.lifecycle import due_action, extension_problem, poll_state, results_visible

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize("status, opens, closes, expected", [
    ("draft", None, None, "draft"),
    ("draft", NOW + HOUR, None, "scheduled"),
    ("open", None, None, "open"),
    ("open", None, NOW + HOUR, "open"),
    ("open", None, NOW, "closed"),
    ("open", None, NOW - HOUR, "closed"),
    ("closed", None, NOW + HOUR, "closed"),
])
def test_poll_state(status, opens, closes, expected):
    assert poll_state(status, opens, closes, NOW) == expected


@pytest.mark.parametrize("status, opens, closes, expected", [
    ("draft", NOW - HOUR, None, "open"),
    ("draft", NOW + HOUR, None, None),
    ("draft", None, None, None),
    ("open", None, NOW - HOUR, "close"),
    ("open", None, NOW + HOUR, None),
    ("closed", None, NOW - HOUR, None),
])
def test_due_action(status, opens, closes, expected):
    assert due_action(status, opens, closes, NOW) == expected


@pytest.mark.parametrize("state, live, expected", [
    ("draft", True, False), ("open", False, False), ("open", True, True),
    ("closed", False, True), ("closed", True, True),
])
def test_results_visible(state, live, expected):
    assert results_visible(state, live) is expected


def test_extension_must_be_later_and_in_the_future_and_before_close():
    assert extension_problem("open", NOW + HOUR, NOW + 2 * HOUR, NOW) is None
    assert "later" in extension_problem("open", NOW + HOUR, NOW + HOUR, NOW)
    assert "future" in extension_problem("open", None, NOW - HOUR, NOW)
    assert "closed" in extension_problem("closed", NOW - HOUR, NOW + HOUR, NOW)
