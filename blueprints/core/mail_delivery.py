"""Development mail: with no SMTP server, committed mail is written to the log at once."""

from flask import Flask, current_app

from extensions import db
from integrations.mail_transport import LogTransport
from services.outbox import send_due


def delivers_at_teardown(app: Flask) -> bool:
    """Development without SMTP: each request's committed mail is logged as it ends."""
    return bool(app.config["MAIL_DELIVER_TO_LOG"] and not app.config.get("TESTING"))


def init_app(app: Flask) -> None:
    if not delivers_at_teardown(app):
        return

    @app.teardown_request
    def deliver_to_log(_exc):
        # Runs after the view committed: only mail that really exists is "sent".
        db.session.rollback()
        send_due(db.session, LogTransport(), sender=current_app.config["MAIL_FROM"],
                 max_attempts=current_app.config["OUTBOX_MAX_ATTEMPTS"])
