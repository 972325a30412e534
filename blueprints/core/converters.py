"""URL converters: ids in URLs stay within what the database's integer columns hold."""

from flask import Flask
from werkzeug.routing import IntegerConverter

# PostgreSQL INTEGER (and the ids of every table) is 32-bit signed.
MAX_ID = 2**31 - 1


class DatabaseIntegerConverter(IntegerConverter):
    """`<int:x>` that matches only 0..MAX_ID, so a huge id is a 404, not a database error.

    Found by the API fuzzer: /api/v1/polls/99999999999999999999/results reached the
    database and failed with an overflow (500) on SQLite and PostgreSQL alike.
    """

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min,
                         max=MAX_ID if max is None else max, signed=signed)


def init_converters(app: Flask) -> None:
    """Install the converters; call before any blueprint adds its routes."""
    app.url_map.converters["int"] = DatabaseIntegerConverter
