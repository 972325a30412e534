import pytest

from rules.membership.regions import (
    ENGLISH_REGIONS,
    NATIONS,
    REGIONS,
    ROLES,
    SECTORS,
    Choice,
    is_choice,
    label_for,
    nation_of,
)


@pytest.mark.parametrize("choices", [REGIONS, NATIONS, SECTORS, ROLES])
def test_codes_and_labels_are_unique(choices: tuple[Choice, ...]) -> None:
    codes = [code for code, _ in choices]
    labels = [label for _, label in choices]

    assert len(set(codes)) == len(codes)
    assert len(set(labels)) == len(labels)
    assert all(code.isascii() and code == code.lower() and " " not in code for code in codes)


def test_england_has_its_nine_regions() -> None:
    assert [label for _, label in ENGLISH_REGIONS] == [
        "North East",
        "North West",
        "Yorkshire and the Humber",
        "East Midlands",
        "West Midlands",
        "East of England",
        "London",
        "South East",
        "South West",
    ]


def test_a_member_picks_a_region_of_england_another_nation_or_outside_the_uk() -> None:
    labels = [label for _, label in REGIONS]

    assert labels[9:] == ["Wales", "Scotland", "Northern Ireland", "Outside the UK"]
    assert "England" not in labels


@pytest.mark.parametrize(
    ("region", "nation"),
    [
        ("london", "england"),
        ("yorkshire_humber", "england"),
        ("south_west", "england"),
        ("wales", "wales"),
        ("scotland", "scotland"),
        ("northern_ireland", "northern_ireland"),
        ("outside_uk", None),
    ],
)
def test_each_region_belongs_to_its_nation(region: str, nation: str | None) -> None:
    assert nation_of(region) == nation


def test_an_unknown_region_has_no_nation() -> None:
    with pytest.raises(KeyError):
        nation_of("atlantis")


def test_labels_are_found_by_code() -> None:
    assert label_for(SECTORS, "children_families") == "Children and families"
    assert label_for(ROLES, "manager") == "Manager or leader"
    with pytest.raises(KeyError):
        label_for(ROLES, "wizard")


def test_sectors_and_roles_offer_the_agreed_choices() -> None:
    assert [code for code, _ in SECTORS] == [
        "children_families", "adults", "mental_health", "learning_disability",
        "older_people", "youth_justice", "education", "other",
    ]
    assert [code for code, _ in ROLES] == [
        "practitioner", "senior_practitioner", "manager", "student", "academic", "other",
    ]
    assert is_choice(SECTORS, "mental_health")
    assert not is_choice(SECTORS, "Mental health")
