"""The OpenAPI description of /api/v1/polls/{poll_id}/results."""

from blueprints.api.openapi import register_api_paths

_JSON = "application/json"
_ERROR = {_JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}
_FIGURE = {"type": "string", "description": "An exact vote figure, e.g. \"1234.56789\"."}

SCHEMAS = {
    "ElectionCount": {
        "type": "object",
        "required": ["rule", "title", "seats", "candidates", "withdrawn", "elected", "quota",
                     "valid_votes", "stages"],
        "properties": {
            "rule": {"type": "string"},
            "title": {"type": "string"},
            "seats": {"type": "integer"},
            "candidates": {"type": "array", "items": {"type": "string"}},
            "withdrawn": {"type": "array", "items": {"type": "string"}},
            "elected": {"type": "array", "items": {"type": "string"}},
            "quota": {"type": ["integer", "null"]},
            "valid_votes": {"type": "integer"},
            "stages": {"type": "array", "items": {
                "type": "object",
                "required": ["number", "action", "votes", "exhausted", "lost_to_fractions",
                             "elected", "excluded", "note"],
                "properties": {
                    "number": {"type": "integer"},
                    "action": {"type": "string"},
                    "votes": {"type": "object", "additionalProperties": _FIGURE},
                    "exhausted": _FIGURE,
                    "lost_to_fractions": _FIGURE,
                    "elected": {"type": "array", "items": {"type": "string"}},
                    "excluded": {"type": "array", "items": {"type": "string"}},
                    "note": {"type": ["string", "null"]},
                }}},
        },
    },
    "PollResults": {
        "type": "object",
        "required": ["id", "title", "state", "public_poll", "as_of", "ballots", "eligible",
                     "turnout_percent", "quorum", "questions"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "state": {"type": "string", "enum": ["open", "closed"]},
            "public_poll": {"type": "boolean"},
            "as_of": {"type": "string", "format": "date"},
            "ballots": {"type": "integer", "minimum": 0},
            "eligible": {"type": ["integer", "null"], "minimum": 0},
            "turnout_percent": {"type": ["integer", "null"]},
            "quorum": {"oneOf": [
                {"type": "null"},
                {"type": "object", "required": ["required_ballots", "met"],
                 "properties": {"required_ballots": {"type": "integer"},
                                "met": {"type": "boolean"}}},
            ]},
            "questions": {"type": "array", "items": {
                "type": "object",
                "required": ["id", "text", "kind", "base", "options", "headlines"],
                "properties": {
                    "id": {"type": "integer"},
                    "text": {"type": "string"},
                    "kind": {"type": "string"},
                    "base": {"type": "integer", "minimum": 0},
                    "options": {"type": "array", "items": {
                        "type": "object", "required": ["id", "label", "count", "percent"],
                        "properties": {"id": {"type": "integer"}, "label": {"type": "string"},
                                       "count": {"type": "integer", "minimum": 0},
                                       "percent": {"type": "integer"}}}},
                    "headlines": {"type": "array", "items": {"type": "string"}},
                    "free_text": {"type": "array", "items": {"type": "string"}},
                    "election": {"$ref": "#/components/schemas/ElectionCount"},
                }}},
        },
    },
}

PATHS = {
    "/api/v1/polls/{poll_id}/results": {"get": {
        "operationId": "getPollResults",
        "summary": "A poll's published results: counts, percentages, turnout, quorum, counts "
                   "of elections.",
        "tags": ["polls"],
        "parameters": [{"name": "poll_id", "in": "path", "required": True,
                        "schema": {"type": "integer"}}],
        "responses": {
            "200": {"description": "The results.",
                    "content": {_JSON: {"schema": {"$ref": "#/components/schemas/PollResults"}}}},
            "403": {"description": "The poll exists but its results are not published yet.",
                    "content": _ERROR},
            "404": {"$ref": "#/components/responses/NotFound"},
        },
    }},
}


def register() -> None:
    register_api_paths(PATHS, SCHEMAS)
