"""Email addresses: the one canonical form that says two addresses reach one person, and a
quick shape check.

The canonical form is a key for "one per person" rules (one signature per petition, one
account, one response to a public poll), never an address to write to: mail goes to the
address as typed. Two addresses get the same key when they reach the same mailbox, or
only look like they do:

- Unicode compatibility forms and case are folded (NFKC, then casefold): a fullwidth
  ``ａ`` is ``a``, ``ⅼ`` (U+217C) is ``l``, ``Pat`` is ``pat``;
- accents on Latin, Greek and Cyrillic letters are dropped, so ``alíce`` is ``alice``
  (a false match costs one person a second try; a missed one, a second signature);
- the domain is taken to its IDNA (``xn--``) form, so a domain typed in Unicode and in
  its ASCII form is one domain;
- a ``+tag`` is dropped from the local part for every domain (most providers deliver
  ``pat+x@`` to ``pat@``);
- Gmail ignores dots in the local part, and ``googlemail.com`` is ``gmail.com``.

An address whose local part or domain mixes Latin, Greek or Cyrillic letters in one
label (``gmаil`` with a Cyrillic ``а``) is refused: no one types such an address for
themselves, and look-alikes are how one mailbox becomes many.
"""

import re
import unicodedata
from functools import lru_cache

# The HTML standard's "valid email address" (what a browser's type=email field accepts),
# with at least one dot in the domain: the shape nearly every address has. Addresses
# outside it (non-ASCII ones, say) are for a full validator to judge.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
MAX_LENGTH = 254

GMAIL = "gmail.com"
_GMAIL_DOMAINS = frozenset({GMAIL, "googlemail.com"})
# Scripts whose letters pass for one another (Latin a, Cyrillic а, Greek α).
_LOOKALIKE_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")
# Dots IDNA reads as label separators (ideographic, fullwidth, halfwidth full stops).
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})

FORMAT_MESSAGE = "Enter an email address in the right format, like name@example.org."
MIXED_SCRIPTS_MESSAGE = ("This address mixes letters of different alphabets (such as Latin "
                         "and Cyrillic) in one part, as look-alike addresses do. Type it with "
                         "the letters of one alphabet.")
INVISIBLE_MESSAGE = "This address holds spaces or invisible characters. Type it again."
DOMAIN_MESSAGE = "The part after the @ is not a domain name an email can be sent to."


class EmailAddressError(ValueError):
    """An address that cannot be used; the message is fit to show next to the field."""


@lru_cache(maxsize=4096)
def _script(character: str) -> str | None:
    """The look-alike script a letter belongs to, or None (digits, marks, other scripts)."""
    if not character.isalpha():
        return None
    name = unicodedata.name(character, "")
    return next((script for script in _LOOKALIKE_SCRIPTS if name.startswith(script + " ")), None)


def _fold(text: str) -> str:
    """NFKC and casefold, then accents dropped from Latin, Greek and Cyrillic letters."""
    if text.isascii():  # all three are no-ops on ASCII but casefold (every address signing)
        return text.lower()
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept, base = [], None
    for character in unicodedata.normalize("NFKD", folded):
        if unicodedata.category(character) == "Mn":
            if base is not None:
                continue  # an accent on a look-alike letter
        else:
            base = _script(character)
        kept.append(character)
    return unicodedata.normalize("NFKC", "".join(kept))


def _check_label(label: str) -> None:
    if label.isascii():  # one script; the only invisible ASCII is controls and the space
        if not label.isprintable() or " " in label:
            raise EmailAddressError(INVISIBLE_MESSAGE)
        return
    if any(unicodedata.category(c)[0] in "CZ" for c in label):
        raise EmailAddressError(INVISIBLE_MESSAGE)
    if len({_script(c) for c in label} - {None}) > 1:
        raise EmailAddressError(MIXED_SCRIPTS_MESSAGE)


def _domain_label(label: str) -> str:
    """One label of a domain in IDNA form, checked for mixed scripts in its Unicode form."""
    if label.startswith("xn--"):
        try:
            label = label.encode("ascii").decode("idna")
        except UnicodeError:
            raise EmailAddressError(DOMAIN_MESSAGE) from None
    label = unicodedata.normalize("NFKC", label).casefold()
    _check_label(label)
    if label.isascii() and 0 < len(label) < 64:
        return label  # what IDNA gives an ASCII label of a length DNS allows
    try:
        return _fold(label).encode("idna").decode("ascii")
    except UnicodeError:
        raise EmailAddressError(DOMAIN_MESSAGE) from None


def canonical_domain(domain: str) -> str:
    """The domain in canonical form: folded, in IDNA form, ``googlemail.com`` as ``gmail.com``.

    Raises ``EmailAddressError`` for a domain that mixes scripts or is not a domain name.
    """
    domain = unicodedata.normalize("NFKC", domain.strip()).translate(_DOTS).removesuffix(".")
    labels = domain.split(".")
    if not domain or "" in labels:
        raise EmailAddressError(DOMAIN_MESSAGE)
    canonical = ".".join(_domain_label(label) for label in labels)
    return GMAIL if canonical in _GMAIL_DOMAINS else canonical


def canonical_email(address: str) -> str:
    """The key two addresses share when they reach one person (see the module's note).

    Raises ``EmailAddressError`` (its message fit for the field) for an address with no
    ``@``, an empty part, invisible characters, a label mixing look-alike scripts, or a
    domain that is not a domain name.
    """
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or not domain:
        raise EmailAddressError(FORMAT_MESSAGE)
    domain = canonical_domain(domain)
    local = unicodedata.normalize("NFKC", local).casefold()
    for label in local.split("."):
        _check_label(label)
    local = _fold(local)
    untagged = local.partition("+")[0]
    local = untagged or local
    if domain == GMAIL:
        local = local.replace(".", "") or local
    return f"{local}@{domain}"


def legacy_canonical_email(address: str) -> str:
    """The form addresses were compared in before the canonical form above (trimmed and
    lower-cased), for keys stored then that cannot be worked out again (services.polls)."""
    return address.strip().lower()


# Marks the key of a row stored before the canonical form that shares its canonical form
# with an earlier row (or has none): it keeps its old, unique key instead. No canonical
# form starts so (a local part cannot hold ":" unquoted, and quoted ones are refused).
LEGACY_PREFIX = "legacy:"


def legacy_key(address: str) -> str:
    """The key a row stored before the canonical form keeps when it cannot have one."""
    return LEGACY_PREFIX + legacy_canonical_email(address)


def is_plain_address(address: str) -> bool:
    """Say whether the address has the everyday ASCII shape of name@domain.tld.

    False means "not plainly valid", not "invalid": a non-ASCII address needs
    a full check (email_validator) to decide.
    """
    return len(address) <= MAX_LENGTH and _PLAIN_ADDRESS.fullmatch(address) is not None
