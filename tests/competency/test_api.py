"""The Competency endpoints of api-v1.md: paths, fields, status codes and permissions."""

from __future__ import annotations

import base64
from datetime import date

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.competency.models import Competency, PositionRequirement
from app.extensions import db
from tests.competency.factories import add_evidence, fixed, set_standard
from tests.factories import make_position, make_unit, make_user


def _levels():
    return [{"level": n, "title": f"Tingkat {n}", "indicators": [f"Indikator {n}"]} for n in range(1, 6)]


def test_list_competencies_by_kind(client, api_token):
    headers = api_token(make_user())
    body = client.get("/api/v1/competencies?kind=manajerial&per_page=100", headers=headers).get_json()
    assert body["total"] == 8 and {i["code"] for i in body["items"]} == {f"M.{n}" for n in range(1, 9)}
    item = body["items"][0]
    assert set(item) >= {"id", "code", "name", "kind", "definition", "levels"}
    assert [lvl["level"] for lvl in item["levels"]] == [1, 2, 3, 4, 5]
    assert client.get("/api/v1/competencies?kind=nope", headers=headers).status_code == 422


def test_create_technical_competency(client, api_token):
    headers = api_token(make_user(roles=["hr"], unit=make_unit()))
    ok = client.post(
        "/api/v1/competencies", json={"name": "Analisis Data", "levels": _levels()}, headers=headers
    )
    assert (
        ok.status_code == 201 and ok.get_json()["code"].startswith("T.") and ok.get_json()["kind"] == "teknis"
    )
    bad = client.post(
        "/api/v1/competencies",
        json={"code": "M.9", "name": "X", "levels": [*_levels()[:4], {"level": 7, "title": "x"}]},
        headers=headers,
    )
    assert bad.status_code == 422
    assert {"code", "levels.4.level"} <= set(bad.get_json()["error"]["fields"])
    employee = api_token(make_user())
    assert client.post("/api/v1/competencies", json={}, headers=employee).status_code == 403


def test_requirements_get_and_put(client, api_token):
    headers = api_token(make_user(roles=["hr"], unit=make_unit()))
    position = make_position()
    m1, m2 = fixed("M.1").id, fixed("M.2").id
    url = f"/api/v1/positions/{position.id}/requirements"
    put = client.put(
        url, json=[{"competency_id": m1, "level": 3}, {"competency_id": m2, "level": 2}], headers=headers
    )
    assert put.status_code == 200
    got = client.get(url, headers=headers).get_json()
    assert [(r["competency_id"], r["level"]) for r in got] == [(m1, 3), (m2, 2)]
    for body, field in [
        ([{"competency_id": m1, "level": 6}], "0.level"),
        ([{"competency_id": m1, "level": 2}, {"competency_id": m1, "level": 3}], "1.competency_id"),
        ([{"competency_id": 99999, "level": 2}], "0.competency_id"),
        ({"competency_id": m1}, "requirements"),
    ]:
        response = client.put(url, json=body, headers=headers)
        assert response.status_code == 422, body
        assert field in response.get_json()["error"]["fields"]
    rows = db.session.scalars(
        select(PositionRequirement).where(PositionRequirement.position_id == position.id)
    )
    assert len(list(rows)) == 2  # nothing partial was saved
    assert client.put("/api/v1/positions/999999/requirements", json=[], headers=headers).status_code == 404


def test_evidence_and_profile(client, api_token):
    unit = make_unit()
    position = make_position()
    set_standard(position, {"M.1": 3, "M.2": 3, "M.3": 2, "SK.1": 2})
    person = make_user(unit=unit, position=position)
    for code, level in {"M.1": 3, "M.2": 2, "M.3": 2, "SK.1": 1}.items():
        add_evidence(person, code, level)
    profile = client.get(
        f"/api/v1/users/{person.id}/competency-profile", headers=api_token(person)
    ).get_json()
    assert profile["job_person_match"] == 80.0 and profile["band"] == "cukup_optimal"
    assert profile["jp"] == {
        "year": date.today().year,
        "earned": 0.0,
        "target": 20.0,
        "cap": None,
        "below_target": True,
    }
    gaps = {c["code"]: c["gap"] for c in profile["competencies"]}
    assert gaps == {"M.1": 0, "M.2": -1, "M.3": 0, "SK.1": -1}
    assert profile["recommendations"] == []

    evaluator = api_token(make_user(roles=["evaluator"], unit=unit))
    url = f"/api/v1/users/{person.id}/evidence"
    body = {
        "competency_id": fixed("SK.1").id,
        "level": 2,
        "source": "evaluator",
        "override": True,
        "note": "",
    }
    refused = client.post(url, json=body, headers=evaluator)
    assert refused.status_code == 422 and "note" in refused.get_json()["error"]["fields"]
    body["note"] = "Consistently bridges communities in public service."
    created = client.post(url, json=body, headers=evaluator)
    assert created.status_code == 201 and created.get_json()["override"] is True
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "competency.override")) is not None
    profile = client.get(f"/api/v1/users/{person.id}/competency-profile", headers=evaluator).get_json()
    assert profile["job_person_match"] == 90.0 and profile["band"] == "optimal"
    assert client.post(url, json={**body, "level": 9}, headers=evaluator).status_code == 422


def test_prior_learning_with_a_document_over_the_api(client, api_token):
    unit = make_unit()
    hr = api_token(make_user(roles=["hr"], unit=unit))
    person = make_user(unit=unit)
    body = {"competency_id": fixed("M.6").id, "level": 3, "source": "prior_learning", "note": "Ijazah S2"}
    url = f"/api/v1/users/{person.id}/evidence"
    assert "document" in client.post(url, json=body, headers=hr).get_json()["error"]["fields"]
    bad = {**body, "document": {"filename": "a.pdf", "content_base64": "%%%"}}
    assert client.post(url, json=bad, headers=hr).status_code == 422
    doc = {"filename": "ijazah.pdf", "content_base64": base64.b64encode(b"%PDF-1.7 x").decode()}
    assert client.post(url, json={**body, "document": doc}, headers=hr).status_code == 201


def test_profile_of_someone_not_visible_is_404(client, api_token):
    person = make_user(unit=make_unit())
    other = api_token(make_user(unit=make_unit()))
    assert client.get(f"/api/v1/users/{person.id}/competency-profile", headers=other).status_code == 404
    assert client.get("/api/v1/users/999999/competency-profile", headers=other).status_code == 404
    hr_elsewhere = api_token(make_user(roles=["hr"], unit=make_unit()))
    body = {"competency_id": fixed("M.1").id, "level": 2, "source": "assessment", "note": ""}
    assert (
        client.post(f"/api/v1/users/{person.id}/evidence", json=body, headers=hr_elsewhere).status_code == 404
    )


def test_openapi_lists_the_competency_paths(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in [
        "/api/v1/competencies",
        "/api/v1/competencies/import",
        "/api/v1/competencies/export",
        "/api/v1/positions/{position_id}/requirements",
        "/api/v1/users/{user_id}/evidence",
        "/api/v1/users/{user_id}/competency-profile",
    ]:
        assert path in paths, path
    assert db.session.scalar(select(db.func.count(Competency.id))) >= 9
