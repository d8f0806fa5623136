"""Signing in and out through the real form, and the rate limit on it."""

from __future__ import annotations

from flask import Flask

from app.extensions import db
from tests.conftest import login
from tests.factories import PASSWORD, make_user


def _sign_in(client, username: str, password: str, **extra):
    return client.post("/login", data={"username": username, "password": password, **extra})


def test_login_page_renders_in_indonesian_by_default(client) -> None:
    page = client.get("/login")
    assert page.status_code == 200
    assert "Masuk" in page.get_data(as_text=True)


def test_correct_password_signs_in_and_lands_on_the_role_home(client) -> None:
    make_user(roles=["hr"], username="siti")
    response = _sign_in(client, "siti", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/").headers["Location"] == "/people"
    assert client.get("/people").status_code == 200


def test_username_is_case_insensitive_and_last_login_is_recorded(client) -> None:
    user = make_user(username="budi")
    assert _sign_in(client, "  BUDI ", PASSWORD).status_code == 302
    db.session.refresh(user)
    assert user.last_login_at is not None


def test_wrong_password_shows_an_error_and_keeps_the_username(client) -> None:
    make_user(username="budi")
    response = _sign_in(client, "budi", "wrong-password1")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in text
    assert 'value="budi"' in text
    assert client.get("/me").status_code == 302  # still signed out


def test_unknown_user_gets_the_same_message(client) -> None:
    response = _sign_in(client, "nobody", "whatever1")
    assert "Nama pengguna atau kata sandi salah." in response.get_data(as_text=True)


def test_deactivated_user_cannot_sign_in(client) -> None:
    make_user(username="gone", active=False)
    response = _sign_in(client, "gone", PASSWORD)
    assert response.status_code == 200
    assert client.get("/me").status_code == 302


def test_next_parameter_is_followed_only_on_this_site(client) -> None:
    make_user(username="budi")
    assert _sign_in(client, "budi", PASSWORD, next="/me").headers["Location"] == "/me"
    client.post("/logout")
    evil = _sign_in(client, "budi", PASSWORD, next="https://evil.example/")
    assert evil.headers["Location"] == "/"
    client.post("/logout")
    assert _sign_in(client, "budi", PASSWORD, next="//evil.example").headers["Location"] == "/"


def test_protected_page_redirects_to_login_with_next(client) -> None:
    response = client.get("/people?page=2")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_logout_ends_the_session(client) -> None:
    login(client, make_user())
    assert client.get("/me").status_code == 200
    response = client.post("/logout")
    assert response.headers["Location"] == "/login"
    assert client.get("/me").status_code == 302


def test_login_is_rate_limited_per_username_with_a_clear_message(make_app) -> None:
    limited: Flask = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    client = limited.test_client()
    for _attempt in range(3):
        assert _sign_in(client, "target", "guess-123").status_code == 200
    locked = _sign_in(client, "target", "guess-123")
    text = locked.get_data(as_text=True)
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in text
    assert 'name="username"' in text  # the form is still there, with the message beside it
    # Another username from the same address is not locked by this one's attempts.
    assert _sign_in(client, "someone-else", "guess-123").status_code == 200
    # The page itself stays reachable.
    assert client.get("/login").status_code == 200


def test_api_token_endpoint_is_rate_limited_too(make_app) -> None:
    limited = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="2 per minute")
    client = limited.test_client()
    body = {"username": "target", "password": "guess-123"}
    assert client.post("/api/v1/auth/token", json=body).status_code == 401
    assert client.post("/api/v1/auth/token", json=body).status_code == 401
    response = client.post("/api/v1/auth/token", json=body)
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "rate_limited"
