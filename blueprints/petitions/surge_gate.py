"""The requests a petition surge is made of, answered in front of Flask when all is well.

A signature is two posts: the signing form, then the confirmation button on the
mailed link. Measured under gunicorn, Flask's request machinery (contexts, the
platform's before and after hooks, response objects) cost each of them more
than the signature's own work, one statement on PostgreSQL (bench/README.md).
So on PostgreSQL this WSGI layer, between ProxyFix and Flask, answers the plain
case itself, with the same checks, the same statement, the same 303, headers,
access log line and metrics as the views in ``blueprints.petitions.public``:

- a post to ``/petitions/<id>`` whose fields pass ``signing`` and which adds a
  new pending signature (``signing.sign_alone``): 303 to "check your email";
- a post to ``/petitions/confirm/<token>`` that confirms a pending signature
  (``signing.confirm_alone``): 303 to "thank you";
- a read of the petition page, "check your email" or "thank you" by a visitor with no
  session cookie, while the page the view keeps for everyone
  (``blueprints.petitions.page_cache``) would be served as it stands: the same bytes,
  headers, access log line and metrics. When the view would draw the page anew (none
  kept, kept too long, or the count has moved) the view answers and keeps the new one.

Everything else goes on to Flask untouched, with the body it sent: other paths
and methods (HEAD included), a visitor with a session or remember-me cookie, a
body that is not a small URL-encoded form, a NUL anywhere, a post from another
site, a refused field, a petition not open, an email that has signed, a stale or
forged link, a database error. The views then give their own pages and messages, and the
"already signed" mail; what the gate tried changed nothing in those cases, so
the view's own attempt finds the database as the gate did.

No Flask-Limiter limit applies to these views (the per-IP windows hold
signatures instead of refusing them, and the app sets no default limit); a limit
added to them later must be checked here too, or the gate turned off.

``PETITION_SURGE_GATE=0`` sends every request to Flask. In development without SMTP
the gate is not installed: mail is written to the log as each Flask request ends.
"""

import io
import logging
import time
from urllib.parse import parse_qsl

import psycopg
from flask import Flask
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from blueprints.core.mail_delivery import delivers_at_teardown
from blueprints.core.same_origin import posted_from_another_site
from blueprints.core.security import security_headers_for
from blueprints.ops import record_answer
from blueprints.ops.logs import answering, request_id_from
from blueprints.petitions import page_cache
from blueprints.petitions.forms import signature_fields
from extensions import db
from services import metrics
from services.petitions import responses, signing, surge

log = logging.getLogger(__name__)

# The views whose posts the gate may answer (matched by the app's own URL rules).
SIGN, CONFIRM = "petitions.show", "petitions.confirm"
# The pages every visitor without a session sees alike (blueprints.petitions.page_cache),
# by view, and the kind each is kept under.
KEPT_PAGES = {SIGN: "page", "petitions.check_email": "check-email", "petitions.thanks": "thanks"}
# A petition id the database's integer cannot hold goes on to the view (its 404).
LARGEST_ID = 2**31 - 1
FORM = "application/x-www-form-urlencoded"
# The signing form is a few hundred bytes; anything larger is left to Flask's limits.
LARGEST_BODY = 4096
DATABASE_ERRORS = (psycopg.Error, SQLAlchemyError)
# How many matched routes (and built redirects) the gate remembers before starting afresh.
REMEMBERED_ROUTES = 1024


