import secrets
import subprocess  # nosec B404 - runs our own interpreter with fixed arguments
import sys
from pathlib import Path

import pytest

from rules.petitions.sharding import SHARDS, area_key, parse_area_key, shard_for


def test_there_are_sixteen_shards():
    assert SHARDS == 16


@pytest.mark.parametrize(("number", "shard"), [(0, 0), (15, 15), (16, 0), (33, 1), (-1, 15)])
def test_an_integer_picks_its_shard_by_remainder(number, shard):
    assert shard_for(number) == shard


@pytest.mark.parametrize("token", ["abc", "signature-token-1", b"\x00\x01", ""])
def test_a_token_always_gives_the_same_shard_in_range(token):
    assert 0 <= shard_for(token) < SHARDS
    assert shard_for(token) == shard_for(token)


def test_a_str_token_and_its_utf8_bytes_share_a_shard():
    assert shard_for("jeton-é") == shard_for("jeton-é".encode())


def test_the_shard_of_a_token_is_the_same_in_another_process():
    # Python salts str hashes per process; the shard must not depend on that.
    tokens = [f"token-{n}" for n in range(8)]
    code = (
        "from rules.petitions.sharding import shard_for; "
        f"print(*[shard_for(t) for t in {tokens!r}])"
    )
    repository = Path(__file__).resolve().parents[3]
    other = subprocess.run(  # nosec B603 - fixed arguments, our own interpreter
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PYTHONPATH": str(repository)},
    )
    assert [int(shard) for shard in other.stdout.split()] == [shard_for(t) for t in tokens]


def test_random_tokens_spread_over_every_shard():
    shards = {shard_for(secrets.token_urlsafe(16)) for _ in range(2_000)}
    assert shards == set(range(SHARDS))


@pytest.mark.parametrize("token", [1.5, None, True])
def test_other_types_are_refused(token):
    with pytest.raises(TypeError):
        shard_for(token)


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("E12000007", "region:E12000007"),
        ("S92000003", "region:S92000003"),
        ("n92000002", "region:N92000002"),
        ("FR", "country:FR"),
        (" fr ", "country:FR"),
        ("JE", "country:JE"),
    ],
)
def test_area_keys_say_whether_they_are_a_region_or_a_country(code, key):
    assert area_key(code) == key


@pytest.mark.parametrize("code", ["GB", "E12000010", "XX", "", "E92000001"])
def test_codes_that_are_neither_region_nor_country_are_refused(code):
    with pytest.raises(ValueError):
        area_key(code)


@pytest.mark.parametrize(
    ("key", "parts"),
    [("region:E12000001", ("region", "E12000001")), ("country:US", ("country", "US"))],
)
def test_an_area_key_splits_back_into_its_kind_and_code(key, parts):
    assert parse_area_key(key) == parts


@pytest.mark.parametrize(
    "key", ["E12000001", "region:FR", "country:E12000001", "country:fr", "country:GB", "town:X"]
)
def test_strings_area_key_would_not_make_are_refused(key):
    with pytest.raises(ValueError):
        parse_area_key(key)
