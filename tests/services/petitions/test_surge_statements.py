"""The one-statement paths on their pooled connections, or the gate's own (PostgreSQL)."""

from collections import namedtuple
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from sqlalchemy import create_engine, text

from extensions import db
from services.petitions import surge
from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL.startswith("postgresql"),
                                reason="needs PostgreSQL (TEST_DATABASE_URL)")

BACKEND = text("SELECT pg_backend_pid() AS pid, CAST(:n AS int) + 1 AS next")
Backend = namedtuple("Backend", "pid next")


def _backend(bind, n: int) -> Backend:
    """Which backend ran the statement, and its answer (n + 1)."""
    return Backend._make(surge._run(None, bind, BACKEND, {"n": n}))


@pytest.fixture
def engine(app):
    """An engine of one pooled connection, so each checkout is the one just used."""
    with app.app_context():
        url = db.engine.url
    engine = create_engine(url, pool_size=1, max_overflow=0)
    yield engine
    engine.dispose()


def test_a_connection_keeps_its_cursor_and_a_replaced_one_gets_a_new_cursor(engine):
    first = _backend(engine, 1)
    pooled = engine.raw_connection()
    try:
        kept = pooled.info[surge._CURSOR]
        assert kept.connection is pooled.driver_connection
        pooled.invalidate()  # as after the server closed it
    finally:
        pooled.close()

    second = _backend(engine, 2)

    assert (first.next, second.next) == (2, 3)
    assert second.pid != first.pid  # a new connection, with a cursor of its own
    pooled = engine.raw_connection()
    try:
        assert pooled.info[surge._CURSOR] is not kept
        assert pooled.info[surge._CURSOR].connection is pooled.driver_connection
    finally:
        pooled.close()


# The surge gate's own connections: one per thread, in autocommit.

def test_a_thread_keeps_its_own_connection_and_another_thread_gets_another(engine):
    connections = surge.ThreadConnections(engine)
    first = _backend(connections, 1)
    again = _backend(connections, 2)
    with ThreadPoolExecutor(1) as pool:
        other = pool.submit(_backend, connections, 3).result()

    assert (first.next, again.next, other.next) == (2, 3, 4)
    assert again.pid == first.pid
    assert other.pid != first.pid


def test_what_a_kept_connection_writes_is_committed_at_once(engine):
    connections = surge.ThreadConnections(engine)
    with engine.connect() as other:
        other.execute(text("CREATE TABLE IF NOT EXISTS surge_kept_test (n int)"))
        other.commit()
    try:
        surge._run(None, connections, text("INSERT INTO surge_kept_test VALUES (:n) RETURNING n"),
                   {"n": 7})
        with engine.connect() as other:  # another session sees it: no transaction left open
            assert other.execute(text("SELECT n FROM surge_kept_test")).scalar_one() == 7
    finally:
        with engine.connect() as other:
            other.execute(text("DROP TABLE surge_kept_test"))
            other.commit()


def test_a_broken_kept_connection_fails_once_then_is_replaced(engine):
    connections = surge.ThreadConnections(engine)
    first = _backend(connections, 1)
    with engine.connect() as other:  # as when the server ends the connection
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first.pid})

    with pytest.raises(psycopg.OperationalError):
        surge._run(None, connections, BACKEND, {"n": 2})
    replaced = _backend(connections, 3)

    assert replaced.next == 4 and replaced.pid != first.pid
