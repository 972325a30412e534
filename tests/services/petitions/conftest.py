"""Petition service fixtures: an empty count cache per test, and real commits when needed."""

import pytest
from sqlalchemy import delete

from extensions import db
from models import Base
from services.petitions import cache


@pytest.fixture(autouse=True)
def empty_count_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(app):
    """An app context whose commits are real (for threads); every table is emptied after."""
    with app.app_context():
        yield db.session
        db.session.rollback()
        for table in reversed(Base.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.commit()
        db.session.remove()
