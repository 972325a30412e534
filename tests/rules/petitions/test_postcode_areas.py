import re

import pytest

from rules.petitions.countries import is_country_code
from rules.petitions.postcode_areas import (
    AREA_REGIONS,
    CROWN_DEPENDENCY_AREAS,
    ENGLAND,
    NATIONS,
    REGIONS,
)

UK_POSTCODE_AREAS = """
AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL
DN DT DY E EC EH EN EX FK FY G GL GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L
LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM
S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF
WN WR WS WV YO ZE
""".split()


def test_every_uk_postcode_area_is_in_the_table_and_nothing_else():
    assert len(UK_POSTCODE_AREAS) >= 120
    assert set(AREA_REGIONS) == set(UK_POSTCODE_AREAS)


@pytest.mark.parametrize("area", UK_POSTCODE_AREAS)
def test_every_area_maps_to_one_of_the_twelve_regions(area):
    region = AREA_REGIONS[area]
    assert region in REGIONS
    assert region.nation in NATIONS


def test_every_region_has_at_least_one_postcode_area():
    assert {region for region in AREA_REGIONS.values()} == set(REGIONS)


def test_regions_are_twelve_with_distinct_ons_codes_in_ons_order():
    codes = [region.code for region in REGIONS]
    assert len(REGIONS) == 12
    assert len(set(codes)) == 12
    assert codes[:9] == [f"E1200000{n}" for n in range(1, 10)]
    assert codes[9:] == ["W92000004", "S92000003", "N92000002"]
    assert all(re.fullmatch(r"[ENSW]\d{8}", code) for code in codes)


def test_english_regions_belong_to_england_and_other_nations_are_one_region_each():
    assert all(region.nation is ENGLAND for region in REGIONS[:9])
    for region in REGIONS[9:]:
        assert region.code == region.nation.code
        assert region.name == region.nation.name


@pytest.mark.parametrize(
    ("area", "region_name"),
    [
        ("CH", "North West"),  # Chester and the Wirral outnumber Deeside
        ("LD", "Wales"),
        ("SY", "West Midlands"),
        ("TD", "Scotland"),
        ("DG", "Scotland"),
        ("NP", "Wales"),
        ("HR", "West Midlands"),
        ("EN", "London"),
        ("KT", "South East"),
        ("PE", "East of England"),
    ],
)
def test_cross_border_areas_go_to_the_region_holding_most_of_them(area, region_name):
    assert AREA_REGIONS[area].name == region_name


@pytest.mark.parametrize("area", ["GY", "JE", "IM"])
def test_crown_dependencies_are_not_uk_areas_but_countries(area):
    assert area not in AREA_REGIONS
    assert is_country_code(CROWN_DEPENDENCY_AREAS[area])
