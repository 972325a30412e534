"""The OpenAPI 3.1 document of the public JSON API, assembled from what areas register.

An area that adds routes under /api/v1 describes them in its init_app:

    register_api_paths(
        {"/api/v1/petitions/{petition_id}": {"get": {...operation...}}},
        {"Petition": {...JSON Schema...}},
    )

Paths use OpenAPI's `{name}` for Flask's `<converter:name>`. A test reads the URL map
and fails when a GET route under /api/v1 is missing from the document.
"""

import copy

API_PREFIX = "/api/v1"

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error", "status"],
    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
}

_SKELETON: dict = {
    "openapi": "3.1.0",
    "info": {
        "title": "Social Workers' Voice public API",
        "version": "1",
        "description": (
            "Read-only JSON about the platform's public content. Every GET answer may be "
            "cached (Cache-Control and ETag; send If-None-Match for a 304) and may be read "
            "from any site (Access-Control-Allow-Origin: *)."
        ),
    },
    "paths": {
        f"{API_PREFIX}/": {
            "get": {
                "operationId": "getApiIndex",
                "summary": "The API's name, version, document and paths.",
                "tags": ["meta"],
                "responses": {
                    "200": {
                        "description": "Where to start.",
                        "content": {"application/json": {"schema": {
                            "type": "object",
                            "required": ["name", "version", "openapi", "paths"],
                            "additionalProperties": False,
                            "properties": {
                                "name": {"type": "string"},
                                "version": {"type": "string"},
                                "openapi": {"type": "string"},
                                "paths": {"type": "array", "items": {"type": "string"}},
                            },
                        }}},
                    },
                },
            },
        },
        f"{API_PREFIX}/openapi.json": {
            "get": {
                "operationId": "getOpenApiDocument",
                "summary": "This document.",
                "tags": ["meta"],
                "responses": {
                    "200": {
                        "description": "The OpenAPI document.",
                        "content": {"application/json": {"schema": {
                            "type": "object",
                            "required": ["openapi", "info", "paths"],
                        }}},
                    },
                },
            },
        },
    },
    "components": {
        "schemas": {"Error": ERROR_SCHEMA},
        "responses": {
            "NotFound": {
                "description": "There is no such thing, or it is not public.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        },
    },
}

_PATHS: dict[str, dict] = {}
_SCHEMAS: dict[str, dict] = {}


def register_api_paths(paths: dict, schemas: dict | None = None) -> None:
    """Add path items (keyed by "/api/v1/...") and component schemas to the document.

    Registering the same path or schema again replaces it, so create_app may run twice.
    """
    for path in paths:
        if not path.startswith(API_PREFIX + "/"):
            raise ValueError(f"API paths start with {API_PREFIX}/: {path}")
    _PATHS.update(copy.deepcopy(paths))
    _SCHEMAS.update(copy.deepcopy(schemas or {}))


def build_document() -> dict:
    """The whole document: the skeleton plus every registered path and schema."""
    document = copy.deepcopy(_SKELETON)
    document["paths"].update(copy.deepcopy(_PATHS))
    document["components"]["schemas"].update(copy.deepcopy(_SCHEMAS))
    document["paths"] = dict(sorted(document["paths"].items()))
    return document
