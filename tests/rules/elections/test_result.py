"""Tests for the published record of a count."""

import json
from decimal import Decimal

from rules.elections.ballots import Election
from rules.elections.result import CountResult, Stage, to_votes

ELECTION = Election(("Ann", "Bob"), 1, ((3, (0,)),), title="T")
RESULT = CountResult(
    rule="irv",
    elected=(1,),
    stages=(Stage(1, "first count", (Decimal(3), to_votes(150_000)), to_votes(12_345),
                  (1,), (0,), "note"),),
    quota=None,
    valid_votes=3,
)


def test_units_become_exact_decimals_with_five_places():
    assert to_votes(123_456_789) == Decimal("1234.56789")
    assert str(to_votes(100_000)) == "1.00000"


def test_elected_names_follow_the_order_of_election():
    assert RESULT.elected_names(ELECTION) == ["Bob"]


def test_to_dict_is_json_ready_and_keeps_votes_exact():
    record = json.loads(json.dumps(RESULT.to_dict(ELECTION)))
    assert record["rule"] == "irv"
    assert record["elected"] == ["Bob"]
    assert record["quota"] is None
    assert record["stages"][0]["votes"] == {"Ann": "3", "Bob": "1.50000"}
    assert record["stages"][0]["exhausted"] == "0.12345"
    assert record["stages"][0]["elected"] == ["Bob"]
    assert record["stages"][0]["excluded"] == ["Ann"]
