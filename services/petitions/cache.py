"""A short cache for petition counts: in-process by default, Redis when REDIS_URL is set.

Counts may be a few seconds old on a page; that is what lets thousands of
readers share one sum of the counter rows instead of each adding them up.
"""

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from flask import current_app

log = logging.getLogger(__name__)

DEFAULT_SECONDS = 5

_local: dict[str, tuple[float, Any]] = {}
_lock = threading.Lock()
_redis_clients: dict[str, Any] = {}


def _seconds() -> float:
    return float(current_app.config.get("PETITION_COUNT_CACHE_SECONDS", DEFAULT_SECONDS))


def _redis(url: str | None = None):
    """The Redis client for ``url`` (by default the app's REDIS_URL); None without Redis."""
    if url is None:
        url = current_app.config.get("REDIS_URL") or ""
    if not url:
        return None
    client = _redis_clients.get(url)
    if client is None:
        import redis

        client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        _redis_clients[url] = client
    return client


def cached(key: str, compute: Callable[[], Any]) -> Any:
    """Return the value cached under ``key``, computing and storing it when missing or stale.

    Values must be JSON-serialisable. If Redis fails, the value is computed
    (the page still shows a count) and the failure logged.
    """
    seconds = _seconds()
    if seconds <= 0:
        return compute()
    client = _redis()
    if client is not None:
        full_key = "petitions:" + key
        try:
            raw = client.get(full_key)
            if raw is not None:
                return json.loads(raw)
            value = compute()
            client.set(full_key, json.dumps(value), px=int(seconds * 1000))
            return value
        except Exception:  # any Redis failure: fall back to computing
            log.warning("petition count cache unavailable; computing directly", exc_info=True)
            return compute()
    now = time.monotonic()
    hit = _local.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = compute()
    with _lock:
        _local[key] = (now + seconds, value)
    return value


def peek(key: str, redis_url: str) -> Any | None:
    """The value cached under ``key`` while it is fresh, never computing it: None when it is
    missing or stale, or when Redis fails. Needs no app context (``redis_url`` is the app's
    REDIS_URL, "" for the in-process cache)."""
    client = _redis(redis_url)
    if client is not None:
        try:
            raw = client.get("petitions:" + key)
        except Exception:  # the caller takes the path that computes it (and logs a failure)
            return None
        return None if raw is None else json.loads(raw)
    hit = _local.get(key)
    return hit[1] if hit is not None and hit[0] > time.monotonic() else None


def forget(key: str) -> None:
    """Drop one cached value (after a staff action that should show at once)."""
    _local.pop(key, None)
    client = _redis()
    if client is not None:
        try:
            client.delete("petitions:" + key)
        except Exception:
            log.warning("could not clear petition cache key %s", key, exc_info=True)


def clear() -> None:
    """Drop every value cached in this process (tests start from nothing)."""
    with _lock:
        _local.clear()
