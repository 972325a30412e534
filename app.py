"""The application factory: `flask --app app ...` is the platform's command line."""

import os

from flask import Flask
from sqlalchemy import event
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

    proxies = int(os.environ.get("TRUSTED_PROXIES", "0"))
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _tune_sqlite(db.engine)
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
    return app


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
