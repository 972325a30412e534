"""The geometry of the "signatures over time" chart: a cumulative line drawn as SVG.

Pure arithmetic so the server can draw the chart with no JavaScript: given the
signatures counted each day, return the points of the line and the labels of
its axes in the chart's own coordinates.
"""

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Chart", "cumulative_chart", "nice_ceiling"]


@dataclass(frozen=True)
class Chart:
    """Points ("x,y x,y ...") of the line, y-axis ticks and x-axis labels, all in pixels.

    ``daily`` holds the figures the line is drawn from, (day, signatures that day,
    running total) for every day from the first to the last, for the chart's table.
    """

    width: int
    height: int
    left: int
    bottom: int
    points: str
    y_ticks: list[tuple[float, str]]
    x_labels: list[tuple[float, str]]
    total: int
    daily: tuple[tuple[date, int, int], ...] = ()


def nice_ceiling(value: int) -> int:
    """Return the smallest of 1, 2 or 5 times a power of ten that is at least ``value`` (min 10)."""
    power = 1
    while True:
        for step in (1, 2, 5):
            if step * power >= max(value, 10):
                return step * power
        power *= 10


def cumulative_chart(days: list[tuple[date, int]], *, width: int = 640, height: int = 240,
                     left: int = 64, bottom: int = 32, top: int = 12,
                     right: int = 16) -> Chart:
    """Lay out the running total of ``days`` ((day, count) pairs, any order, gaps allowed).

    Days with no signatures are filled in so the line is flat across them.
    An empty list gives a chart with no points.
    """
    plot_w, plot_h = width - left - right, height - top - bottom
    if not days:
        return Chart(width, height, left, bottom, "", [(float(top + plot_h), "0")], [], 0)
    by_day: dict[date, int] = {}
    for day, count in days:
        by_day[day] = by_day.get(day, 0) + count
    first, last = min(by_day), max(by_day)
    span = max((last - first).days, 1)
    running, totals, daily = 0, [], []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        running += by_day.get(day, 0)
        totals.append((offset, running))
        daily.append((day, by_day.get(day, 0), running))
    ceiling = nice_ceiling(max(running, 1))

    def x(offset: int) -> float:
        return round(left + plot_w * offset / span, 1)

    def y(value: int) -> float:
        return round(top + plot_h - plot_h * value / ceiling, 1)

    points = " ".join(f"{x(o)},{y(v)}" for o, v in totals)
    if len(totals) == 1:
        points = f"{x(0)},{y(totals[0][1])} {x(span)},{y(totals[0][1])}"
    y_ticks = [(y(ceiling * i // 4), f"{ceiling * i // 4:,}") for i in range(5)]
    x_labels = [(x(0), first.strftime("%-d %b")), (x(span), last.strftime("%-d %b"))]
    if span >= 4:
        middle = first + timedelta(days=span // 2)
        x_labels.insert(1, (x(span // 2), middle.strftime("%-d %b")))
    return Chart(width, height, left, bottom, points, y_ticks, x_labels, running, tuple(daily))
