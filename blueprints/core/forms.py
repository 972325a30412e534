"""The platform's form: what every field of every form is checked for, once, here.

Each area's forms derive from ``Form`` instead of Flask-WTF's ``FlaskForm``, and
``validate()`` adds two checks to the fields' own:

- text (every field whose value is a string, or a list of them) holds none of the
  characters ``rules.text`` refuses: control characters (newline and tab are
  allowed in multi-line fields) and bidirectional overrides and isolates;
- a whole number (every ``IntegerField``) fits the database's INTEGER column
  (32-bit signed on PostgreSQL), whatever range the field itself asks for.

Each refusal is a message by the field, shown first (the page shows one message a
field), so bad input changes nothing and never reaches the database as an error.
tests/blueprints/core/test_forms.py checks that every form in the platform is one.
"""

from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.widgets import TextArea

from rules.text import text_problem

SMALLEST_INTEGER, LARGEST_INTEGER = -(2**31), 2**31 - 1


def integer_problem(value: int) -> str | None:
    """A message for a whole number the database's INTEGER cannot hold, or None."""
    if value > LARGEST_INTEGER:
        return f"Enter a smaller number: at most {LARGEST_INTEGER:,}."
    if value < SMALLEST_INTEGER:
        return f"Enter a number of at least {SMALLEST_INTEGER:,}."
    return None


def field_problem(field) -> str | None:
    """What is wrong with a field's value beyond the field's own validators, or None."""
    data = field.data
    if isinstance(field, IntegerField):
        return integer_problem(data) if isinstance(data, int) else None
    multiline = isinstance(field.widget, TextArea)
    values = data if isinstance(data, list | tuple) else [data]
    for value in values:
        if isinstance(value, str) and (problem := text_problem(value, multiline=multiline)):
            return problem
    return None


class Form(FlaskForm):
    """A Flask-WTF form whose fields also pass the platform's text and integer checks."""

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            problem = field_problem(field)
            if problem is not None:
                field.errors = [problem, *field.errors]
                valid = False
        return valid
