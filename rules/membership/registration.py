"""Professional registration numbers with the UK's four social work regulators.

What we accept, after stripping surrounding whitespace and upper-casing (no
other change: spaces or punctuation inside a number are rejected, so what we
store is what the regulator's register shows):

* Social Work England (England): "SW" then digits with no leading zero, e.g.
  SW12345 (``^SW[1-9][0-9]*$``).
* Social Care Wales (Wales): 6 or 7 digits, optionally after one leading letter
  as numbers are sometimes quoted, e.g. 1234567 or W123456. The letter is kept.
* Scottish Social Services Council (Scotland): exactly 7 digits, e.g. 1234567.
* Northern Ireland Social Care Council (Northern Ireland): 5 to 7 digits, e.g.
  6012345.

Only Social Work England publishes its format as a pattern; the others follow
the numbers on their public registers, so they are checked for shape only.
Whether a member must give a number at all is ``registration_required``:
qualified practitioners and managers must; students, academics and "other"
roles may leave it blank (the caller skips ``normalise_registration`` then).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class RegistrationNumberError(ValueError):
    """A registration number in the wrong shape, with a message the member can act on."""


@dataclass(frozen=True)
class Regulator:
    """A social work regulator: its code, name, the nation it covers and its number format."""

    code: str
    name: str
    nation: str
    pattern: re.Pattern[str]
    hint: str


REGULATORS: tuple[Regulator, ...] = (
    Regulator(
        "swe",
        "Social Work England",
        "england",
        re.compile(r"SW[1-9][0-9]*"),
        "Social Work England numbers start with SW followed by digits, like SW12345.",
    ),
    Regulator(
        "scw",
        "Social Care Wales",
        "wales",
        re.compile(r"[A-Z]?[0-9]{6,7}"),
        "Social Care Wales numbers are 6 or 7 digits, sometimes after one letter, like 1234567.",
    ),
    Regulator(
        "sssc",
        "Scottish Social Services Council",
        "scotland",
        re.compile(r"[0-9]{7}"),
        "Scottish Social Services Council numbers are 7 digits, like 1234567.",
    ),
    Regulator(
        "niscc",
        "Northern Ireland Social Care Council",
        "northern_ireland",
        re.compile(r"[0-9]{5,7}"),
        "Northern Ireland Social Care Council numbers are 5 to 7 digits, like 6012345.",
    ),
)

# Choices for a form, as (code, label) like rules.membership.regions.
REGULATOR_CHOICES: tuple[tuple[str, str], ...] = tuple((r.code, r.name) for r in REGULATORS)

# Roles that must give a registration number; the codes are those of regions.ROLES.
ROLES_REQUIRING_REGISTRATION = frozenset({"practitioner", "senior_practitioner", "manager"})


def regulator(code: str) -> Regulator:
    """The regulator with this code ("swe", "scw", "sssc", "niscc").

    Raises:
        KeyError: if there is no such regulator.
    """
    for candidate in REGULATORS:
        if candidate.code == code:
            return candidate
    raise KeyError(code)


def regulator_for_nation(nation: str) -> Regulator | None:
    """The regulator of social workers in ``nation`` (a regions.NATIONS code), if any."""
    return next((r for r in REGULATORS if r.nation == nation), None)


def normalise_registration(regulator_code: str, number: str) -> str:
    """The registration number in its stored form: stripped and upper-cased.

    Raises:
        KeyError: if the regulator code is unknown (a programming error).
        RegistrationNumberError: if the number is not in that regulator's shape;
            the message says what the shape is.
    """
    body = regulator(regulator_code)
    normalised = number.strip().upper()
    if not body.pattern.fullmatch(normalised):
        raise RegistrationNumberError(body.hint)
    return normalised


def registration_required(role: str) -> bool:
    """Whether a member in ``role`` (a regions.ROLES code) must give a registration number."""
    return role in ROLES_REQUIRING_REGISTRATION
