"""Every route declares who may use it, and each role gets exactly what the declaration says."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from werkzeug.routing.converters import NumberConverter

from app.auth.services import issue_token
from app.security import Role, rule_for_endpoint
from tests.conftest import login
from tests.factories import make_unit, make_user

SKIP_METHODS = {"HEAD", "OPTIONS"}
ROLES = [None, Role.EMPLOYEE, Role.HR, Role.EVALUATOR, Role.ADMIN]


def undeclared_endpoints(app: Flask) -> list[str]:
    """Endpoints in the URL map without an access declaration."""
    return sorted(
        {r.endpoint for r in app.url_map.iter_rules() if rule_for_endpoint(app, r.endpoint) is None}
    )


def test_every_route_declares_access(app: Flask) -> None:
    assert undeclared_endpoints(app) == []


def test_an_undeclared_route_is_caught_and_refused(app: Flask) -> None:
    """The check above really fails for a new route without a declaration, and the hook refuses it."""
    from app import create_app

    other = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    other.add_url_rule("/forgotten", "forgotten", lambda: "secret")
    assert undeclared_endpoints(other) == ["forgotten"]
    assert other.test_client().get("/forgotten").status_code == 403


def _build_url(rule) -> str:
    url = rule.rule
    for name, converter in rule._converters.items():
        value = "1" if isinstance(converter, NumberConverter) else "x"
        url = re.sub(rf"<(?:[^:<>]+:)?{name}>", value, url)
    return url


def _routes(app: Flask):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static":
            continue
        for method in sorted((rule.methods or set()) - SKIP_METHODS):
            yield rule, method


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
def test_access_matrix(app: Flask, role: Role | None) -> None:
    """Request every route as this role: allowed ones must not be 403/5xx, others must be refused."""
    unit = make_unit()
    client = app.test_client()
    user, token = None, None
    if role is not None:
        user = make_user(roles=[role.value], unit=unit)
        token, _expires = issue_token(user, 1)
    failures = []
    for rule, method in _routes(app):
        if user is not None:
            login(client, user)  # a previous request (sign-out) may have ended the session
        declared = rule_for_endpoint(app, rule.endpoint)
        url = _build_url(rule)
        allowed = declared.allows(user) if user is not None else declared.public
        kwargs: dict = {}
        if url.startswith("/api/"):
            if method in {"POST", "PUT", "PATCH"}:
                kwargs["json"] = {}
            if token:
                # Revoking uses a token of its own so the others stay valid.
                bearer = issue_token(user, 1)[0] if rule.endpoint == "auth_api.delete_token" else token
                kwargs["headers"] = {"Authorization": f"Bearer {bearer}"}
        response = client.open(url, method=method, **kwargs)
        status = response.status_code
        if status >= 500:
            failures.append(f"{method} {url}: {status} (server error)")
        elif allowed and status in (401, 403):
            failures.append(f"{method} {url}: {status} but {declared.describe()} should allow it")
        elif not allowed:
            expected = (
                (401,) if url.startswith("/api/") and user is None else (302,) if user is None else (403,)
            )
            if status not in expected:
                failures.append(f"{method} {url}: {status}, expected {expected} for {declared.describe()}")
    assert failures == [], "\n".join(failures)
