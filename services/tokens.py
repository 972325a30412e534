"""Signed, expiring tokens for links sent by email."""

from functools import lru_cache

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer


class TokenError(ValueError):
    """The link is not valid: forged, for another purpose, expired or already used."""


def _serializer(purpose: str, secret_key: str | None = None) -> URLSafeTimedSerializer:
    return _serializer_for(purpose, secret_key or current_app.config["SECRET_KEY"])


@lru_cache(maxsize=32)
def _serializer_for(purpose: str, secret_key: str) -> URLSafeTimedSerializer:
    """A serializer keeps nothing between calls, so one per purpose and key serves all
    (making one per link read was a noticeable share of a confirmation under a surge)."""
    return URLSafeTimedSerializer(secret_key, salt=purpose)


def make_token(purpose: str, payload: dict) -> str:
    """Sign a payload for one purpose (the purpose is part of the signature)."""
    return _serializer(purpose).dumps(payload)


def read_token(purpose: str, token: str, max_age: int, *, secret_key: str | None = None) -> dict:
    """Return the payload of a token made for this purpose.

    Raises TokenError when the token is forged, for another purpose or older than max_age seconds.
    ``secret_key`` is the app's, for a caller outside an app context.
    """
    try:
        payload = _serializer(purpose, secret_key).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenError("This link has expired.") from exc
    except BadSignature as exc:
        raise TokenError("This link is not valid.") from exc
    if not isinstance(payload, dict):
        raise TokenError("This link is not valid.")
    return payload
