"""Schemathesis against the service quality endpoints: no 500s, responses match the OpenAPI document."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from app.auth.services import issue_token
from app.extensions import db
from tests.factories import make_unit, make_user
from tests.service_quality.factories import file, make_response, make_service

SERVICE_QUALITY_PATHS = (
    r"^/api/v1/(survey-responses|complaints|complaint-status|innovations"
    r"|units/\{unit_id\}/(ikm|services))"
)


@pytest.fixture
def headers():
    unit = make_unit()
    make_service(unit)
    make_response(unit, [4] * 9)
    file(unit)
    admin = make_user(roles=["admin"], unit=unit)
    raw, _ = issue_token(admin, 1)
    db.session.flush()
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.parametrize("signed_in", [True, False], ids=["admin", "anonymous"])
def test_service_quality_api_never_fails(app, headers, signed_in: bool):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    selected = schema.include(path_regex=SERVICE_QUALITY_PATHS)
    operations = [result.ok() for result in selected.get_all_operations()]
    assert len(operations) >= 11

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call(headers=headers if signed_in else {})
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            if response.status_code < 400:
                case.validate_response(response)

        check()
