"""Schemathesis against the Competency endpoints: no 500s, responses match the OpenAPI document."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from app.auth.services import issue_token
from app.extensions import db
from tests.competency.factories import set_standard
from tests.factories import make_position, make_unit, make_user

COMPETENCY_PATHS = (
    r"^/api/v1/(competencies|positions/\{position_id\}/requirements"
    r"|users/\{user_id\}/(evidence|competency-profile))"
)


@pytest.fixture
def admin_header():
    unit = make_unit()
    position = make_position()
    set_standard(position, {"M.1": 3})
    make_user(unit=unit, position=position)
    admin = make_user(roles=["admin"], unit=unit)
    raw, _ = issue_token(admin, 1)
    db.session.flush()
    return {"Authorization": f"Bearer {raw}"}


def test_competency_api_never_fails(app, admin_header):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.include(path_regex=COMPETENCY_PATHS).get_all_operations()]
    assert len(operations) >= 8

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call(headers=admin_header)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            if response.status_code < 400:
                case.validate_response(response)

        check()
