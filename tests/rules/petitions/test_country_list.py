import re

from rules.petitions.country_list import COUNTRY_NAMES, UNITED_KINGDOM


def test_the_list_holds_every_iso_code_but_the_uks():
    # ISO 3166-1 assigns 249 alpha-2 codes; GB is the one left out.
    assert len(COUNTRY_NAMES) == 248
    assert UNITED_KINGDOM not in COUNTRY_NAMES


def test_codes_are_two_capital_letters_and_names_are_filled_in():
    for code, name in COUNTRY_NAMES.items():
        assert re.fullmatch(r"[A-Z]{2}", code), code
        assert name.strip() == name and name, code


def test_no_two_codes_share_a_name():
    assert len(set(COUNTRY_NAMES.values())) == len(COUNTRY_NAMES)


def test_names_are_everyday_forms_not_inverted_iso_forms():
    assert COUNTRY_NAMES["KR"] == "South Korea"
    assert COUNTRY_NAMES["KP"] == "North Korea"
    assert not any(", Republic of" in name or "(Islamic" in name for name in COUNTRY_NAMES.values())
