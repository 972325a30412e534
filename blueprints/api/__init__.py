"""The public JSON API's shared parts: the OpenAPI document, CORS for reads, cache headers.

Areas add their own routes under /api/v1 (in their blueprints) and describe them with
`blueprints.api.openapi.register_api_paths`; answers use `blueprints.api.caching.cached_json`.
"""

from flask import Blueprint, Flask, current_app, request, url_for

from blueprints.api.caching import cached_json
from blueprints.api.openapi import API_PREFIX, build_document

bp = Blueprint("api", __name__, url_prefix=API_PREFIX)

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@bp.get("/")
def index():
    """The API's front door: its name, where its document is, and the paths it offers."""
    document = build_document()
    return cached_json({
        "name": current_app.config["SITE_NAME"],
        "version": document["info"]["version"],
        "openapi": url_for("api.openapi_document"),
        "paths": sorted(document["paths"]),
    }, max_age=300)


@bp.get("/openapi.json")
def openapi_document():
    return cached_json(build_document(), max_age=300)


def _cors_for_reads(response):
    """Any site may read the API; no site may write through it (no CORS on POST and co)."""
    if request.path.startswith(API_PREFIX + "/") and request.method in READ_METHODS:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "ETag, X-Request-ID"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Accept, If-None-Match"
            response.headers["Access-Control-Max-Age"] = "86400"
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.after_request(_cors_for_reads)
