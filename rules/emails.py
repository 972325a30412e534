"""Email addresses: the canonical form two addresses are compared in, and a quick shape check."""

import re

# The HTML standard's "valid email address" (what a browser's type=email field accepts),
# with at least one dot in the domain: the shape nearly every address has. Addresses
# outside it (non-ASCII ones, say) are for a full validator to judge.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
MAX_LENGTH = 254


def canonical_email(address: str) -> str:
    """Return the address trimmed and lower-cased: the one form we store and compare."""
    return address.strip().lower()


def is_plain_address(address: str) -> bool:
    """Say whether the address has the everyday ASCII shape of name@domain.tld.

    False means "not plainly valid", not "invalid": a non-ASCII address needs
    a full check (email_validator) to decide.
    """
    return len(address) <= MAX_LENGTH and _PLAIN_ADDRESS.fullmatch(address) is not None
