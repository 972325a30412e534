"""Reading a UK postcode a signer typed and finding the region they live in.

What is accepted: a full postcode of a UK postcode area, in any case and with
any spacing ("sw1a1aa", " SW1A  1AA "), written back in the standard form
"SW1A 1AA". What is refused, each with its own message:

- an outward code alone ("LS1"): a full postcode is what proves a place;
- Crown dependency postcodes (GY, JE, IM): those islands are not in the UK, so
  the signer is asked to choose the island as their country of residence
  (``CrownDependencyPostcodeError`` carries its ISO code for the form to offer);
- GIR 0AA and other non-geographic codes (BFPO, overseas territories' "ASCN 1ZZ"):
  they name no place anyone lives in, and have no region.
"""

import re
import unicodedata
from dataclasses import dataclass

from rules.petitions.countries import country_name
from rules.petitions.postcode_areas import (
    AREA_REGIONS,
    CROWN_DEPENDENCY_AREAS,
    NATIONS,
    REGIONS,
    Nation,
    Region,
)

__all__ = [
    "NATIONS",
    "REGIONS",
    "CrownDependencyPostcodeError",
    "Nation",
    "Postcode",
    "PostcodeError",
    "Region",
    "parse_uk_postcode",
    "region_by_code",
    "region_for_area",
    "region_for_postcode",
]

# Outward code: area letters, then a district of one digit followed by an
# optional digit or letter (B1, LS12, SW1A, W1A). Inward code: a sector digit
# and two unit letters, which Royal Mail never takes from C, I, K, M, O or V.
_POSTCODE = re.compile(
    r"(?P<area>[A-Z]{1,2})(?P<district>[0-9][0-9A-Z]?)(?P<inward>[0-9][ABD-HJLNP-UW-Z]{2})"
)
_OUTWARD_ONLY = re.compile(r"[A-Z]{1,2}[0-9][0-9A-Z]?")
_NON_GEOGRAPHIC = {"GIR0AA"}
_EXAMPLE = "SW1A 1AA"

_REGION_BY_CODE: dict[str, Region] = {region.code: region for region in REGIONS}


class PostcodeError(ValueError):
    """A postcode that is not a full postcode of a place in the UK."""


class CrownDependencyPostcodeError(PostcodeError):
    """A valid postcode of Guernsey, Jersey or the Isle of Man, which are not in the UK."""

    def __init__(self, message: str, country_code: str) -> None:
        super().__init__(message)
        self.country_code = country_code


@dataclass(frozen=True)
class Postcode:
    """A full UK postcode in standard form, e.g. outward "SW1A", inward "1AA", area "SW"."""

    outward: str
    inward: str
    area: str

    def __str__(self) -> str:
        return f"{self.outward} {self.inward}"


def parse_uk_postcode(text: str) -> Postcode:
    """Read a full UK postcode, ignoring case and spaces.

    Raises ``PostcodeError`` with a message fit to show next to the field when
    the text is not a full UK postcode, and ``CrownDependencyPostcodeError``
    (a ``PostcodeError``) for a Guernsey, Jersey or Isle of Man postcode.
    """
    # NFKC folds full-width letters and digits typed on some phone keyboards.
    compact = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    if not compact:
        raise PostcodeError("Enter a postcode")
    if compact in _NON_GEOGRAPHIC:
        raise PostcodeError(
            f"{compact[:-3]} {compact[-3:]} is not the postcode of a place; "
            "enter the postcode where you live"
        )
    match = _POSTCODE.fullmatch(compact)
    if match is None:
        if _OUTWARD_ONLY.fullmatch(compact):
            raise PostcodeError(
                f"Enter your full postcode, not only {compact}, for example {_EXAMPLE}"
            )
        raise PostcodeError(f"Enter a real UK postcode, for example {_EXAMPLE}")
    area = match["area"]
    postcode = Postcode(
        outward=area + match["district"], inward=match["inward"], area=area
    )
    if area in CROWN_DEPENDENCY_AREAS:
        country_code = CROWN_DEPENDENCY_AREAS[area]
        place = country_name(country_code)
        raise CrownDependencyPostcodeError(
            f"{postcode} is a postcode outside the UK ({place}): "
            f"choose {place} as your country of residence instead",
            country_code,
        )
    if area not in AREA_REGIONS:
        raise PostcodeError(
            f"{postcode} is not a UK postcode: no UK postcode starts with {area}"
        )
    return postcode


def region_for_area(area: str) -> Region:
    """Return the region a postcode area (e.g. "SW") mainly lies in.

    Raises ``PostcodeError`` if the letters are not a UK postcode area.
    """
    try:
        return AREA_REGIONS[area.strip().upper()]
    except KeyError:
        raise PostcodeError(f"{area} is not a UK postcode area") from None


def region_for_postcode(postcode: Postcode | str) -> Region:
    """Return the region of a parsed postcode, or of postcode text (parsed first).

    Raises ``PostcodeError`` as ``parse_uk_postcode`` does.
    """
    if isinstance(postcode, str):
        postcode = parse_uk_postcode(postcode)
    return region_for_area(postcode.area)


def region_by_code(code: str) -> Region:
    """Return the region with an ONS code such as "E12000007"; raise ``KeyError`` if none."""
    return _REGION_BY_CODE[code]
