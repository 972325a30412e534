"""Cache headers for JSON GET answers: Cache-Control, an ETag, and 304 for If-None-Match."""

import json

from flask import Response, request


def json_text(payload) -> str:
    """The compact JSON text the API sends for a payload."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def cached_json(payload, *, max_age: int = 60, status: int = 200) -> Response:
    """A JSON response that shared caches may keep for `max_age` seconds.

    `payload` is data, or JSON text already made by json_text (e.g. from a cache). The
    ETag is a hash of the body, so a client sending it back in If-None-Match gets an
    empty 304 while the content is unchanged.
    """
    body = payload if isinstance(payload, str) else json_text(payload)
    response = Response(body, status=status, mimetype="application/json")
    response.headers["Cache-Control"] = f"public, max-age={int(max_age)}"
    response.add_etag()
    return response.make_conditional(request)
