"""Core commands: send the outbox, load demo data."""

import logging
import time

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy.exc import SQLAlchemyError

from extensions import db
from integrations.mail_transport import transport_from_config
from services import demo
from services.outbox import send_due

log = logging.getLogger(__name__)
outbox = AppGroup("outbox", help="The outgoing mail queue.")
demo_cli = AppGroup("demo", help="Demo data for a living development site.")


@outbox.command("send")
@click.option("--loop", is_flag=True, help="Keep sending every few seconds until stopped.")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between rounds with --loop.")
def send_outbox(loop: bool, interval: float) -> None:
    """Send the mail that is due, over SMTP_URL (or to the log when it is not set)."""
    transport = transport_from_config(current_app.config)
    while True:
        try:
            report = send_due(db.session, transport, sender=current_app.config["MAIL_FROM"],
                              max_attempts=current_app.config["OUTBOX_MAX_ATTEMPTS"])
        except SQLAlchemyError:
            # The database is away (a message that cannot be sent is marked failed inside
            # send_due): with --loop, try again next round rather than exit into a crash loop.
            db.session.rollback()
            if not loop:
                raise
            log.exception("outbox: the database failed during a round; trying again")
            time.sleep(interval)
            continue
        if report.sent or report.retrying or report.failed or report.dropped or not loop:
            click.echo(f"sent {report.sent}, retrying {report.retrying}, failed {report.failed}"
                       + (f", dropped {report.dropped} no longer wanted" if report.dropped else ""))
        if not loop:
            return
        time.sleep(interval)


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has accounts.")
def load_demo(if_empty: bool) -> None:
    """Fill the database with demo accounts and content, and print how to sign in."""
    if current_app.config["PRODUCTION"]:
        raise click.ClickException("Demo data is never loaded in production.")
    if if_empty and not demo.database_is_empty(db.session):
        click.echo("Database already has data; demo data not loaded.")
        demo.print_credentials(click.echo)
        return
    demo.load(db.session)
    db.session.commit()
    click.echo("Demo data loaded.")
    demo.print_credentials(click.echo)


def init_app(app: Flask) -> None:
    app.cli.add_command(outbox)
    app.cli.add_command(demo_cli)


@demo_cli.command("code")
@click.argument("email")
def demo_code(email: str) -> None:
    """Print the current authenticator code of a demo staff or admin account."""
    import pyotp

    secret = demo.DEMO_TOTP_SECRETS.get(email.strip().lower())
    if secret is None:
        raise click.ClickException(f"{email} is not a demo account with a second factor.")
    click.echo(pyotp.TOTP(secret).now())
