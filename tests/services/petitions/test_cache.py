import threading
import time

import pytest
import redis

from services.petitions import cache
from tests.conftest import TEST_REDIS_URL

REDIS_URL = TEST_REDIS_URL


def _redis_or_skip():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    return client


def test_counts_are_shared_through_redis_when_it_is_configured(app, monkeypatch):
    client = _redis_or_skip()
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    client.delete("petitions:test-key")
    with app.app_context():
        assert cache.cached("test-key", lambda: {"total": 7}) == {"total": 7}
        # Another worker (nothing cached in its memory) reads the same value from Redis.
        assert cache.cached("test-key", lambda: {"total": 8}) == {"total": 7}
        assert 0 < client.pttl("petitions:test-key") <= 5000
        cache.forget("test-key")
        assert cache.cached("test-key", lambda: {"total": 9}) == {"total": 9}
    client.delete("petitions:test-key")


def test_a_broken_redis_still_gives_a_count(app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    with app.app_context():
        assert cache.cached("other-key", lambda: 3) == 3
        assert cache.cached("other-key", lambda: 4) == 3  # kept in the process meanwhile


def test_in_process_values_expire(app, monkeypatch):
    monkeypatch.setitem(app.config, "PETITION_COUNT_CACHE_SECONDS", 0.05)
    with app.app_context():
        assert cache.cached("expiring", lambda: 1) == 1
        assert cache.cached("expiring", lambda: 2) == 1
        time.sleep(0.06)
        assert cache.cached("expiring", lambda: 3) == 3


def test_peek_gives_a_fresh_value_and_never_computes_one(app, monkeypatch):
    monkeypatch.setitem(app.config, "PETITION_COUNT_CACHE_SECONDS", 0.05)
    assert cache.peek("peeked", "") is None  # nothing cached: nothing computed either
    with app.app_context():
        cache.cached("peeked", lambda: {"total": 4})
    assert cache.peek("peeked", "") == {"total": 4}  # no app context needed
    time.sleep(0.06)
    assert cache.peek("peeked", "") is None


def test_peek_reads_redis_and_with_redis_away_what_this_process_holds(app, monkeypatch):
    client = _redis_or_skip()
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    client.delete("petitions:peeked")
    with app.app_context():
        cache.cached("peeked", lambda: {"total": 5})
    assert cache.peek("peeked", REDIS_URL) == {"total": 5}
    assert cache.peek("peeked", "redis://127.0.0.1:1/0") == {"total": 5}
    assert cache.peek("never-cached", "redis://127.0.0.1:1/0") is None
    client.delete("petitions:peeked")
    assert cache.peek("peeked", REDIS_URL) is None


class _SlowSum:
    """Adding up the counters, taking until the test lets it ``finish``; counts its calls."""

    def __init__(self, value):
        self.value, self.calls = value, 0
        self.started, self.finish = threading.Event(), threading.Event()

    def __call__(self):
        self.calls += 1
        self.started.set()
        assert self.finish.wait(5)
        return self.value


def _read_in_thread(app, key: str, compute, results: list) -> threading.Thread:
    """A reader in another thread (another gunicorn thread of the same worker)."""

    def read():
        with app.app_context():
            results.append(cache.cached(key, compute))

    thread = threading.Thread(target=read)
    thread.start()
    return thread


@pytest.mark.parametrize("shared", [False, True], ids=["in-process", "redis"])
def test_readers_get_the_old_count_while_one_adds_the_counters_up_again(app, monkeypatch, shared):
    if shared:
        _redis_or_skip().delete("petitions:lapsing")
        monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "PETITION_COUNT_CACHE_SECONDS", 1.0)
    with app.app_context():
        cache.cached("lapsing", lambda: 1)
    time.sleep(1.05)  # lapsed, less than a period ago (and gone from Redis)
    slow_sum, results = _SlowSum(2), []
    refresher = _read_in_thread(app, "lapsing", slow_sum, results)
    assert slow_sum.started.wait(5)
    added_up = []
    with app.app_context():
        # Another reader meanwhile: the count it replaces, without adding up the counters.
        assert cache.cached("lapsing", lambda: added_up.append(1) or 3) == 1
    assert added_up == []
    slow_sum.finish.set()
    refresher.join(5)
    assert results == [2]
    with app.app_context():
        assert cache.cached("lapsing", lambda: 4) == 2


