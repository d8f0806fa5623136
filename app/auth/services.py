"""Use cases of authentication: sign-in checks, password change, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from app.auth.passwords import hash_password, password_problems, verify_password
from app.db import utcnow
from app.errors import ServiceError
from app.extensions import db
from app.org.models import ApiToken, User

# Hashes compared against when the username is unknown, so timing does not reveal which
# usernames exist; one per hashing method, made with the configured method on first use.
_DUMMY_HASHES: dict[str, str] = {}


def _dummy_hash() -> str:
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    if method not in _DUMMY_HASHES:
        _DUMMY_HASHES[method] = hash_password(secrets.token_hex(16))
    return _DUMMY_HASHES[method]


class AuthError(ServiceError):
    """A sign-in, password or token request was refused."""


def find_user_by_username(username: str) -> User | None:
    """The user with this username (case-insensitive), active or not."""
    return db.session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))


def authenticate(username: str, password: str) -> User | None:
    """The active user with these credentials, or None."""
    user = find_user_by_username(username)
    if user is None:
        verify_password(_dummy_hash(), password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    user.last_login_at = utcnow()
    return user


def change_password(user: User, current: str, new: str, confirm: str) -> None:
    """Change the user's password after checking the current one and the policy.

    Bumps the session version, so every other signed-in session ends.
    """
    fields: dict[str, list[str]] = {}
    if not verify_password(user.password_hash, current):
        fields["current_password"] = [str(_l("The current password is not correct."))]
    problems = password_problems(new, username=user.username)
    if problems:
        fields["new_password"] = problems
    if new != confirm:
        fields["confirm_password"] = [str(_l("The two new passwords differ."))]
    if fields:
        raise AuthError(str(_l("The password was not changed.")), fields)
    set_password(user, new)


def set_password(user: User, new: str) -> None:
    """Store a new password hash and invalidate the user's other sessions and tokens."""
    user.password_hash = hash_password(new)
    user.session_version = (user.session_version or 1) + 1
    revoke_all_tokens(user.id)
    db.session.flush()


def _token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue_token(user: User, hours: int) -> tuple[str, datetime]:
    """Create a bearer token for the user; returns the raw token (shown once) and expiry."""
    raw = secrets.token_urlsafe(32)
    now = utcnow()
    expires = now + timedelta(hours=hours)
    db.session.add(
        ApiToken(user_id=user.id, token_hash=_token_digest(raw), created_at=now, expires_at=expires)
    )
    db.session.flush()
    return raw, expires


def user_for_token(raw: str) -> User | None:
    """The active user a valid, unexpired, unrevoked token belongs to."""
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_digest(raw)))
    if token is None or token.revoked_at is not None or token.expires_at <= utcnow():
        return None
    user = token.user
    return user if user.active else None


def revoke_token(raw: str) -> bool:
    """Revoke one token; True when it existed and was still valid."""
    result = db.session.execute(
        update(ApiToken)
        .where(ApiToken.token_hash == _token_digest(raw), ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return result.rowcount > 0


def revoke_all_tokens(user_id: int) -> None:
    """Revoke every token of a user (password change, deactivation)."""
    db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
