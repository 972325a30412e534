"""Member numbers: readable, check-digited identifiers made from a sequence number.

A member number is "M", the sequence number as 6 digits, and a Luhn check
digit over those 6 digits: sequence 1 is "M0000018". Luhn catches every
single-digit typo and every swap of two adjacent digits except 0 and 9, which
is what matters when people read a number off a card or an email. Parsing is
lenient about surrounding spaces and case ("m0000018 " is fine) and strict
about everything else.
"""

from __future__ import annotations

import re

PREFIX = "M"
DIGITS = 6
LARGEST_SEQUENCE = 10**DIGITS - 1

_SHAPE = re.compile(rf"{PREFIX}([0-9]{{{DIGITS}}})([0-9])")


class MemberNumberError(ValueError):
    """A member number that is not one we could have issued, with a message to show."""


def luhn_check_digit(digits: str) -> int:
    """The Luhn check digit to append to a string of decimal ``digits``."""
    total = 0
    # Walking from the right, the digit next to the check digit is doubled first.
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


def format_member_number(sequence: int) -> str:
    """The member number for ``sequence`` (1 to 999999).

    Raises:
        ValueError: if ``sequence`` is outside that range.
    """
    if not 1 <= sequence <= LARGEST_SEQUENCE:
        raise ValueError(f"member sequences run from 1 to {LARGEST_SEQUENCE}, not {sequence}")
    digits = f"{sequence:0{DIGITS}d}"
    return f"{PREFIX}{digits}{luhn_check_digit(digits)}"


def parse_member_number(text: str) -> int:
    """The sequence number inside a member number, after checking its check digit.

    Raises:
        MemberNumberError: if the shape is wrong or the check digit does not match.
    """
    match = _SHAPE.fullmatch(text.strip().upper())
    if match is None:
        raise MemberNumberError(
            f"Member numbers are {PREFIX} followed by {DIGITS + 1} digits, like "
            f"{format_member_number(1)}."
        )
    digits, check = match.groups()
    if luhn_check_digit(digits) != int(check) or int(digits) == 0:
        raise MemberNumberError(
            "That member number has a typo: please check it against your membership email."
        )
    return int(digits)


def is_valid_member_number(text: str) -> bool:
    """Whether ``text`` is a member number we could have issued."""
    try:
        parse_member_number(text)
    except MemberNumberError:
        return False
    return True
