from dataclasses import astuple, dataclass
from datetime import date

import pytest

from rules.membership.events import (
    CancellationWithdrawn,
    CancelRequested,
    Event,
    Joined,
    PaymentFailed,
    PaymentReceived,
    Rejoined,
    Resigned,
    StaffStatusChange,
    Status,
)
from rules.membership.lifecycle import (
    MembershipState,
    in_good_standing,
    membership_state,
    period_for_payment,
)
from rules.membership.periods import PeriodRule, first_period, monthly_instalments

D = date.fromisoformat
ROLLING = PeriodRule.rolling()
OCTOBER_ROLL_OVER = PeriodRule.fixed(10, 1, pro_rata=True, roll_over=(7, 1))


def joined(on: str) -> Joined:
    return Joined(D(on))


def paid(on: str, until: str) -> PaymentReceived:
    return PaymentReceived(D(on), D(until))


def paid_first(rule: PeriodRule, on: str) -> PaymentReceived:
    """A first payment whose period end the periods rules work out."""
    return PaymentReceived(D(on), first_period(rule, D(on)).end)


@dataclass(frozen=True)
class Expect:
    status: Status
    period_end: str | None = None
    grace_ends: str | None = None
    renewal_date: str | None = None
    cancel_at_period_end: bool = False


def observed(state: MembershipState) -> Expect:
    def iso(day: date | None) -> str | None:
        return day.isoformat() if day else None

    return Expect(
        state.status,
        iso(state.period_end),
        iso(state.grace_ends),
        iso(state.renewal_date),
        state.cancel_at_period_end,
    )


# A member who joins and pays on 15 March 2026: covered to 14 March 2027.
MEMBER = [joined("2026-03-15"), paid("2026-03-15", "2027-03-15")]
ACTIVE = Expect(Status.ACTIVE, "2027-03-15", None, "2027-03-15")
GRACE = Expect(Status.GRACE, "2027-03-15", "2027-04-14", "2027-03-15")
RENEWED = Expect(Status.ACTIVE, "2028-03-15", None, "2028-03-15")
CANCELLING = Expect(Status.ACTIVE, "2027-03-15", None, None, cancel_at_period_end=True)

