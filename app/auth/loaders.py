"""How Flask-Login finds the current user: the session on pages, a bearer token on the API."""

from __future__ import annotations

from flask import Request

from app.auth.services import user_for_token
from app.extensions import db, login_manager
from app.org.models import User
from app.security import is_api_request


@login_manager.user_loader
def load_user_from_session(identity: str) -> User | None:
    """Session identity is "<id>.<session_version>"; the API never uses cookies."""
    if is_api_request():
        return None
    user_id, _, version = identity.partition(".")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


@login_manager.request_loader
def load_user_from_token(request: Request) -> User | None:
    """`Authorization: Bearer <token>` on API requests."""
    if not is_api_request():
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return user_for_token(token.strip())
