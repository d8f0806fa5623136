"""Password hashing and the password policy."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    """Hash with scrypt (configurable as `PASSWORD_HASH_METHOD`, e.g. faster in tests)."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    return generate_password_hash(password, method=method)


def verify_password(password_hash: str, password: str) -> bool:
    """True when `password` matches the stored hash."""
    return check_password_hash(password_hash, password)


def password_problems(password: str, *, username: str = "") -> list[str]:
    """Reasons a new password is refused (empty when it is acceptable)."""
    problems: list[str] = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(str(_l("Use at least %(n)s characters.", n=MIN_PASSWORD_LENGTH)))
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        problems.append(str(_l("Use both letters and digits.")))
    if username and password.lower() == username.lower():
        problems.append(str(_l("The password cannot be your username.")))
    return problems
