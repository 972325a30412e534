import pytest

from rules.petitions.postcodes import (
    CrownDependencyPostcodeError,
    Postcode,
    PostcodeError,
    parse_uk_postcode,
    region_by_code,
    region_for_area,
    region_for_postcode,
)


@pytest.mark.parametrize(
    ("postcode", "region_name", "nation_name"),
    [
        ("SW1A 1AA", "London", "England"),
        ("EH1 1YZ", "Scotland", "Scotland"),
        ("CF10 1AA", "Wales", "Wales"),
        ("BT1 1AA", "Northern Ireland", "Northern Ireland"),
        ("M1 1AE", "North West", "England"),
        ("LS1 4AP", "Yorkshire and The Humber", "England"),
        ("B1 1AA", "West Midlands", "England"),
        ("NE1 7RU", "North East", "England"),
        ("NG1 5FS", "East Midlands", "England"),
        ("CB2 1TN", "East of England", "England"),
        ("OX1 2JD", "South East", "England"),
        ("EX1 1HS", "South West", "England"),
        ("ZE1 0AA", "Scotland", "Scotland"),
    ],
)
def test_known_postcodes_are_in_their_region(postcode, region_name, nation_name):
    region = region_for_postcode(postcode)
    assert region.name == region_name
    assert region.nation.name == nation_name


@pytest.mark.parametrize(
    ("typed", "standard"),
    [
        ("sw1a 1aa", "SW1A 1AA"),
        ("SW1A1AA", "SW1A 1AA"),
        ("  sw1a   1aa  ", "SW1A 1AA"),
        ("Sw1A\t1aA", "SW1A 1AA"),
        ("ｓｗ１ａ １ａａ", "SW1A 1AA"),  # full-width, as some phone keyboards type
        ("m11ae", "M1 1AE"),
        ("w1a0ax", "W1A 0AX"),
        ("ec1a1bb", "EC1A 1BB"),
        ("cf101aa", "CF10 1AA"),
        ("b338th", "B33 8TH"),
    ],
)
def test_postcodes_are_read_in_any_case_and_spacing(typed, standard):
    assert str(parse_uk_postcode(typed)) == standard


def test_a_parsed_postcode_has_its_outward_inward_and_area():
    assert parse_uk_postcode("cf10 1aa") == Postcode(outward="CF10", inward="1AA", area="CF")


@pytest.mark.parametrize(
    ("typed", "message_part"),
    [
        ("", "Enter a postcode"),
        ("   ", "Enter a postcode"),
        ("LS1", "full postcode, not only LS1"),
        ("sw1a", "full postcode, not only SW1A"),
        ("SW1A 1AAA", "Enter a real UK postcode"),
        ("1AA SW1A", "Enter a real UK postcode"),
        ("SW1A 1CA", "Enter a real UK postcode"),  # C never appears in the inward code
        ("SWA 1AA", "Enter a real UK postcode"),
        ("12345", "Enter a real UK postcode"),
        ("SW1A-1AA", "Enter a real UK postcode"),
        ("XX1 1AA", "no UK postcode starts with XX"),
        ("GIR 0AA", "not the postcode of a place"),
        ("ASCN 1ZZ", "Enter a real UK postcode"),
    ],
)
def test_invalid_postcodes_are_refused_with_a_clear_message(typed, message_part):
    with pytest.raises(PostcodeError) as refused:
        parse_uk_postcode(typed)
    assert message_part in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "country_code", "place"),
    [("GY1 1AA", "GG", "Guernsey"), ("je2 3ab", "JE", "Jersey"), ("IM1 1AA", "IM", "Isle of Man")],
)
def test_crown_dependency_postcodes_ask_for_the_island_as_country(typed, country_code, place):
    with pytest.raises(CrownDependencyPostcodeError) as refused:
        parse_uk_postcode(typed)
    assert isinstance(refused.value, PostcodeError)
    assert refused.value.country_code == country_code
    assert f"choose {place} as your country of residence" in str(refused.value)


def test_region_for_postcode_takes_a_parsed_postcode_too():
    assert region_for_postcode(parse_uk_postcode("BT1 1AA")).code == "N92000002"


def test_region_for_postcode_refuses_a_bad_postcode():
    with pytest.raises(PostcodeError):
        region_for_postcode("not a postcode")


@pytest.mark.parametrize(("area", "code"), [("sw", "E12000007"), (" EH ", "S92000003")])
def test_region_for_area_reads_area_letters_in_any_case(area, code):
    assert region_for_area(area).code == code


@pytest.mark.parametrize("area", ["XX", "JE", ""])
def test_region_for_area_refuses_letters_that_are_not_a_uk_area(area):
    with pytest.raises(PostcodeError):
        region_for_area(area)


def test_region_by_code_finds_a_region_and_refuses_an_unknown_code():
    assert region_by_code("E12000003").name == "Yorkshire and The Humber"
    with pytest.raises(KeyError):
        region_by_code("E12000010")
