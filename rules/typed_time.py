"""Dates and times as people type them in the UK: "1 March 2027", "01/03/2027", "9am", "17:30".

Staff type when something should happen into two plain fields, a date and a time,
because the browsers' own date pickers differ, hide their format and are hard to use
with a keyboard or a screen reader. These functions read what was typed, strictly
(nothing is guessed from a lone number), and say in words what is wrong.
"""

import re
from datetime import date, time

__all__ = ["DATE_EXAMPLE", "TIME_EXAMPLE", "parse_date", "parse_time"]

DATE_EXAMPLE = "1 March 2027 or 01/03/2027"
TIME_EXAMPLE = "9:00, 9am or 17:30"

_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), start=1) for name in names}
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+)?"
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_MONTH = re.compile(_WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY = re.compile(_WEEKDAY + r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_CLOCK = re.compile(r"(\d{1,2})(?:\s*[:.]\s*(\d{2}))?\s*(am|pm|a\.m\.?|p\.m\.?)?")
_FOUR_DIGITS = re.compile(r"(\d{2})(\d{2})")
_WORDS = {"noon": time(12, 0), "midday": time(12, 0), "12 noon": time(12, 0),
          "12 midday": time(12, 0), "midnight": time(0, 0), "12 midnight": time(0, 0)}


def _real_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"Enter a real date, such as {DATE_EXAMPLE}.") from None


def parse_date(typed: str) -> date:
    """The date in ``typed``, day before month as in the UK.

    Raises ValueError, with a message for the person who typed it, when it is not a date.
    """
    text = " ".join(typed.strip().lower().split())
    if found := _ISO.fullmatch(text):
        return _real_date(int(found[1]), int(found[2]), int(found[3]))
    if found := _NUMERIC.fullmatch(text):
        year = int(found[3])
        return _real_date(year + 2000 if year < 100 else year, int(found[2]), int(found[1]))
    for pattern, day_at, month_at in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        found = pattern.fullmatch(text)
        if found and found[month_at] in _MONTHS:
            return _real_date(int(found[3]), _MONTHS[found[month_at]], int(found[day_at]))
    raise ValueError(f"Enter the date as a day, month and year, such as {DATE_EXAMPLE}.")


def parse_time(typed: str) -> time:
    """The time of day in ``typed``: 24-hour ("17:30", "0930") or 12-hour ("5.30pm").

    Raises ValueError, with a message for the person who typed it, when it is not a time.
    """
    text = " ".join(typed.strip().lower().split())
    if text in _WORDS:
        return _WORDS[text]
    problem = f"Enter a time such as {TIME_EXAMPLE}."
    if found := _FOUR_DIGITS.fullmatch(text):
        hour, minute, half = int(found[1]), int(found[2]), None
    elif found := _CLOCK.fullmatch(text):
        hour, minute, half = int(found[1]), int(found[2] or 0), found[3]
    else:
        raise ValueError(problem)
    if half is not None:
        if not 1 <= hour <= 12:
            raise ValueError(problem)
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise ValueError(problem)
    return time(hour, minute)
