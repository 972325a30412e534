from sqlalchemy import select

from extensions import db
from models.accounts import User
from models.audit import AuditEntry


def test_create_admin_makes_a_verified_admin_and_audits_it(runner):
    result = runner.invoke(args=["create-admin", "--email", "Chief@Example.org", "--name", "Chief Exec"],
                           input="a strong admin phrase\na strong admin phrase\n")
    assert result.exit_code == 0, result.output
    admin = db.session.scalars(select(User).where(User.email_canonical == "chief@example.org")).one()
    assert admin.role == "admin" and admin.email_verified and admin.totp_secret is None
    assert db.session.scalars(select(AuditEntry.action)).all() == ["account.admin_created"]


def test_create_admin_refuses_a_weak_password_and_creates_nothing(runner):
    result = runner.invoke(args=["create-admin", "--email", "chief@example.org", "--name", "Chief"],
                           input="password123\npassword123\n")
    assert result.exit_code != 0 and "too common" in result.output
    assert db.session.scalars(select(User)).all() == []


def test_demo_load_prints_the_accounts_and_their_password(runner):
    result = runner.invoke(args=["demo", "load", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "admin@example.org" in result.output and "demo-voice-2026" in result.output
    again = runner.invoke(args=["demo", "load", "--if-empty"])
    assert "already has data" in again.output
