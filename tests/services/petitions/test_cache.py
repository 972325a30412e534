import threading
import time

import pytest
import redis

from services.petitions import cache

REDIS_URL = "redis://127.0.0.1:6379/2"


def _redis_or_skip():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
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


def test_peek_reads_redis_and_a_broken_redis_gives_nothing(app, monkeypatch):
    client = _redis_or_skip()
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    client.delete("petitions:peeked")
    with app.app_context():
        cache.cached("peeked", lambda: {"total": 5})
    assert cache.peek("peeked", REDIS_URL) == {"total": 5}
    assert cache.peek("peeked", "redis://127.0.0.1:1/0") is None
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
