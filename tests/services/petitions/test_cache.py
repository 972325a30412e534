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
        import time

        time.sleep(0.06)
        assert cache.cached("expiring", lambda: 3) == 3


def test_peek_gives_a_fresh_value_and_never_computes_one(app, monkeypatch):
    monkeypatch.setitem(app.config, "PETITION_COUNT_CACHE_SECONDS", 0.05)
    assert cache.peek("peeked", "") is None  # nothing cached: nothing computed either
    with app.app_context():
        cache.cached("peeked", lambda: {"total": 4})
    assert cache.peek("peeked", "") == {"total": 4}  # no app context needed
    import time

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
