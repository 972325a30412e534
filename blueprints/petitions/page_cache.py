"""A short cache of the petition page as anonymous visitors see it (and of its JSON in the
API), so a surge of readers costs a dictionary lookup each instead of a render.

A cached page is reused only while the petition's row, its state and its count are
what they were when it was drawn (a staff edit or a new count shows at once), and
for at most PETITION_PAGE_CACHE_SECONDS. The visitor's own CSRF token is put into
the cached HTML on the way out, so the signing form works for each visitor.
Signed-in people, anyone with a message waiting (a flash) and form errors always
get a freshly drawn page. One entry per petition and kind, in each worker process.
"""

import threading
import time
from collections.abc import Callable

from flask import current_app, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from models.petitions import Petition

# Stands in for the visitor's CSRF token in the cached HTML; no page contains it otherwise.
TOKEN_MARK = "\x00csrf-token\x00"  # nosec B105 (a placeholder, not a secret)

_pages: dict[tuple[str, int], tuple[float, tuple, str]] = {}
_lock = threading.Lock()


def _seconds() -> float:
    return float(current_app.config.get("PETITION_PAGE_CACHE_SECONDS", 0))


def cacheable() -> bool:
    """Whether this visitor sees the page everyone sees: not signed in, no message waiting."""
    return _seconds() > 0 and "_flashes" not in session and not current_user.is_authenticated


def _fingerprint(petition: Petition, state, count: int) -> tuple:
    row = tuple(getattr(petition, column.key) for column in Petition.__table__.columns)
    return row, state, count


def _reuse(kind: str, petition: Petition, state, count: int, draw: Callable[[], str]) -> str:
    key = _fingerprint(petition, state, count)
    now = time.monotonic()
    hit = _pages.get((kind, petition.id))
    if hit is not None and hit[0] > now and hit[1] == key:
        return hit[2]
    body = draw()
    with _lock:
        _pages[(kind, petition.id)] = (now + _seconds(), key, body)
    return body


def page(petition: Petition, state, count: int, draw: Callable[[], str]) -> str:
    """The page's HTML for this visitor: from the cache when still valid, else drawn anew."""
    def draw_marked() -> str:
        return draw().replace(generate_csrf(), TOKEN_MARK)

    return _reuse("page", petition, state, count, draw_marked).replace(TOKEN_MARK, generate_csrf())


def json_body(petition: Petition, state, count: int, draw: Callable[[], str]) -> str:
    """The petition's JSON for the API (the same for everyone), reused like the page."""
    if _seconds() <= 0:
        return draw()
    return _reuse("json", petition, state, count, draw)


def clear() -> None:
    """Forget every cached page in this process (tests start from nothing)."""
    with _lock:
        _pages.clear()
