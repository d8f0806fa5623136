"""Who sees whose merit data: employees only their own; evaluators their reach; HR their units."""

from __future__ import annotations

import pytest

from app.merit.services.actions import propose_action
from app.merit.services.discipline import record_sanction
from app.merit.services.records import assign_evaluator
from tests.conftest import login
from tests.factories import make_user
from tests.merit.factories import make_evaluation, make_office

# (viewer, subject, visible?) — `office` attributes.
CASES = [
    ("employee", "employee", True),
    ("employee", "colleague", False),
    ("employee", "evaluator", False),
    ("colleague", "employee", False),
    ("evaluator", "employee", True),  # supervisee and same subtree
    ("evaluator", "outsider", False),
    ("evaluator2", "employee", True),  # unit above
    ("evaluator", "evaluator2", False),  # the superior's unit is above the evaluator's
    ("hr", "employee", True),
    ("hr", "outsider", False),
    ("admin", "outsider", True),
]


@pytest.mark.parametrize(("viewer", "subject", "visible"), CASES)
def test_profile_page_and_api_visibility(app, client, api_token, viewer, subject, visible) -> None:
    office = make_office()
    evaluation = make_evaluation(getattr(office, subject), "2026", "baik")
    person, user = getattr(office, subject), getattr(office, viewer)
    web = login(app.test_client(), user)
    urls = [f"/merit/people/{person.id}", f"/merit/evaluations/{evaluation.id}"]
    for url in urls:
        status = web.get(url).status_code
        assert (status in (200, 302)) is visible and (visible or status == 404), (url, status)
    api = client.get(f"/api/v1/users/{person.id}/merit-profile", headers=api_token(user))
    assert api.status_code == (200 if visible else 404)
    response = client.get(f"/api/v1/evaluations/{evaluation.id}", headers=api_token(user))
    assert response.status_code == (200 if visible else 404)


def test_merit_action_pages_are_private(app) -> None:
    office = make_office()
    action = propose_action(
        office.hr,
        {"user_id": office.employee.id, "category": "reward", "kind": "pegawai_teladan", "reason": "x"},
    )
    assert login(app.test_client(), office.employee).get(f"/merit/actions/{action.id}").status_code == 200
    assert login(app.test_client(), office.colleague).get(f"/merit/actions/{action.id}").status_code == 404
    assert login(app.test_client(), office.outsider).get(f"/merit/actions/{action.id}").status_code == 404


def test_sanction_details_go_to_evaluators_only_while_they_decide(app, client, api_token) -> None:
    office = make_office()
    record_sanction(
        office.hr,
        office.employee,
        {
            "kind": "teguran_lisan",
            "legal_basis": "SK 1/2026",
            "decided_on": "2026-01-05",
            "description": "Terlambat",
        },
    )
    url = f"/api/v1/users/{office.employee.id}/sanctions"
    assert client.get(url, headers=api_token(office.evaluator)).json["items"][0]["legal_basis"] is None
    propose_action(
        office.hr,
        {
            "user_id": office.employee.id,
            "category": "sanction",
            "kind": "teguran_tertulis",
            "reason": "Berulang",
        },
    )
    assert client.get(url, headers=api_token(office.evaluator)).json["items"][0]["legal_basis"] == "SK 1/2026"


def test_an_assigned_evaluator_sees_the_person_and_lists_follow_visibility(app, client, api_token) -> None:
    office = make_office()
    outsider_eval = make_evaluation(office.outsider, "2026", "baik")
    assign_evaluator(office.admin, office.outsider, office.evaluator.id)
    response = client.get(f"/api/v1/evaluations/{outsider_eval.id}", headers=api_token(office.evaluator))
    assert response.status_code == 200
    propose_action(
        office.admin,
        {"user_id": office.outsider.id, "category": "reward", "kind": "pegawai_teladan", "reason": "x"},
    )
    mine = client.get("/api/v1/merit-actions", headers=api_token(office.employee)).json
    assert mine["total"] == 0
    assert client.get("/api/v1/merit-actions", headers=api_token(office.evaluator)).json["total"] == 1
    stranger = make_user(unit=office.other, roles=["evaluator"])
    assert client.get("/api/v1/merit-actions", headers=api_token(stranger)).json["total"] == 1  # same unit


def test_unit_pages_follow_the_unit_scope(app) -> None:
    office = make_office()
    evaluator = login(app.test_client(), office.evaluator)
    assert evaluator.get(f"/merit/talent/units/{office.sub.id}").status_code == 200
    assert evaluator.get(f"/merit/talent/units/{office.unit.id}").status_code == 404  # above their unit
    assert evaluator.get(f"/merit/kpis/units/{office.other.id}").status_code == 404
    employee = login(app.test_client(), office.employee)
    assert employee.get(f"/merit/talent/units/{office.sub.id}").status_code == 403
