"""Cookies, security headers, CSRF on every form, and input that must never reach the database."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from app.security import PUBLIC, access
from tests.conftest import login
from tests.factories import PASSWORD, make_unit, make_user

SKIP_ENDPOINTS = {"static"}


def _cookie_attributes(response, name: str) -> dict[str, str | bool]:
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{name}="))
    attributes: dict[str, str | bool] = {}
    for part in header.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        attributes[key.lower()] = value or True
    return attributes


def test_session_cookie_is_httponly_and_samesite(client) -> None:
    make_user(username="budi")
    response = client.post("/login", data={"username": "budi", "password": PASSWORD})
    cookie = _cookie_attributes(response, "session")
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_production_cookies_are_secure(make_app) -> None:
    production = make_app(APP_ENV="production", TESTING=False, SECRET_KEY="x" * 40)
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["REMEMBER_COOKIE_SECURE"] is True
    response = production.test_client().get("/login", base_url="https://lentera.example")
    cookie = _cookie_attributes(response, "session")
    assert cookie["secure"] is True and cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_production_refuses_to_start_without_a_secret_key(make_app, monkeypatch) -> None:
    from app.config import ConfigError

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        make_app(APP_ENV="production", TESTING=False)


@pytest.mark.parametrize("path", ["/login", "/api/v1/openapi.json", "/no-such-page"])
def test_security_headers(client, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"  # no inline script, no eval
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client) -> None:
    login(client, make_user(roles=["admin"], unit=make_unit()))
    for path in ("/login", "/me", "/people", "/units", "/positions", "/admin/settings/", "/import"):
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert " style=" not in html and "<style" not in html, path
        assert not re.search(r"\son[a-z]+=", html), path  # no inline event handlers


def _html_post_endpoints(app: Flask) -> list[tuple[str, str]]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.rule.startswith("/api/") or rule.endpoint in SKIP_ENDPOINTS:
            continue
        url = re.sub(r"<int:[^>]+>", "1", rule.rule)
        url = re.sub(r"<[^>]+>", "x", url)
        urls.append((rule.endpoint, url))
    return sorted(urls)


def _csrf_failures(app: Flask) -> list[str]:
    """POST every HTML form route without a token, signed in as an admin: each must answer 400."""
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = app.test_client()
        login(client, make_user(roles=["admin", "hr", "evaluator", "employee"], unit=make_unit()))
        failures = []
        for endpoint, url in _html_post_endpoints(app):
            response = client.post(url, data={"anything": "1"})
            if response.status_code != 400:
                failures.append(f"{endpoint} {url}: {response.status_code}")
        return failures
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_every_html_post_route_requires_a_csrf_token(app: Flask) -> None:
    assert len(_html_post_endpoints(app)) >= 10
    assert _csrf_failures(app) == []


def test_csrf_failure_page_explains_what_to_do(app: Flask) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = app.test_client().post("/login", data={"username": "a", "password": "b"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert "muat ulang" in response.get_data(as_text=True).lower()


def test_a_form_route_exempt_from_csrf_is_caught(make_app) -> None:
    """The walk above fails for a new HTML POST route that skips CSRF protection."""
    from app.extensions import csrf

    other = make_app()

    @access(PUBLIC)
    def careless():
        return "changed something"

    other.add_url_rule("/careless", "careless", csrf.exempt(careless), methods=["POST"])
    with other.app_context():
        assert "careless /careless: 200" in _csrf_failures(other)


def test_api_needs_no_csrf_but_refuses_cookies(app: Flask) -> None:
    """The API is exempt from CSRF because it never accepts the session cookie."""
    user = make_user(roles=["admin"])
    client = login(app.test_client(), user)
    assert client.get("/me").status_code == 200
    assert client.get("/api/v1/me").status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/people?q=a%00b",
        "/people?unit_id=99999999999999999999999&page=99999999999999999999",
        "/people/99999999999999999999999",
        "/units?q=%25_%5C",
        "/positions?tier=nope&page=-5&per_page=100000",
        "/notifications/?page=99999999999999999999",
    ],
)
def test_hostile_query_strings_never_cause_a_server_error(client, path: str) -> None:
    login(client, make_user(roles=["admin"], unit=make_unit()))
    assert client.get(path).status_code in (200, 400, 404)


def test_nul_characters_are_refused_with_a_message(client) -> None:
    response = client.post("/login", data={"username": "a\x00b", "password": "x"})
    assert response.status_code == 400
    api = client.post("/api/v1/auth/token", json={"username": "a\x00", "password": "x"})
    assert api.status_code == 422
    assert "username" in api.get_json()["error"]["fields"]
