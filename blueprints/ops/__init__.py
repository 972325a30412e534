"""Operations: health and readiness checks, request ids, access logs, metrics, scheduled jobs."""

import logging
import time
from functools import lru_cache

from flask import Blueprint, Flask, abort, g, request

# Nothing here imports prometheus_client at module level: deploy/gunicorn.conf.py imports
# blueprints.ops.logs (so this package) in the master, before it sets the metrics directory
# that every worker's prometheus_client must see when it is first imported.
from blueprints.ops.logs import request_id_from

bp = Blueprint("ops", __name__)
access_log = logging.getLogger("platform.access")


def _start_request() -> None:
    g.request_id = request_id_from(request.headers.get("X-Request-ID"))
    g.request_started = time.perf_counter()


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
NUL_MESSAGE = ("What you sent contains a NUL character (code 0), which no field can store. "
               "Remove it and try again.")


def _refuse_nul_characters() -> None:
    """Answer 400 to a NUL in the path, the query or a form: PostgreSQL text cannot hold one.

    No keyboard types it, so this is a page of its own rather than a message by a field,
    and it applies to every path, form and query of every area at once (a path segment
    such as /statements/a%00b reaches the database as a slug).
    """
    current = request._get_current_object()
    if "\x00" in current.path:
        abort(400, description=NUL_MESSAGE)
    if current.query_string and any(
            "\x00" in key or "\x00" in "".join(values) for key, values in current.args.lists()):
        abort(400, description=NUL_MESSAGE)
    if current.mimetype in FORM_TYPES and any(
            "\x00" in key or "\x00" in "".join(values) for key, values in current.form.lists()):
        abort(400, description=NUL_MESSAGE)


def _finish_request(response):
    request_id = g.get("request_id") or request_id_from(None)
    response.headers["X-Request-ID"] = request_id
    started = g.get("request_started")
    seconds = time.perf_counter() - started if started is not None else 0.0
    # The rule, not the path: unknown paths must not make a new time series each.
    endpoint = request.url_rule.endpoint if request.url_rule is not None else "unmatched"
    record_answer(request.method, request.path, response.status_code, endpoint, seconds)
    return response


@lru_cache(maxsize=1024)
def _series(endpoint: str, method: str, status: int):
    """The request counter and timer of one endpoint, method and status (looked up once)."""
    from services import metrics

    return (metrics.REQUESTS.labels(endpoint, method, str(status)),
            metrics.REQUEST_SECONDS.labels(endpoint, method))


def record_answer(method: str, path: str, status: int, endpoint: str, seconds: float) -> None:
    """Count and time an answered request and write its access log line."""
    requests, timer = _series(endpoint, method, status)
    requests.inc()
    timer.observe(seconds)
    access_log.info("%s %s %s", method, path, status, extra={
        "method": method, "path": path, "status": status,
        "duration_ms": round(seconds * 1000, 2), "endpoint": endpoint,
    })


def _register_foundation_jobs_and_gauges() -> None:
    from services import metrics
    from services.jobs import prune_job_runs, register_job
    from services.mail_caps import prune_mail_caps
    from services.outbox import pending_count, prune_sent_mail
    from services.two_factor import prune_set_ups

    register_job("jobs.prune", prune_job_runs, every_seconds=24 * 60 * 60)
    register_job("outbox.prune-sent", prune_sent_mail, every_seconds=24 * 60 * 60)
    register_job("outbox.prune-mail-caps", prune_mail_caps, every_seconds=24 * 60 * 60)
    register_job("accounts.prune-second-factor-set-ups", prune_set_ups, every_seconds=24 * 60 * 60)
    metrics.register_gauge("platform_outbox_pending", "Mail waiting in the outbox to be sent.",
                           pending_count)


def init_app(app: Flask) -> None:
    from blueprints.ops import health, jobs_cli, metrics_view  # noqa: F401

    app.before_request(_start_request)
    app.before_request(_refuse_nul_characters)
    app.after_request(health.note_rate_limit_store)
    app.after_request(_finish_request)
    app.register_blueprint(bp)
    app.cli.add_command(jobs_cli.jobs)
    _register_foundation_jobs_and_gauges()
