"""Test helpers: a request helper that checks status codes, and signing a client in."""

import html
import re
import threading

from flask import g, has_app_context, url_for
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer

# Flask-WTF keeps the raw token in the session and expects it signed in the form.
_RAW_CSRF = "test-csrf-token"


class IsolatedClient(FlaskClient):
    """A test client whose every request starts with an empty `g`.

    Tests hold an app context open (for the database session), and Flask reuses it for
    requests; without this, what one request cached in `g` (the signed-in user, the CSRF
    token) would leak into the next, which never happens in a real server.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            g.__dict__.clear()
        return super().open(*args, **kwargs)


def sign_in_client(client, user) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["csrf_token"] = _RAW_CSRF


def csrf_token_for(app) -> str:
    return URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token").dumps(_RAW_CSRF)


class RequestHelper:
    """Wraps a test client: requests by endpoint name, with the status checked."""

    def __init__(self, app, client):
        self.app, self.client = app, client
        with client.session_transaction() as session:
            session.setdefault("csrf_token", _RAW_CSRF)

    def url(self, endpoint: str, **values) -> str:
        with self.app.test_request_context():
            return url_for(endpoint, **values)

    def get(self, endpoint: str, *, _expected: int = 200, **values):
        response = self.client.get(self.url(endpoint, **values))
        assert response.status_code == _expected, _explain(response, _expected)
        return response

    def post(self, endpoint: str, *, _expected: int = 302, _data: dict | None = None,
             _csrf: bool = True, **values):
        data = dict(_data or {})
        if _csrf:
            # As a browser would: the page it posts from put a token in the session.
            with self.client.session_transaction() as session:
                session["csrf_token"] = _RAW_CSRF
            data.setdefault("csrf_token", csrf_token_for(self.app))
        response = self.client.post(self.url(endpoint, **values), data=data)
        assert response.status_code == _expected, _explain(response, _expected)
        return response


def _explain(response, expected: int) -> str:
    body = response.get_data(as_text=True)
    errors = re.findall(r'class="error-message"[^>]*>(.*?)</p>', body, re.S)
    return (f"expected {expected}, got {response.status_code} "
            f"(location {response.headers.get('Location')}); errors: {errors or body[:400]}")


def page_text(response) -> str:
    """The visible text of a page, whitespace collapsed, for assertions."""
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.get_data(as_text=True), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip())


def field_error(response, field_id: str) -> str:
    """The message shown next to one field ("" if none), as a reader hears it."""
    found = re.search(rf'id="{re.escape(field_id)}-error">(.*?)</p>', response.get_data(as_text=True),
                      re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).replace("Error:", "").strip() \
        if found else ""


def outside_the_test_context(function):
    """Call ``function`` in a thread of its own and return what it returns (or raise).

    Tests hold an app context open for their database session, and a request or a
    streamed body that needs one finds the test's; a server thread has none after the
    view returns. Context variables do not follow a new thread, so in one a streamed
    body that reads the database after its request has ended fails as it would in
    production.
    """
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as error:  # handed to the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
