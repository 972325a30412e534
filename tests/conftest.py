"""Fixtures: one app for the run, a rolled-back transaction per test, and request helpers.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set.
"""

import os

import pytest
from flask_migrate import upgrade
from flask_sqlalchemy.session import _app_ctx_id
from sqlalchemy import delete, orm, text

from app import create_app
from extensions import db, limiter
from models import Base
from tests.helpers import IsolatedClient, RequestHelper, sign_in_client

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
# The Redis database tests may use (and clear keys in): one per engineer or CI run.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def _reset_database(app) -> None:
    """Start the run from an empty database built by the migrations."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        upgrade()
        db.session.remove()


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    url = TEST_DATABASE_URL or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-for-the-tests",
        "SQLALCHEMY_DATABASE_URI": url,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 1024,
        "MAIL_DELIVER_TO_LOG": False,
        "BASE_URL": "http://localhost",
        "SMTP_URL": "",
        # The views answer every post; tests/blueprints/petitions/test_surge_gate.py turns
        # the gate on with real commits (it runs outside the test's transaction).
        "PETITION_SURGE_GATE": False,
    })
    app.test_client_class = IsolatedClient
    _reset_database(app)
    limiter.enabled = False  # on only in tests that ask for the rate_limits fixture
    return app


@pytest.fixture
def db_session(app):
    """A session inside a transaction that is rolled back after the test.

    Commits in the code under test release savepoints only, so nothing outlives the test.
    """
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original = db.session
        db.session = orm.scoped_session(
            orm.sessionmaker(bind=connection, join_transaction_mode="create_savepoint"),
            scopefunc=_app_ctx_id,
        )
        try:
            yield db.session
        finally:
            db.session.remove()
            db.session = original
            outer.rollback()
            connection.close()


@pytest.fixture
def committed(app):
    """An app context whose commits are real (for threads, or code that opens its own
    connections); every table is emptied after."""
    with app.app_context():
        yield db.session
        db.session.rollback()
        for table in reversed(Base.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def client(app, db_session):
    return app.test_client()


@pytest.fixture
def runner(app, db_session):
    return app.test_cli_runner()


@pytest.fixture
def client_as(app, db_session):
    """client_as(user).post("petitions.moderate", id=1, _expected=302): a signed-in client."""

    def make(user=None) -> RequestHelper:
        test_client = app.test_client()
        if user is not None:
            sign_in_client(test_client, user)
        return RequestHelper(app, test_client)

    return make


@pytest.fixture
def visitor(client_as):
    return client_as(None)


@pytest.fixture
def rate_limits(app):
    """Turn rate limiting on for one test, with empty counters."""
    limiter.enabled = True
    limiter.reset()
    yield limiter
    limiter.reset()
    limiter.enabled = False
