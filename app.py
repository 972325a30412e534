"""The application factory: `flask --app app ...` is the platform's command line."""

import os
import select
import time

from flask import Flask
from sqlalchemy import event, exc
from werkzeug.middleware.proxy_fix import ProxyFix

import models  # noqa: F401  (registers every table with the metadata)
from blueprints.ops.logs import configure_logging
from config import load_config
from extensions import csrf, db, limiter, login_manager, migrate
from services import passwords


def create_app(config: dict | None = None) -> Flask:
    """Build the app: configuration from the environment, then `config` on top (tests)."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.update(load_config(app.instance_path))
    if config:
        app.config.update(config)
    configure_logging(app.config["PRODUCTION"])

    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _tune_sqlite(db.engine)
        else:
            _ping_idle_connections(db.engine)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "migrations"),
                     render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    passwords.configure(time_cost=app.config["ARGON2_TIME_COST"],
                        memory_cost=app.config["ARGON2_MEMORY_COST"])

    from blueprints import register_areas
    from blueprints.core.security import init_security

    init_security(app)
    register_areas(app)

    from blueprints.petitions import surge_gate

    surge_gate.install(app)
    proxies = int(os.environ.get("TRUSTED_PROXIES", "0"))
    if proxies:  # outermost, so every layer inside sees the client's address and scheme
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    return app


# A pooled connection unused for longer than this is checked before it is handed out.
PING_AFTER_IDLE_SECONDS = 10.0


def _ping_idle_connections(engine) -> None:
    """Check a pooled connection with a ping before use when it may be dead: when the
    server has ended it or written to it since it was handed back, or it has sat idle.

    A connection the server ended (a restart, a failover, pg_terminate_backend) has the
    server's goodbye waiting on its socket, and an idle connection in good health has
    nothing to read: so a zero-timeout poll of the socket (about a microsecond) tells
    when a ping is worth its round trip. SQLAlchemy's pool_pre_ping pings on every
    checkout instead: a round trip each time, which bench/pool_checks.py measures. One
    idle for longer than PING_AFTER_IDLE_SECONDS (a firewall may have dropped it without
    a word) is pinged too. A dead one is replaced: raising DisconnectionError from
    "checkout" makes the pool discard it and try another (SQLAlchemy's documented
    disconnect handling), so no request meets it. One that dies mid-use is still
    invalidated by SQLAlchemy when the error is raised.
    """

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection, record):
        if record is not None:
            record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection, record, _proxy):
        idle_since = record.info.get("checked_in_at")
        if idle_since is None:  # just connected
            return
        if (time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS
                and not _server_spoke(dbapi_connection)):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError("pooled connection found dead before use") from error


def _server_spoke(dbapi_connection) -> bool:
    """True when the server has closed an idle connection or sent it something unasked."""
    try:
        descriptor = dbapi_connection.fileno()
    except Exception:  # closed on our side already
        return True
    poller = select.poll()
    poller.register(descriptor, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))


def _tune_sqlite(engine) -> None:
    """Make SQLite behave: real transactions (savepoints work), WAL, foreign keys, waits."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN")
