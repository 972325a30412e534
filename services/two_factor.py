"""The second factor: TOTP from an authenticator app, with one-time recovery codes."""

import hashlib
import hmac
import secrets
import time
from datetime import timedelta

import pyotp
import segno
from markupsafe import Markup
from sqlalchemy import delete
from sqlalchemy.orm import Session

from models.accounts import RecoveryCode, SecondFactorSetup, User
from models.base import utcnow

RECOVERY_CODE_COUNT = 10
# Long enough to install an authenticator app; the recovery codes are shown at once.
SETUP_LIFETIME = timedelta(minutes=30)
CODES_LIFETIME = timedelta(minutes=10)
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def qr_svg(uri: str) -> Markup:
    """An inline SVG QR code of the URI: drawn here, no third-party service sees the secret."""
    svg = segno.make(uri, error="m").svg_inline(scale=4, title="QR code for your authenticator app")
    return Markup(svg)  # nosec B704: segno's own markup, holding no text from users


def _matching_step(secret: str, code: str, at: float) -> int | None:
    code = code.replace(" ", "").strip()
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    step = int(at) // totp.interval
    for candidate in (step, step - 1, step + 1):  # allow one step of clock drift
        if hmac.compare_digest(totp.at(candidate * totp.interval), code):
            return candidate
    return None


def check_code_for_setup(secret: str, code: str, at: float | None = None) -> bool:
    return _matching_step(secret, code, time.time() if at is None else at) is not None


def enable(session: Session, user: User, secret: str, code: str) -> list[str] | None:
    """Turn on TOTP once the user proves the app works; return fresh recovery codes."""
    step = _matching_step(secret, code, time.time())
    if step is None:
        return None
    user.totp_secret, user.totp_last_step = secret, step
    codes = replace_recovery_codes(session, user)
    session.flush()
    return codes


def verify(session: Session, user: User, code: str, at: float | None = None) -> bool:
    """Check a TOTP code, refusing any step already used (a replayed code)."""
    if not user.totp_secret:
        return False
    step = _matching_step(user.totp_secret, code, time.time() if at is None else at)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    session.flush()
    return True


def _hash_code(code: str) -> str:
    normalised = code.replace("-", "").replace(" ", "").lower()
    return hashlib.sha256(normalised.encode()).hexdigest()


def replace_recovery_codes(session: Session, user: User) -> list[str]:
    """Issue a new set of recovery codes (shown once) and forget the old ones."""
    user.recovery_codes.clear()
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        user.recovery_codes.append(RecoveryCode(code_hash=_hash_code(raw)))
    session.flush()
    return codes


def use_recovery_code(session: Session, user: User, code: str) -> bool:
    """Accept an unused recovery code once."""
    wanted = _hash_code(code)
    for recovery in user.recovery_codes:
        if recovery.used_at is None and hmac.compare_digest(recovery.code_hash, wanted):
            recovery.used_at = utcnow()
            session.flush()
            return True
    return False


def remaining_recovery_codes(user: User) -> int:
    return sum(1 for code in user.recovery_codes if code.used_at is None)


# What set-up keeps between requests lives in second_factor_setups, under a random id the
# session holds: a session cookie is only signed, not encrypted, so anyone who can read
# it (a shared computer, a log, a proxy) could read a secret or codes kept in it.

def prune_set_ups(session: Session) -> str:
    """Forget what set-up kept past its time (the daily job; each new one does it too)."""
    gone = session.execute(delete(SecondFactorSetup)
                           .where(SecondFactorSetup.expires_at <= utcnow())).rowcount or 0
    return f"deleted {gone} second-factor set-ups past their time"


def _hold(session: Session, user: User, *, secret: str | None = None,
          codes: list[str] | None = None, lifetime: timedelta) -> str:
    now = utcnow()
    prune_set_ups(session)
    held = SecondFactorSetup(id=secrets.token_urlsafe(32), user_id=user.id, totp_secret=secret,
                             recovery_codes=codes, expires_at=now + lifetime)
    session.add(held)
    session.flush()
    return held.id


def _held(session: Session, user: User, held_id: object) -> SecondFactorSetup | None:
    if not isinstance(held_id, str) or not held_id:
        return None
    held = session.get(SecondFactorSetup, held_id)
    if held is None or held.user_id != user.id or held.expires_at <= utcnow():
        return None
    return held


def secret_being_set_up(session: Session, user: User, held_id: object) -> tuple[str, str]:
    """(id, secret): the secret set-up under ``held_id`` shows, or a new one kept under a
    new id (the first visit, or after SETUP_LIFETIME)."""
    held = _held(session, user, held_id)
    if held is not None and held.totp_secret:
        return held.id, held.totp_secret
    secret = new_secret()
    return _hold(session, user, secret=secret, lifetime=SETUP_LIFETIME), secret


def finish_set_up(session: Session, user: User, held_id: object) -> None:
    """Forget the secret set-up kept (it is now the account's own)."""
    held = _held(session, user, held_id)
    if held is not None:
        session.delete(held)
        session.flush()


def hold_recovery_codes(session: Session, user: User, codes: list[str]) -> str:
    """Keep fresh recovery codes for the page that shows them once; return their id."""
    return _hold(session, user, codes=codes, lifetime=CODES_LIFETIME)


def take_recovery_codes(session: Session, user: User, held_id: object) -> list[str] | None:
    """The codes kept under ``held_id``, forgotten as they are taken; None if none."""
    held = _held(session, user, held_id)
    if held is None or held.recovery_codes is None:
        return None
    codes = list(held.recovery_codes)
    session.delete(held)
    session.flush()
    return codes
