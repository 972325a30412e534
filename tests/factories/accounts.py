"""Account factories: users of each role, with a second factor for staff."""

import itertools

import pyotp

from extensions import db
from models.accounts import Role, User
from models.base import utcnow
from services import passwords

_counter = itertools.count(1)
DEFAULT_PASSWORD = "correct horse battery"


def create_user(*, email: str | None = None, name: str | None = None, role: str = Role.MEMBER,
                password: str = DEFAULT_PASSWORD, verified: bool = True,
                totp_secret: str | None = None) -> User:
    n = next(_counter)
    if role in (Role.STAFF, Role.ADMIN) and totp_secret is None:
        totp_secret = pyotp.random_base32()
    user = User(
        email=(email or f"person{n}@example.org").strip().lower(),
        name=name or f"Person {n}",
        password_hash=passwords.hash_password(password),
        role=role,
        email_verified_at=utcnow() if verified else None,
        totp_secret=totp_secret,
    )
    db.session.add(user)
    db.session.commit()
    return user


def create_staff(**kwargs) -> User:
    return create_user(role=Role.STAFF, **kwargs)


def create_admin(**kwargs) -> User:
    return create_user(role=Role.ADMIN, **kwargs)
