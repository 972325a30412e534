"""/healthz (the process answers) and /readyz (it can reach its database and Redis)."""

import logging

from flask import current_app
from sqlalchemy import text

from blueprints.ops import bp
from extensions import db

log = logging.getLogger(__name__)


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


@bp.get("/readyz")
def readyz():
    """Readiness: 200 when the database (and Redis, when REDIS_URL is set) answer, else 503."""
    checks: dict[str, str] = {}
    checks_to_run = [("database", _check_database)]
    redis_url = current_app.config.get("REDIS_URL")
    if redis_url:
        checks_to_run.append(("redis", lambda: _check_redis(redis_url)))
    else:
        checks["redis"] = "not configured"
    for name, check in checks_to_run:
        try:
            check()
        except Exception as error:  # any failure means "not ready", and says which
            log.warning("readiness check %s failed: %s", name, error)
            checks[name] = f"failed: {type(error).__name__}"
        else:
            checks[name] = "ok"
    ready = all(not value.startswith("failed") for value in checks.values())
    return _no_store({"status": "ok" if ready else "unavailable", "checks": checks},
                     200 if ready else 503)
