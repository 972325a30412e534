import pytest

from rules.polls.receipts import format_code, normalise


def test_codes_are_written_in_three_groups_of_four():
    assert format_code("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"


@pytest.mark.parametrize("typed, expected", [
    ("abcd-efgh-jkmn", "ABCD-EFGH-JKMN"),
    (" ABCD EFGH JKMN ", "ABCD-EFGH-JKMN"),
    ("ABCDEFGHJKMN", "ABCD-EFGH-JKMN"),
    ("ABCD-EFGH-JKM", None),
    ("ABCD-EFGH-JKM0", None),  # 0 is not in the alphabet
    ("", None),
])
def test_typed_codes_are_read_forgivingly(typed, expected):
    assert normalise(typed) == expected
