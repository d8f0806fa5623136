"""API tokens: issue, use, expire, revoke; 401 without one; the error format."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update

from app.db import utcnow
from app.extensions import db
from app.org.models import ApiToken
from tests.factories import PASSWORD, make_user


def _token(client, username: str, password: str = PASSWORD):
    return client.post("/api/v1/auth/token", json={"username": username, "password": password})


def test_issue_a_token_and_use_it(client) -> None:
    make_user(username="budi", name="Budi Santoso")
    response = _token(client, "budi")
    assert response.status_code == 201
    body = response.get_json()
    expires = datetime.fromisoformat(body["expires_at"])
    assert expires.utcoffset() is not None
    assert timedelta(hours=11, minutes=59) < expires - utcnow() <= timedelta(hours=12)
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.get_json()["username"] == "budi" and me.get_json()["name"] == "Budi Santoso"
    assert me.headers["Cache-Control"] == "no-store"


def test_bad_credentials_are_401_in_the_error_format(client) -> None:
    make_user(username="budi")
    response = _token(client, "budi", "wrong-one1")
    assert response.status_code == 401
    error = response.get_json()["error"]
    assert error["code"] == "unauthorized" and error["message"] and error["fields"] == {}
    assert _token(client, "nobody").status_code == 401
    make_user(username="gone", active=False)
    assert _token(client, "gone").status_code == 401


def test_missing_fields_are_422_with_a_field_map(client) -> None:
    response = client.post("/api/v1/auth/token", json={"username": "budi"})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error" and "password" in error["fields"]


def test_malformed_json_is_400(client) -> None:
    response = client.post("/api/v1/auth/token", data="{not json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert "error" in response.get_json()


def test_requests_without_or_with_a_bad_token_are_401(client) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
        response = client.get("/api/v1/me", headers=headers)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert response.get_json()["error"]["code"] == "unauthorized"


def test_expired_token_is_refused(client, api_token) -> None:
    user = make_user()
    headers = api_token(user)
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    db.session.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_revoke_the_token_in_use(client) -> None:
    make_user(username="budi")
    token = _token(client, "budi").get_json()["token"]
    other = _token(client, "budi").get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.delete("/api/v1/auth/token", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {other}"}).status_code == 200


def test_only_a_hash_of_the_token_is_stored(client) -> None:
    make_user(username="budi")
    token = _token(client, "budi").get_json()["token"]
    stored = db.session.scalars(db.select(ApiToken.token_hash)).all()
    assert token not in stored and all(len(h) == 64 for h in stored)


def test_deactivating_a_user_stops_their_tokens(client, api_token) -> None:
    user = make_user()
    headers = api_token(user)
    user.active = False
    db.session.flush()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