LIFECYCLE = [
    # (what happens, events, today, expected)
    ("joined, not paid", [joined("2026-03-15")], "2026-05-01", Expect(Status.PENDING)),
    ("join then pay", MEMBER, "2026-03-15", ACTIVE),
    ("last covered day", MEMBER, "2027-03-14", ACTIVE),
    ("period end passes", MEMBER, "2027-03-15", GRACE),
    ("last day of grace", MEMBER, "2027-04-13", GRACE),
    ("30 days after: lapsed", MEMBER, "2027-04-14",
     Expect(Status.LAPSED, "2027-03-15", "2027-04-14")),
    ("paid early", [*MEMBER, paid("2027-02-20", "2028-03-15")], "2027-03-20", RENEWED),
    ("paid during grace", [*MEMBER, paid("2027-03-25", "2028-03-15")], "2027-03-25", RENEWED),
    ("paid on the last day of grace", [*MEMBER, paid("2027-04-13", "2028-03-15")],
     "2027-05-01", RENEWED),
    ("paid after lapsing: a fresh year", [*MEMBER, paid("2027-05-01", "2028-05-01")],
     "2027-05-01", Expect(Status.ACTIVE, "2028-05-01", None, "2028-05-01")),
    ("an older payment never shortens", [*MEMBER, paid("2027-02-20", "2028-03-15"),
     paid("2027-02-21", "2027-03-15")], "2027-06-01", RENEWED),
    ("payment failed: still paid up", [*MEMBER, PaymentFailed(D("2027-03-14"))],
     "2027-03-14", ACTIVE),
    ("payment failed: grace at period end", [*MEMBER, PaymentFailed(D("2027-03-14"))],
     "2027-03-16", GRACE),
    ("payment failed, then retried", [*MEMBER, PaymentFailed(D("2027-03-14")),
     paid("2027-03-18", "2028-03-15")], "2027-03-18", RENEWED),
    ("cancel: active to period end", [*MEMBER, CancelRequested(D("2026-06-01"))],
     "2027-03-14", CANCELLING),
    ("cancel: cancelled at period end", [*MEMBER, CancelRequested(D("2026-06-01"))],
     "2027-03-15", Expect(Status.CANCELLED, "2027-03-15")),
    ("cancel withdrawn: renews as normal", [*MEMBER, CancelRequested(D("2026-06-01")),
     CancellationWithdrawn(D("2026-07-01"))], "2027-03-15", GRACE),
    ("cancel then rejoin before period end", [*MEMBER, CancelRequested(D("2026-06-01")),
     Rejoined(D("2027-03-01"))], "2027-03-01", ACTIVE),
    ("cancel then renew by paying", [*MEMBER, CancelRequested(D("2026-06-01")),
     paid("2027-03-01", "2028-03-15")], "2027-03-20", RENEWED),
    ("withdrawing after the period ended is too late", [*MEMBER,
     CancelRequested(D("2026-06-01")), CancellationWithdrawn(D("2027-03-16"))],
     "2027-03-16", Expect(Status.CANCELLED, "2027-03-15")),
    ("rejoin after cancelling: pending again", [*MEMBER, CancelRequested(D("2026-06-01")),
     Rejoined(D("2027-06-01"))], "2027-06-01", Expect(Status.PENDING)),
    ("cancel during grace: at once", [*MEMBER, CancelRequested(D("2027-03-20"))],
     "2027-03-20", Expect(Status.CANCELLED, "2027-03-15", "2027-04-14")),
    ("cancel before paying: at once", [joined("2026-03-15"), CancelRequested(D("2026-03-20"))],
     "2026-03-20", Expect(Status.CANCELLED)),
    ("resign: immediate", [*MEMBER, Resigned(D("2026-09-01"))], "2026-09-01",
     Expect(Status.RESIGNED, "2027-03-15")),
    ("payment after resigning is ignored", [*MEMBER, Resigned(D("2026-09-01")),
     paid("2026-09-02", "2027-09-02")], "2026-09-03", Expect(Status.RESIGNED, "2027-03-15")),
    ("resign, rejoin, pay", [*MEMBER, Resigned(D("2026-09-01")), Rejoined(D("2026-10-01")),
     paid("2026-10-02", "2027-10-02")], "2026-10-02",
     Expect(Status.ACTIVE, "2027-10-02", None, "2027-10-02")),
    ("payment recorded with no sign-up", [paid("2026-03-15", "2027-03-15")], "2026-04-01",
     ACTIVE),
    ("staff set active: the paid period still runs out", [*MEMBER,
     StaffStatusChange(D("2026-05-01"), Status.ACTIVE, "correction")], "2027-03-15", GRACE),
    ("staff make an open-ended honorary member", [joined("2026-03-15"),
     StaffStatusChange(D("2026-05-01"), Status.ACTIVE, "honorary")], "2040-01-01",
     Expect(Status.ACTIVE)),
    ("staff extend a membership", [*MEMBER, StaffStatusChange(D("2026-05-01"),
     Status.ACTIVE, "hardship", D("2028-03-15"))], "2027-06-01", RENEWED),
    ("staff mark lapsed", [*MEMBER, StaffStatusChange(D("2026-05-01"), Status.LAPSED,
     "bank reversal")], "2026-05-02", Expect(Status.LAPSED, "2027-03-15")),
    ("events after today are ignored", [*MEMBER, Resigned(D("2026-09-01"))], "2026-08-31",
     ACTIVE),
    ("leap-day joiner covered to 28 Feb", [joined("2024-02-29"),
     paid_first(ROLLING, "2024-02-29")], "2025-02-28",
     Expect(Status.ACTIVE, "2025-03-01", None, "2025-03-01")),
    ("leap-day joiner in grace on 1 March", [joined("2024-02-29"),
     paid_first(ROLLING, "2024-02-29")], "2025-03-01",
     Expect(Status.GRACE, "2025-03-01", "2025-03-31", "2025-03-01")),
    ("monthly from 31 Jan: covered to end of Feb", [joined("2026-01-31"),
     PaymentReceived(D("2026-01-31"), monthly_instalments(first_period(ROLLING,
     D("2026-01-31")))[0].end)], "2026-02-28",
     Expect(Status.ACTIVE, "2026-03-01", None, "2026-03-01")),
    ("monthly from 31 Jan: second instalment", [joined("2026-01-31"),
     paid("2026-01-31", "2026-03-01"), paid("2026-03-01", "2026-03-31")], "2026-03-02",
     Expect(Status.ACTIVE, "2026-03-31", None, "2026-03-31")),
    ("fixed year: joined before roll-over", [joined("2027-06-30"),
     paid_first(OCTOBER_ROLL_OVER, "2027-06-30")], "2027-09-30",
     Expect(Status.ACTIVE, "2027-10-01", None, "2027-10-01")),
    ("fixed year: joined on roll-over", [joined("2027-07-01"),
     paid_first(OCTOBER_ROLL_OVER, "2027-07-01")], "2027-10-01",
     Expect(Status.ACTIVE, "2028-10-01", None, "2028-10-01")),
]


