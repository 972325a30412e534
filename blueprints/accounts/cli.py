"""Account commands: make the first admin."""

import click
from flask import Flask
from sqlalchemy import select

from extensions import db
from models.accounts import Role, User
from services import audit
from services.accounts import AccountError, create_user


@click.command("create-admin")
@click.option("--email", prompt=True, help="The admin's email address.")
@click.option("--name", prompt=True, help="The admin's full name.")
@click.password_option(help="Asked for when not given (never put it in shell history).")
def create_admin(email: str, name: str, password: str) -> None:
    """Create an admin account (verified). The admin sets up a second factor at first sign-in."""
    try:
        user = create_user(db.session, name=name, email=email, password=password,
                           role=Role.ADMIN, verified=True)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    audit.record(db.session, actor=None, action="account.admin_created", target=user,
                 via="command line")
    db.session.commit()
    admins = db.session.scalars(select(User).where(User.role == Role.ADMIN)).all()
    click.echo(f"Admin {user.email} created ({len(admins)} admin account(s) in all).")


def init_app(app: Flask) -> None:
    app.cli.add_command(create_admin)
