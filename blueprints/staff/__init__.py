"""Staff pages: the staff home, the audit log, and (for admins) people and roles."""

from flask import Blueprint, Flask

bp = Blueprint("staff", __name__, url_prefix="/staff")


def init_app(app: Flask) -> None:
    from blueprints.staff import views  # noqa: F401

    app.register_blueprint(bp)
