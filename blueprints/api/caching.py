"""Cache headers for JSON GET answers: Cache-Control, an ETag, and 304 for If-None-Match."""

import json

from flask import Response, request


def cached_json(payload, *, max_age: int = 60, status: int = 200) -> Response:
    """A JSON response that shared caches may keep for `max_age` seconds.

    The ETag is a hash of the body, so a client sending it back in If-None-Match gets
    an empty 304 while the content is unchanged.
    """
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    response = Response(body, status=status, mimetype="application/json")
    response.headers["Cache-Control"] = f"public, max-age={int(max_age)}"
    response.add_etag()
    return response.make_conditional(request)
