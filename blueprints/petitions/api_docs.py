"""The OpenAPI description of /api/v1/petitions and /api/v1/petitions/{petition_id}."""

from blueprints.api.openapi import register_api_paths

_STAMP = {"type": ["string", "null"], "format": "date-time"}
_JSON = "application/json"
_AREA_COUNTS = {"type": "array", "items": {
    "type": "object", "required": ["code", "name", "signature_count"],
    "properties": {"code": {"type": "string"}, "name": {"type": "string"},
                   "signature_count": {"type": "integer", "minimum": 0}}}}

_SUMMARY_PROPERTIES = {
    "id": {"type": "integer"},
    "action": {"type": "string"},
    "state": {"type": "string", "enum": ["open", "closed"]},
    "signature_count": {"type": "integer", "minimum": 0},
    "opens_at": _STAMP,
    "closes_at": _STAMP,
    "responded_at": _STAMP,
    "thresholds": {"type": "object", "required": ["response", "debate"],
                   "properties": {"response": {"type": "integer"},
                                  "debate": {"type": "integer"}}},
    "url": {"type": "string"},
    "api_url": {"type": "string"},
}

SCHEMAS = {
    "PetitionSummary": {"type": "object", "required": list(_SUMMARY_PROPERTIES),
                        "properties": _SUMMARY_PROPERTIES},
    "PetitionList": {
        "type": "object", "required": ["petitions"],
        "properties": {"petitions": {
            "type": "array", "items": {"$ref": "#/components/schemas/PetitionSummary"}}},
    },
    "Petition": {
        "type": "object",
        "required": [*_SUMMARY_PROPERTIES, "background", "details", "target", "response",
                     "signatures_by_region", "signatures_by_nation", "signatures_by_country",
                     "signatures_by_day"],
        "properties": {
            **_SUMMARY_PROPERTIES,
            "background": {"type": "string"},
            "details": {"type": "string"},
            "target": {"type": "string"},
            "response": {"type": ["string", "null"]},
            "signatures_by_region": _AREA_COUNTS,
            "signatures_by_nation": _AREA_COUNTS,
            "signatures_by_country": _AREA_COUNTS,
            "signatures_by_day": {"type": "array", "items": {
                "type": "object", "required": ["day", "signature_count"],
                "properties": {"day": {"type": "string", "format": "date"},
                               "signature_count": {"type": "integer"}}}},
        },
    },
}


def _ok(description: str, schema: str) -> dict:
    return {"description": description,
            "content": {_JSON: {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


PATHS = {
    "/api/v1/petitions": {"get": {
        "operationId": "listPetitions",
        "summary": "Open and closed petitions (the newest 500) with their signature counts.",
        "tags": ["petitions"],
        "responses": {"200": _ok("The petitions.", "PetitionList")},
    }},
    "/api/v1/petitions/{petition_id}": {"get": {
        "operationId": "getPetition",
        "summary": "One open or closed petition: its text, response and counts by region, "
                   "nation, country and day.",
        "tags": ["petitions"],
        "parameters": [{"name": "petition_id", "in": "path", "required": True,
                        "schema": {"type": "integer"}}],
        "responses": {"200": _ok("The petition.", "Petition"),
                      "404": {"$ref": "#/components/responses/NotFound"}},
    }},
}


def register() -> None:
    register_api_paths(PATHS, SCHEMAS)
