"""A date field and a time field that read what people type (rules/typed_time.py).

Shown side by side by the ``date_and_time`` macro in templates/macros/forms.html; the
two together are a UK wall-clock time, which ``blueprints.core.uk_time.to_utc`` stores.
"""

from datetime import date, datetime, time

from wtforms import StringField

from rules.text import text_problem
from rules.typed_time import DATE_EXAMPLE, TIME_EXAMPLE, parse_date, parse_time

DATE_HINT = f"For example, {DATE_EXAMPLE}."
TIME_HINT = f"UK time, for example {TIME_EXAMPLE}."


class _TypedField(StringField):
    """A text input whose data is what ``parse`` reads from it; what was typed is kept."""

    parse = staticmethod(lambda typed: typed)

    def process_formdata(self, valuelist):
        self.typed = valuelist[0] if valuelist else ""
        self.data = None
        if problem := self.hidden_characters():
            raise ValueError(problem)  # as every text field of the platform (rules.text)
        if self.typed.strip():
            self.data = self.parse(self.typed)  # a ValueError becomes the field's error

    def hidden_characters(self) -> str | None:
        """The platform's message for control or bidi characters in what was typed."""
        return text_problem(getattr(self, "typed", None) or "", multiline=False)

    def _value(self) -> str:
        if getattr(self, "typed", None) is not None:
            return self.typed
        return self.shown(self.data) if self.data is not None else ""


class TypedDateField(_TypedField):
    parse = staticmethod(parse_date)

    @staticmethod
    def shown(value: date) -> str:
        return value.strftime("%-d %B %Y")


class TypedTimeField(_TypedField):
    parse = staticmethod(parse_time)

    @staticmethod
    def shown(value: time) -> str:
        return value.strftime("%H:%M")


def fill(date_field: TypedDateField, time_field: TypedTimeField, local: datetime | None) -> None:
    """Show a naive UK time in the two fields (a form shown before anything is typed)."""
    date_field.data = local.date() if local else None
    time_field.data = local.time() if local else None


def combined(date_field: TypedDateField, time_field: TypedTimeField) -> datetime | None:
    """The naive UK time the two fields make, or None unless both hold one."""
    if date_field.data is None or time_field.data is None:
        return None
    return datetime.combine(date_field.data, time_field.data)


def require_both(date_field: TypedDateField, time_field: TypedTimeField, what: str) -> bool:
    """Add "Enter the date/time ..." to whichever of the two is empty; True if neither is."""
    complete = True
    for field, noun in ((date_field, "date"), (time_field, "time")):
        if field.data is None and not field.errors:
            field.errors = [*field.errors, f"Enter the {noun} {what}."]
            complete = False
    return complete and not date_field.errors and not time_field.errors
