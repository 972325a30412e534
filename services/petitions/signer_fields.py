"""What a petition signer typed, checked: the fields of the signing form in standard form.

The same checks for the view and for the surge gate (``signing.sign`` and
``signing.sign_alone``); a refusal names the form field at fault.
"""

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

from rules.emails import MAX_LENGTH as MAX_EMAIL_LENGTH
from rules.emails import EmailAddressError, canonical_email, is_plain_address
from rules.petitions.countries import UNITED_KINGDOM, UnknownCountryError, country_for_code
from rules.petitions.postcodes import PostcodeError, parse_uk_postcode, region_for_postcode
from rules.petitions.sharding import area_key as make_area_key
from rules.petitions.signers import SignerNameError, check_signer_name
from rules.text import text_problem
from services.petitions import PetitionError


class SigningError(PetitionError):
    """A signature that cannot be taken; ``field`` names the form field at fault."""


def _area_for(postcode: str, country: str) -> tuple[str | None, str]:
    """Return (postcode in standard form or None, counter area key) for what the signer gave."""
    country = (country or "").strip().upper()
    if not country or country in (UNITED_KINGDOM, "UK"):
        try:
            parsed = parse_uk_postcode(postcode or "")
        except PostcodeError as error:
            raise SigningError(str(error), field="postcode") from None
        return str(parsed), make_area_key(region_for_postcode(parsed).code)
    try:
        return None, make_area_key(country_for_code(country).code)
    except UnknownCountryError as error:
        raise SigningError(str(error), field="country") from None


def _looks_like_email(email: str) -> bool:
    """The everyday shape is checked with one pattern; anything else by email_validator."""
    if is_plain_address(email):
        return True
    if email.isascii() or len(email) > MAX_EMAIL_LENGTH:
        return False
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


@dataclass(frozen=True)
class Signer:
    """What a signer typed, checked: the address as typed (mail goes there) and its
    canonical form (one signature per petition each)."""

    name: str
    email: str
    email_canonical: str
    postcode: str | None
    area_key: str


def checked(name: str, email: str, postcode: str, country: str) -> Signer:
    """The signer's fields checked and in standard form, or SigningError naming the field.

    The fields pass the platform's text rule first (rules.text), as every form's do
    (blueprints.core.forms): the surge gate reads this form without WTForms. Each is
    trimmed first, as the form's filters and the checks below trim it.
    """
    for field, value in (("name", name), ("email", email), ("postcode", postcode),
                         ("country", country)):
        if value and (problem := text_problem(value.strip())) is not None:
            raise SigningError(problem, field=field)
    try:
        clean_name = check_signer_name(name or "")
    except SignerNameError as error:
        raise SigningError(str(error), field="name") from None
    address = (email or "").strip()
    if not _looks_like_email(address):
        raise SigningError("Enter an email address in the right format, like name@example.org.",
                           field="email")
    try:
        canonical = canonical_email(address)
    except EmailAddressError as error:
        raise SigningError(str(error), field="email") from None
    clean_postcode, area = _area_for(postcode, country)
    return Signer(clean_name, address, canonical, clean_postcode, area)
