"""Countries a petition signer outside the UK can give as their country of residence.

The list and its naming choices are in ``country_list``: every ISO 3166-1
alpha-2 code except the UK's own (GB), whose residents give a postcode.
"""

import unicodedata
from dataclasses import dataclass

from rules.petitions.country_list import COUNTRY_NAMES, UNITED_KINGDOM

__all__ = [
    "COUNTRIES",
    "UNITED_KINGDOM",
    "Country",
    "UnknownCountryError",
    "country_for_code",
    "country_name",
    "is_country_code",
]


class UnknownCountryError(ValueError):
    """A code that is not a country a signer outside the UK can choose."""


@dataclass(frozen=True)
class Country:
    """A country or territory: its ISO 3166-1 alpha-2 code and English name."""

    code: str
    name: str


def _sort_key(name: str) -> str:
    # Accents are dropped for sorting only, so "Åland Islands" files under A.
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# In alphabetical order of name, the order a drop-down list shows them.
COUNTRIES: tuple[Country, ...] = tuple(
    sorted(
        (Country(code, name) for code, name in COUNTRY_NAMES.items()),
        key=lambda country: _sort_key(country.name),
    )
)

_BY_CODE: dict[str, Country] = {country.code: country for country in COUNTRIES}


def _normalise(code: str) -> str:
    return code.strip().upper()


def is_country_code(code: str) -> bool:
    """Say whether ``code`` (any case) is a country a signer outside the UK can choose."""
    return _normalise(code) in _BY_CODE


def country_for_code(code: str) -> Country:
    """Return the country with this ISO 3166-1 alpha-2 code (any case, spaces trimmed).

    Raises ``UnknownCountryError`` for an unknown code, and for GB, whose
    residents are asked for a postcode instead.
    """
    normalised = _normalise(code)
    if normalised in (UNITED_KINGDOM, "UK"):
        raise UnknownCountryError(
            "If you live in the UK, give your postcode instead of choosing a country"
        )
    try:
        return _BY_CODE[normalised]
    except KeyError:
        raise UnknownCountryError("Choose your country of residence from the list") from None


def country_name(code: str) -> str:
    """Return the English name for a country code; raises as ``country_for_code`` does."""
    return country_for_code(code).name
