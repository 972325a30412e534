"""A short cache for petition counts: in-process by default, Redis when REDIS_URL is set.

Counts may be a few seconds old on a page; that is what lets thousands of
readers share one sum of the counter rows instead of each adding them up.
When a value lapses, one thread per process adds them up again; meanwhile the
others serve the value it replaces, or, with nothing to serve, wait for it,
rather than all running the same queries at once.
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
# One lock per key, held by the thread computing its value (see _refresh).
_refreshing: dict[str, threading.Lock] = {}
# How long after lapsing a value may still be served while another thread computes its
# successor: a count shown is at most this much older than the cache period (plus one sum).
STALE_GRACE_SECONDS = 1.0
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
    try:
        fresh = _fresh(key, client)
    except Exception:  # any Redis failure: fall back to computing
        log.warning("petition count cache unavailable; computing directly", exc_info=True)
        return compute()
    if fresh is not None:
        return fresh[0]
    return _refresh(key, compute, seconds, client)


def _refresh(key: str, compute: Callable[[], Any], seconds: float, client) -> Any:
    """Compute a lapsed or missing value, one thread of this process at a time.

    While one thread computes, the others serve the value it replaces if that lapsed
    less than STALE_GRACE_SECONDS ago (this process keeps the last value it saw, with
    Redis too); with no such value they wait and take the one computed. Without this, every
    reader arriving while the counters were being added up added them up as well.
    """
    with _lock:
        refreshing = _refreshing.setdefault(key, threading.Lock())
    last = _local.get(key)
    if last is not None and time.monotonic() - last[0] < STALE_GRACE_SECONDS:
        if not refreshing.acquire(blocking=False):
            return last[1]
    else:
        refreshing.acquire()
    try:
        try:
            fresh = _fresh(key, client)
        except Exception:  # Redis failed since: compute it here
            fresh = None
        if fresh is not None:
            return fresh[0]  # computed meanwhile, by the thread this one waited for
        value = compute()
        if client is not None:
            try:
                client.set("petitions:" + key, json.dumps(value), px=int(seconds * 1000))
            except Exception:  # the value still serves this process
                log.warning("petition count cache unavailable; value not shared", exc_info=True)
        with _lock:
            _local[key] = (time.monotonic() + seconds, value)
        return value
    finally:
        refreshing.release()


def _fresh(key: str, client) -> tuple[Any] | None:
    """(value,) if the cache holds a fresh one now: Redis's when used (a Redis failure
    raises), else this process's."""
    if client is not None:
        raw = client.get("petitions:" + key)
        return None if raw is None else (json.loads(raw),)
    hit = _local.get(key)
    return (hit[1],) if hit is not None and hit[0] > time.monotonic() else None


def peek(key: str, redis_url: str) -> Any | None:
    """The value cached under ``key`` while it is fresh, never computing it: None when it is
    missing or stale, or when Redis fails. Needs no app context (``redis_url`` is the app's
    REDIS_URL, "" for the in-process cache)."""
    try:
        fresh = _fresh(key, _redis(redis_url))
    except Exception:  # the caller takes the path that computes it (and logs a failure)
        return None
    return None if fresh is None else fresh[0]


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
        _refreshing.clear()
