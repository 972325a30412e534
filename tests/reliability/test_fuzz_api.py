"""Schemathesis drives every operation of the OpenAPI document against the app, in process.

It fails on any server error and on any answer the document does not describe (status,
content type, headers, body schema). New /api/v1 routes are covered once documented, and
tests/blueprints/api/test_openapi.py makes sure they are.
"""

import schemathesis
from hypothesis import HealthCheck, given, settings

from blueprints.api.openapi import API_PREFIX

EXAMPLES_PER_OPERATION = 50


def check(operation) -> None:
    """Generated requests for one operation; every answer must match the document."""

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(case=operation.as_strategy())
    def call(case):
        case.call_and_validate()

    call()


def published_content() -> None:
    """Something for every operation to find: a signed petition, statements and the results
    of a closed poll with a text question and an election, so that answers with data meet
    the schemas too."""
    from tests.factories.membership import create_member
    from tests.factories.petitions import create_petition, create_signature
    from tests.factories.polls import DEFAULT_QUESTIONS, close, create_poll, vote
    from tests.factories.statements import create_statement

    petition = create_petition(state="open")
    create_signature(petition=petition, postcode="SW1A 1AA")
    create_signature(petition=petition, postcode="", country="FR")
    create_statement(topics="caseloads", state="published")
    create_statement(state="withdrawn")
    voters = [create_member() for _ in range(3)]
    poll = create_poll(status="open", quorum_min_ballots=2, questions=[
        *DEFAULT_QUESTIONS, ("Anything else?", "text", []),
        ("Chair", "ranked", ["Ann", "Bob", "Cat"], {"seats": 1})])
    for n, voter in enumerate(voters):
        vote(poll, voter, {0: n % 2, 1: 1, 2: "More staff.", 3: (n % 3, (n + 1) % 3)})
    poll.publish_free_text = True
    close(poll)


def test_every_api_operation_answers_as_its_openapi_document_says(app, db_session):
    published_content()
    # (Not schemathesis.pytest.from_fixture: its plugin does not work with pytest 9 yet.)
    schema = schemathesis.openapi.from_wsgi(f"{API_PREFIX}/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the OpenAPI document has no operations"
    for operation in operations:
        check(operation)
