"""Which answers a browser or shared cache may keep: personal and staff pages never.

One rule for every response, so no page can forget it: ``Cache-Control: no-store`` on

- everything under the personal paths (an account, staff pages and exports, membership
  and joining), whatever the view set: these hold names, addresses, payments, codes;
- views marked ``@personal_page`` outside them (a poll receipt);
- every other answer to someone with a session (signed in, or part-way through signing
  in), unless its view chose its own caching: such pages carry their name and their
  messages. What a visitor without a session sees alike (the petition page, the API)
  is untouched, and may be kept.
"""

from flask import Flask, current_app, request, session

PERSONAL_PATHS = ("/account", "/staff", "/membership", "/join")
NO_STORE = "no-store"


def personal_page(view):
    """Mark a view whose pages hold personal data though its path is not a personal one."""
    view.personal_page = True
    return view


def _personal() -> bool:
    path = request.path
    if any(path == root or path.startswith(root + "/") for root in PERSONAL_PATHS):
        return True
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, "personal_page", False)


def _has_session() -> bool:
    cookies = request.cookies
    config = current_app.config
    return (config["SESSION_COOKIE_NAME"] in cookies
            or config.get("REMEMBER_COOKIE_NAME", "remember_token") in cookies
            or session.modified)


def init_cache_rules(app: Flask) -> None:
    @app.after_request
    def keep_personal_pages_out_of_caches(response):
        if _personal() or ("Cache-Control" not in response.headers and _has_session()):
            response.headers["Cache-Control"] = NO_STORE
        return response