@pytest.mark.parametrize(
    ("events", "today", "expected"),
    [pytest.param(events, today, expected, id=name) for name, events, today, expected in LIFECYCLE],
)
def test_membership_state_on_a_day(events: list[Event], today: str, expected: Expect) -> None:
    assert observed(membership_state(events, D(today))) == expected


def days_in_another_order(events: list[Event], take_days: slice) -> list[Event]:
    """The events regrouped by day, days in another order, each day's events kept in order."""
    days = sorted({event.on for event in events})
    reordered = days[take_days] + [day for day in days if day not in days[take_days]]
    return [event for day in reordered for event in events if event.on == day]


@pytest.mark.parametrize(
    ("events", "today"),
    [
        pytest.param(events, today, id=name)
        for name, events, today, _ in LIFECYCLE
        if len({event.on for event in events}) > 1
    ],
)
@pytest.mark.parametrize("take_days", [slice(None, None, -1), slice(1, None, 2)])
def test_events_delivered_out_of_order_give_the_same_state(
    events: list[Event], today: str, take_days: slice
) -> None:
    shuffled = days_in_another_order(events, take_days)

    assert shuffled != events
    assert membership_state(shuffled, D(today)) == membership_state(events, D(today))


def test_the_table_covers_at_least_25_situations() -> None:
    assert len(LIFECYCLE) >= 25
    assert len({name for name, *_ in LIFECYCLE}) == len(LIFECYCLE)


def test_same_day_events_apply_in_the_order_given() -> None:
    cancel = CancelRequested(D("2026-06-01"))
    withdraw = CancellationWithdrawn(D("2026-06-01"))

    withdrawn_last = membership_state([*MEMBER, cancel, withdraw], D("2026-06-02"))
    cancelled_last = membership_state([*MEMBER, withdraw, cancel], D("2026-06-02"))

    assert withdrawn_last.cancel_at_period_end is False
    assert cancelled_last.cancel_at_period_end is True


def test_a_failed_payment_is_remembered_until_a_payment_clears() -> None:
    failed = [*MEMBER, PaymentFailed(D("2027-03-14"))]

    assert membership_state(failed, D("2027-03-20")).payment_failed_on == D("2027-03-14")
    retried = [*failed, paid("2027-03-21", "2028-03-15")]
    assert membership_state(retried, D("2027-03-21")).payment_failed_on is None


def test_a_staff_change_keeps_its_reason() -> None:
    change = StaffStatusChange(D("2026-05-01"), Status.LAPSED, "bank reversal")

    assert membership_state([*MEMBER, change], D("2026-05-02")).staff_reason == "bank reversal"


