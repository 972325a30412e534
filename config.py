"""Configuration read from environment variables, with safe development defaults."""

import os
import secrets
from pathlib import Path

PRODUCTION = "production"

# Keys that must never be used in production: the placeholders people paste from docs.
_PLACEHOLDER_SECRETS = {"", "change-me", "changeme", "secret", "dev", "development"}


class ConfigError(RuntimeError):
    """Raised when the platform cannot start safely with the configuration it was given."""


def _database_url(raw: str | None, instance_path: Path) -> str:
    if not raw:
        return f"sqlite:///{instance_path / 'platform.db'}"
    # Hosting providers hand out postgres:// URLs; SQLAlchemy needs the driver named.
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


def _development_secret(instance_path: Path) -> str:
    """Return the development secret key, generating it once into instance/."""
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def load_config(instance_path: str, environ: dict | None = None) -> dict:
    """Build the Flask configuration from the environment.

    Raises ConfigError in production when the secret key is missing or weak.
    """
    env = os.environ if environ is None else environ
    instance = Path(instance_path)
    mode = env.get("APP_ENV", "development")
    production = mode == PRODUCTION
    secret = env.get("SECRET_KEY", "")
    if production:
        if secret.lower() in _PLACEHOLDER_SECRETS or len(secret) < 32:
            raise ConfigError(
                "APP_ENV=production needs SECRET_KEY set to a random value of at least "
                "32 characters, e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
    elif not secret:
        secret = _development_secret(instance)

    database_url = _database_url(env.get("DATABASE_URL"), instance)
    redis_url = env.get("REDIS_URL", "")
    smtp_url = env.get("SMTP_URL", "")

    return {
        "APP_ENV": mode,
        "PRODUCTION": production,
        "SECRET_KEY": secret,
        "SITE_NAME": env.get("SITE_NAME", "Social Workers' Voice"),
        "BASE_URL": env.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "SQLALCHEMY_DATABASE_URI": database_url,
        # No ping on every checkout (a round trip per request): app.py pings a pooled
        # connection only after it has been idle a while (_ping_idle_connections).
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        # With Redis away, Flask-Limiter counts in this process until Redis answers again
        # (it checks at growing intervals), rather than failing every limited request; a
        # short timeout so a Redis that does not answer holds no request up for long.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": bool(redis_url),
        "RATELIMIT_STORAGE_OPTIONS": (
            {"socket_connect_timeout": 0.5, "socket_timeout": 0.5} if redis_url else {}),
        # Keys in Redis start with this; sites sharing one Redis need different prefixes.
        "RATELIMIT_KEY_PREFIX": env.get("RATELIMIT_KEY_PREFIX", "voice"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_ENABLED": env.get("RATELIMIT_ENABLED", "1") != "0",
        "SIGNIN_LIMIT_PER_IP": env.get("SIGNIN_LIMIT_PER_IP", "30 per 15 minutes"),
        "SIGNIN_LIMIT_PER_ACCOUNT": env.get("SIGNIN_LIMIT_PER_ACCOUNT", "8 per 15 minutes"),
        "SMTP_URL": smtp_url,
        "MAIL_FROM": env.get("MAIL_FROM", "Social Workers' Voice <no-reply@example.org>"),
        # With no SMTP server configured, mail is written to the log as soon as it is committed.
        "MAIL_DELIVER_TO_LOG": not smtp_url,
        "OUTBOX_MAX_ATTEMPTS": int(env.get("OUTBOX_MAX_ATTEMPTS", "8")),
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 12,
        # The token is bound to the session, so a form left open for hours still submits.
        "WTF_CSRF_TIME_LIMIT": None,
        "PASSWORD_RESET_MAX_AGE": 60 * 60,
        "EMAIL_VERIFY_MAX_AGE": 60 * 60 * 24 * 3,
        "ARGON2_TIME_COST": int(env.get("ARGON2_TIME_COST", "3")),
        "ARGON2_MEMORY_COST": int(env.get("ARGON2_MEMORY_COST", str(64 * 1024))),
        "STRIPE_SECRET_KEY": env.get("STRIPE_SECRET_KEY", ""),
        "STRIPE_WEBHOOK_SECRET": env.get("STRIPE_WEBHOOK_SECRET", ""),
        "STRIPE_API_BASE": env.get("STRIPE_API_BASE", ""),
        # How old a petition count on a page or in the API may be (seconds).
        "PETITION_COUNT_CACHE_SECONDS": float(env.get("PETITION_COUNT_CACHE_SECONDS", "5")),
        # How long an anonymous visitor's petition page may be reused (it is redrawn at once
        # when the petition or its count changes); 0 turns the page cache off.
        "PETITION_PAGE_CACHE_SECONDS": float(env.get("PETITION_PAGE_CACHE_SECONDS", "5")),
        # On PostgreSQL the plain signing and confirming posts are answered in front of Flask
        # (blueprints/petitions/surge_gate.py); 0 sends every post through the views.
        "PETITION_SURGE_GATE": env.get("PETITION_SURGE_GATE", "1") != "0",
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        # A scraper sends "Authorization: Bearer <METRICS_TOKEN>" to read /metrics.
        "METRICS_TOKEN": env.get("METRICS_TOKEN", ""),
    }
