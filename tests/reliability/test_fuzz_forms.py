"""Every public form, filled with arbitrary text, never answers with a server error."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import csrf_token_for
from tests.reliability.forms import discover_forms

# Any character but lone surrogates (which no browser can send): unicode, controls, NUL.
ANY_CHARACTER = st.characters(exclude_categories=("Cs",))
TEXT = st.one_of(
    st.text(ANY_CHARACTER, max_size=40),
    st.text(st.characters(categories=("Cc",)), min_size=1, max_size=5),  # control characters
    st.text(ANY_CHARACTER, min_size=1, max_size=8).map(lambda s: s * 2000),  # very long
    st.sampled_from(["", " ", "\x00", "\r\n", "person@example.org", "PERSON@Example.ORG ",
                     "<script>alert(1)</script>", "'; DROP TABLE users; --", "\u202egnp.exe",
                     "=HYPERLINK(\"http://x\")", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢" * 50, "0" * 300]),
)
EXAMPLES_PER_FORM = 60


_unique = itertools.count(1)


def plausible(field: str) -> str:
    """A value the field would accept, guessed from its name, so fuzz reaches the database."""
    name = field.lower()
    if "email" in name:  # a new address each time, so each registration reaches the database
        return f"fuzzed.person.{next(_unique)}@example.org"
    if "password" in name:
        return "a perfectly fine passphrase"
    if "code" in name:
        return "123456"
    return "Ada Lovelace"


@st.composite
def form_values(draw, fields: list[str]) -> dict[str, str]:
    """Plausible values, with arbitrary text replacing, or added to, some of them."""
    values = {field: plausible(field) for field in fields}
    if not fields:
        return values
    # Mostly one field at a time: the others stay valid, so the odd one reaches the database.
    one_field = st.sampled_from(fields).map(lambda field: {field})
    chosen = draw(st.one_of(one_field, one_field, one_field, st.sets(st.sampled_from(fields), min_size=1)))
    for field in chosen:
        text, how = draw(TEXT), draw(st.sampled_from(["replace", "append", "prepend"]))
        values[field] = {"replace": text, "append": values[field] + text,
                         "prepend": text + values[field]}[how]
    return values


def test_there_are_public_forms_to_fuzz(app, visitor):
    actions = {form.action for form in discover_forms(app, visitor.client)}
    assert "http://localhost/account/register" in actions
    assert "http://localhost/account/sign-in" in actions


def fuzz(client, form, token) -> None:
    """POST hypothesis-made text into every field of `form`; fail on any 5xx answer."""

    @settings(max_examples=EXAMPLES_PER_FORM, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(values=form_values(form.fields))
    def post_it(values):
        with client.session_transaction() as session:
            session["csrf_token"] = "test-csrf-token"
        response = client.post(form.action, data={**values, "csrf_token": token})
        assert response.status_code < 500, f"{form} answered {response.status_code} to {values!r}"

    post_it()


def test_no_public_form_answers_arbitrary_text_with_a_server_error(app, visitor):
    token = csrf_token_for(app)
    for form in discover_forms(app, visitor.client):
        fuzz(visitor.client, form, token)


NASTY = ["\x00", "Ada\x00Lovelace", "\x01\x02\x1b[31m\x7f", "\r\n\r\nX-Injected: yes", "\u202e\u200b\ufeff",
         "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ☃ 漢字 العربية", "x" * 100_000, " " * 500, "%00%0a%s%n", "{{7*7}}", "../../etc/passwd"]


def test_no_public_form_fails_on_known_nasty_values_in_any_one_field(app, visitor):
    """The deterministic half: each nasty value in each field, the other fields valid."""
    token = csrf_token_for(app)
    failures = []
    for form in discover_forms(app, visitor.client):
        for field in form.fields:
            for nasty in NASTY:
                values = {name: plausible(name) for name in form.fields}
                values[field] = nasty
                with visitor.client.session_transaction() as session:
                    session["csrf_token"] = "test-csrf-token"
                response = visitor.client.post(form.action, data={**values, "csrf_token": token})
                if response.status_code >= 500:
                    failures.append(f"{form}: {field}={nasty[:30]!r} -> {response.status_code}")
    assert not failures, "\n".join(failures)
