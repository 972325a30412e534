"""Starting and ending a signed-in session."""

from urllib.parse import urlsplit

from flask import session
from flask_login import login_user

from models.accounts import User


def safe_next(target: str | None) -> str | None:
    """Return target only if it is a path on this site (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def start_session(user: User) -> None:
    """Sign the user in with a fresh session (a new CSRF token, nothing carried over)."""
    session.clear()
    login_user(user)
    session.permanent = True
