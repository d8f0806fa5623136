"""Configuration read from the environment; secrets never live in the code."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any


class ConfigError(RuntimeError):
    """Raised when the environment does not describe a usable configuration."""


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def normalise_database_url(url: str) -> str:
    """Make `postgres://` and `postgresql://` URLs use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _development_secret_key(instance_path: Path) -> str:
    """Return the development secret key, creating it once in the instance folder."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def load_config(instance_path: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the configuration mapping from the environment plus explicit overrides.

    `APP_ENV` is `development` (default), `production` or `testing`. Production
    refuses to start without `SECRET_KEY`; development keeps a generated key in
    the instance folder so sessions survive restarts.
    """
    overrides = dict(overrides or {})
    env = os.environ
    app_env = overrides.get("APP_ENV") or env.get("APP_ENV", "development")
    production = app_env == "production"
    testing = app_env == "testing" or bool(overrides.get("TESTING"))
    instance = Path(instance_path)

    secret_key = overrides.get("SECRET_KEY") or env.get("SECRET_KEY")
    if not secret_key:
        if production:
            raise ConfigError("SECRET_KEY must be set in production (APP_ENV=production).")
        secret_key = "testing-secret" if testing else _development_secret_key(instance)

    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance / 'lentera.db'}"
    redis_url = env.get("REDIS_URL") or None

    config: dict[str, Any] = {
        "APP_ENV": app_env,
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": redis_url,
        # Sessions and cookies.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), production),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), production),
        "PERMANENT_SESSION_LIFETIME": 8 * 3600,
        "MAX_CONTENT_LENGTH": 25 * 1024 * 1024,
        # CSRF (Flask-WTF).
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        # Languages (Flask-Babel): Bahasa Indonesia first.
        "LANGUAGES": ["id", "en"],
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_DEFAULT_TIMEZONE": env.get("APP_TIMEZONE", "Asia/Jakarta"),
        # Rate limits (Flask-Limiter).
        "RATELIMIT_ENABLED": _bool(env.get("RATELIMIT_ENABLED"), True),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI") or redis_url or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": env.get("LOGIN_RATE_LIMIT", "5 per minute;30 per hour"),
        "LOGIN_IP_RATE_LIMIT": env.get("LOGIN_IP_RATE_LIMIT", "30 per minute;300 per hour"),
        "PUBLIC_RATE_LIMIT": env.get("PUBLIC_RATE_LIMIT", "30 per minute;300 per hour"),
        # Mail (Flask-Mailman): SMTP from the environment; console in development.
        "MAIL_BACKEND": env.get("MAIL_BACKEND") or ("smtp" if env.get("MAIL_SERVER") else "console"),
        "MAIL_SERVER": env.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(env.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": env.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD"),
        "MAIL_USE_TLS": _bool(env.get("MAIL_USE_TLS"), False),
        "MAIL_USE_SSL": _bool(env.get("MAIL_USE_SSL"), False),
        "MAIL_DEFAULT_SENDER": env.get("MAIL_DEFAULT_SENDER", "Lentera <no-reply@lentera.local>"),
        # Background jobs: "rq" with Redis, "thread" in development, "inline" in tests.
        "JOBS_MODE": env.get("JOBS_MODE") or ("rq" if redis_url else "thread"),
        # API (flask-smorest / OpenAPI).
        "API_TITLE": "Lentera API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "API_TOKEN_HOURS": int(env.get("API_TOKEN_HOURS", "12")),
        # Uploads live in the instance folder unless told otherwise.
        "UPLOAD_FOLDER": env.get("UPLOAD_FOLDER") or str(instance / "uploads"),
        "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
    }
    if testing:
        config.update(
            TESTING=True,
            JOBS_MODE="inline",
            MAIL_BACKEND="locmem",
            RATELIMIT_ENABLED=False,
            RATELIMIT_STORAGE_URI="memory://",
        )
    config.update(overrides)
    config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(config["SQLALCHEMY_DATABASE_URI"])
    return config
