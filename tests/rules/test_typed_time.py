from datetime import date, time

import pytest

from rules.typed_time import parse_date, parse_time


@pytest.mark.parametrize(("typed", "expected"), [
    ("1/3/2027", date(2027, 3, 1)), ("01/03/2027", date(2027, 3, 1)),
    ("1-3-2027", date(2027, 3, 1)), ("1.3.27", date(2027, 3, 1)), (" 1 / 3 / 2027 ", date(2027, 3, 1)),
    ("2027-03-01", date(2027, 3, 1)), ("1 March 2027", date(2027, 3, 1)),
    ("1st march 2027", date(2027, 3, 1)), ("1 Mar 2027", date(2027, 3, 1)),
    ("Monday 1 March 2027", date(2027, 3, 1)), ("Mon, 1 March 2027", date(2027, 3, 1)),
    ("March 1, 2027", date(2027, 3, 1)), ("29 February 2028", date(2028, 2, 29)),
    ("23 Sept 2027", date(2027, 9, 23)), ("12/11/2027", date(2027, 11, 12)),
])
def test_dates_are_read_as_people_in_the_uk_type_them(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize(("typed", "words"), [
    ("", "day, month and year"), ("tomorrow", "day, month and year"),
    ("12", "day, month and year"), ("March 2027", "day, month and year"),
    ("1 Smarch 2027", "day, month and year"), ("31/02/2027", "real date"),
    ("29 February 2027", "real date"), ("1/13/2027", "real date"),
    ("2027-03-01T09:00", "day, month and year"),
])
def test_what_is_not_a_date_is_refused_in_words(typed, words):
    with pytest.raises(ValueError, match=words):
        parse_date(typed)


@pytest.mark.parametrize(("typed", "expected"), [
    ("9:00", time(9, 0)), ("09:00", time(9, 0)), ("9", time(9, 0)), ("9am", time(9, 0)),
    ("9 am", time(9, 0)), ("9.30pm", time(21, 30)), ("9:30 p.m.", time(21, 30)),
    ("12am", time(0, 0)), ("12pm", time(12, 0)), ("12:15 AM", time(0, 15)),
    ("17:30", time(17, 30)), ("1730", time(17, 30)), ("0930", time(9, 30)),
    ("noon", time(12, 0)), ("Midnight", time(0, 0)), ("23:59", time(23, 59)),
])
def test_times_are_read_in_24_or_12_hours(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["", "soon", "24:00", "9:60", "13pm", "0am", "9:5",
                                   "17:30:00", "2027-03-01"])
def test_what_is_not_a_time_is_refused_with_an_example(typed):
    with pytest.raises(ValueError, match="Enter a time such as 9:00, 9am or 17:30"):
        parse_time(typed)
