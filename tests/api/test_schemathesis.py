"""Property-based API test: every operation of the served OpenAPI document, fuzzed.

Schemathesis loads `/api/v1/openapi.json` from the app (WSGI, no server) and calls every
operation with generated valid and invalid input: secured operations with an
administrator's bearer token (a fresh one per call, so revoking it or changing the
administrator's password cannot lock the run out), public ones (documented with
`security: []`) without any. Two checks: no server error, and every response matches the
documented schema (error responses included).

It covers whatever endpoints exist when it runs: an area that adds endpoints needs no
change here. Random ids rarely exist, so operations whose path names a parameter listed
in `KNOWN_IDS` get one more pass with that parameter fixed to an existing row: add your
area's path parameters there (a function of the `api_world` dict returning an id).

Everything runs inside the test's rolled-back transaction. Schemathesis's own pytest
plugin (`from_fixture`) does not work with pytest 9, so the operations are looped here
with Hypothesis directly; each failure names its operation and the request to replay.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from app.auth.services import issue_token
from app.extensions import db
from tests.assessments.factories import world_attempt, world_quiz
from tests.certificates.factories import world_certificate
from tests.courses.factories import world_course
from tests.factories import make_position, make_unit, make_user
from tests.service_quality.factories import world_complaint

# Examples per operation and pass: enough to find crashes, few enough to keep the whole run
# well under a minute per database as the API grows.
EXAMPLES_PER_OPERATION = 10
CHECKS = [not_a_server_error, response_schema_conformance]

# Path parameter → the id of an existing row in `api_world`. Areas add theirs here.
KNOWN_IDS: dict[str, Callable[[dict[str, Any]], int]] = {
    "user_id": lambda world: world["employee"].id,
    "unit_id": lambda world: world["unit"].id,
    "position_id": lambda world: world["position"].id,
    "complaint_id": lambda world: world_complaint(world).id,
    "quiz_id": lambda world: world_quiz(world).id,
    "attempt_id": lambda world: world_attempt(world).id,
    "course_id": lambda world: world_quiz(world).course_id,
    "class_id": lambda world: (world_course(world), world["class"])[1].id,
    "enrollment_id": lambda world: (world_course(world), world["enrollment"])[1].id,
    "certificate_id": lambda world: world_certificate(world).id,
}
# The same parameter name on different paths means different rows.
KNOWN_IDS_BY_PATH: dict[str, dict[str, Callable[[dict[str, Any]], Any]]] = {
    "/complaint-status/{code}": {"code": lambda world: world_complaint(world).tracking_code},
    "/verify/{code}": {"code": lambda world: world_certificate(world).code},
}


@pytest.fixture
def api_world() -> dict[str, Any]:
    """A small organisation with an administrator whose tokens the run uses."""
    root = make_unit("Provinsi")
    unit = make_unit("Badan Kepegawaian", parent=root)
    position = make_position()
    admin = make_user(roles=["admin", "employee"], unit=unit, position=position, username="api.admin")
    hr = make_user(roles=["hr", "employee"], unit=unit, supervisor=admin)
    evaluator = make_user(roles=["evaluator", "employee"], unit=root)
    employee = make_user(unit=unit, position=position, supervisor=evaluator)
    db.session.flush()
    return {
        "admin": admin,
        "hr": hr,
        "evaluator": evaluator,
        "employee": employee,
        "root": root,
        "unit": unit,
        "position": position,
    }


def _is_public(operation) -> bool:
    """Operations documented with an empty security requirement need no token."""
    return operation.definition.raw.get("security") == []


def _path_parameters(operation) -> list[str]:
    return [p.name for p in operation.path_parameters]


def _check_operation(operation, mode: GenerationMode, world: dict, fixed: dict | None = None) -> None:
    public = _is_public(operation)
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed)

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case) -> None:
        # Schemathesis also generates values for documented security schemes; replace them.
        headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
        if not public:
            token, _expires = issue_token(world["admin"], 1)
            headers["Authorization"] = f"Bearer {token}"
        case.headers = headers
        # A fresh context, as `IsolatedClient` does: otherwise Flask reuses the test's app
        # context for the request and Flask-Login's cached user leaks from one call to the next.
        contextvars.Context().run(case.call_and_validate, checks=CHECKS)

    run()


def _passes(operation, world: dict):
    """(label, mode, fixed path parameters) for each run of one operation."""
    yield "positive", GenerationMode.POSITIVE, None
    yield "negative", GenerationMode.NEGATIVE, None
    names = _path_parameters(operation)
    known = {**KNOWN_IDS, **KNOWN_IDS_BY_PATH.get(_relative_path(operation), {})}
    if names and all(name in known for name in names):
        yield "existing ids", GenerationMode.POSITIVE, {name: known[name](world) for name in names}


def _relative_path(operation) -> str:
    """The operation's path below the API prefix, as the contract writes it (`/verify/{code}`)."""
    return operation.path.removeprefix("/api/v1")


def test_every_api_operation_conforms_to_its_schema(app, api_world) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    assert any(_is_public(op) for op in operations), "the token endpoint is public"
    paths = {_relative_path(op) for op in operations}
    assert set(KNOWN_IDS_BY_PATH) <= paths, "KNOWN_IDS_BY_PATH names a path the API does not have"
    failures = []
    for operation in operations:
        for label, mode, fixed in _passes(operation, api_world):
            try:
                _check_operation(operation, mode, api_world, fixed)
            except Unsatisfiable:  # nothing to make invalid (no parameters, no body)
                continue
            except Exception as exc:  # collect every operation's failure, then report them all
                failures.append(f"{operation.label} ({label}):\n{exc}")
    assert not failures, "\n\n".join(failures)
