"""Membership commands: the daily sweep and the standard categories."""

import click
from flask.cli import AppGroup

from blueprints.membership.jobs import describe, sweep_all
from extensions import db
from services.membership.categories import ensure_standard_categories

members = AppGroup("members", help="Membership: the daily sweep and categories.")


@members.command("sweep")
@click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Sweep as if today were this date (YYYY-MM-DD); default today (UTC).")
def sweep(on) -> None:
    """Move memberships on (grace, lapsed, cancelled) and queue renewal and grace reminders.

    Run it daily; running it twice does nothing the second time.
    """
    click.echo(describe(sweep_all(db.session, on.date() if on else None)))


@members.command("seed-categories")
def seed_categories() -> None:
    """Add the standard membership categories that are missing (existing ones are untouched)."""
    made = ensure_standard_categories(db.session)
    db.session.commit()
    click.echo(f"Added {len(made)} categories.")
