"""The canonical form of an email address, used wherever two addresses are compared."""


def canonical_email(address: str) -> str:
    """Return the address trimmed and lower-cased: the one form we store and compare."""
    return address.strip().lower()
