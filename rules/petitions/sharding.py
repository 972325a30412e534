"""Keys for the sharded signature counter: which row of a petition's counts to add to.

Counts live in rows keyed by (petition, area, shard). A confirmation adds one
to a single row chosen by shard, so concurrent confirmations on a popular
petition rarely wait on each other's row lock; a page shows the sum of the
rows and never counts signatures.

Why 16 shards: two confirmations in flight at the same moment share a row
only one time in sixteen, which keeps lock waits rare when a petition goes
viral and several workers confirm at once; yet the sum stays small (16 rows
per area; about 4,000 for a petition signed from every region and country).
A power of two also divides a hash evenly. Changing the number later needs no
migration: totals are sums, so old rows keep counting as new ones spread out.
"""

import hashlib

from rules.petitions.countries import UNITED_KINGDOM, UnknownCountryError, country_for_code
from rules.petitions.postcodes import region_by_code

__all__ = ["COUNTRY_PREFIX", "REGION_PREFIX", "SHARDS", "area_key", "parse_area_key", "shard_for"]

SHARDS = 16
REGION_PREFIX = "region:"
COUNTRY_PREFIX = "country:"


def shard_for(token: str | bytes | int) -> int:
    """Return the shard (0 to ``SHARDS`` - 1) for a signature token or a random integer.

    The same token always gives the same shard, in every process: Python's own
    ``hash()`` of a string changes between processes, so a digest is used.
    Raises ``TypeError`` for any other type.
    """
    if isinstance(token, bool):
        raise TypeError("shard_for takes a token string, bytes or an integer, not a bool")
    if isinstance(token, int):
        return token % SHARDS
    if isinstance(token, str):
        token = token.encode("utf-8")
    if isinstance(token, bytes):
        digest = hashlib.blake2b(token, digest_size=8).digest()
        return int.from_bytes(digest, "big") % SHARDS
    raise TypeError("shard_for takes a token string, bytes or an integer")


def area_key(code: str) -> str:
    """Return the counter's area key for a region code or a country code.

    An ONS region code such as "E12000007" gives "region:E12000007"; an ISO
    country code such as "fr" gives "country:FR". Raises ``ValueError`` for
    anything else, including "GB" (UK signers are counted by region).
    """
    cleaned = code.strip().upper()
    try:
        return REGION_PREFIX + region_by_code(cleaned).code
    except KeyError:
        pass
    if cleaned == UNITED_KINGDOM:
        raise ValueError("UK signers are counted by region: pass the region's code, not GB")
    try:
        return COUNTRY_PREFIX + country_for_code(cleaned).code
    except UnknownCountryError:
        raise ValueError(f"{code!r} is neither a region code nor a country code") from None


def parse_area_key(key: str) -> tuple[str, str]:
    """Split an area key into ("region", code) or ("country", code) for showing breakdowns.

    Raises ``ValueError`` for a key ``area_key`` would not have made.
    """
    for kind, prefix in (("region", REGION_PREFIX), ("country", COUNTRY_PREFIX)):
        if key.startswith(prefix):
            code = key.removeprefix(prefix)
            try:
                if area_key(code) == key:
                    return kind, code
            except ValueError:
                break
    raise ValueError(f"{key!r} is not an area key")
