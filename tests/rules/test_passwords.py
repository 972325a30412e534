import pytest

from rules.passwords import password_problem


@pytest.mark.parametrize(("password", "problem"), [
    ("short", "at least 10 characters"),
    ("x" * 129, "128 characters or fewer"),
    ("password123", "too common"),
    ("PASSWORD123", "too common"),
    ("1234567890", "too common"),
    ("aaaaaaaaaaaa", "too common"),
    ("ababababababab", "too common"),
    ("socialworker1", "too common"),
    ("jo.bloggs-is-me", "must not contain your email"),
])
def test_weak_passwords_are_refused_with_a_reason(password, problem):
    assert problem in password_problem(password, email="jo.bloggs@example.org")


@pytest.mark.parametrize("password", ["correct horse battery", "kettle orbit lantern", "Ünïcödé pässwörd"])
def test_reasonable_passwords_are_accepted(password):
    assert password_problem(password, email="jo.bloggs@example.org") is None


def test_a_password_containing_the_name_is_refused():
    assert "name" in password_problem("Alex Carer rules ok", email="a@example.org", name="Alex Carer")
