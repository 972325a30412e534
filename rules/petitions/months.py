"""Adding calendar months to a date or time, the way people count "six months"."""

import calendar
from datetime import date, datetime
from typing import TypeVar

Moment = TypeVar("Moment", date, datetime)


def add_calendar_months(moment: Moment, months: int) -> Moment:
    """Return the same day and time ``months`` calendar months later (earlier if negative).

    A day that the target month lacks becomes that month's last day, so
    31 August plus six months is 28 (or 29) February, never 2 or 3 March.
    Works on a ``date`` or a ``datetime`` and keeps its time and time zone.
    """
    month_index = moment.year * 12 + (moment.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
