"""Stripe fixtures: localstripe on 127.0.0.1 (state in memory, private to the run), the app
configured to use it, and signing webhooks exactly as Stripe does."""

import hashlib
import hmac
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser.conftest import committed, live_server  # noqa: F401

WEBHOOK_SECRET = "whsec_test_membership"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe():
    port = free_port()
    process = subprocess.Popen([sys.executable, str(Path(__file__).with_name(
        "run_localstripe.py")), str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("localstripe did not start") from None
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_config(app, localstripe):
    """Point the app at localstripe for one test."""
    saved = {k: app.config.get(k) for k in ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET",
                                            "STRIPE_API_BASE")}
    app.config.update(STRIPE_SECRET_KEY="sk_test_membership", STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
                      STRIPE_API_BASE=localstripe)
    yield localstripe
    app.config.update(saved)


def sign(payload: bytes, *, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    """A Stripe-Signature header: t=<time>,v1=HMAC-SHA256(secret, "<time>.<payload>")."""
    at = int(time.time()) if at is None else at
    digest = hmac.new(secret.encode(), f"{at}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={at},v1={digest}"


def event(event_id: str, kind: str, obj: dict, *, created: int | None = None) -> bytes:
    return json.dumps({"id": event_id, "object": "event", "type": kind,
                       "api_version": "2026-10-28.endive", "created": created or int(time.time()),
                       "data": {"object": obj}}).encode()
