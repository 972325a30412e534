"""/healthz (the process answers) and /readyz (it can reach its database; Redis reported)."""

import logging

from flask import current_app
from sqlalchemy import text

from blueprints.ops import bp
from extensions import db, limiter
from services.redis_fallback import RedisFallback, parts_away

log = logging.getLogger(__name__)


RATE_LIMITS = RedisFallback("rate limits")


def note_rate_limit_store(response):
    """After each request: whether Flask-Limiter counts in this process now (its in-memory
    fallback while Redis is away). The library keeps the state and checks Redis again at
    growing intervals; this logs the change and feeds the metric."""
    if current_app.config.get("REDIS_URL"):
        RATE_LIMITS.observe(limiter.limiter.storage is not limiter.storage)
    return response


def _no_store(payload: dict, status: int = 200):
    return payload, status, {"Cache-Control": "no-store"}


@bp.get("/healthz")
def healthz():
    """Liveness: answers without touching the database, so a slow database restarts nothing."""
    return _no_store({"status": "ok"})


def _check_database() -> None:
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()


def _check_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    finally:
        client.close()


def _outcome(name: str, check, failure: str) -> str:
    try:
        check()
    except Exception as error:  # any failure is reported, and says which
        log.warning("readiness check %s failed: %s", name, error)
        return f"{failure}: {type(error).__name__}"
    return "ok"


@bp.get("/readyz")
def readyz():
    """Readiness: 200 when the database answers, else 503.

    Redis (when REDIS_URL is set) is reported but does not make the site unready: while it
    is away, rate limits and the count cache work in each process
    (services.redis_fallback), so the status is "degraded" and the answer still 200.
    """
    checks = {"database": _outcome("database", _check_database, "failed")}
    redis_url = current_app.config.get("REDIS_URL")
    checks["redis"] = (_outcome("redis", lambda: _check_redis(redis_url), "degraded")
                       if redis_url else "not configured")
    payload = {"checks": checks, "redis_fallback": parts_away()}
    if checks["database"] != "ok":
        return _no_store({"status": "unavailable", **payload}, 503)
    degraded = checks["redis"].startswith("degraded") or payload["redis_fallback"]
    return _no_store({"status": "degraded" if degraded else "ok", **payload})
