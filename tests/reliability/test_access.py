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


# Pages that hold personal data, whoever asks (tests/blueprints/core/test_cache_rules.py has
# the rule's other cases): never kept by a browser or shared cache.
PERSONAL_PATHS = ("/account", "/staff", "/membership", "/join")
PERSONAL_ENDPOINTS = {"polls.receipt", "polls.confirm_response"}
# Answers the same for everyone, which their views mark as cacheable, signed in or not.
SHARED_ANSWERS = {"static", "statements.feed"}


def _may_be_kept(key: str, url: str, role: str) -> bool:
    """Whether a cache may keep this answer: not a personal page, and not one drawn for
    someone signed in (their pages carry their name), unless it is the same for everyone."""
    endpoint = key.split(" ", 1)[1]
    path = urlsplit(url).path
    if endpoint in PERSONAL_ENDPOINTS or any(path == p or path.startswith(p + "/")
                                             for p in PERSONAL_PATHS):
        return False
    return role == "visitor" or endpoint in SHARED_ANSWERS or endpoint.split(".")[0].endswith("api")


def test_every_route_answers_every_role_as_the_access_table_says(app, client_as):
    """... and every personal or signed-in answer says Cache-Control: no-store."""
    wrong, kept = [], []
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
            if (not _may_be_kept(key, url, role)
                    and response.headers.get("Cache-Control") != "no-store"):
                kept.append(f"{key} as {role}: Cache-Control {response.headers.get('Cache-Control')}")
    assert not wrong, "routes that do not answer as the access table says:\n  " + "\n  ".join(wrong)
    assert not kept, "personal answers a cache may keep:\n  " + "\n  ".join(kept)
