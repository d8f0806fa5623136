"""Every plain GET page renders for the roles that may open it (no template errors)."""

from __future__ import annotations

import pytest
from flask import Flask

from app.security import Role, rule_for_endpoint
from tests.conftest import login
from tests.factories import make_position, make_unit, make_user


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.HR, Role.EVALUATOR, Role.ADMIN])
def test_pages_without_arguments_render(app: Flask, role: Role) -> None:
    unit = make_unit()
    make_position()
    user = make_user(roles=[role.value], unit=unit)
    client = login(app.test_client(), user)
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.arguments or rule.rule.startswith(("/api/", "/static")):
            continue
        if not rule_for_endpoint(app, rule.endpoint).allows(user):
            continue
        response = client.get(rule.rule)
        assert response.status_code in (200, 302), f"{rule.rule}: {response.status_code}"
