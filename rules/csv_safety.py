"""Making values safe to put in a CSV file that staff will open in a spreadsheet.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, which some spreadsheets skip before reading one of those) is run as a
formula by Excel, LibreOffice and Google Sheets, and a formula can leak data
or run commands. Following the OWASP guidance on CSV injection, such text gets
a leading single quote, which spreadsheets show as text and do not run.

Finite numbers passed as numbers (``int``, ``float``, ``Decimal``) are written
as they are: ``-5`` cannot be a formula, and staff need it to stay a number.
The same ``-5`` passed as text is escaped, because text is where user input
arrives. Quoting of commas and quotes is left to the ``csv`` module.
"""

import math
from collections.abc import Iterable
from decimal import Decimal

__all__ = ["FORMULA_STARTS", "escape_cell", "escape_row"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> str:
    """Return ``value`` as cell text that no spreadsheet will run as a formula.

    ``None`` becomes an empty cell; ``True``/``False`` their names; finite numbers
    their usual text; anything else its ``str()``, with a ``'`` put in front
    if it starts with one of ``FORMULA_STARTS``.
    """
    if value is None:
        return ""
    if isinstance(value, int):  # bool included: True and False are names, not formulas
        return str(value)
    # "-inf" or "-NaN" would be read as a (broken) formula, so only finite numbers pass.
    if isinstance(value, float) and math.isfinite(value):
        return str(value)
    if isinstance(value, Decimal) and value.is_finite():
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def escape_row(values: Iterable[object]) -> list[str]:
    """Return every value of a row passed through ``escape_cell``."""
    return [escape_cell(value) for value in values]
