"""Petition service fixtures: an empty count cache per test (real commits: tests/conftest.py)."""

import pytest

from services.petitions import cache


@pytest.fixture(autouse=True)
def empty_count_cache():
    cache.clear()
    yield
    cache.clear()

