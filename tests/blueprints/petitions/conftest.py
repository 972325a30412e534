import pytest

from blueprints.petitions import page_cache
from services.petitions import cache


@pytest.fixture(autouse=True)
def empty_count_cache():
    cache.clear()
    page_cache.clear()
    yield
    cache.clear()
    page_cache.clear()
