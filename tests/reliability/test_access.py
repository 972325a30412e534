"""Every route, for every role, answers as the access table says (tests/reliability/access_table.py)."""

from urllib.parse import urlsplit

from flask import url_for

from tests.helpers import csrf_token_for
from tests.reliability.access_table import ACCESS, SIGN_IN, URL_VALUES
from tests.reliability.people import People
from tests.reliability.roles import ROLES, make_role_user

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def routes_in_the_url_map(app) -> set[str]:
    return {f"{method} {rule.endpoint}" for rule in app.url_map.iter_rules()
            for method in (rule.methods or set()) - IGNORED_METHODS}


def test_every_route_in_the_url_map_is_in_the_access_table(app):
    missing = sorted(routes_in_the_url_map(app) - set(ACCESS))
    assert not missing, (
        "routes without an entry in tests/reliability/access_table.py ACCESS (add one per "
        "line, e.g. \"GET petitions.show\": everyone(200), and URL_VALUES for its URL "
        "parameters):\n  " + "\n  ".join(missing))


def test_the_access_table_names_no_route_that_does_not_exist(app):
    stale = sorted(set(ACCESS) - routes_in_the_url_map(app))
    assert not stale, f"entries in ACCESS for routes that no longer exist: {stale}"


def _answer(response) -> int | str:
    if response.status_code in (301, 302, 303, 307, 308):
        if urlsplit(response.headers["Location"]).path == url_for("accounts.sign_in"):
            return SIGN_IN
    return response.status_code


def test_every_route_answers_every_role_as_the_access_table_says(app, client_as):
    wrong = []
    for key in sorted(routes_in_the_url_map(app) & set(ACCESS)):
        method, endpoint = key.split(" ", 1)
        users = {role: make_role_user(role) for role in ROLES}
        for role in ROLES:
            # Each role probes its own things (a POST by one role changes nothing for the
            # next), made after the users: a poll opened now has the member on its list.
            people = People()
            helper = client_as(users[role])
            with app.test_request_context():
                url = url_for(endpoint, **URL_VALUES.get(endpoint, lambda p: {})(people))
                if method == "GET":
                    response = helper.client.get(url)
                else:
                    response = helper.client.post(url, data={"csrf_token": csrf_token_for(app)})
                response.get_data()  # a streamed body (CSV exports) runs in this context
                answer = _answer(response)
            if answer != ACCESS[key][role]:
                wrong.append(f"{key} as {role}: expected {ACCESS[key][role]}, got {answer}")
    assert not wrong, "routes that do not answer as the access table says:\n  " + "\n  ".join(wrong)
