"""The nations and regions, sectors and roles a member can pick, as (code, label) pairs.

Codes are stored and never change; labels are what people read and may be
reworded freely.
"""

from __future__ import annotations

Choice = tuple[str, str]

ENGLISH_REGIONS: tuple[Choice, ...] = (
    ("north_east", "North East"),
    ("north_west", "North West"),
    ("yorkshire_humber", "Yorkshire and the Humber"),
    ("east_midlands", "East Midlands"),
    ("west_midlands", "West Midlands"),
    ("east_of_england", "East of England"),
    ("london", "London"),
    ("south_east", "South East"),
    ("south_west", "South West"),
)

NATIONS: tuple[Choice, ...] = (
    ("england", "England"),
    ("wales", "Wales"),
    ("scotland", "Scotland"),
    ("northern_ireland", "Northern Ireland"),
)

# What a member picks: an English region, or one of the other nations, or abroad.
REGIONS: tuple[Choice, ...] = (
    *ENGLISH_REGIONS,
    ("wales", "Wales"),
    ("scotland", "Scotland"),
    ("northern_ireland", "Northern Ireland"),
    ("outside_uk", "Outside the UK"),
)

SECTORS: tuple[Choice, ...] = (
    ("children_families", "Children and families"),
    ("adults", "Adults"),
    ("mental_health", "Mental health"),
    ("learning_disability", "Learning disability"),
    ("older_people", "Older people"),
    ("youth_justice", "Youth justice"),
    ("education", "Education and academic"),
    ("other", "Other"),
)

ROLES: tuple[Choice, ...] = (
    ("practitioner", "Practitioner"),
    ("senior_practitioner", "Senior practitioner"),
    ("manager", "Manager or leader"),
    ("student", "Student"),
    ("academic", "Academic"),
    ("other", "Other"),
)


def label_for(choices: tuple[Choice, ...], code: str) -> str:
    """The label shown for ``code`` among ``choices``.

    Raises:
        KeyError: if ``code`` is not one of the choices.
    """
    for choice_code, label in choices:
        if choice_code == code:
            return label
    raise KeyError(code)


def is_choice(choices: tuple[Choice, ...], code: str) -> bool:
    """Whether ``code`` is one of ``choices``."""
    return any(choice_code == code for choice_code, _ in choices)


def nation_of(region: str) -> str | None:
    """The nation code a region belongs to; None for "outside_uk".

    Raises:
        KeyError: if ``region`` is not one of ``REGIONS``.
    """
    if not is_choice(REGIONS, region):
        raise KeyError(region)
    if is_choice(ENGLISH_REGIONS, region):
        return "england"
    return region if is_choice(NATIONS, region) else None