def test_state_records_when_time_moved_the_status() -> None:
    lapsed = membership_state(MEMBER, D("2027-05-01"))

    assert lapsed.status_since == D("2027-04-14")
    assert lapsed.time_transitions == (
        (Status.GRACE, D("2027-03-15")),
        (Status.LAPSED, D("2027-04-14")),
    )


def test_a_payment_forgets_the_transitions_time_made() -> None:
    renewed = membership_state([*MEMBER, paid("2027-03-25", "2028-03-15")], D("2027-03-26"))

    assert renewed.time_transitions == ()
    assert renewed.status_since == D("2027-03-25")


def test_payment_during_grace_runs_on_from_the_old_period_end_not_the_payment_date() -> None:
    in_grace = membership_state(MEMBER, D("2027-03-25"))

    period = period_for_payment(ROLLING, in_grace, D("2027-03-25"))

    assert (period.start, period.end) == (D("2027-03-15"), D("2028-03-15"))


def test_early_payment_runs_on_from_the_period_end() -> None:
    active = membership_state(MEMBER, D("2027-02-01"))

    assert period_for_payment(ROLLING, active, D("2027-02-01")).end == D("2028-03-15")


@pytest.mark.parametrize(
    ("events", "paid_on", "end"),
    [
        ([], "2026-03-15", "2027-03-15"),
        ([joined("2026-03-01")], "2026-03-15", "2027-03-15"),  # from paying, not joining
        (MEMBER, "2027-04-14", "2028-04-14"),  # lapsed that day: a fresh year
        ([*MEMBER, Resigned(D("2026-06-01"))], "2026-07-01", "2027-07-01"),
    ],
)
def test_a_payment_outside_good_standing_starts_a_fresh_period(
    events: list[Event], paid_on: str, end: str
) -> None:
    state = membership_state(events, D(paid_on)) if events else None

    assert period_for_payment(ROLLING, state, D(paid_on)).end == D(end)


def test_period_for_payment_lets_time_pass_on_an_older_state() -> None:
    state_when_paid_up = membership_state(MEMBER, D("2026-06-01"))

    # By 2027-05-01 the member had lapsed, so the payment starts afresh.
    assert period_for_payment(ROLLING, state_when_paid_up, D("2027-05-01")).end == D("2028-05-01")


@pytest.mark.parametrize(
    ("status", "good"),
    [
        (Status.PENDING, False),
        (Status.ACTIVE, True),
        (Status.GRACE, True),
        (Status.LAPSED, False),
        (Status.CANCELLED, False),
        (Status.RESIGNED, False),
    ],
)
def test_only_active_and_grace_members_are_in_good_standing(status: Status, good: bool) -> None:
    assert in_good_standing(MembershipState(status, D("2026-01-01"))) is good


def test_a_cancelling_member_is_still_in_good_standing() -> None:
    cancelling = [*MEMBER, CancelRequested(D("2026-06-01"))]

    assert in_good_standing(membership_state(cancelling, D("2027-03-14")))
    assert not in_good_standing(membership_state(cancelling, D("2027-03-15")))


def test_no_events_means_no_membership() -> None:
    with pytest.raises(ValueError, match="no membership"):
        membership_state([], D("2026-01-01"))
    with pytest.raises(ValueError, match="no membership"):
        membership_state([CancelRequested(D("2026-01-01"))], D("2026-01-02"))


def test_staff_status_change_refuses_unknown_status_and_blank_reason() -> None:
    with pytest.raises(ValueError, match="status is one of"):
        StaffStatusChange(D("2026-01-01"), "suspended", "why")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="reason"):
        StaffStatusChange(D("2026-01-01"), Status.LAPSED, "  ")


def test_staff_status_change_accepts_a_status_name() -> None:
    change = StaffStatusChange(D("2026-01-01"), "grace", "manual")  # type: ignore[arg-type]

    assert change.to is Status.GRACE


def test_state_round_trips_through_its_fields() -> None:
    state = membership_state(MEMBER, D("2026-04-01"))

    assert MembershipState(*astuple(state)) == state
