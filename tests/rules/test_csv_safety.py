import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from rules.csv_safety import escape_cell, escape_row


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-5", "'-5"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("=", "'="),
    ],
)
def test_text_that_a_spreadsheet_would_run_gets_a_leading_quote(value, cell):
    assert escape_cell(value) == cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("Anne-Marie O'Neil", "Anne-Marie O'Neil"),
        ("a=b", "a=b"),
        (" =1+1", " =1+1"),
        ("", ""),
        ("'quoted", "'quoted"),
        ("café, Paris", "café, Paris"),
    ],
)
def test_ordinary_text_is_left_alone(value, cell):
    assert escape_cell(value) == cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (-5, "-5"),
        (0, "0"),
        (1234, "1234"),
        (Decimal("-12.50"), "-12.50"),
        (-0.5, "-0.5"),
        (True, "True"),
        (None, ""),
        (date(2025, 3, 1), "2025-03-01"),
    ],
)
def test_numbers_and_other_values_passed_as_themselves_are_written_plainly(value, cell):
    assert escape_cell(value) == cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [(float("-inf"), "'-inf"), (Decimal("-Infinity"), "'-Infinity"), (float("nan"), "nan")],
)
def test_numbers_that_are_not_finite_are_treated_as_text(value, cell):
    assert escape_cell(value) == cell


def test_a_row_is_escaped_cell_by_cell():
    assert escape_row(["=cmd", -5, "-5", None, "Jo"]) == ["'=cmd", "-5", "'-5", "", "Jo"]


def test_escaped_rows_survive_the_csv_writer_and_read_back():
    out = io.StringIO()
    csv.writer(out).writerow(escape_row(['=1+1, "two"', "plain"]))
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=1+1, \"two\"", "plain"]
