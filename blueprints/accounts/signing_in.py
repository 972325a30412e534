"""Starting and ending a signed-in session."""

from urllib.parse import urlsplit

from flask import session
from flask_login import login_user

from models.accounts import User
from rules.text import refused_character


def safe_next(target: str | None) -> str | None:
    """Return target only if it is a path on this site (no open redirects), one a
    Location header can carry; None for anything else.

    Every ``next`` the accounts area follows (sign-in, the second step after it, register,
    verify) passes here. A control character (CR and LF would split the header: a 500,
    after the second step had already signed the user in) or a bidi control is refused,
    as is a backslash, which browsers read as a slash ("/\\other.example").
    """
    if not target or refused_character(target) is not None or "\\" in target:
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
