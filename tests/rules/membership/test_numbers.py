import pytest

from rules.membership.numbers import (
    MemberNumberError,
    format_member_number,
    is_valid_member_number,
    luhn_check_digit,
    parse_member_number,
)

SAMPLES = [1, 2, 9, 10, 42, 1234, 98765, 500000, 999999]


@pytest.mark.parametrize(
    ("sequence", "number"),
    [(1, "M0000018"), (42, "M0000422"), (123456, "M1234566"), (999999, "M9999996")],
)
def test_a_member_number_is_m_six_digits_and_a_luhn_check_digit(
    sequence: int, number: str
) -> None:
    assert format_member_number(sequence) == number
    assert parse_member_number(number) == sequence


def test_the_check_digit_is_the_standard_luhn_digit() -> None:
    # The worked example on the Luhn algorithm's Wikipedia page: 7992739871 -> 3.
    assert luhn_check_digit("7992739871") == 3


@pytest.mark.parametrize("sequence", SAMPLES)
def test_every_single_digit_typo_is_caught(sequence: int) -> None:
    number = format_member_number(sequence)
    for position in range(1, len(number)):
        for digit in "0123456789":
            if digit == number[position]:
                continue
            typo = number[:position] + digit + number[position + 1 :]
            assert not is_valid_member_number(typo), typo


@pytest.mark.parametrize("sequence", SAMPLES)
def test_swapped_neighbouring_digits_are_caught_unless_they_are_0_and_9(sequence: int) -> None:
    number = format_member_number(sequence)
    for position in range(1, len(number) - 1):
        a, b = number[position], number[position + 1]
        if a == b or {a, b} == {"0", "9"}:
            continue
        swapped = number[:position] + b + a + number[position + 2 :]
        assert not is_valid_member_number(swapped), swapped


@pytest.mark.parametrize("given", [" m0000018", "M0000018\n", "m0000018"])
def test_parsing_forgives_case_and_surrounding_space(given: str) -> None:
    assert parse_member_number(given) == 1


@pytest.mark.parametrize(
    "given",
    ["", "M", "0000018", "M000018", "M00000180", "N0000018", "M 0000018", "M000001-8", "M0000000"],
)
def test_malformed_member_numbers_are_refused(given: str) -> None:
    with pytest.raises(MemberNumberError):
        parse_member_number(given)
    assert not is_valid_member_number(given)


def test_a_typo_gets_a_message_about_a_typo() -> None:
    with pytest.raises(MemberNumberError, match="typo"):
        parse_member_number("M0000019")


@pytest.mark.parametrize("sequence", [0, -1, 1_000_000])
def test_sequences_outside_six_digits_are_refused(sequence: int) -> None:
    with pytest.raises(ValueError, match="run from 1 to 999999"):
        format_member_number(sequence)


def test_numbers_round_trip_across_a_range() -> None:
    for sequence in range(1, 3000):
        assert parse_member_number(format_member_number(sequence)) == sequence
