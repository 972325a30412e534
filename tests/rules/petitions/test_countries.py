import pytest

from rules.petitions.countries import (
    COUNTRIES,
    Country,
    UnknownCountryError,
    country_for_code,
    country_name,
    is_country_code,
)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("FR", "France"),
        ("ie", "Ireland"),
        (" us ", "United States"),
        ("JE", "Jersey"),
        ("GG", "Guernsey"),
        ("IM", "Isle of Man"),
        ("CI", "Côte d'Ivoire"),
    ],
)
def test_a_country_is_found_by_its_code_in_any_case(code, name):
    assert country_name(code) == name
    assert country_for_code(code) == Country(code.strip().upper(), name)
    assert is_country_code(code)


@pytest.mark.parametrize("code", ["GB", "gb", "UK"])
def test_the_uk_is_not_a_country_choice_and_the_message_asks_for_a_postcode(code):
    assert not is_country_code(code)
    with pytest.raises(UnknownCountryError, match="give your postcode"):
        country_for_code(code)


@pytest.mark.parametrize("code", ["", "XX", "FRA", "EU", "1"])
def test_unknown_codes_are_refused(code):
    assert not is_country_code(code)
    with pytest.raises(UnknownCountryError, match="Choose your country"):
        country_for_code(code)


def test_unknown_country_error_is_a_value_error():
    assert issubclass(UnknownCountryError, ValueError)


def test_countries_are_listed_alphabetically_by_name_ignoring_accents():
    names = [country.name for country in COUNTRIES]
    assert names[:3] == ["Afghanistan", "Åland Islands", "Albania"]
    assert names[-1] == "Zimbabwe"
    assert len(COUNTRIES) == 248
