"""/metrics in the Prometheus text format, for staff and for a scraper holding METRICS_TOKEN."""

import hmac
import logging
import os

from flask import Response, abort, current_app, request
from flask_login import current_user
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily

from blueprints.ops import bp
from extensions import csrf, db, login_manager
from services.metrics import scrape_gauges

log = logging.getLogger(__name__)


class DatabaseGauges:
    """Reads each registered scrape-time gauge from the database (a custom collector)."""

    def describe(self):
        return []

    def collect(self):
        for gauge in scrape_gauges():
            try:
                value = float(gauge.function(db.session))
            except Exception:  # one broken gauge must not hide the others
                db.session.rollback()
                log.exception("metrics gauge %s failed", gauge.name)
                continue
            yield GaugeMetricFamily(gauge.name, gauge.help, value=value)
        db.session.rollback()


def _bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def _allowed():
    """True for the scraper's token or signed-in staff; otherwise the answer to give instead."""
    token, expected = _bearer_token(), current_app.config.get("METRICS_TOKEN", "")
    if token is not None:
        if expected and hmac.compare_digest(token.encode(), expected.encode()):
            return True
        abort(401)
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_staff:
        abort(403)
    return True


def render_metrics() -> bytes:
    """Every process's counters (multiprocess mode under gunicorn), then the database gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        output = generate_latest(registry)
    else:
        output = generate_latest(REGISTRY)
    gauges = CollectorRegistry()
    gauges.register(DatabaseGauges())
    return output + generate_latest(gauges)


@bp.get("/metrics")
@csrf.exempt
def metrics():
    allowed = _allowed()
    if allowed is not True:
        return allowed
    return Response(render_metrics(), mimetype=CONTENT_TYPE_LATEST,
                    headers={"Cache-Control": "no-store"})
