"""Tests for reading and writing BLT ballot files."""

import pytest

from rules.elections.ballots import Election
from rules.elections.blt import BLTError, dump, parse

SAMPLE = """3 2
-2
4 1 3 0

1 2 0
2 3 0
0
"Ann"
"Bob "
"Cat"
"Board 2024"
"""


def test_sample_file_is_read_with_zero_based_indexes_and_names_kept_exactly():
    assert parse(SAMPLE) == Election(
        candidates=("Ann", "Bob ", "Cat"),
        seats=2,
        ballots=((4, (0, 2)), (1, (1,)), (2, (2,))),
        withdrawn=frozenset({1}),
        title="Board 2024",
    )


def test_title_is_optional():
    assert parse('2 1\n1 1 0\n0\n"A"\n"B"\n').title == ""


def test_names_may_share_a_line():
    assert parse('2 1\n1 1 0\n0\n"A" "B" "T"\n').candidates == ("A", "B")


@pytest.mark.parametrize(
    "election",
    [
        parse(SAMPLE),
        Election(("A",), 1, ()),
        Election(("Ann  Lee ", "B", "C"), 3, ((7, ()), (1, (2, 0, 1))), frozenset({0, 2}), ""),
    ],
)
def test_dump_then_parse_gives_back_the_same_election(election):
    assert parse(dump(election)) == election


def test_dump_writes_the_standard_layout():
    assert dump(parse(SAMPLE)) == (
        '3 2\n-2\n4 1 3 0\n1 2 0\n2 3 0\n0\n"Ann"\n"Bob "\n"Cat"\n"Board 2024"\n'
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "line 1: the file is empty"),
        ("3\n0\n", "line 1: the header must be"),
        ("three 2\n", "line 1: the header"),
        ("3 0\n0\n", "line 1: the header must be"),
        ('2 1\n1 1 2\n0\n"A"\n"B"\n', "line 2: a ballot line must end with 0"),
        ('2 1\n1 1 2 0\n"A"\n"B"\n', "line 3: names begin before the line holding 0"),
        ("2 1\n1 1 2 0\n", "line 2: the ballots must end with a line holding 0"),
        ('2 1\n1 1 3 0\n0\n"A"\n"B"\n', "line 2: candidate 3 is out of range 1..2"),
        ('2 1\n1 0 1 0\n0\n"A"\n"B"\n', "line 2: candidate 0 is out of range"),
        ('2 1\n0 1 0\n0\n"A"\n"B"\n', "line 2: ballot weight must be at least 1"),
        ('2 1\n1 1 1 0\n0\n"A"\n"B"\n', "line 2: a candidate is ranked more than once"),
        ('2 1\n1 1=2 0\n0\n"A"\n"B"\n', "line 2: ballot lines must be whole numbers"),
        ('2 1\n-3\n1 1 0\n0\n"A"\n"B"\n', "line 2: withdrawn candidates must be written -1..-2"),
        ('2 1\n1 1 0\n0\n"A"\n', "expected 2 candidate names after the ballots, found 1"),
        ("2 1\n1 1 0\n0\n", "expected 2 candidate names after the ballots, found 0"),
        ('2 1\n1 1 0\n0\nA\n"B"\n', "line 4: expected a name in double quotes"),
        ('2 1\n1 1 0\n0\n"A"\n"B"\n"T"\n"extra"\n', "line 7: unexpected text after the title"),
        ('2 1\n1 1 0\n0\n"A"\n"A"\n', "line 4: two candidates have the same name"),
    ],
)
def test_malformed_files_are_refused_with_the_line_at_fault(text, message):
    with pytest.raises(BLTError, match=message):
        parse(text)


def test_bad_files_raise_a_value_error_callers_can_catch():
    with pytest.raises(ValueError):
        parse("not a ballot file")


@pytest.mark.parametrize("name", ['Ann "Nan" Lee', "Ann\nLee"])
def test_dump_refuses_names_that_blt_cannot_hold(name):
    with pytest.raises(BLTError, match="cannot hold"):
        dump(Election((name, "B"), 1, ()))
