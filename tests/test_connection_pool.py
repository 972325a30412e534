"""Pooled PostgreSQL connections are pinged only when they may be dead (the server wrote to or
closed an idle one, or it sat idle), and a dead one is replaced before a request gets it."""

import time

import psycopg
import pytest
from sqlalchemy import text

import app as app_module
from extensions import db
from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL.startswith("postgresql"),
                                reason="needs PostgreSQL (TEST_DATABASE_URL)")


def _backend_pid() -> int:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _kill(pid: int) -> None:
    """End a backend from outside the pool, as a database restart would."""
    url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_connection_that_died_while_idle_is_replaced_before_use(app, monkeypatch):
    with app.app_context():
        db.engine.dispose()
        pid = _backend_pid()
        _kill(pid)
        later = app_module.time.monotonic() + app_module.PING_AFTER_IDLE_SECONDS + 1
        monkeypatch.setattr(app_module.time, "monotonic", lambda: later)
        # The request after a quiet spell gets a live connection, not an error.
        assert _backend_pid() != pid


def test_a_connection_handed_back_a_moment_ago_is_used_without_a_ping(app):
    with app.app_context():
        db.engine.dispose()
        pid = _backend_pid()
        pings = []
        real_ping = db.engine.dialect.do_ping
        db.engine.dialect.do_ping = lambda connection: pings.append(1) or real_ping(connection)
        try:
            assert _backend_pid() == pid
        finally:
            del db.engine.dialect.do_ping
        assert pings == []


def test_a_connection_the_server_ended_a_moment_ago_is_replaced_before_use(app):
    """A restart or pg_terminate_backend leaves the server's goodbye on the socket: the
    pool sees it without a round trip, pings, and hands out a live connection instead."""
    with app.app_context():
        db.engine.dispose()
        pid = _backend_pid()
        _kill(pid)
        time.sleep(0.1)  # the server's goodbye reaches the socket
        assert _backend_pid() != pid
