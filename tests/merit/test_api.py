"""The Merit endpoints of api-v1.md: contract fields, status codes, errors and object-level 404s."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.extensions import db
from app.merit.models import PerformanceEvaluation, Sanction
from app.merit.services.snapshots import refresh_snapshots
from tests.merit.factories import make_assessment, make_evaluation, make_office


@pytest.fixture
def office():
    return make_office()


def test_post_evaluation_returns_id_and_predicate(client, api_token, office) -> None:
    body = {"user_id": office.employee.id, "period": "2026", "work_result": "above", "work_behavior": "above"}
    response = client.post("/api/v1/evaluations", json=body, headers=api_token(office.evaluator))
    assert response.status_code == 201, response.json
    assert response.json["predicate"] == "sangat_baik"
    assert response.json["id"] > 0
    again = client.post("/api/v1/evaluations", json=body, headers=api_token(office.evaluator))
    assert again.status_code == 409
    assert again.json["error"]["code"] == "conflict"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"work_result": "excellent"}, "work_result"),
        ({"period": "2026-Q7"}, "period"),
        ({"user_id": 0}, "user_id"),
    ],
)
def test_bad_evaluations_are_422_naming_the_field(client, api_token, office, change, field) -> None:
    body = {
        "user_id": office.employee.id,
        "period": "2026",
        "work_result": "meets",
        "work_behavior": "meets",
        **change,
    }
    response = client.post("/api/v1/evaluations", json=body, headers=api_token(office.evaluator))
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]
    assert db.session.scalar(select(PerformanceEvaluation.id)) is None


def test_an_invisible_person_is_a_field_error_not_a_leak(client, api_token, office) -> None:
    body = {"user_id": office.outsider.id, "period": "2026", "work_result": "meets", "work_behavior": "meets"}
    response = client.post("/api/v1/evaluations", json=body, headers=api_token(office.evaluator))
    assert response.status_code == 422
    assert "user_id" in response.json["error"]["fields"]


@pytest.mark.parametrize(
    ("days", "run", "sanction"),
    [(2, 0, None), (3, 0, "teguran_lisan"), (13, 2, "potongan_tukin_6"), (10, 10, "pemberhentian")],
)
def test_absences_return_the_recommended_sanction(client, api_token, office, days, run, sanction) -> None:
    body = {"year": 2026, "days": days, "longest_consecutive": run}
    response = client.post(
        f"/api/v1/users/{office.employee.id}/absences", json=body, headers=api_token(office.hr)
    )
    assert response.status_code == 201
    assert response.json == {
        "id": response.json["id"],
        "user_id": office.employee.id,
        "year": 2026,
        "days": days,
        "longest_consecutive": run,
        "recommended_sanction": sanction,
    }
    again = client.post(
        f"/api/v1/users/{office.employee.id}/absences", json=body, headers=api_token(office.hr)
    )
    assert again.status_code == 200


def test_absence_run_longer_than_total_is_refused(client, api_token, office) -> None:
    body = {"year": 2026, "days": 3, "longest_consecutive": 4}
    response = client.post(
        f"/api/v1/users/{office.employee.id}/absences", json=body, headers=api_token(office.hr)
    )
    assert response.status_code == 422
    assert "longest_consecutive" in response.json["error"]["fields"]


def test_merit_profile_contract(client, api_token, office) -> None:
    make_evaluation(office.employee, "2026", "sangat_baik")
    make_assessment(office.employee, 90)
    response = client.get(
        f"/api/v1/users/{office.employee.id}/merit-profile?year=2026", headers=api_token(office.hr)
    )
    assert response.status_code == 200
    doc = response.json
    for key in (
        "user_id",
        "year",
        "job_person_match",
        "potential",
        "performance_predicate",
        "jp",
        "kpis",
        "active_sanctions",
        "talent_box",
        "recommendations",
    ):
        assert key in doc
    assert (doc["talent_box"], doc["potential"], doc["performance_predicate"]) == (9, "tinggi", "sangat_baik")
    assert set(doc["jp"]) == {"earned", "target"}
    rec = next(r for r in doc["recommendations"] if r["rule"] == "talent_box_9")
    assert set(rec) == {"category", "kind", "reasons", "rule"}
    assert rec["category"] == "reward"


def test_one_employee_cannot_see_anothers_profile(client, api_token, office) -> None:
    response = client.get(
        f"/api/v1/users/{office.colleague.id}/merit-profile", headers=api_token(office.employee)
    )
    assert response.status_code == 404
    own = client.get(f"/api/v1/users/{office.employee.id}/merit-profile", headers=api_token(office.employee))
    assert own.status_code == 200


def test_talent_grid_lists_user_ids_per_box(client, api_token, office) -> None:
    for person, predicate, score in ((office.employee, "sangat_baik", 90), (office.colleague, "baik", 50)):
        make_evaluation(person, "2026", predicate)
        make_assessment(person, score)
    refresh_snapshots([office.employee.id, office.colleague.id], [2026])
    response = client.get(
        f"/api/v1/units/{office.unit.id}/talent-grid?year=2026", headers=api_token(office.hr)
    )
    assert response.status_code == 200
    boxes = response.json["boxes"]
    assert set(boxes) == {str(n) for n in range(1, 10)}
    assert boxes["9"] == [office.employee.id]
    assert boxes["2"] == [office.colleague.id]
    other = client.get(f"/api/v1/units/{office.other.id}/talent-grid", headers=api_token(office.hr))
    assert other.status_code == 404


def test_decision_workflow_and_separation_of_duties(client, api_token, office) -> None:
    proposal = {
        "user_id": office.employee.id,
        "category": "reward",
        "kind": "pegawai_teladan",
        "reason": "Teladan",
    }
    created = client.post("/api/v1/merit-actions", json=proposal, headers=api_token(office.evaluator))
    assert created.status_code == 201
    assert created.json["status"] == "proposed"
    action_id = created.json["id"]
    decision = {"decision": "approved", "justification": "Kinerja sangat baik"}
    own = client.post(
        f"/api/v1/merit-actions/{action_id}/decision", json=decision, headers=api_token(office.evaluator)
    )
    assert own.status_code == 403
    assert own.json["error"]["code"] == "separation_of_duties"
    refused = db.session.scalars(select(AuditEntry.action).where(AuditEntry.subject_id == action_id)).all()
    assert "merit.action.decision_refused" in refused
    empty = client.post(
        f"/api/v1/merit-actions/{action_id}/decision",
        json={"decision": "approved", "justification": " "},
        headers=api_token(office.evaluator2),
    )
    assert empty.status_code == 422
    assert "justification" in empty.json["error"]["fields"]
    done = client.post(
        f"/api/v1/merit-actions/{action_id}/decision", json=decision, headers=api_token(office.evaluator2)
    )
    assert done.status_code == 200
    assert done.json["status"] == "approved"
    rewards = client.get(f"/api/v1/users/{office.employee.id}/rewards", headers=api_token(office.employee))
    assert [r["kind"] for r in rewards.json["items"]] == ["pegawai_teladan"]


def test_sanction_details_only_for_those_with_a_need(client, api_token, office) -> None:
    body = {"kind": "teguran_tertulis", "legal_basis": "PP 94/2021 Pasal 8", "decided_on": "2026-03-02"}
    created = client.post(
        f"/api/v1/users/{office.employee.id}/sanctions", json=body, headers=api_token(office.hr)
    )
    assert created.status_code == 201
    duplicate = client.post(
        f"/api/v1/users/{office.employee.id}/sanctions", json=body, headers=api_token(office.hr)
    )
    assert duplicate.status_code == 409
    assert (
        db.session.scalar(select(Sanction.id).where(Sanction.user_id == office.employee.id).offset(1)) is None
    )
    for user, visible in (
        (office.hr, True),
        (office.employee, True),
        (office.evaluator, False),
        (office.admin, True),
    ):
        items = client.get(f"/api/v1/users/{office.employee.id}/sanctions", headers=api_token(user)).json[
            "items"
        ]
        assert (items[0]["legal_basis"] is not None) is visible, user
    assert (
        client.get(
            f"/api/v1/users/{office.employee.id}/sanctions", headers=api_token(office.colleague)
        ).status_code
        == 404
    )


def test_audit_api_lists_entries_with_the_chain(client, api_token, office) -> None:
    make_evaluation(office.employee)
    body = {"year": 2026, "days": 4}
    client.post(f"/api/v1/users/{office.employee.id}/absences", json=body, headers=api_token(office.hr))
    response = client.get(
        f"/api/v1/audit?subject_user_id={office.employee.id}", headers=api_token(office.admin)
    )
    assert response.status_code == 200
    entry = response.json["items"][0]
    assert set(entry) >= {
        "id",
        "at",
        "actor_id",
        "action",
        "subject_type",
        "subject_id",
        "details",
        "hash",
        "prev_hash",
    }
    assert entry["action"] == "merit.absence.recorded"
    assert client.get("/api/v1/audit", headers=api_token(office.employee)).status_code == 403


def test_unit_kpis(client, api_token, office) -> None:
    response = client.get(f"/api/v1/units/{office.unit.id}/kpis?year=2026", headers=api_token(office.hr))
    assert response.status_code == 200
    codes = {k["code"] for k in response.json["items"]}
    assert {"KPI-RESPONSIF", "KPI-DIGITAL", "KPI-INOVASI"} <= codes
