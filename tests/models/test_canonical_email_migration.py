"""Migration 0009 gives existing signatures and accounts their canonical address, and marks
(never merges) the later of rows that turn out to share one, reporting each by id.

Runs the migrations from 0008 on a database of its own: a new SQLite file, or on PostgreSQL
a schema of its own in the run's database.
"""

import logging
import logging.config
import uuid

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from app import create_app
from extensions import db
from tests.conftest import TEST_DATABASE_URL

ROWS_BEFORE = [
    # (petition, email as stored before 0009: trimmed and lower-cased)
    (1, "alice.probe@gmail.com"),
    (1, "aliceprobe@gmail.com"),  # the same mailbox: marked
    (1, "alice.probe+1@googlemail.com"),  # the same again: marked
    (1, "pat@example.org"),
    (2, "aliceprobe@gmail.com"),  # another petition: its own signature
    (1, "\u0430lice.probe@gmail.com"),  # a look-alike, refused now: kept, marked
]


@pytest.fixture
def database(tmp_path):
    """A URL for an empty database, and the schema made for it on PostgreSQL."""
    if not TEST_DATABASE_URL.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'migration.db'}"
        return
    schema = f"migration_{uuid.uuid4().hex[:8]}"
    engine = create_engine(TEST_DATABASE_URL)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{TEST_DATABASE_URL}?options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def test_existing_rows_get_canonical_forms_and_shared_ones_are_marked_and_reported(
        database, caplog, monkeypatch):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database,
                      "SECRET_KEY": "migration-test-secret-key-long-enough-to-use"})
    # migrations/env.py configures logging from alembic.ini, which would unhook caplog.
    monkeypatch.setattr(logging.config, "fileConfig", lambda *args, **kwargs: None)
    with app.app_context(), caplog.at_level(logging.INFO, logger="alembic.migration.0009"):
        upgrade(revision="0008")
        _old_rows()
        upgrade()
        signatures = db.session.execute(text(
            "SELECT id, petition_id, email, email_canonical FROM signatures ORDER BY id")).all()
        users = db.session.execute(text(
            "SELECT id, email, email_canonical FROM users ORDER BY id")).all()
        db.session.remove()
        db.engine.dispose()
    report = [r.getMessage() for r in caplog.records if r.name == "alembic.migration.0009"]

    assert [(s.petition_id, s.email, s.email_canonical) for s in signatures] == [
        (1, "alice.probe@gmail.com", "aliceprobe@gmail.com"),
        (1, "aliceprobe@gmail.com", "legacy:aliceprobe@gmail.com"),
        (1, "alice.probe+1@googlemail.com", "legacy:alice.probe+1@googlemail.com"),
        (1, "pat@example.org", "pat@example.org"),
        (2, "aliceprobe@gmail.com", "aliceprobe@gmail.com"),
        (1, "\u0430lice.probe@gmail.com", "legacy:\u0430lice.probe@gmail.com"),
    ]
    assert [u.email_canonical for u in users] == [
        "pat.signer@example.org", "legacy:pat.signer+old@example.org", "sam@example.org"]
    first, second, third = (s.id for s in signatures[:3])
    assert f"signatures {second} shares the canonical address of signatures {first}: both kept, " \
           f"signatures {second} marked" in report
    assert f"signatures {third} shares the canonical address of signatures {first}: both kept, " \
           f"signatures {third} marked" in report
    assert ("signatures: canonical addresses set; 2 marked as sharing an earlier row's, 1 with "
            "an address refused now (kept, marked)") in report
    assert f"users {users[1].id} shares the canonical address of users {users[0].id}: both " \
           f"kept, users {users[1].id} marked" in report
    assert not any("@" in line for line in report)  # ids only: no address in the log


def _old_rows() -> None:
    """Rows as the platform stored them before 0009."""
    session = db.session
    for email in ("pat.signer@example.org", "pat.signer+old@example.org", "sam@example.org"):
        session.execute(text(
            "INSERT INTO users (email, name, password_hash, role, created_at, session_version) "
            "VALUES (:email, 'Someone', 'x', 'member', CURRENT_TIMESTAMP, 1)"), {"email": email})
    for n in (1, 2):
        session.execute(text(
            "INSERT INTO petitions (id, action, background, details, target, stored_state, "
            "created_at, response_threshold, debate_threshold, rate_short_max, "
            "rate_short_minutes, rate_long_max, rate_long_minutes, anonymise_exempt) VALUES "
            "(:id, 'Act', '', '', '', 'open', CURRENT_TIMESTAMP, 10, 100, 5, 10, 20, 1440, "
            ":no)"), {"id": n, "no": False})
    for petition_id, email in ROWS_BEFORE:
        session.execute(text(
            "INSERT INTO signatures (petition_id, name, email, area_key, consents_to_updates, "
            "status, suspicious, created_at) VALUES (:petition, 'Signer', :email, "
            "'country:FR', :no, 'confirmed', :no, CURRENT_TIMESTAMP)"),
            {"petition": petition_id, "email": email, "no": False})
    session.commit()
