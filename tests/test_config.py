import pytest

from app import create_app
from config import ConfigError, load_config


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config(str(tmp_path), {"APP_ENV": "production"})


@pytest.mark.parametrize("weak", ["change-me", "secret", "short-key"])
def test_production_refuses_a_placeholder_or_short_secret(tmp_path, weak):
    with pytest.raises(ConfigError):
        load_config(str(tmp_path), {"APP_ENV": "production", "SECRET_KEY": weak})


def test_production_with_a_real_key_has_secure_cookies(tmp_path):
    config = load_config(str(tmp_path), {"APP_ENV": "production", "SECRET_KEY": "k" * 48,
                                         "DATABASE_URL": "postgres://db.internal/voice"})
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://db.internal/voice"


def test_development_generates_a_secret_once_into_instance(tmp_path):
    first = load_config(str(tmp_path), {})["SECRET_KEY"]
    second = load_config(str(tmp_path), {})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").read_text().strip() == first
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_development_defaults_to_sqlite_under_instance_and_memory_rate_limits(tmp_path):
    config = load_config(str(tmp_path), {})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'platform.db'}"
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert config["MAIL_DELIVER_TO_LOG"] is True
    assert not config["SESSION_COOKIE_SECURE"]


def test_redis_url_moves_rate_limits_to_redis(tmp_path):
    config = load_config(str(tmp_path), {"REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    # Counted in the process while Redis is away (Flask-Limiter's own fallback).
    assert config["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"] is True
    assert not load_config(str(tmp_path), {})["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"]


def test_create_app_in_production_without_a_key_fails(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app()
