"""The JSON API of service quality: public submissions without a token, IKM, complaints and their steps."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.service_quality.models import Complaint, SurveyResponse
from app.service_quality.services.clock import local_today
from tests.factories import make_unit, make_user
from tests.service_quality.factories import file, make_response, move


def _survey(unit, **overrides) -> dict:
    return {"unit_id": unit.id, "service_date": local_today().isoformat(), "answers": [4] * 9, **overrides}


def test_survey_responses_need_no_token(client) -> None:
    unit = make_unit()
    response = client.post("/api/v1/survey-responses", json=_survey(unit))
    assert response.status_code == 201
    assert response.json["unit_id"] == unit.id and response.json["submitted_on"] == local_today().isoformat()


def test_bad_survey_input_is_422_and_saves_nothing(client) -> None:
    unit = make_unit()
    before = db.session.scalar(select(func.count(SurveyResponse.id)))
    cases = [
        (_survey(unit, answers=[4] * 8), "answers"),
        (_survey(unit, answers=[4] * 8 + [5]), "answers"),
        (_survey(unit, answers=[4] * 8 + [0]), "answers"),
        (_survey(unit, answers=[4] * 8 + ["4"]), "answers"),
        (_survey(unit, answers="4444"), "answers"),
        (_survey(unit, service_date=(local_today() + timedelta(days=1)).isoformat()), "service_date"),
        (_survey(unit, unit_id=999999), "unit_id"),
        (_survey(unit, gender="robot"), "gender"),
        ({"answers": [4] * 9}, "unit_id"),
    ]
    for body, field in cases:
        response = client.post("/api/v1/survey-responses", json=body)
        assert response.status_code == 422, body
        assert field in response.json["error"]["fields"], (body, response.json)
    assert client.post("/api/v1/survey-responses", data="{", content_type="application/json").status_code in (
        400,
        422,
    )
    assert db.session.scalar(select(func.count(SurveyResponse.id))) == before


def test_ikm_endpoint_gives_the_worked_example(client, api_token) -> None:
    unit = make_unit()
    make_response(unit, [4] * 9)
    make_response(unit, [3] * 9)
    hr = make_user(roles=["hr"], unit=unit)
    response = client.get(f"/api/v1/units/{unit.id}/ikm?year={local_today().year}", headers=api_token(hr))
    assert response.status_code == 200
    body = response.json
    assert (body["respondents"], body["nrr"], body["ikm"], body["converted"], body["grade"]) == (
        2, [3.5] * 9, 3.5, 87.5, "B"
    )  # fmt: skip
    assert [e["weight"] for e in body["elements"]] == ["1/9"] * 9
    empty = client.get(f"/api/v1/units/{unit.id}/ikm?year=2001", headers=api_token(hr)).json
    assert empty["respondents"] == 0 and empty["ikm"] is None and empty["grade"] is None
    assert client.get(f"/api/v1/units/{unit.id}/ikm?period=2026-13", headers=api_token(hr)).status_code == 422
    assert client.get(f"/api/v1/units/{unit.id}/ikm").status_code == 401
    outsider = make_user(roles=["hr"], unit=make_unit())
    assert client.get(f"/api/v1/units/{unit.id}/ikm", headers=api_token(outsider)).status_code == 404


def test_public_complaints_and_status_lookup(client) -> None:
    unit = make_unit()
    body = {
        "unit_id": unit.id,
        "channel": "web",
        "category": "permintaan_informasi",
        "text": "Apa saja syarat izin reklame?",
        "service_date": local_today().isoformat(),
        "contact": "0812-1111-2222",
        "confidential": True,
    }
    created = client.post("/api/v1/complaints", json=body)
    assert created.status_code == 201
    code = created.json["tracking_code"]
    status = client.get(f"/api/v1/complaint-status/{code.lower()}")
    assert status.status_code == 200 and status.json["status"] == "received"
    assert "0812" not in status.get_data(as_text=True) and "contact" not in status.json
    assert client.get("/api/v1/complaint-status/NOPE").status_code == 404
    too_old = client.post(
        "/api/v1/complaints", json={**body, "service_date": (local_today() - timedelta(days=31)).isoformat()}
    )
    assert too_old.status_code == 422 and "service_date" in too_old.json["error"]["fields"]
    phone = client.post("/api/v1/complaints", json={**body, "channel": "phone"})
    assert phone.status_code == 422 and "channel" in phone.json["error"]["fields"]


def test_hr_records_other_channels_through_the_api(client, api_token) -> None:
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    body = {
        "unit_id": unit.id,
        "channel": "letter",
        "category": "pengaduan",
        "text": "Surat pengaduan warga.",
        "service_date": local_today().isoformat(),
    }
    assert client.post("/api/v1/complaints", json=body, headers=api_token(hr)).status_code == 201
    complaint = db.session.scalar(select(Complaint).where(Complaint.unit_id == unit.id))
    assert complaint.channel.value == "letter" and complaint.entered_by_id == hr.id


def test_transitions_through_the_api(client, api_token) -> None:
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    officer = make_user(unit=unit)
    complaint = file(unit, contact_name="Rina", confidential=True)
    url = f"/api/v1/complaints/{complaint.id}/transition"
    refused = client.post(url, json={"to": "closed", "note": "x"}, headers=api_token(hr))
    assert refused.status_code == 409 and refused.json["error"]["code"] == "conflict"
    assert (
        client.post(url, json={"to": "verified", "note": "ok"}, headers=api_token(hr)).json["status"]
        == "verified"
    )
    assigned = client.post(
        url, json={"to": "assigned", "note": "ok", "officer_id": officer.id}, headers=api_token(hr)
    )
    assert assigned.status_code == 200 and assigned.json["officer_id"] == officer.id
    as_officer = client.get(f"/api/v1/complaints/{complaint.id}", headers=api_token(officer)).json
    assert as_officer["contact_name"] is None  # confidential
    assert (
        client.get(f"/api/v1/complaints/{complaint.id}", headers=api_token(hr)).json["contact_name"] == "Rina"
    )
    assert client.post(url, json={"to": "closed", "note": "x"}, headers=api_token(officer)).status_code == 409
    assert (
        client.post(url, json={"to": "in_progress", "note": "x"}, headers=api_token(officer)).status_code
        == 200
    )
    no_answer = client.post(url, json={"to": "resolved", "note": "x"}, headers=api_token(officer))
    assert no_answer.status_code == 422 and "answer" in no_answer.json["error"]["fields"]
    stranger = make_user(unit=unit)
    assert (
        client.post(url, json={"to": "resolved", "note": "x"}, headers=api_token(stranger)).status_code == 404
    )
    assert client.post(url, json={"to": "nowhere", "note": "x"}, headers=api_token(hr)).status_code == 422
    assert client.post("/api/v1/complaints/999999/transition", json={"to": "verified", "note": "x"},
                       headers=api_token(hr)).status_code == 404  # fmt: skip
    mine = client.get("/api/v1/complaints?assigned_to_me=true", headers=api_token(officer)).json
    assert [item["id"] for item in mine["items"]] == [complaint.id]


def test_complaint_lists_only_show_what_the_caller_may_see(client, api_token) -> None:
    unit, other = make_unit(), make_unit()
    file(unit)
    file(other)
    hr = make_user(roles=["hr"], unit=unit)
    listing = client.get("/api/v1/complaints", headers=api_token(hr)).json
    assert listing["total"] == 1 and listing["items"][0]["unit_id"] == unit.id
    employee = make_user(unit=unit)
    assert client.get("/api/v1/complaints", headers=api_token(employee)).json["total"] == 0


def test_services_and_innovations(client, api_token) -> None:
    unit, other = make_unit(), make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    created = client.post(f"/api/v1/units/{unit.id}/services", json={"name": "Izin Reklame", "digital": True},
                          headers=api_token(hr))  # fmt: skip
    assert created.status_code == 201 and created.json["digital"] is True
    duplicate = client.post(
        f"/api/v1/units/{unit.id}/services", json={"name": "izin reklame"}, headers=api_token(hr)
    )
    assert duplicate.status_code == 422
    assert (
        client.post(
            f"/api/v1/units/{other.id}/services", json={"name": "X"}, headers=api_token(hr)
        ).status_code
        == 404
    )
    assert client.get(f"/api/v1/units/{unit.id}/services", headers=api_token(hr)).json["total"] == 1
    innovation = {"unit_id": unit.id, "title": "Antrean daring", "implemented_on": local_today().isoformat(),
                  "evidence": "SK Kadis"}  # fmt: skip
    assert client.post("/api/v1/innovations", json=innovation, headers=api_token(hr)).status_code == 201
    future = {**innovation, "implemented_on": (local_today() + timedelta(days=3)).isoformat()}
    assert client.post("/api/v1/innovations", json=future, headers=api_token(hr)).status_code == 422
    foreign = {**innovation, "unit_id": other.id}
    assert client.post("/api/v1/innovations", json=foreign, headers=api_token(hr)).status_code == 422
    assert client.get("/api/v1/innovations", headers=api_token(hr)).json["total"] == 1


def test_the_openapi_document_marks_public_endpoints(client) -> None:
    spec = client.get("/api/v1/openapi.json").json
    assert spec["paths"]["/api/v1/survey-responses"]["post"]["security"] == []
    assert spec["paths"]["/api/v1/complaints"]["post"]["security"] == []
    assert "security" not in spec["paths"]["/api/v1/complaints/{complaint_id}/transition"]["post"]
    assert "move" not in spec["paths"]
    assert move  # the factory is used by other tests of this module's family
