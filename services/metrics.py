"""Prometheus metrics that the platform and its areas feed.

Counters and histograms live here, created once per process. Areas count their events
after the commit that makes them true, e.g. `metrics.SIGNATURES.labels("confirmed").inc()`
or `metrics.BALLOTS.inc()`. Figures that are cheaper to read from the database at scrape
time than to count (a backlog, a number of open petitions) are registered with
`register_gauge(name, help, function)`, where `function(session)` returns a number.

Under gunicorn each worker is its own process: with PROMETHEUS_MULTIPROC_DIR set (the
gunicorn config sets it), prometheus_client writes every process's values to files in
that directory and the /metrics view adds them up.
"""

from collections.abc import Callable
from dataclasses import dataclass

from prometheus_client import Counter, Gauge, Histogram
from sqlalchemy.orm import Session

REQUESTS = Counter("platform_http_requests_total", "HTTP requests answered.",
                   ["endpoint", "method", "status"])
REQUEST_SECONDS = Histogram(
    "platform_http_request_duration_seconds", "Time to answer an HTTP request.",
    ["endpoint", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SIGNATURES = Counter("platform_petition_signatures_total",
                     "Petition signatures, by event (received, confirmed).", ["event"])
BALLOTS = Counter("platform_ballots_total", "Ballots cast in polls and elections.", ["kind"])
REDIS_FALLBACKS = Counter(
    "platform_redis_fallbacks_total",
    "Times a part of the platform fell back from Redis to its in-process store.", ["part"])
REDIS_FALLBACK_ACTIVE = Gauge(
    "platform_redis_fallback_active",
    "1 while a part of the platform uses its in-process store because Redis is away.",
    ["part"], multiprocess_mode="livemax")
JOB_RUNS = Counter("platform_job_runs_total", "Scheduled job runs, by job and outcome.",
                   ["job", "outcome"])


@dataclass(frozen=True)
class ScrapeGauge:
    name: str
    help: str
    function: Callable[[Session], float]


_GAUGES: dict[str, ScrapeGauge] = {}


def register_gauge(name: str, help: str, function: Callable[[Session], float]) -> None:
    """Add a gauge read from the database when /metrics is scraped (areas call this)."""
    _GAUGES[name] = ScrapeGauge(name, help, function)


def scrape_gauges() -> list[ScrapeGauge]:
    return sorted(_GAUGES.values(), key=lambda gauge: gauge.name)
