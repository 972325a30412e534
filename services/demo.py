"""Demo data for development: accounts here, and each area's own content via SEEDERS."""

import importlib
from collections.abc import Callable

import pyotp
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from models.accounts import Role, User
from models.base import utcnow
from models.outbox import MailStatus, OutboxMail
from services import two_factor
from services.accounts import create_user

# Each area adds "module:function"; each function takes (session, accounts) and adds its content.
SEEDERS: list[str] = [
    "services.membership.demo:seed",
    "services.petitions.demo:seed",
    "services.polls.demo:seed",
    "services.statements.demo:seed",
]

DEMO_PASSWORD = "demo-voice-2026"  # nosec B105 (printed for the local demo site only)
# Fixed so that the printed secret keeps working across restarts of a dev site.
DEMO_TOTP_SECRETS = {
    "admin@example.org": "DEMQADMINSECRETFORTHEVQICEPLATFM",
    "staff@example.org": "DEMQSTAFFSECRETFORTHEVQICEPLATFM",
    "editor@example.org": "DEMQEDITQRSECRETFORTHEVQICEPLATF",
}
# (key other areas' seeders use, email, name, role)
DEMO_ACCOUNTS = [
    ("admin", "admin@example.org", "Ada Admin", Role.ADMIN),
    ("staff", "staff@example.org", "Sam Staff", Role.STAFF),
    ("editor", "editor@example.org", "Eddie Editor", Role.STAFF),
    ("member", "member@example.org", "Mo Member", Role.MEMBER),
]


def database_is_empty(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(User)) == 0


def load(session: Session) -> dict[str, User]:
    """Add the demo accounts, then every area's demo content."""
    accounts: dict[str, User] = {}
    for key, email, name, role in DEMO_ACCOUNTS:
        user = create_user(session, name=name, email=email, password=DEMO_PASSWORD,
                           role=role, verified=True)
        if email in DEMO_TOTP_SECRETS:
            user.totp_secret = DEMO_TOTP_SECRETS[email]
            two_factor.replace_recovery_codes(session, user)
        accounts[key] = user
    session.flush()
    for spec in SEEDERS:
        module, _, function = spec.partition(":")
        getattr(importlib.import_module(module), function)(session, accounts)
        session.flush()
    # The demo's own mail (receipts, confirmations) is kept for reading but never sent.
    session.execute(update(OutboxMail).where(OutboxMail.status == MailStatus.PENDING)
                    .values(status=MailStatus.SENT, sent_at=utcnow(), last_error="demo: not sent"))
    return accounts


def print_credentials(echo: Callable[[str], None]) -> None:
    echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for _key, email, name, role in DEMO_ACCOUNTS:
        line = f"  {role:<7} {email:<22} {name}"
        if email in DEMO_TOTP_SECRETS:
            code = pyotp.TOTP(DEMO_TOTP_SECRETS[email]).now()
            line += f"  (authenticator secret {DEMO_TOTP_SECRETS[email]}; code now {code};"
            line += f" `flask --app app demo code {email}` prints the current code)"
        echo(line)
