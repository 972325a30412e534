"""A short cache of the petition pages as anonymous visitors see them (and of a petition's
JSON in the API), so a surge of readers costs a dictionary lookup each instead of a render.

The petition page carries no per-visitor token (its signing form checks the origin
instead, see blueprints.core.same_origin), so every visitor who is not signed in
gets the same bytes. A cached page is reused while the petition's count is what it
was when it was drawn (a new count shows as soon as the count cache has it), for at
most PETITION_PAGE_CACHE_SECONDS (5): a staff change to the petition shows within
that time on every worker, and at once on the worker that made it. Signed-in
people and anyone with a message waiting (a flash) always get a freshly drawn page.
One entry per petition and kind, in each worker process.
"""

import threading
import time
from collections.abc import Callable
from typing import NamedTuple

from flask import current_app, request, session
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from extensions import db
from models.petitions import Petition
from services.petitions import counting


class _Kept(NamedTuple):
    """A page kept: until when, the count it was drawn at, its text, and its bytes (encoded
    once as it is kept, for the surge gate, which sends it without Flask)."""

    until: float
    key: tuple
    body: str
    encoded: bytes


_pages: dict[tuple[str, int], _Kept] = {}
_redraw_locks: dict[tuple[str, int], threading.Lock] = {}
_lock = threading.Lock()


def _seconds() -> float:
    return float(current_app.config.get("PETITION_PAGE_CACHE_SECONDS", 0))


def cacheable() -> bool:
    """Whether this visitor sees the page everyone sees: not signed in, no message waiting."""
    if _seconds() <= 0:
        return False
    # No session cookie: nobody is signed in and nothing is waiting (no need to open it).
    if current_app.config["SESSION_COOKIE_NAME"] not in request.cookies:
        return True
    return "_flashes" not in session and not current_user.is_authenticated


def _reuse(kind: str, petition_id: int, key: tuple, draw: Callable[[], str]) -> str:
    now = time.monotonic()
    hit = _pages.get((kind, petition_id))
    if hit is not None and hit.until > now and hit.key == key:
        return hit.body
    body = draw()
    _keep(kind, petition_id, key, body)
    return body


def page(petition_id: int, draw: Callable[[Petition], str],
         visible: Callable[[Petition | None], Petition], *, kind: str = "page") -> str:
    """A public page about a petition: from the cache when still valid, else drawn anew.

    ``visible`` turns the loaded petition (or None) into one this visitor may see,
    or aborts (404); ``draw`` renders the page for it. While one thread redraws an
    outdated page, the others go on serving the outdated one rather than all drawing
    it at once (a surge of readers must not all wait on the same render).
    """
    if not cacheable():
        return draw(visible(db.session.get(Petition, petition_id)))
    hit = _pages.get((kind, petition_id))
    if hit is not None:
        # Only a petition that was visible is in the cache: a made-up id never gets here,
        # so it cannot fill the count cache.
        if hit.until > time.monotonic() and hit.key == _count_key(petition_id):
            return hit.body
        redrawing = _redrawing(kind, petition_id)
        if not redrawing.acquire(blocking=False):
            return hit.body
        try:
            return _draw_and_keep(kind, petition_id, draw, visible)
        finally:
            redrawing.release()
    return _draw_and_keep(kind, petition_id, draw, visible)


def kept(kind: str, petition_id: int, redis_url: str) -> bytes | None:
    """The page ``page`` would serve from the cache right now, as bytes, or None if it would look
    further (no page kept, kept too long, or the count cache has moved on or lapsed).

    Needs no app or request context: the surge gate serves page reads with it. The
    caller checks the visitor would get the page everyone sees (no session cookie)."""
    hit = _pages.get((kind, petition_id))
    if hit is None or hit.until <= time.monotonic():
        return None
    total = counting.kept_total(petition_id, redis_url)
    return hit.encoded if total is not None and (total,) == hit.key else None


def _count_key(petition_id: int) -> tuple:
    return (counting.cached_counts(db.session, petition_id)["total"],)


def _redrawing(kind: str, petition_id: int) -> threading.Lock:
    with _lock:
        return _redraw_locks.setdefault((kind, petition_id), threading.Lock())


def _draw_and_keep(kind: str, petition_id: int, draw: Callable[[Petition], str],
                   visible: Callable[[Petition | None], Petition]) -> str:
    try:
        petition = visible(db.session.get(Petition, petition_id))
    except HTTPException:
        forget(petition_id)  # hidden or gone: nobody is served the old page any longer
        raise
    body = draw(petition)
    _keep(kind, petition_id, _count_key(petition_id), body)
    return body


def _keep(kind: str, petition_id: int, key: tuple, body: str) -> None:
    """Keep a page just drawn, at the count ``key`` it was drawn at, for _seconds()."""
    with _lock:
        _pages[(kind, petition_id)] = _Kept(time.monotonic() + _seconds(), key, body, body.encode())


def json_body(petition: Petition, state, count: int, draw: Callable[[], str]) -> str:
    """The petition's JSON for the API (the same for everyone), reused like the page."""
    if _seconds() <= 0:
        return draw()
    row = tuple(getattr(petition, column.key) for column in Petition.__table__.columns)
    return _reuse("json", petition.id, (row, state, count), draw)


def forget(petition_id: int) -> None:
    """Drop this worker's cached pages of a petition (after a staff change)."""
    with _lock:
        for key in [key for key in _pages if key[1] == petition_id]:
            del _pages[key]
            _redraw_locks.pop(key, None)


def clear() -> None:
    """Forget every cached page in this process (tests start from nothing)."""
    with _lock:
        _pages.clear()
        _redraw_locks.clear()
