import pytest

from blueprints.membership.forms import parse_pounds


@pytest.mark.parametrize(("typed", "pence"), [
    ("120", 12000), ("£120.5", 12050), ("1,200.00", 120000), ("0.99", 99),
    ("", None), ("12.345", None), ("²", None), ("1.²", None), ("9" * 5000, None), ("-5", None),
    ("twelve", None),
])
def test_pounds_typed_by_staff_are_read_as_pence_or_refused(typed, pence):
    assert parse_pounds(typed) == pence