def test_readers_of_a_count_nobody_holds_wait_for_one_adding_up(app):
    slow_sum, results = _SlowSum(7), []
    first = _read_in_thread(app, "unheld", slow_sum, results)
    assert slow_sum.started.wait(5)
    second = _read_in_thread(app, "unheld", slow_sum, results)
    time.sleep(0.1)
    assert slow_sum.calls == 1  # the second reader waits rather than adding up as well
    slow_sum.finish.set()
    first.join(5)
    second.join(5)
    assert results == [7, 7]
    assert slow_sum.calls == 1


def test_with_redis_a_count_forgotten_by_another_worker_is_added_up_at_once(app, monkeypatch):
    client = _redis_or_skip()
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    client.delete("petitions:forgotten")
    with app.app_context():
        assert cache.cached("forgotten", lambda: 1) == 1
        client.delete("petitions:forgotten")  # another worker's forget() after a staff change
        assert cache.cached("forgotten", lambda: 2) == 2
    client.delete("petitions:forgotten")


def test_a_count_lapsed_over_a_second_ago_is_not_served_while_another_adds_up(app, monkeypatch):
    monkeypatch.setitem(app.config, "PETITION_COUNT_CACHE_SECONDS", 0.05)
    monkeypatch.setattr(cache, "STALE_GRACE_SECONDS", 0.1)
    with app.app_context():
        cache.cached("old", lambda: 1)
    time.sleep(0.2)  # lapsed longer ago than the grace
    slow_sum, results = _SlowSum(2), []
    refresher = _read_in_thread(app, "old", slow_sum, results)
    assert slow_sum.started.wait(5)
    waiting = _read_in_thread(app, "old", lambda: 3, results)
    time.sleep(0.1)
    assert results == []  # the second reader waits for the sum rather than showing 1
    slow_sum.finish.set()
    refresher.join(5)
    waiting.join(5)
    assert results == [2, 2]


class _FlakyRedis:
    """The real Redis client, except that every call fails while ``down`` is set."""

    def __init__(self, real):
        self.real, self.down = real, False

    def __getattr__(self, name):
        method = getattr(self.real, name)

        def call(*args, **kwargs):
            if self.down:
                raise redis.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
            return method(*args, **kwargs)

        return call


def _fallbacks() -> float:
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value("platform_redis_fallbacks_total",
                                     {"part": "petition count cache"}) or 0.0


def test_with_redis_away_counts_are_kept_in_the_process_and_go_back_to_redis_after(
        app, monkeypatch, caplog):
    from services import redis_fallback

    real = _redis_or_skip()
    flaky = _FlakyRedis(real)
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(cache._redis_clients, REDIS_URL, cache._Shared(REDIS_URL, flaky))
    monkeypatch.setattr(redis_fallback, "RETRY_SECONDS", 0.2)
    real.delete("petitions:away")
    sums = []

    def add_up():
        sums.append(1)
        return {"total": len(sums)}

    before = _fallbacks()
    flaky.down = True
    with app.app_context(), caplog.at_level("WARNING", logger="services.redis_fallback"):
        # Redis away: one sum, kept in the process for the other readers (not one each).
        assert [cache.cached("away", add_up) for _ in range(3)] == [{"total": 1}] * 3
        assert cache.peek("away", REDIS_URL) == {"total": 1}
        assert _fallbacks() == before + 1
        assert [r.getMessage() for r in caplog.records].count(
            "Redis is away (ConnectionError: Error 111 connecting to 127.0.0.1:6379. Connection "
            "refused.): petition count cache uses this process's store until it answers") == 1
        assert "petition count cache" in redis_fallback.parts_away()

        flaky.down = False
        time.sleep(0.25)  # Redis is tried again, answers, and is used: the sum goes there
        assert cache.cached("away", add_up) == {"total": 2}
        assert real.get("petitions:away") == b'{"total": 2}'
        assert "petition count cache" not in redis_fallback.parts_away()
        assert any("Redis answers again" in r.getMessage() for r in caplog.records)
    real.delete("petitions:away")
