"""A short cache for petition counts: in-process by default, Redis when REDIS_URL is set.

Counts may be a few seconds old on a page; that is what lets thousands of
readers share one sum of the counter rows instead of each adding them up.
When a value lapses, one thread per process adds them up again; meanwhile the
others serve the value it replaces, or, with nothing to serve, wait for it,
rather than all running the same queries at once.

While Redis is away the cache is this process's own (``services.redis_fallback``:
a warning and a metric when it leaves Redis, Redis tried again every few seconds
and used again once it answers), so pages still share sums rather than each
visitor adding the counters up.
"""

import json
import threading
import time
from collections.abc import Callable
from typing import Any, NamedTuple

from flask import current_app

from services.redis_fallback import RedisFallback

DEFAULT_SECONDS = 5

_local: dict[str, tuple[float, Any]] = {}
_lock = threading.Lock()
# One lock per key, held by the thread computing its value (see _refresh).
_refreshing: dict[str, threading.Lock] = {}
# How long after lapsing a value may still be served while another thread computes its
# successor: a count shown is at most this much older than the cache period (plus one sum).
STALE_GRACE_SECONDS = 1.0
REDIS = RedisFallback("petition count cache")


class _Shared(NamedTuple):
    """A Redis the cache is shared through: the URL it was made for, and its client."""

    url: str
    client: Any


_redis_clients: dict[str, _Shared] = {}


def _seconds() -> float:
    return float(current_app.config.get("PETITION_COUNT_CACHE_SECONDS", DEFAULT_SECONDS))


def _redis(url: str | None = None) -> _Shared | None:
    """The Redis at ``url`` (by default the app's REDIS_URL); None without Redis, or while
    Redis is away and not yet due another try."""
    if url is None:
        url = current_app.config.get("REDIS_URL") or ""
    if not url or REDIS.skip_redis(url):
        return None
    shared = _redis_clients.get(url)
    if shared is None:
        import redis

        shared = _redis_clients[url] = _Shared(url, redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5))
    return shared


def cached(key: str, compute: Callable[[], Any]) -> Any:
    """Return the value cached under ``key``, computing and storing it when missing or stale.

    Values must be JSON-serialisable. If Redis fails, this process's store serves
    until Redis answers again.
    """
    seconds = _seconds()
    if seconds <= 0:
        return compute()
    fresh, shared = _fresh_or_local(key, _redis())
    if fresh is not None:
        return fresh[0]
    return _refresh(key, compute, seconds, shared)


def _fresh_or_local(key: str, shared: _Shared | None) -> tuple[tuple[Any] | None, _Shared | None]:
    """(``_fresh``'s answer, the Redis to go on with): this process's store, and no Redis,
    when Redis fails."""
    try:
        fresh = _fresh(key, shared)
    except Exception as error:  # any Redis failure: this process's store serves
        REDIS.failed(error, shared.url)
        return _fresh(key, None), None
    if shared is not None:
        REDIS.answered(shared.url)
    return fresh, shared


def _refresh(key: str, compute: Callable[[], Any], seconds: float, shared: _Shared | None) -> Any:
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
        fresh, shared = _fresh_or_local(key, shared)
        if fresh is not None:
            return fresh[0]  # computed meanwhile, by the thread this one waited for
        value = compute()
        if shared is not None:
            try:
                shared.client.set("petitions:" + key, json.dumps(value), px=int(seconds * 1000))
            except Exception as error:  # the value still serves this process
                REDIS.failed(error, shared.url)
        with _lock:
            _local[key] = (time.monotonic() + seconds, value)
        return value
    finally:
        refreshing.release()


def _fresh(key: str, shared: _Shared | None) -> tuple[Any] | None:
    """(value,) if the cache holds a fresh one now: Redis's when used (a Redis failure
    raises), else this process's."""
    if shared is not None:
        raw = shared.client.get("petitions:" + key)
        return None if raw is None else (json.loads(raw),)
    hit = _local.get(key)
    return (hit[1],) if hit is not None and hit[0] > time.monotonic() else None


def peek(key: str, redis_url: str) -> Any | None:
    """The value cached under ``key`` while it is fresh, never computing it: None when it is
    missing or stale, or when Redis fails. Needs no app context (``redis_url`` is the app's
    REDIS_URL, "" for the in-process cache)."""
    fresh, _ = _fresh_or_local(key, _redis(redis_url))
    return None if fresh is None else fresh[0]


def forget(key: str) -> None:
    """Drop one cached value (after a staff action that should show at once)."""
    _local.pop(key, None)
    shared = _redis()
    if shared is not None:
        try:
            shared.client.delete("petitions:" + key)
        except Exception as error:  # Redis's copy lapses within the cache period
            REDIS.failed(error, shared.url)


def clear() -> None:
    """Drop every value cached in this process (tests start from nothing)."""
    with _lock:
        _local.clear()
        _refreshing.clear()
    REDIS.reset()
