"""Whole numbers typed by people or sent in URLs, read without surprises.

`str.isdigit()` is true for "²" and "٣" and for 5,000-digit strings, which `int()` then
refuses (or the database cannot hold): read numbers here instead.
"""

MAX_DIGITS = 18


def whole_number(text: str | None, *, minimum: int = 0, maximum: int = 2**31 - 1) -> int | None:
    """The number written in ASCII digits 0-9 (surrounding spaces allowed) within
    [minimum, maximum], or None for anything else."""
    if text is None:
        return None
    text = text.strip()
    if not text or len(text) > MAX_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None
