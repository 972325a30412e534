"""The shape of the Stripe webhook events the platform reads, as a JSON Schema.

A body signed with our webhook secret is Stripe's, but that says nothing about
its shape: a JSON array, an amount of 1e20 or a date in the year 300,000 raised
deep in the handlers (an overflowing INTEGER column, a date that cannot be
made). So before an event is recorded, its body is checked against this schema:
the fields ``services.membership.stripe_events`` reads, with their types and
ranges. Fields it does not read are left alone, so payloads may grow.
"""

import jsonschema_rs

# Unix times up to the last second of the year 9999: the largest a Python date holds.
LATEST_TIMESTAMP = 253_402_300_799
# Stripe's own ceiling for an amount in the smallest unit (eight digits); far below
# what the INTEGER column of payments in pence holds.
LARGEST_AMOUNT = 99_999_999

_ID = {"type": "string", "minLength": 1, "maxLength": 255}
_TIMESTAMP = {"type": "integer", "minimum": 0, "maximum": LATEST_TIMESTAMP}
_MAYBE_TIMESTAMP = {"anyOf": [{"type": "null"}, _TIMESTAMP]}
_AMOUNT = {"type": "integer", "minimum": 0, "maximum": LARGEST_AMOUNT}
# A field that holds an id, or the object it names when expanded.
_REFERENCE = {"anyOf": [{"type": "null"}, _ID,
                        {"type": "object", "properties": {"id": _ID}, "required": ["id"]}]}
_METADATA = {"type": ["object", "null"],
             "properties": {"membership_id": {"type": "string", "maxLength": 20}}}


def _maybe_object(properties: dict) -> dict:
    return {"type": ["object", "null"], "properties": properties}


def _list_of(item_properties: dict) -> dict:
    return _maybe_object({"data": {"type": "array", "items": {
        "type": "object", "properties": item_properties}}})


_CHECKOUT_SESSION = {"type": "object", "properties": {
    "client_reference_id": {"type": ["string", "null"], "maxLength": 255},
    "metadata": _METADATA, "customer": _REFERENCE, "subscription": _REFERENCE}}

_INVOICE = {"type": "object", "required": ["id"], "properties": {
    "id": _ID, "customer": _REFERENCE, "subscription": _REFERENCE,
    "parent": _maybe_object({"subscription_details": _maybe_object(
        {"subscription": _REFERENCE})}),
    "created": _TIMESTAMP, "amount_paid": _AMOUNT, "amount_due": _AMOUNT,
    "currency": {"type": ["string", "null"], "maxLength": 10},
    "status_transitions": _maybe_object({"paid_at": _MAYBE_TIMESTAMP}),
    "lines": _list_of({"period": _maybe_object({"start": _TIMESTAMP, "end": _TIMESTAMP})})}}

_SUBSCRIPTION = {"type": "object", "required": ["id"], "properties": {
    "id": _ID, "customer": _REFERENCE, "metadata": _METADATA,
    "status": {"type": "string", "maxLength": 40},
    "cancel_at_period_end": {"type": ["boolean", "null"]},
    "canceled_at": _MAYBE_TIMESTAMP, "ended_at": _MAYBE_TIMESTAMP,
    "current_period_end": _MAYBE_TIMESTAMP,
    "items": _list_of({"current_period_end": _MAYBE_TIMESTAMP}),
    "cancellation_details": _maybe_object({"reason": {"type": ["string", "null"]}}),
    "latest_invoice": {"anyOf": [{"type": "null"}, _ID, {"type": "object", "properties": {
        "status": {"type": ["string", "null"]}}}]}}}


def _when_type(pattern: str, data_object: dict) -> dict:
    return {"if": {"properties": {"type": {"pattern": pattern}}},
            "then": {"properties": {"data": {"properties": {"object": data_object}}}}}


EVENT_SCHEMA = {
    "type": "object",
    "required": ["id", "type", "data"],
    "properties": {
        "id": _ID,
        "type": {"type": "string", "minLength": 1, "maxLength": 100},
        "created": _TIMESTAMP,
        "data": {"type": "object", "required": ["object"],
                 "properties": {"object": {"type": "object"}}},
    },
    "allOf": [
        _when_type(r"^checkout\.session\.", _CHECKOUT_SESSION),
        _when_type(r"^invoice\.", _INVOICE),
        _when_type(r"^customer\.subscription\.", _SUBSCRIPTION),
    ],
}

_validator = jsonschema_rs.validator_for(EVENT_SCHEMA)


def payload_problem(data) -> str | None:
    """What is wrong with a decoded webhook body, in words, or None if it has the shape
    and ranges the handlers rely on."""
    for error in _validator.iter_errors(data):
        where = "/".join(str(part) for part in error.instance_path) or "the body"
        return f"{where}: {error.message}"[:300]
    return None
