"""gunicorn settings for the platform: `gunicorn -c deploy/gunicorn.conf.py` (or `make serve`).

Everything an operator changes comes from the environment:
  BIND                 address to listen on (default 127.0.0.1:8000; a private IP behind a load balancer)
  WEB_CONCURRENCY      worker processes (default 2 x cores + 1, at most 12)
  WEB_THREADS          threads per worker (default 4)
  GRACEFUL_TIMEOUT     seconds requests in flight get to finish after SIGTERM (default 30)
  GUNICORN_ACCESS_LOG  "-" for gunicorn's own access log (JSON); off by default because
                       the app already logs one JSON line per request, with its request id
  PROMETHEUS_MULTIPROC_DIR  where workers write their metrics (default: a fresh temp dir)
  LOG_FORMAT           json (default when APP_ENV=production) or text
"""

import json
import logging
import multiprocessing
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from blueprints.ops.logs import JsonFormatter, log_format  # noqa: E402

MAX_WORKERS = 12

wsgi_app = "app:create_app()"
chdir = str(ROOT)
bind = [address.strip() for address in os.environ.get("BIND", "127.0.0.1:8000").split(",")]
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, MAX_WORKERS))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
# SIGTERM: stop accepting, let requests in flight finish for up to this long, then exit.
graceful_timeout = int(os.environ.get("GRACEFUL_TIMEOUT", "30"))
timeout = int(os.environ.get("WORKER_TIMEOUT", "60"))
keepalive = 5
# Recycle workers now and then so a slow leak never becomes an outage.
max_requests = 5000
max_requests_jitter = 500
# Forwarding headers are applied by the app (TRUSTED_PROXIES); gunicorn trusts only loopback.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# gunicorn >= 25 opens a control socket at one fixed path per user; two instances on one
# machine would fight over it, and nothing here uses it.
control_socket_disable = True
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# Each worker is a process: prometheus_client keeps their figures in files here, which
# /metrics adds up. Must be in the environment before a worker imports prometheus_client.
metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="voice-metrics-")
os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir


def on_starting(server):
    """Start every run with empty metric files (counters restart with the server)."""
    path = Path(metrics_dir)
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("*.db"):
        stale.unlink()


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


_production = os.environ.get("APP_ENV", "development") == "production"

if log_format(_production) == "json":
    from gunicorn import glogging

    class JsonLogger(glogging.Logger):
        """gunicorn's own lines (and its access log, when on) as one JSON object per line."""

        def setup(self, cfg):
            super().setup(cfg)
            for handler in self.error_log.handlers:
                handler.setFormatter(JsonFormatter())
            for handler in self.access_log.handlers:
                handler.setFormatter(logging.Formatter("%(message)s"))

        def access(self, resp, req, environ, request_time):
            if not self.cfg.accesslog:
                return
            headers = {name.lower(): value for name, value in (resp.headers or [])}
            status = getattr(resp, "status_code", None) or str(resp.status).split(" ", 1)[0]
            method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO")
            entry = {
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "level": "INFO",
                "logger": "gunicorn.access",
                "message": f"{method} {path} {status}",
                "request_id": headers.get("x-request-id"),
                "method": method,
                "path": path,
                "query": environ.get("QUERY_STRING") or None,
                "status": int(status),
                "duration_ms": round(request_time.total_seconds() * 1000, 2),
                "bytes": getattr(resp, "sent", None),
                "remote_addr": environ.get("REMOTE_ADDR"),
                "user_agent": environ.get("HTTP_USER_AGENT"),
            }
            self.access_log.info(json.dumps(entry, ensure_ascii=False))

    logger_class = JsonLogger
