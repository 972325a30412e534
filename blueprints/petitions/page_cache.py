"""A short cache of the petition page as anonymous visitors see it, so a surge of readers
costs a dictionary lookup each instead of a page render.

A cached page is reused only while the petition's row, its state and its count are
what they were when it was drawn (a staff edit or a new count shows at once), and
for at most PETITION_PAGE_CACHE_SECONDS. The visitor's own CSRF token is put into
the cached HTML on the way out, so the signing form works for each visitor.
Signed-in people, anyone with a message waiting (a flash) and form errors always
get a freshly drawn page. One entry per petition, in each worker process.
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

_pages: dict[int, tuple[float, tuple, str]] = {}
_lock = threading.Lock()


def _seconds() -> float:
    return float(current_app.config.get("PETITION_PAGE_CACHE_SECONDS", 0))


def cacheable() -> bool:
    """Whether this visitor sees the page everyone sees: not signed in, no message waiting."""
    return _seconds() > 0 and "_flashes" not in session and not current_user.is_authenticated


def _fingerprint(petition: Petition, state, count: int) -> tuple:
    row = tuple(getattr(petition, column.key) for column in Petition.__table__.columns)
    return row, state, count


def page(petition: Petition, state, count: int, draw: Callable[[], str]) -> str:
    """The page's HTML for this visitor: from the cache when still valid, else drawn anew."""
    key = _fingerprint(petition, state, count)
    now = time.monotonic()
    hit = _pages.get(petition.id)
    if hit is not None and hit[0] > now and hit[1] == key:
        html = hit[2]
    else:
        token = generate_csrf()
        html = draw().replace(token, TOKEN_MARK)
        with _lock:
            _pages[petition.id] = (now + _seconds(), key, html)
    return html.replace(TOKEN_MARK, generate_csrf())


def clear() -> None:
    """Forget every cached page in this process (tests start from nothing)."""
    with _lock:
        _pages.clear()
