from datetime import UTC, datetime, timedelta

import pytest

from rules.petitions.lifecycle import (
    CONFIRMATION_GRACE,
    TRANSITIONS,
    PetitionState,
    anonymise_due,
    anonymise_on,
    can_transition,
    confirmation_accepted,
    default_closes_at,
    petition_state,
)

OPENS = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
CLOSES = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


def at(year, month, day, hour=0, minute=0, second=0):
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize(
    ("stored", "opens_at", "closes_at", "now", "expected"),
    [
        ("draft", None, None, OPENS, "draft"),
        ("pending", None, None, OPENS, "pending"),
        ("rejected", None, None, OPENS, "rejected"),
        ("hidden", OPENS, CLOSES, OPENS + SECOND, "hidden"),
        ("closed", OPENS, CLOSES, OPENS + SECOND, "closed"),
        ("open", OPENS, CLOSES, OPENS - SECOND, "pending"),  # approved, not yet opened
        ("open", OPENS, CLOSES, OPENS, "open"),
        ("open", OPENS, CLOSES, CLOSES - SECOND, "open"),
        ("open", OPENS, CLOSES, CLOSES, "closed"),
        ("open", OPENS, CLOSES, CLOSES + timedelta(days=400), "closed"),
        ("open", None, None, CLOSES, "open"),
        ("hidden", OPENS, CLOSES, CLOSES + SECOND, "hidden"),
    ],
)
def test_the_state_shown_follows_the_stored_state_and_the_clock(
    stored, opens_at, closes_at, now, expected
):
    assert petition_state(stored, opens_at, closes_at, now) == expected


def test_states_are_stored_as_plain_strings():
    assert [state.value for state in PetitionState] == [
        "draft", "pending", "open", "closed", "rejected", "hidden"
    ]
    assert petition_state(PetitionState.OPEN, OPENS, CLOSES, OPENS) is PetitionState.OPEN


def test_an_unknown_stored_state_is_refused():
    with pytest.raises(ValueError):
        petition_state("archived", None, None, OPENS)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        petition_state("open", OPENS, CLOSES, datetime(2025, 4, 1))


ALLOWED = {
    ("draft", "pending"),
    ("pending", "open"),
    ("pending", "rejected"),
    ("pending", "hidden"),
    ("open", "closed"),
    ("open", "hidden"),
    ("closed", "hidden"),
    ("rejected", "hidden"),
    ("hidden", "pending"),
    ("hidden", "open"),
    ("hidden", "closed"),
    ("hidden", "rejected"),
}
ALL_PAIRS = [(a.value, b.value) for a in PetitionState for b in PetitionState]


@pytest.mark.parametrize(("from_state", "to_state"), ALL_PAIRS)
def test_only_the_agreed_transitions_are_allowed(from_state, to_state):
    assert can_transition(from_state, to_state) == ((from_state, to_state) in ALLOWED)


def test_a_proposal_hidden_before_moderation_can_go_back_to_moderation():
    # Before the fix a hidden proposal could only be restored to "open",
    # which would have published it without anyone approving it.
    assert can_transition("hidden", "pending")


def test_every_state_has_a_row_in_the_transition_table():
    assert set(TRANSITIONS) == set(PetitionState)


@pytest.mark.parametrize(("from_state", "to_state"), [("open", "archived"), ("live", "closed")])
def test_transitions_with_unknown_states_are_refused(from_state, to_state):
    with pytest.raises(ValueError):
        can_transition(from_state, to_state)


@pytest.mark.parametrize(
    ("opens_at", "closes_at"),
    [
        (at(2025, 3, 1, 9), at(2025, 9, 1, 9)),
        (at(2025, 8, 31, 12), at(2026, 2, 28, 12)),
        (at(2027, 8, 31, 12), at(2028, 2, 29, 12)),
        (at(2025, 12, 31, 23, 59), at(2026, 6, 30, 23, 59)),
    ],
)
def test_a_petition_closes_six_calendar_months_after_opening_by_default(opens_at, closes_at):
    assert default_closes_at(opens_at) == closes_at


@pytest.mark.parametrize(
    ("sent_at", "now", "accepted"),
    [
        (CLOSES - timedelta(days=3), CLOSES - timedelta(days=1), True),  # still open
        (CLOSES - SECOND, CLOSES, True),
        (CLOSES - SECOND, CLOSES + timedelta(hours=23, minutes=59, seconds=59), True),
        (CLOSES - SECOND, CLOSES + CONFIRMATION_GRACE, False),
        (CLOSES - timedelta(days=3), CLOSES + timedelta(hours=25), False),
        (CLOSES, CLOSES + SECOND, False),  # made at the closing instant: too late
        (CLOSES + SECOND, CLOSES + timedelta(hours=1), False),
    ],
)
def test_confirmations_of_signatures_made_before_closing_count_for_24_hours(
    sent_at, now, accepted
):
    assert confirmation_accepted(CLOSES, sent_at, now) is accepted


def test_the_confirmation_grace_is_24_hours():
    assert CONFIRMATION_GRACE == timedelta(hours=24)


@pytest.mark.parametrize(
    ("closed_at", "now", "exempt", "due"),
    [
        (at(2025, 1, 15, 12), at(2025, 7, 15, 11, 59, 59), False, False),
        (at(2025, 1, 15, 12), at(2025, 7, 15, 12), False, True),
        (at(2025, 1, 15, 12), at(2026, 1, 1), False, True),
        (at(2025, 1, 15, 12), at(2026, 1, 1), True, False),
        (at(2025, 8, 31, 12), at(2026, 2, 28, 11), False, False),
        (at(2025, 8, 31, 12), at(2026, 2, 28, 12), False, True),
        (None, at(2030, 1, 1), False, False),
    ],
)
def test_signers_are_anonymised_six_calendar_months_after_closing(closed_at, now, exempt, due):
    assert anonymise_due(closed_at, now, exempt) is due


def test_anonymisation_date_is_month_end_safe():
    assert anonymise_on(at(2025, 8, 31, 12)) == at(2026, 2, 28, 12)
