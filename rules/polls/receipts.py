"""Receipt codes: what a voter is given, how it is written and how what they type is read.

A code is 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
written in three groups of four: ``K7QF-9XMA-3PTR``. People may type it in any
case, with or without the dashes and spaces.
"""

from __future__ import annotations

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12


def format_code(characters: str) -> str:
    """Group 12 characters as XXXX-XXXX-XXXX."""
    return "-".join(characters[i:i + 4] for i in range(0, LENGTH, 4))


def normalise(typed: str) -> str | None:
    """Return the code someone typed in its written form, or None if it cannot be one."""
    characters = "".join(c for c in typed.upper() if c not in " -\t")
    if len(characters) != LENGTH or any(c not in ALPHABET for c in characters):
        return None
    return format_code(characters)
