import pytest

from rules.membership.regions import NATIONS, ROLES
from rules.membership.registration import (
    REGULATOR_CHOICES,
    ROLES_REQUIRING_REGISTRATION,
    RegistrationNumberError,
    normalise_registration,
    registration_required,
    regulator,
    regulator_for_nation,
)


@pytest.mark.parametrize(
    ("code", "given", "stored"),
    [
        ("swe", "SW12345", "SW12345"),
        ("swe", "sw12345 ", "SW12345"),
        ("swe", "  Sw1", "SW1"),
        ("swe", "SW100023\n", "SW100023"),
        ("scw", "123456", "123456"),
        ("scw", "1234567", "1234567"),
        ("scw", " w123456", "W123456"),
        ("sssc", "1234567", "1234567"),
        ("sssc", "0123456 ", "0123456"),
        ("niscc", "12345", "12345"),
        ("niscc", "6012345", "6012345"),
    ],
)
def test_a_well_shaped_number_is_stored_stripped_and_upper_cased(
    code: str, given: str, stored: str
) -> None:
    assert normalise_registration(code, given) == stored


@pytest.mark.parametrize(
    ("code", "given"),
    [
        ("swe", "SW0123"),  # leading zero
        ("swe", "SW"),  # no digits
        ("swe", "12345"),  # no SW
        ("swe", "SW 12345"),  # a space inside
        ("swe", "SW12345A"),
        ("swe", "SX12345"),
        ("swe", ""),
        ("swe", "SW１２３"),  # full-width digits are not ASCII digits
        ("scw", "12345"),  # too short
        ("scw", "12345678"),  # too long
        ("scw", "WW123456"),  # two letters
        ("scw", "123456W"),
        ("sssc", "123456"),
        ("sssc", "12345678"),
        ("sssc", "SW12345"),
        ("niscc", "1234"),
        ("niscc", "12345678"),
        ("niscc", "N12345"),
        ("niscc", "12-345"),
    ],
)
def test_a_badly_shaped_number_is_refused(code: str, given: str) -> None:
    with pytest.raises(RegistrationNumberError):
        normalise_registration(code, given)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("swe", "Social Work England numbers start with SW followed by digits, like SW12345."),
        ("scw", "Social Care Wales numbers are 6 or 7 digits"),
        ("sssc", "Scottish Social Services Council numbers are 7 digits"),
        ("niscc", "Northern Ireland Social Care Council numbers are 5 to 7 digits"),
    ],
)
def test_the_refusal_says_what_shape_to_use(code: str, message: str) -> None:
    with pytest.raises(RegistrationNumberError) as refused:
        normalise_registration(code, "nonsense")

    assert str(refused.value).startswith(message)
    assert isinstance(refused.value, ValueError)


def test_each_hint_example_is_itself_accepted() -> None:
    for code, _ in REGULATOR_CHOICES:
        example = regulator(code).hint.rstrip(".").rsplit(" ", 1)[-1]
        assert normalise_registration(code, example) == example


def test_an_unknown_regulator_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        normalise_registration("hcpc", "SW12345")


@pytest.mark.parametrize(
    ("nation", "code", "name"),
    [
        ("england", "swe", "Social Work England"),
        ("wales", "scw", "Social Care Wales"),
        ("scotland", "sssc", "Scottish Social Services Council"),
        ("northern_ireland", "niscc", "Northern Ireland Social Care Council"),
    ],
)
def test_each_nation_has_its_regulator(nation: str, code: str, name: str) -> None:
    found = regulator_for_nation(nation)

    assert found is not None
    assert (found.code, found.name) == (code, name)
    assert found.nation in {nation_code for nation_code, _ in NATIONS}


def test_outside_the_uk_has_no_regulator() -> None:
    assert regulator_for_nation("outside_uk") is None


@pytest.mark.parametrize(
    ("role", "required"),
    [
        ("practitioner", True),
        ("senior_practitioner", True),
        ("manager", True),
        ("student", False),
        ("academic", False),
        ("other", False),
    ],
)
def test_students_and_academics_may_leave_registration_blank(role: str, required: bool) -> None:
    assert registration_required(role) is required


def test_the_roles_requiring_registration_are_real_roles() -> None:
    assert ROLES_REQUIRING_REGISTRATION <= {code for code, _ in ROLES}
