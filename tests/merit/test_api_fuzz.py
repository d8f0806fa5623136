"""Schemathesis against the Merit endpoints (and /audit): no 500s, responses match the document."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from app.auth.services import issue_token
from app.extensions import db
from tests.merit.factories import make_evaluation, make_office

MERIT_PATHS = (
    r"^/api/v1/(evaluations|merit-actions|audit"
    r"|users/\{user_id\}/(evaluations|absences|sanctions|rewards|merit-profile)"
    r"|units/\{unit_id\}/(talent-grid|calibration|kpis))"
)


def test_merit_api_never_fails(app) -> None:
    office = make_office()
    make_evaluation(office.employee, "2026", "baik", evaluator=office.evaluator)
    raw, _ = issue_token(office.admin, 1)
    db.session.flush()
    headers = {"Authorization": f"Bearer {raw}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.include(path_regex=MERIT_PATHS).get_all_operations()]
    assert len(operations) >= 20

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            if response.status_code < 400:
                case.validate_response(response)

        check()
