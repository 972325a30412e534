"""Logging: one JSON object per line in production, readable text in development.

Every line logged while a request is being handled carries that request's id. This
module imports nothing from the platform, so the gunicorn config can use it too.
"""

import json
import logging
import os
import re
import sys
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from flask import g, has_request_context

# A proxy's X-Request-ID is kept only when it looks like an id, never as free text.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:@+=-]{1,128}")
# Attributes every LogRecord has; anything else was passed in `extra=` and is logged too.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message", "asctime", "request_id", "taskName"}


def request_id_from(header: str | None) -> str:
    """The proxy's request id when it is a sane token, else a new random one."""
    if header and _SANE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


# The id of a request answered outside Flask's request context (the petition surge gate).
_ANSWERING: ContextVar[str | None] = ContextVar("answering_request_id", default=None)


def current_request_id() -> str | None:
    if has_request_context():
        return g.get("request_id")
    return _ANSWERING.get()


@contextmanager
def answering(request_id: str):
    """Stamp the log lines written inside with this request id (for WSGI code outside Flask)."""
    token = _ANSWERING.set(request_id)
    try:
        yield
    finally:
        _ANSWERING.reset(token)


def _install_record_factory() -> None:
    """Stamp every record with the current request id (or None) when it is created."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_stamps_request_id", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        record.request_id = current_request_id()
        return record

    factory._stamps_request_id = True
    logging.setLogRecordFactory(factory)


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, request_id, then any `extra=` fields; one line each."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s")


def log_format(production: bool) -> str:
    """LOG_FORMAT when set (json or text), else json in production and text elsewhere."""
    chosen = os.environ.get("LOG_FORMAT", "").strip().lower()
    if chosen in ("json", "text"):
        return chosen
    return "json" if production else "text"


def configure_logging(production: bool, level: str | None = None) -> None:
    """Send every logger's records to stderr in the chosen format (replaces basicConfig)."""
    _install_record_factory()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format(production) == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_platform", False):
            root.removeHandler(old)
    handler._platform = True
    root.addHandler(handler)
    root.setLevel(level or os.environ.get("LOG_LEVEL", "INFO").upper())