class SurgeGate:
    """WSGI middleware in front of the Flask app (``downstream``); see the module doc."""

    def __init__(self, app: Flask, engine: Engine, downstream):
        self.app = app
        # Each gunicorn thread's own connection for the gate's statements (not the pool's).
        self.connections = surge.ThreadConnections(engine)
        self.downstream = downstream
        self.secret_key = app.config["SECRET_KEY"]
        self.cookies = (app.config["SESSION_COOKIE_NAME"],
                        app.config.get("REMEMBER_COOKIE_NAME", "remember_token"))
        security = security_headers_for(app.config["PRODUCTION"])
        self.headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "0"),
                        *security]
        # As Flask sends a page: Flask-Login's after-request hook reads the session, so
        # every page it answers varies by cookie.
        self.page_headers = [("Content-Type", "text/html; charset=utf-8"), *security,
                             ("Vary", "Cookie")]
        self.signed = metrics.SIGNATURES.labels("signed")
        self.confirmed = metrics.SIGNATURES.labels("confirmed")
        # Petition id -> (until when, count): a threshold check found the cached count below
        # every unmarked threshold; until the cache may have moved, another would find the same.
        self.below_thresholds: dict[int, tuple[float, int]] = {}
        # Matched routes and built redirects, by what they depend on (_route, _location).
        self.routes: dict[tuple, tuple] = {}
        self.locations: dict[tuple, str] = {}

    def __call__(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        if method not in ("GET", "POST") or not self.app.config["PETITION_SURGE_GATE"]:
            return self.downstream(environ, start_response)
        started = time.perf_counter()
        endpoint, args, urls = self._route(environ, method)
        if endpoint is None:  # not found, not allowed, or a redirect: Flask answers
            return self.downstream(environ, start_response)
        if method == "GET":
            if endpoint not in KEPT_PAGES or self._has_session(environ):
                return self.downstream(environ, start_response)
            return self._kept_page(environ, start_response, started, endpoint, args)
        if (endpoint not in (SIGN, CONFIRM) or args.get("petition_id", 0) > LARGEST_ID
                or self._has_session(environ)):
            return self.downstream(environ, start_response)
        body = self._small_form(environ)
        if body is None or _has_nul(environ.get("PATH_INFO", "")) or posted_from_another_site(environ):
            return self.downstream(environ, start_response)
        request_id = request_id_from(environ.get("HTTP_X_REQUEST_ID"))
        with answering(request_id):
            try:
                if endpoint == SIGN:
                    petition_id = self._sign(args["petition_id"], body, environ)
                    then = "petitions.check_email"
                else:
                    petition_id = self._confirm(args["token"])
                    then = "petitions.thanks"
            except DATABASE_ERRORS:
                log.warning("surge gate: database error; the view will answer", exc_info=True)
                petition_id = None
            if petition_id is None:
                return self.downstream(environ, start_response)
            start_response("303 See Other", [
                ("Location", self._location(urls, then, petition_id)),
                ("X-Request-ID", request_id), *self.headers])
            record_answer("POST", environ.get("PATH_INFO", ""), 303, endpoint,
                          time.perf_counter() - started)
        return [b""]

    def _route(self, environ, method: str):
        """(endpoint, view arguments, bound URL map) for the request, as the app's URL map
        matches it; endpoint None where it matches nothing (or redirects).

        Matching cost the gate about a tenth of its time under the bench, and the petition
        page and the signing post are the same path again and again: their matches are
        remembered by everything matching reads (method, host, scheme, script and path, as
        ProxyFix left them). A confirmation link's path is new each time and is not kept.
        """
        key = (method, environ.get("HTTP_HOST"), environ.get("SERVER_NAME"),
               environ.get("SERVER_PORT"), environ.get("wsgi.url_scheme"),
               environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""))
        route = self.routes.get(key)
        if route is None:
            urls = self.app.url_map.bind_to_environ(environ)
            try:
                endpoint, args = urls.match(method=method)
            except HTTPException:
                endpoint, args = None, {}
            route = (endpoint, args, urls)
            if endpoint != CONFIRM:
                _remember(self.routes, key, route)
        return route

    def _location(self, urls, endpoint: str, petition_id: int) -> str:
        """Where the 303 sends the signer: built by the URL map once per page and host."""
        key = (urls.server_name, urls.url_scheme, urls.script_name, endpoint, petition_id)
        location = self.locations.get(key)
        if location is None:
            location = urls.build(endpoint, {"petition_id": petition_id})
            _remember(self.locations, key, location)
        return location

    def _kept_page(self, environ, start_response, started: float, endpoint: str, args: dict):
        """A page read answered from the page the view keeps for everyone, if it would
        serve it as it stands (``page_cache.kept``); otherwise the view answers."""
        config = self.app.config
        if (config["PETITION_PAGE_CACHE_SECONDS"] <= 0 or config["PETITION_COUNT_CACHE_SECONDS"] <= 0
                or _has_nul(environ.get("QUERY_STRING", ""))):
            return self.downstream(environ, start_response)
        body = page_cache.kept(KEPT_PAGES[endpoint], args["petition_id"], config["REDIS_URL"] or "")
        if body is None:
            return self.downstream(environ, start_response)
        request_id = request_id_from(environ.get("HTTP_X_REQUEST_ID"))
        with answering(request_id):
            start_response("200 OK", [("Content-Length", str(len(body))),
                                      ("X-Request-ID", request_id), *self.page_headers])
            record_answer("GET", environ.get("PATH_INFO", ""), 200, endpoint,
                          time.perf_counter() - started)
        return [body]

    def _has_session(self, environ) -> bool:
        """A cookie that may hold a session: such visitors go through Flask (it may refresh it)."""
        cookies = environ.get("HTTP_COOKIE", "")
        return bool(cookies) and any(name in cookies for name in self.cookies)

    @staticmethod
    def _small_form(environ) -> str | None:
        """The posted form as text, with the body put back for Flask; None to leave it to Flask."""
        if "HTTP_TRANSFER_ENCODING" in environ:
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if not 0 <= length <= LARGEST_BODY:
            return None
        raw = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(raw)
        if raw and environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower() != FORM:
            return None
        query = environ.get("QUERY_STRING", "")
        if b"\x00" in raw or b"%00" in raw or _has_nul(query):
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def _sign(self, petition_id: int, body: str, environ) -> int | None:
        """The petition signed, or None to leave the post to the view."""
        posted: dict[str, str] = {}
        for key, value in parse_qsl(body, keep_blank_values=True, max_num_fields=20):
            posted.setdefault(key, value)  # the first of repeated fields, as Flask's form
        new_id = signing.sign_alone(self.connections, petition_id, **signature_fields(posted),
                                    ip_address=environ.get("REMOTE_ADDR") or "unknown")
        if new_id is None:
            return None
        self.signed.inc()
        return petition_id

    def _confirm(self, token: str) -> int | None:
        """The petition of the signature confirmed, or None to leave the post to the view."""
        confirmed = signing.confirm_alone(self.connections, token, self.secret_key)
        if confirmed is None:
            return None
        self.confirmed.inc()
        if confirmed.unmarked_thresholds:
            self._notice_thresholds(confirmed)
        return confirmed.petition_id

    def _notice_thresholds(self, confirmed) -> None:
        """As the view does after confirming, without asking again while the cached count
        cannot have moved. The confirmation stands whatever happens here: a failure is
        logged, and `flask petitions thresholds` (cron) announces the threshold later."""
        petition_id, lowest = confirmed.petition_id, min(confirmed.unmarked_thresholds)
        until, count = self.below_thresholds.get(petition_id, (0.0, 0))
        if count < lowest and time.monotonic() < until:
            return
        with self.app.app_context():
            try:
                check = responses.notice_after_confirming(db.session, petition_id,
                                                          confirmed.unmarked_thresholds)
                if check.announced:
                    db.session.commit()
            except DATABASE_ERRORS:
                db.session.rollback()
                log.exception("surge gate: could not announce a passed threshold")
                return
        self.below_thresholds[petition_id] = (
            time.monotonic() + self.app.config["PETITION_COUNT_CACHE_SECONDS"], check.count)


def _remember(remembered: dict, key, value) -> None:
    """Keep ``value`` under ``key``, starting afresh once REMEMBERED_ROUTES are kept."""
    if len(remembered) >= REMEMBERED_ROUTES:
        remembered.clear()
    remembered[key] = value


def _has_nul(text: str) -> bool:
    """A NUL, raw or %-encoded: such requests get the platform's own 400 page (blueprints.ops)."""
    return "\x00" in text or "%00" in text


def install(app: Flask) -> None:
    """Put the gate in front of the app's views, on PostgreSQL (the one-statement paths)."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "postgresql" or delivers_at_teardown(app):
        return
    app.wsgi_app = SurgeGate(app, engine, app.wsgi_app)
