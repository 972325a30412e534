"""Accounts: register, verify, sign in (with a second factor for staff), reset and change."""

from flask import Blueprint, Flask

bp = Blueprint("accounts", __name__, url_prefix="/account")


def init_app(app: Flask) -> None:
    from blueprints.accounts import cli, second_factor, settings, views  # noqa: F401

    app.register_blueprint(bp)
    cli.init_app(app)
