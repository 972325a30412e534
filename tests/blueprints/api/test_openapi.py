"""One OpenAPI document describes every /api/v1 route; reads are open to every site."""

import re

from blueprints.api.openapi import API_PREFIX, register_api_paths

_CONVERTER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def openapi_path(rule: str) -> str:
    """/api/v1/petitions/<int:petition_id> -> /api/v1/petitions/{petition_id}"""
    return _CONVERTER.sub(r"{\1}", rule)


def test_every_api_route_in_the_url_map_is_in_the_openapi_document(app, visitor):
    document = visitor.client.get(f"{API_PREFIX}/openapi.json").json
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(API_PREFIX + "/"):
            continue
        path = openapi_path(rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if method.lower() not in document["paths"].get(path, {}):
                missing.append(f"{method} {path} (endpoint {rule.endpoint})")
    assert not missing, (
        "these API routes are not in the OpenAPI document; describe them with "
        "blueprints.api.openapi.register_api_paths in the area's init_app:\n  " + "\n  ".join(missing))


def test_the_document_is_openapi_3_1_and_valid(visitor):
    from schemathesis.openapi import from_dict

    document = visitor.client.get(f"{API_PREFIX}/openapi.json").json
    assert document["openapi"] == "3.1.0"
    operations = list(from_dict(document).get_all_operations())
    assert all(op.ok() for op in operations) and operations


def test_areas_can_register_paths_and_schemas(visitor, monkeypatch):
    from blueprints.api import openapi

    monkeypatch.setattr(openapi, "_PATHS", dict(openapi._PATHS))
    monkeypatch.setattr(openapi, "_SCHEMAS", dict(openapi._SCHEMAS))
    register_api_paths({f"{API_PREFIX}/test-things": {"get": {
        "responses": {"200": {"description": "things",
                              "content": {"application/json": {"schema": {
                                  "$ref": "#/components/schemas/TestThing"}}}}}}}},
        {"TestThing": {"type": "object"}})
    document = visitor.client.get(f"{API_PREFIX}/openapi.json").json
    assert f"{API_PREFIX}/test-things" in document["paths"]
    assert "TestThing" in document["components"]["schemas"]


def test_paths_outside_the_api_are_refused():
    import pytest

    with pytest.raises(ValueError, match="start with /api/v1/"):
        register_api_paths({"/admin/secrets": {}})


def test_reads_are_open_to_every_site_and_can_be_preflighted(visitor):
    read = visitor.client.get(f"{API_PREFIX}/openapi.json", headers={"Origin": "https://elsewhere.example"})
    assert read.headers["Access-Control-Allow-Origin"] == "*"
    preflight = visitor.client.options(f"{API_PREFIX}/openapi.json",
                                       headers={"Origin": "https://elsewhere.example",
                                                "Access-Control-Request-Method": "GET"})
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert preflight.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_writes_never_get_cors_headers(visitor):
    response = visitor.client.post(f"{API_PREFIX}/openapi.json", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_pages_outside_the_api_get_no_cors_headers(visitor):
    assert "Access-Control-Allow-Origin" not in visitor.client.get("/").headers


def test_json_reads_are_cacheable_and_answer_304_when_unchanged(visitor):
    first = visitor.client.get(f"{API_PREFIX}/openapi.json")
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    again = visitor.client.get(f"{API_PREFIX}/openapi.json",
                               headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
