import pytest

from rules.numbers import whole_number


@pytest.mark.parametrize(("text", "expected"), [
    ("12", 12),
    (" 7 ", 7),
    ("0", 0),
    ("", None),
    (None, None),
    ("²", None),
    ("٣", None),
    ("-3", None),
    ("1.5", None),
    ("9" * 5000, None),
    ("2147483647", 2147483647),
    ("2147483648", None),
])
def test_whole_numbers_are_ascii_digits_within_range(text, expected):
    assert whole_number(text) == expected


def test_limits_can_be_narrowed():
    assert whole_number("0", minimum=1) is None
    assert whole_number("10000", maximum=9999) is None
    assert whole_number("9999", minimum=1, maximum=9999) == 9999
