"""The areas' API answers, with real data in them, match the schemas the document gives."""

import jsonschema_rs
from sqlalchemy import select

from blueprints.api.openapi import API_PREFIX
from extensions import db
from models.polls import Poll
from tests.reliability.test_fuzz_api import published_content


def _validate(document: dict, schema_name: str, instance) -> None:
    schema = {"$ref": f"#/components/schemas/{schema_name}",
              "components": document["components"]}
    jsonschema_rs.Draft202012Validator(schema).validate(instance)


def test_petitions_statements_and_poll_results_answer_as_the_document_describes(visitor):
    published_content()
    document = visitor.client.get(f"{API_PREFIX}/openapi.json").json

    listing = visitor.client.get(f"{API_PREFIX}/statements").json
    _validate(document, "StatementList", listing)
    assert len(listing["statements"]) == 2
    for summary in listing["statements"]:
        _validate(document, "Statement",
                  visitor.client.get(f"{API_PREFIX}/statements/{summary['slug']}").json)

    petitions = visitor.client.get(f"{API_PREFIX}/petitions").json
    _validate(document, "PetitionList", petitions)
    (petition,) = petitions["petitions"]
    assert petition["signature_count"] == 2
    detail = visitor.client.get(f"{API_PREFIX}/petitions/{petition['id']}").json
    _validate(document, "Petition", detail)
    assert {c["code"] for c in detail["signatures_by_country"]} >= {"FR"}

    poll_id = db.session.scalars(select(Poll.id)).one()
    response = visitor.client.get(f"{API_PREFIX}/polls/{poll_id}/results")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=60"
    results = response.json
    _validate(document, "PollResults", results)
    kinds = {q["kind"]: q for q in results["questions"]}
    assert kinds["text"]["free_text"] == ["More staff."] * 3
    assert kinds["ranked"]["election"]["elected"]


def test_a_page_number_in_other_digits_is_the_first_page_not_an_error(visitor):
    response = visitor.client.get(f"{API_PREFIX}/statements?page=%C2%B2")
    assert response.status_code == 200 and response.json["page"] == 1


def test_an_id_too_large_for_the_database_is_not_found(visitor):
    response = visitor.client.get(f"{API_PREFIX}/polls/99999999999999999999/results")
    assert response.status_code == 404 and response.json["status"] == 404
