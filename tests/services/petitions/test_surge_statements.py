"""The one-statement paths on their pooled connections (PostgreSQL)."""

import pytest
from sqlalchemy import create_engine, text

from extensions import db
from services.petitions import surge
from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL.startswith("postgresql"),
                                reason="needs PostgreSQL (TEST_DATABASE_URL)")

BACKEND = text("SELECT pg_backend_pid() AS pid, CAST(:n AS int) + 1 AS next")


@pytest.fixture
def engine(app):
    """An engine of one pooled connection, so each checkout is the one just used."""
    with app.app_context():
        url = db.engine.url
    engine = create_engine(url, pool_size=1, max_overflow=0)
    yield engine
    engine.dispose()


def test_a_connection_keeps_its_cursor_and_a_replaced_one_gets_a_new_cursor(engine):
    first = surge._run(None, engine, BACKEND, {"n": 1})
    pooled = engine.raw_connection()
    try:
        kept = pooled.info[surge._CURSOR]
        assert kept.connection is pooled.driver_connection
        pooled.invalidate()  # as after the server closed it
    finally:
        pooled.close()

    second = surge._run(None, engine, BACKEND, {"n": 2})

    assert (first.next, second.next) == (2, 3)
    assert second.pid != first.pid  # a new connection, with a cursor of its own
    pooled = engine.raw_connection()
    try:
        assert pooled.info[surge._CURSOR] is not kept
        assert pooled.info[surge._CURSOR].connection is pooled.driver_connection
    finally:
        pooled.close()
