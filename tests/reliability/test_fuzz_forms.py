"""Every public form, filled with arbitrary text, never answers with a server error."""

import itertools
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import JSON, String, Text, select

from extensions import db, limiter
from models import Base
from rules.text import refused_character
from tests.helpers import csrf_token_for
from tests.reliability.forms import discover_forms, post_forms_in

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


# Characters no field may hold (rules.text), each put inside an otherwise good value; line
# breaks and tabs only where a field is a single line.
REFUSED_EVERYWHERE = ["\x1b", "\x7f", "\x08", "\x9b", "\u202e", "\u2067"]
REFUSED_ON_ONE_LINE = ["\r\n", "\t"]
REFUSED = st.sampled_from(REFUSED_EVERYWHERE)
FORM_ROLES = ("visitor", "member", "staff", "admin")


def every_form(app, client_as) -> list[tuple[str, object, object]]:
    """(role, request helper, form) for every distinct POST form with a typed field, found on
    every page without a query, for each role: the site's whole set of forms, parameterised
    pages included (their URL values as the access table makes them)."""
    from flask import url_for

    from tests.reliability.access_table import URL_VALUES
    from tests.reliability.people import People
    from tests.reliability.roles import make_role_user

    helpers = {role: client_as(make_role_user(role)) for role in FORM_ROLES}
    people, found = People(), {}
    rules = sorted((rule for rule in app.url_map.iter_rules()
                    if "GET" in (rule.methods or ()) and rule.endpoint != "static"),
                   key=lambda rule: rule.rule)
    pages = [(role, helper, rule.endpoint, URL_VALUES.get(rule.endpoint, lambda p: {}))
             for role, helper in helpers.items() for rule in rules
             if not rule.arguments or rule.endpoint in URL_VALUES]
    for role, helper, endpoint, values in pages + _pages_behind_a_step(app, helpers, client_as):
        with app.test_request_context():
            path = url_for(endpoint, **values(people))
        response = helper.client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        for form in post_forms_in(f"http://localhost{path}", response.get_data(as_text=True)):
            if form.typed:
                found.setdefault((urlsplit(form.action).path, tuple(form.fields)),
                                 (role, helper, form))
    return list(found.values())


def _pages_behind_a_step(app, helpers, client_as) -> list[tuple]:
    """Pages whose forms show only after a step: a public poll, a proposal to reject, an open
    poll's late joiners, a petition's edit form (its lock taken), a password reset link, the
    staff's second sign-in step. (role, helper, endpoint, URL values of People)."""
    import re

    from models.outbox import OutboxMail
    from services import accounts
    from tests.factories import DEFAULT_PASSWORD, create_staff, create_user

    staff = helpers["staff"]

    def locked(people):
        staff.post("petitions_staff.lock", petition_id=people["open_petition"].id)
        return {"petition_id": people["open_petition"].id}

    accounts.request_password_reset(db.session, create_user(email="forgetful@example.org").email)
    mail = db.session.scalars(select(OutboxMail.text_body).where(
        OutboxMail.to_address == "forgetful@example.org")).one()
    token = re.search(r"/account/reset-password/(\S+)", mail).group(1)
    pending = client_as(None)
    create_staff(email="pending.staff@example.org")
    pending.post("accounts.sign_in", _data={"email": "pending.staff@example.org",
                                            "password": DEFAULT_PASSWORD})
    return [
        ("visitor", helpers["visitor"], "polls.show", lambda p: {"poll_id": p["public_poll"].id}),
        ("staff", staff, "petitions_staff.detail",
         lambda p: {"petition_id": p["pending_petition"].id}),
        ("staff", staff, "polls_staff.manage", lambda p: {"poll_id": p["open_poll"].id}),
        ("staff", staff, "petitions_staff.edit", locked),
        ("visitor", helpers["visitor"], "accounts.reset_password", lambda p: {"token": token}),
        ("pending staff", pending, "accounts.second_factor", lambda p: {}),
    ]


def _refused_text_in(value) -> bool:
    if isinstance(value, str):
        return refused_character(value, multiline=True) is not None
    if isinstance(value, dict):
        return any(_refused_text_in(k) or _refused_text_in(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_refused_text_in(v) for v in value)
    return False


def stored_refused_text() -> list[str]:
    """table.column of every stored value holding a character no field may hold."""
    found = []
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
        if not columns:
            continue
        for row in db.session.execute(select(*columns)):
            found += [f"{table.name}.{c.name}" for c, v in zip(columns, row, strict=True)
                      if _refused_text_in(v)]
    return sorted(set(found))


def post_refused(app, helper, form, field: str, value: str):
    values = {name: plausible(name) for name in form.fields}
    values[field] = value
    with helper.client.session_transaction() as session:
        session["csrf_token"] = "test-csrf-token"
    return helper.client.post(form.action, data={**values, "csrf_token": csrf_token_for(app)})


def _answer_problem(response, field: str) -> str | None:
    """Why this answer to a refused character is wrong, or None: it must be the form again
    with a message at the field (never a 5xx, never accepted)."""
    if response.status_code >= 500:
        return f"answered {response.status_code}"
    if f'id="{field}-error"' not in response.get_data(as_text=True):
        return f"answered {response.status_code} with no message at the field"
    return None


@pytest.fixture
def without_rate_limits():
    """Rate limits off for a test that posts each form many times (another test's app
    may have turned the shared limiter on)."""
    was, limiter.enabled = limiter.enabled, False
    yield
    limiter.enabled = was


def test_control_and_bidi_characters_in_any_form_field_get_a_message_at_the_field(
        app, client_as, without_rate_limits):
    """The deterministic half, for every form of every role: each refused character inside
    a good value of each typed field gives the form back with a message by that field, and
    nothing holding it is stored."""
    forms = every_form(app, client_as)
    assert len(forms) >= 35, [str(form) for _, _, form in forms]
    failures = []
    for role, helper, form in forms:
        for field, multiline in form.typed.items():
            good = plausible(field)
            for character in REFUSED_EVERYWHERE + ([] if multiline else REFUSED_ON_ONE_LINE):
                response = post_refused(app, helper, form, field, good[:3] + character + good[3:])
                if problem := _answer_problem(response, field):
                    failures.append(f"{role}: {form.action} {field}={character!r}: {problem}")
        if stored := stored_refused_text():
            failures.append(f"{role}: {form.action}: stored in {stored}")
            break
    assert not failures, "\n".join(failures)


def fuzz_refused(app, role: str, helper, form) -> None:
    """POST hypothesis-made text holding a refused character into the typed fields of `form`."""

    @settings(max_examples=8, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(field=st.sampled_from(sorted(form.typed)), before=st.text(ANY_CHARACTER, max_size=20),
           character=REFUSED, after=st.text(ANY_CHARACTER, max_size=20))
    def post_it(field, before, character, after):
        value = before + character + after
        if "\x00" in value:
            return  # refused with a page of its own (blueprints.ops), tested there
        problem = _answer_problem(post_refused(app, helper, form, field, value), field)
        assert problem is None, f"{role}: {form} {field}={value!r}: {problem}"

    post_it()


def test_text_with_control_or_bidi_characters_is_never_stored_from_any_form(app, client_as,
                                                                            without_rate_limits):
    """The hypothesis half: arbitrary text holding at least one refused character, in any
    typed field of any form, gets a message at the field and is never stored."""
    for role, helper, form in every_form(app, client_as):
        fuzz_refused(app, role, helper, form)
        assert not stored_refused_text(), f"{role}: {form} stored refused text"
