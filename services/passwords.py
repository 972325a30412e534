"""Password hashing with Argon2id, a memory-hard algorithm."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()


def configure(*, time_cost: int, memory_cost: int) -> None:
    """Set the Argon2 cost parameters (tests lower them to stay fast)."""
    global _hasher
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost)


def hash_password(password: str) -> str:
    """Return an Argon2id hash of the password, with its salt and parameters."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Return True when the password matches the stored hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Return True when the hash was made with older parameters than the current ones."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


# A hash of a random password, checked when no account matches, so that a sign-in
# for an unknown email takes as long as one for a known email.
_DUMMY_HASH: str | None = None


def spend_verification_time(password: str) -> None:
    """Do the work of one verification, for accounts that do not exist."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = _hasher.hash("not-a-real-password-only-for-timing")
    verify_password(_DUMMY_HASH, password)
