"""What a petition signer types: the email they are known by and the name shown publicly.

A signer's name is published on the petition and exported to staff, so it must
not carry links (spam), spreadsheet formulas (CSV injection in exports) or
control characters (text that rearranges or hides itself on the page).
"""

import re
import unicodedata

from rules.emails import canonical_email
from rules.text import refused_character

__all__ = ["MAX_NAME_LENGTH", "SignerNameError", "canonical_email", "check_signer_name"]

MAX_NAME_LENGTH = 100

_FORMULA_STARTS = ("=", "+", "-", "@")

# Top-level domains common in spam. Country codes that are also name particles
# ("de", "la", "al", "da") are left out so "A.de Souza" is still a name.
_COMMON_TLDS = (
    "com|net|org|info|biz|io|ly|me|co|uk|us|eu|ru|cn|in|xyz|top|site|online|club"
    "|app|link|shop|store|live|click|gl|gd|tk|to|cc|tv|ws|su|pw|ga|ml|cf|gq"
    "|gov|edu|ac|nhs"
)
_WEB_ADDRESS = re.compile(
    r"[a-z][a-z0-9+.-]*://"  # any scheme: http://, https://, ftp://
    r"|\bwww\."
    rf"|[\w-]{{2,}}\.(?:{_COMMON_TLDS})\b"  # example.com, example.co.uk
    r"|[\w-]+\.[a-z]{2,}/",  # bit.ly/x, t.co/x: a domain followed by a path
    re.IGNORECASE,
)


class SignerNameError(ValueError):
    """A signer's name that cannot be published."""


def check_signer_name(name: str) -> str:
    """Return the name trimmed, with runs of spaces made one, ready to store.

    Raises ``SignerNameError`` with a message fit to show next to the field if
    the name is empty, longer than ``MAX_NAME_LENGTH`` characters, holds a web
    address or a control character, or starts with ``=``, ``+``, ``-`` or ``@``.
    """
    # NFC so that "é" typed as e + accent counts, and compares, as one character.
    trimmed = unicodedata.normalize("NFC", name).strip()
    if not trimmed:
        raise SignerNameError("Enter your name")
    # The platform's one rule for a single-line field (rules.text): controls, line and
    # paragraph separators, and the characters that reorder text ("Trojan Source").
    if refused_character(trimmed) is not None:
        raise SignerNameError("Your name must not contain tabs, line breaks or control characters")
    # Runs of spaces, including no-break spaces pasted from documents, become one.
    cleaned = " ".join(trimmed.split())
    if len(cleaned) > MAX_NAME_LENGTH:
        raise SignerNameError(f"Your name must be {MAX_NAME_LENGTH} characters or fewer")
    if cleaned.startswith(_FORMULA_STARTS):
        raise SignerNameError("Your name must not start with =, +, - or @")
    if _WEB_ADDRESS.search(cleaned):
        raise SignerNameError("Your name must not contain a web address")
    return cleaned
