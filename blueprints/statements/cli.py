"""Statement commands: `flask --app app statements publish-due`."""

import click
from flask import Flask
from flask.cli import AppGroup

from extensions import db
from services.statements.workflow import publish_due

statements_cli = AppGroup("statements", help="Position statements.")


@statements_cli.command("publish-due")
def publish_due_command() -> None:
    """Publish approved statements whose scheduled time has come (run every minute or so)."""
    published = publish_due(db.session)
    db.session.commit()
    for statement in published:
        click.echo(f"published {statement.slug}")
    click.echo(f"{len(published)} statement(s) published")


def init_app(app: Flask) -> None:
    app.cli.add_command(statements_cli)
