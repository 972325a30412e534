"""Figures for the staff dashboard: members by status, category, nation; joins and lapses."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.membership import Membership, MembershipCategory, MembershipEvent
from rules.membership.events import Status
from rules.membership.periods import add_months
from rules.membership.regions import NATIONS
from services.membership.standing import today as utc_today


@dataclass(frozen=True)
class Figures:
    by_status: list[tuple[str, int]]
    by_category: list[tuple[str, int]]
    by_nation: list[tuple[str, int]]
    months: list[str]
    joins: list[int]
    lapses: list[int]


def figures(session: Session, *, months: int = 12, on: date | None = None) -> Figures:
    """Counts for the dashboard; joins and lapses for the last ``months`` calendar months."""
    on = on or utc_today()
    statuses = dict(session.execute(select(Membership.status, func.count())
                                    .group_by(Membership.status)).all())
    by_status = [(s.value.capitalize(), statuses.get(s.value, 0)) for s in Status]
    by_category = [(name, count) for name, count in session.execute(
        select(MembershipCategory.name, func.count(Membership.id))
        .outerjoin(Membership, Membership.category_id == MembershipCategory.id)
        .group_by(MembershipCategory.id, MembershipCategory.name)
        .order_by(MembershipCategory.position, MembershipCategory.id)).all()]
    nations = dict(session.execute(select(Membership.nation, func.count())
                                   .group_by(Membership.nation)).all())
    by_nation = [(label, nations.get(code, 0)) for code, label in NATIONS]
    by_nation.append(("Outside the UK or not given", nations.get(None, 0)))
    first = add_months(date(on.year, on.month, 1), 1 - months)
    keys = [add_months(first, i).strftime("%Y-%m") for i in range(months)]
    joins = dict.fromkeys(keys, 0)
    for day in session.scalars(select(Membership.joined_on).where(Membership.joined_on >= first)):
        if (key := day.strftime("%Y-%m")) in joins:
            joins[key] += 1
    # A lapse is counted once per membership and month, whether the sweep recorded it, staff
    # set it, or the membership was found lapsed when it was next replayed.
    lapsed: set[tuple[int, str]] = set()
    for mid, day, detail in session.execute(select(
            MembershipEvent.membership_id, MembershipEvent.on, MembershipEvent.detail).where(
            MembershipEvent.kind.in_(("status", "staff_status")), MembershipEvent.on >= first)):
        if (detail or {}).get("to") == "lapsed":
            lapsed.add((mid, day.strftime("%Y-%m")))
    for mid, day in session.execute(select(Membership.id, Membership.status_since).where(
            Membership.status == Status.LAPSED.value, Membership.status_since >= first)):
        lapsed.add((mid, day.strftime("%Y-%m")))
    lapses = dict.fromkeys(keys, 0)
    for _mid, key in lapsed:
        if key in lapses:
            lapses[key] += 1
    labels = [date.fromisoformat(k + "-01").strftime("%b %y") for k in keys]
    return Figures(by_status, by_category, by_nation, labels, list(joins.values()),
                   list(lapses.values()))


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


def column_chart(labels: list[str], values: list[int], *, width: int = 640,
                 height: int = 220) -> tuple[list[Bar], int]:
    """Geometry for a server-drawn SVG column chart: bars and the scale's top value."""
    top = max([*values, 1])
    plot_top, plot_bottom, left = 20, height - 40, 10
    slot = (width - left) / max(len(values), 1)
    bars = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = (plot_bottom - plot_top) * value / top
        bars.append(Bar(label, value, left + i * slot + slot * 0.15, plot_bottom - h,
                        slot * 0.7, h))
    return bars, top


def bar_chart(rows: list[tuple[str, int]], *, width: int = 640,
              row_height: int = 28) -> list[Bar]:
    """Geometry for a horizontal SVG bar chart (label on the left, bar, value)."""
    top = max([v for _, v in rows] + [1])
    label_width, value_room = 220, 50
    span = width - label_width - value_room
    return [Bar(label, value, label_width, i * row_height + 4, span * value / top,
                row_height - 8) for i, (label, value) in enumerate(rows)]
