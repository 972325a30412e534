"""Security baseline: headers, who is signed in, and the error pages."""

import logging

from flask import Flask, render_template, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import AnonymousUserMixin
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from extensions import db, login_manager
from models.accounts import User

log = logging.getLogger(__name__)

class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, without building a signer for a visitor who sent none.

    Most of a surge (petition readers and signers) carries no session cookie; Flask
    would build an itsdangerous serializer for each of them only to find nothing to read.
    """

    def open_session(self, app, request):
        if self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)


CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class Visitor(AnonymousUserMixin):
    """Someone not signed in; has the same role questions as a User."""

    role = None
    is_staff = False
    is_admin = False


def security_headers_for(production: bool) -> list[tuple[str, str]]:
    """(name, value) of the headers every response carries."""
    headers = [
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if production:
        headers.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    return headers


def init_security(app: Flask) -> None:
    from blueprints.core.cache_rules import init_cache_rules

    app.session_interface = CookieSessions()
    init_cache_rules(app)
    every_response = [(name.lower(), name, value)
                      for name, value in security_headers_for(app.config["PRODUCTION"])]
    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = "Sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.anonymous_user = Visitor

    @login_manager.user_loader
    def load_user(session_id: str):
        user_id, _, version = session_id.partition(":")
        if not (user_id.isdigit() and version.isdigit()):
            return None
        user = db.session.get(User, int(user_id))
        if user is None or user.session_version != int(version) or not user.is_active:
            return None
        return user

    @app.after_request
    def security_headers(response):
        # Added unless the view set its own; one pass over the headers, not one per name.
        headers = response.headers
        present = {name.lower() for name in headers.keys()}
        headers.extend([(name, value) for lower, name, value in every_response
                        if lower not in present])
        return response

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        from blueprints.core.same_origin import CrossSitePost

        return render_template("errors/csrf.html", reason=error.description,
                               cross_site=isinstance(error, CrossSitePost)), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if request.path.startswith("/api/"):
            return {"error": error.name, "status": error.code}, error.code
        template = {403: "errors/403.html", 404: "errors/404.html",
                    429: "errors/429.html"}.get(error.code, "errors/generic.html")
        return render_template(template, error=error), error.code

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        db.session.rollback()
        log.exception("unhandled error on %s %s", request.method, request.path)
        if request.path.startswith("/api/"):
            return {"error": "Internal Server Error", "status": 500}, 500
        return render_template("errors/500.html"), 500
