"""API authentication: issue and revoke bearer tokens; who am I."""

from __future__ import annotations

import marshmallow as ma
from flask import abort, current_app, request
from flask_login import current_user

from app.api.common import PUBLIC_SECURITY, api_blueprint
from app.auth.services import authenticate, issue_token, revoke_token
from app.extensions import db, limiter
from app.org.api_schemas import UserSchema
from app.security import AUTHENTICATED, PUBLIC, access

blp = api_blueprint("auth_api", __name__, "Bearer tokens and the current user")


class TokenRequestSchema(ma.Schema):
    username = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=64))
    password = ma.fields.String(required=True, load_only=True, validate=ma.validate.Length(min=1, max=200))


class TokenSchema(ma.Schema):
    token = ma.fields.String(required=True)
    expires_at = ma.fields.DateTime(required=True)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@blp.route("/auth/token", methods=["POST"])
@access(PUBLIC)
@limiter.limit(_login_limit)
@blp.doc(security=PUBLIC_SECURITY)
@blp.arguments(TokenRequestSchema)
@blp.response(201, TokenSchema)
@blp.alt_response(401, description="Wrong username or password")
def create_token(data):
    """Exchange a username and password for a bearer token (default lifetime 12 hours)."""
    user = authenticate(data["username"], data["password"])
    if user is None:
        abort(401)
    token, expires_at = issue_token(user, current_app.config["API_TOKEN_HOURS"])
    db.session.commit()
    return {"token": token, "expires_at": expires_at}


@blp.route("/auth/token", methods=["DELETE"])
@access(AUTHENTICATED)
@blp.response(204)
def delete_token():
    """Revoke the token used for this request."""
    token = request.headers.get("Authorization", "").partition(" ")[2].strip()
    revoke_token(token)
    db.session.commit()


@blp.route("/me", methods=["GET"])
@access(AUTHENTICATED)
@blp.response(200, UserSchema)
def me():
    """The user the token belongs to."""
    return current_user
