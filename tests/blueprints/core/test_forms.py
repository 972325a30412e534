"""Every form of the platform is a blueprints.core.forms.Form: its text and whole-number
fields are checked by the one shared mechanism, with a message at the field."""

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import IntegerField, StringField
from wtforms.widgets import TextArea

from blueprints.core.forms import Form


def _every_form_class(app) -> list[type]:
    found, waiting = [], list(FlaskForm.__subclasses__())
    while waiting:
        form = waiting.pop()
        waiting.extend(form.__subclasses__())
        if form.__module__.startswith("blueprints."):
            found.append(form)
    return sorted(set(found), key=lambda form: f"{form.__module__}.{form.__qualname__}")


def _fields(app, form_class):
    with app.test_request_context():
        return list(form_class(formdata=None, meta={"csrf": False}))


def _validated(app, form_class, data: dict):
    with app.test_request_context(method="POST", data=data):
        form = form_class(formdata=MultiDict(data), meta={"csrf": False})
        for field in form:  # choices the views fill in, so validating does not stop at them
            if getattr(field, "choices", ()) is None:
                field.choices = []
        form.validate()
        return {field.name: list(field.errors) for field in form}


def test_every_form_in_the_platform_is_the_shared_form(app):
    forms = _every_form_class(app)
    assert len(forms) > 30
    outside = [f"{form.__module__}.{form.__qualname__}" for form in forms
               if not issubclass(form, Form) and form is not Form]
    assert not outside, f"forms that skip the shared checks: {outside}"


def _text_fields(app):
    for form in _every_form_class(app):
        for field in _fields(app, form):
            if isinstance(field, StringField):
                yield form, field.name, isinstance(field.widget, TextArea)


def _integer_fields(app):
    for form in _every_form_class(app):
        for field in _fields(app, form):
            if isinstance(field, IntegerField):
                yield form, field.name


@pytest.mark.parametrize("value", ["Ann\x1bLee", "Ann\x7f", "\x01", "Ann\bLee", "Ann\x85Lee",
                                   "Ann\u202eeeL", "Ann\u2066Lee\u2069"])
def test_every_text_field_refuses_control_and_bidi_characters_with_a_message(app, value):
    missed = []
    for form, name, _ in _text_fields(app):
        errors = _validated(app, form, {name: value})[name]
        if not errors or "hidden" not in errors[0]:
            missed.append(f"{form.__qualname__}.{name}: {errors}")
    assert not missed, "\n".join(missed)


def test_line_breaks_and_tabs_are_refused_on_one_line_and_kept_in_multi_line_fields(app):
    wrong = []
    for form, name, multiline in _text_fields(app):
        errors = _validated(app, form, {name: "First line\r\nSecond\tline"})[name]
        refused = any("one line" in error for error in errors)
        if refused == multiline:
            wrong.append(f"{form.__qualname__}.{name} (multi-line: {multiline}): {errors}")
    assert not wrong, "\n".join(wrong)


def test_every_whole_number_field_stays_within_the_database_integer(app):
    fields = list(_integer_fields(app))
    assert len(fields) >= 10
    missed = []
    for form, name in fields:
        for value in ("2147483648", "99999999999999999999", "-2147483649"):
            errors = _validated(app, form, {name: value})[name]
            if not errors:
                missed.append(f"{form.__qualname__}.{name}={value}")
    assert not missed, f"accepted numbers the database cannot hold: {missed}"
