"""Accounts: registering, verifying email, signing in, and changing email or password."""

import hashlib

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import Role, User
from models.base import utcnow
from rules.emails import LEGACY_PREFIX, EmailAddressError, canonical_email, legacy_key
from rules.passwords import password_problem
from services import mail_caps, passwords
from services.links import external_url
from services.outbox import queue_mail
from services.tokens import TokenError, make_token, read_token


class AccountError(ValueError):
    """A request about an account that cannot be carried out; `field` names the form field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def find_by_email(session: Session, email: str) -> User | None:
    """The account an address belongs to: the one with its canonical form (rules.emails),
    or an account kept under its old key (migration 0009) with exactly this address."""
    keys = {legacy_key(email)}
    try:
        keys.add(canonical_email(email))
    except EmailAddressError:
        pass  # no account has a refused address's canonical form
    users = session.scalars(select(User).where(User.email_canonical.in_(keys))).all()
    # Both at once: the account kept under this very address is the one meant.
    return min(users, key=lambda user: not user.email_canonical.startswith(LEGACY_PREFIX),
               default=None)


def _usable_address(email: str) -> str:
    """The address as typed (trimmed), once its canonical form exists; else AccountError."""
    email = email.strip()
    try:
        canonical_email(email)
    except EmailAddressError as error:
        raise AccountError(str(error), field="email") from None
    return email


def check_new_password(password: str, *, email: str, name: str = "") -> None:
    """Raise AccountError (on the password field) when a new password is not acceptable."""
    problem = password_problem(password, email=email, name=name)
    if problem:
        raise AccountError(problem, field="password")


def _add_user(session: Session, *, name: str, email: str, password_hash: str, role: str,
              verified: bool) -> User:
    user = User(name=name.strip(), email=email, password_hash=password_hash, role=role,
                email_verified_at=utcnow() if verified else None)
    session.add(user)
    session.flush()
    return user


def create_user(session: Session, *, name: str, email: str, password: str,
                role: str = Role.MEMBER, verified: bool = False) -> User:
    """Add a user with a hashed password. Raises AccountError if the email is taken."""
    email = _usable_address(email)
    check_new_password(password, email=email, name=name)
    if find_by_email(session, email) is not None:
        raise AccountError("An account with that email address already exists.", field="email")
    return _add_user(session, name=name, email=email, role=role, verified=verified,
                     password_hash=passwords.hash_password(password))


def _tell_owner(session: Session, owner: User, *, moving: bool) -> None:
    """Tell an address's owner someone tried to use it (registering, or moving another
    account to it): at most once a day per account, however often it is tried."""
    if mail_caps.first_today(session, "account-exists", owner.id):
        queue_mail(session, to=owner.email, subject="You already have an account",
                   template="account_exists", name=owner.name, moving=moving,
                   reset_url=external_url("accounts.forgot_password"))


def register(session: Session, *, name: str, email: str, password: str,
             then: str | None = None) -> User | None:
    """Register a member and mail a verification link.

    If the address already has an account, nothing is created and its owner is told
    by mail instead (once a day at most), so the page shown reveals nothing about who
    has an account; the password is hashed on both paths so that their timing does
    not tell either. ``then`` (a path on this site, already checked by the caller) is
    where the link leads after verifying, e.g. back to joining. Returns the new user,
    or None when the address was taken.
    """
    email = _usable_address(email)
    check_new_password(password, email=email, name=name)
    password_hash = passwords.hash_password(password)
    existing = find_by_email(session, email)
    if existing is not None:
        _tell_owner(session, existing, moving=False)
        return None
    user = _add_user(session, name=name, email=email, password_hash=password_hash,
                     role=Role.MEMBER, verified=False)
    send_verification(session, user, then=then)
    return user


def send_verification(session: Session, user: User, then: str | None = None) -> None:
    token = make_token("verify-email", {"uid": user.id, "email": user.email})
    values = {"next": then} if then else {}
    queue_mail(session, to=user.email, subject="Confirm your email address",
               template="verify_email", name=user.name,
               verify_url=external_url("accounts.verify_email", token=token, **values))


def verify_email(session: Session, token: str) -> User:
    """Mark the address in the token as verified. Raises TokenError for a bad link."""
    data = read_token("verify-email", token, current_app.config["EMAIL_VERIFY_MAX_AGE"])
    user = session.get(User, data.get("uid"))
    if user is None or user.email != data.get("email"):
        raise TokenError("This link is not valid.")
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """Return the user when the email and password match an open account, else None."""
    user = find_by_email(session, email)
    if user is None or user.closed_at is not None:
        passwords.spend_verification_time(password)
        return None
    if not passwords.verify_password(user.password_hash, password):
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
        session.flush()
    return user


def _password_fingerprint(user: User) -> str:
    # Part of a reset token: once the password changes, every earlier link stops working.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def request_password_reset(session: Session, email: str) -> None:
    """Mail a reset link if the address has an account; do nothing visible otherwise."""
    user = find_by_email(session, email)
    if user is None or user.closed_at is not None:
        return
    token = make_token("reset-password", {"uid": user.id, "pw": _password_fingerprint(user)})
    queue_mail(session, to=user.email, subject="Reset your password", template="reset_password",
               name=user.name, reset_url=external_url("accounts.reset_password", token=token))


def user_for_reset_token(session: Session, token: str) -> User:
    """Return the user a reset link is for. Raises TokenError if expired, forged or used."""
    data = read_token("reset-password", token, current_app.config["PASSWORD_RESET_MAX_AGE"])
    user = session.get(User, data.get("uid"))
    if user is None or user.closed_at is not None or data.get("pw") != _password_fingerprint(user):
        raise TokenError("This link has already been used or is no longer valid.")
    return user


def reset_password(session: Session, token: str, new_password: str) -> User:
    """Set a new password from a reset link; the link cannot be used again.

    Resetting also proves the mailbox, so the address counts as verified, and every
    other session of the account ends.
    """
    user = user_for_reset_token(session, token)
    check_new_password(new_password, email=user.email, name=user.name)
    _set_password(user, new_password)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    session.flush()
    return user


def _set_password(user: User, new_password: str) -> None:
    user.password_hash = passwords.hash_password(new_password)
    user.session_version += 1


def change_password(session: Session, user: User, *, current: str, new: str) -> None:
    """Change the password after checking the current one; other sessions end."""
    if not passwords.verify_password(user.password_hash, current):
        raise AccountError("Your current password is not right.", field="current_password")
    check_new_password(new, email=user.email, name=user.name)
    _set_password(user, new)
    queue_mail(session, to=user.email, subject="Your password was changed",
               template="password_changed", name=user.name,
               reset_url=external_url("accounts.forgot_password"))
    session.flush()


def request_email_change(session: Session, user: User, *, password: str, new_email: str) -> None:
    """Mail a confirmation link to the new address; the change happens when it is followed.

    If the address belongs to another account, its owner is told instead (as registering
    does), and the member sees the same answer: nothing says who else has an account.
    """
    if not passwords.verify_password(user.password_hash, password):
        raise AccountError("Your password is not right.", field="password")
    new_email = _usable_address(new_email)
    owner = find_by_email(session, new_email)
    if owner is not None and owner.id == user.id:
        raise AccountError("That is already your email address.", field="email")
    if owner is not None:
        _tell_owner(session, owner, moving=True)
        session.flush()
        return
    # The link names the address it changes and the account's email version, which using
    # a link bumps: each link works once, and none after another change (even back).
    token = make_token("change-email", {"uid": user.id, "old": user.email, "new": new_email,
                                        "v": user.email_version})
    queue_mail(session, to=new_email, subject="Confirm your new email address",
               template="change_email", name=user.name,
               confirm_url=external_url("accounts.confirm_email_change", token=token))
    session.flush()


USED_LINK = ("This link has already been used, or your email address has changed since it "
             "was sent. To change your address, ask for a new link from your account page.")


def confirm_email_change(session: Session, token: str) -> User:
    """Switch the account to the new address in the link and tell the old address.

    Raises TokenError for a forged or expired link, or one already used or overtaken by
    another change of address.
    """
    data = read_token("change-email", token, current_app.config["EMAIL_VERIFY_MAX_AGE"])
    user = session.get(User, data.get("uid"))
    if (user is None or user.email != data.get("old") or data.get("v") != user.email_version
            or not isinstance(data.get("new"), str)):
        raise TokenError(USED_LINK)
    owner = find_by_email(session, data["new"])
    if owner is not None and owner.id != user.id:
        raise TokenError("That email address now belongs to another account.")
    old = user.email
    user.email, user.email_verified_at = data["new"], utcnow()
    user.email_version += 1
    queue_mail(session, to=old, subject="Your email address was changed",
               template="email_changed", name=user.name, new_email=user.email)
    session.flush()
    return user


def end_all_sessions(session: Session, user: User) -> None:
    """Sign the account out everywhere (session ids carry the version)."""
    user.session_version += 1
    session.flush()
