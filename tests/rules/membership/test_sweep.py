from datetime import date, timedelta

import pytest

from rules.membership.events import CancelRequested, Event, Joined, PaymentReceived
from rules.membership.lifecycle import membership_state
from rules.membership.sweep import SweepAction, sweep_actions

D = date.fromisoformat

# Joined and paid 1 October 2026; renewal due 1 October 2027 (covered to 30 September).
MEMBER: list[Event] = [Joined(D("2026-10-01")), PaymentReceived(D("2026-10-01"), D("2027-10-01"))]


def keys_on(events: list[Event], today: str, done: frozenset[str] = frozenset()) -> list[str]:
    state = membership_state(events, D(today))
    return [action.key for action in sweep_actions(state, D(today), done=done)]


@pytest.mark.parametrize(
    ("today", "keys"),
    [
        ("2027-08-31", []),  # 31 days before renewal
        ("2027-09-01", ["renewal-30:2027-10-01"]),  # exactly 30 days before
        ("2027-09-23", ["renewal-30:2027-10-01"]),  # 8 days: a missed 30-day reminder catches up
        ("2027-09-24", ["renewal-7:2027-10-01"]),  # exactly 7 days before
        ("2027-09-30", ["renewal-7:2027-10-01"]),  # the last covered day
        ("2027-10-01", ["status-grace:2027-10-01", "grace-start:2027-10-01"]),
        ("2027-10-30", ["status-grace:2027-10-01", "grace-start:2027-10-01"]),
        ("2027-10-31", ["status-grace:2027-10-01", "status-lapsed:2027-10-31"]),
    ],
)
def test_the_sweep_on_a_day_with_nothing_done_yet(today: str, keys: list[str]) -> None:
    assert keys_on(MEMBER, today) == keys


def test_a_reminder_already_sent_is_not_sent_again() -> None:
    sent = frozenset({"renewal-30:2027-10-01"})

    assert keys_on(MEMBER, "2027-09-02", sent) == []
    assert keys_on(MEMBER, "2027-09-24", sent) == ["renewal-7:2027-10-01"]


def test_a_daily_sweep_does_each_thing_once_on_the_right_day() -> None:
    done: set[str] = set()
    log: list[tuple[str, str]] = []
    day = D("2026-10-01")
    while day <= D("2027-12-31"):
        state = membership_state(MEMBER, day)
        for action in sweep_actions(state, day, done=done):
            done.add(action.key)
            log.append((day.isoformat(), action.key))
        day += timedelta(days=1)

    assert log == [
        ("2027-09-01", "renewal-30:2027-10-01"),
        ("2027-09-24", "renewal-7:2027-10-01"),
        ("2027-10-01", "status-grace:2027-10-01"),
        ("2027-10-01", "grace-start:2027-10-01"),
        ("2027-10-31", "status-lapsed:2027-10-31"),
    ]


def test_a_renewed_member_is_reminded_about_the_new_renewal_date() -> None:
    renewed = [*MEMBER, PaymentReceived(D("2027-10-05"), D("2028-10-01"))]

    assert keys_on(renewed, "2027-10-06") == []
    assert keys_on(renewed, "2028-09-01") == ["renewal-30:2028-10-01"]


def test_a_cancelling_member_gets_no_renewal_reminders_and_is_cancelled_at_period_end() -> None:
    cancelling = [*MEMBER, CancelRequested(D("2027-01-10"))]

    assert keys_on(cancelling, "2027-09-01") == []
    assert keys_on(cancelling, "2027-09-24") == []
    assert keys_on(cancelling, "2027-10-01") == ["status-cancelled:2027-10-01"]
    assert keys_on(cancelling, "2027-10-02", frozenset({"status-cancelled:2027-10-01"})) == []


def test_a_pending_member_gets_nothing() -> None:
    assert keys_on([Joined(D("2026-10-01"))], "2027-10-01") == []


def test_monthly_payers_can_turn_renewal_reminders_off() -> None:
    state = membership_state(MEMBER, D("2027-09-24"))

    assert sweep_actions(state, D("2027-09-24"), reminder_days=()) == []


def test_reminder_days_can_be_chosen() -> None:
    state = membership_state(MEMBER, D("2027-09-17"))

    actions = sweep_actions(state, D("2027-09-17"), reminder_days=(14, 3))

    assert actions == [SweepAction("send_reminder", "renewal-14", D("2027-10-01"))]


def test_reminder_days_must_be_before_renewal() -> None:
    state = membership_state(MEMBER, D("2027-09-17"))

    with pytest.raises(ValueError, match="1 day or more"):
        sweep_actions(state, D("2027-09-17"), reminder_days=(30, 0))


def test_action_keys_are_built_from_dates_only() -> None:
    transition = SweepAction("record_transition", "lapsed", D("2027-10-31"))
    reminder = SweepAction("send_reminder", "renewal-30", D("2027-10-01"))

    assert transition.key == "status-lapsed:2027-10-31"
    assert reminder.key == "renewal-30:2027-10-01"
