"""The OpenAPI description of /api/v1/statements and /api/v1/statements/{slug}."""

from blueprints.api.openapi import register_api_paths

# The platform refuses a NUL character anywhere in a query (400): it is not valid text here.
TEXT_WITHOUT_NUL = {"type": "string", "pattern": "^[^\\u0000]*$"}

_STAMP = {"type": ["string", "null"], "format": "date-time"}
_JSON = "application/json"

_SUMMARY_PROPERTIES = {
    "slug": {"type": "string"},
    "title": {"type": "string"},
    "summary": {"type": "string"},
    "state": {"type": "string", "enum": ["published", "superseded", "withdrawn"]},
    "topics": {"type": "array", "items": {
        "type": "object", "required": ["slug", "label"],
        "properties": {"slug": {"type": "string"}, "label": {"type": "string"}}}},
    "first_published_at": _STAMP,
    "last_revised_at": _STAMP,
    "url": {"type": "string"},
    "api_url": {"type": "string"},
}

SCHEMAS = {
    "StatementSummary": {
        "type": "object",
        "required": list(_SUMMARY_PROPERTIES),
        "properties": _SUMMARY_PROPERTIES,
    },
    "StatementList": {
        "type": "object",
        "required": ["statements", "page", "next"],
        "properties": {
            "statements": {"type": "array",
                           "items": {"$ref": "#/components/schemas/StatementSummary"}},
            "page": {"type": "integer", "minimum": 1},
            "next": {"type": ["string", "null"], "description": "The next page, if any."},
        },
    },
    "Statement": {
        "type": "object",
        "required": [*_SUMMARY_PROPERTIES, "body_markdown", "body_html", "endorsements",
                     "withdrawal_note", "superseded_by", "supersedes", "related_petition_id",
                     "related_poll_id", "revisions"],
        "properties": {
            **_SUMMARY_PROPERTIES,
            "body_markdown": {"type": "string"},
            "body_html": {"type": "string"},
            "endorsements": {"type": "integer", "minimum": 0},
            "withdrawal_note": {"type": ["string", "null"]},
            "superseded_by": {"type": ["string", "null"]},
            "supersedes": {"type": "array", "items": {"type": "string"}},
            "related_petition_id": {"type": ["integer", "null"]},
            "related_poll_id": {"type": ["integer", "null"]},
            "revisions": {"type": "array", "items": {
                "type": "object",
                "required": ["number", "kind", "change_note", "published_at", "url"],
                "properties": {
                    "number": {"type": "integer"},
                    "kind": {"type": "string"},
                    "change_note": {"type": "string"},
                    "published_at": _STAMP,
                    "url": {"type": "string"},
                }}},
        },
    },
}


def _ok(description: str, schema: str) -> dict:
    return {"description": description,
            "content": {_JSON: {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


PATHS = {
    "/api/v1/statements": {"get": {
        "operationId": "listStatements",
        "summary": "Public statements, newest first, 50 a page.",
        "tags": ["statements"],
        "parameters": [
            {"name": "page", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": 9999}},
            {"name": "topic", "in": "query", "required": False,
             "description": "A topic slug.", "schema": TEXT_WITHOUT_NUL},
            {"name": "q", "in": "query", "required": False,
             "description": "Words that must all appear.", "schema": TEXT_WITHOUT_NUL},
        ],
        "responses": {
            "200": _ok("A page of statements.", "StatementList"),
            "400": {"description": "The query holds a NUL character, which nothing can store.",
                    "content": {_JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}},
        },
    }},
    "/api/v1/statements/{slug}": {"get": {
        "operationId": "getStatement",
        "summary": "One public statement with its body, endorsements and revisions.",
        "tags": ["statements"],
        "parameters": [{"name": "slug", "in": "path", "required": True,
                        "schema": TEXT_WITHOUT_NUL}],
        "responses": {"200": _ok("The statement.", "Statement"),
                      "404": {"$ref": "#/components/responses/NotFound"}},
    }},
}


def register() -> None:
    register_api_paths(PATHS, SCHEMAS)
