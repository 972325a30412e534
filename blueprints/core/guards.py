"""Access rules for views: who may open a page."""

from functools import wraps

from flask import abort
from flask_login import current_user

from extensions import login_manager


def staff_required(view):
    """Staff and admins only: visitors are sent to sign in, members get 403."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_staff:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def admin_required(view):
    """Admins only: visitors are sent to sign in, everyone else gets 403."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
