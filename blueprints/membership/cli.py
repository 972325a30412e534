"""Membership commands: the daily sweep and the standard categories."""

import click
from flask.cli import AppGroup

from extensions import db
from services.membership.categories import ensure_standard_categories
from services.membership.sweep import SweepReport, sweep_batch

members = AppGroup("members", help="Membership: the daily sweep and categories.")


@members.command("sweep")
@click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Sweep as if today were this date (YYYY-MM-DD); default today (UTC).")
def sweep(on) -> None:
    """Move memberships on (grace, lapsed, cancelled) and queue renewal and grace reminders.

    Run it daily; running it twice does nothing the second time.
    """
    report = SweepReport()
    after = 0
    while True:
        sweep_batch(db.session, on=on.date() if on else None, after_id=after, report=report)
        db.session.commit()
        if report.last_id is None:
            break
        after = report.last_id
    moved = ", ".join(f"{n} {k}" for k, n in sorted(report.transitions.items())) or "none"
    sent = ", ".join(f"{n} {k}" for k, n in sorted(report.reminders.items())) or "none"
    click.echo(f"Examined {report.examined} memberships. Status changes: {moved}. "
               f"Reminders: {sent}.")


@members.command("seed-categories")
def seed_categories() -> None:
    """Add the standard membership categories that are missing (existing ones are untouched)."""
    made = ensure_standard_categories(db.session)
    db.session.commit()
    click.echo(f"Added {len(made)} categories.")
