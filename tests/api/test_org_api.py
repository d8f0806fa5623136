"""Units, positions and users over the API: permissions, pagination, errors, no password data."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.org.models import User
from tests.factories import make_position, make_unit, make_user, valid_nip


@pytest.fixture
def admin_headers(api_token):
    return api_token(make_user(roles=["admin"], username="api.admin"))


def test_units_list_envelope_and_create(client, admin_headers) -> None:
    root = make_unit("Provinsi", code="PROV")
    response = client.post(
        "/api/v1/units", json={"code": "bkd", "name": "BKD", "parent_id": root.id}, headers=admin_headers
    )
    assert response.status_code == 201
    unit = response.get_json()
    assert unit["code"] == "BKD" and unit["parent_id"] == root.id and set(unit) >= {"id", "code", "name"}
    listing = client.get("/api/v1/units", headers=admin_headers).get_json()
    assert set(listing) == {"items", "page", "per_page", "total"}
    assert listing["page"] == 1 and listing["per_page"] == 20 and listing["total"] == 2
    assert [u["code"] for u in listing["items"]] == ["PROV", "BKD"]


def test_pagination_and_per_page_maximum(client, admin_headers) -> None:
    for _ in range(5):
        make_unit()
    page = client.get("/api/v1/units?page=2&per_page=2", headers=admin_headers).get_json()
    assert page["page"] == 2 and page["per_page"] == 2 and len(page["items"]) == 2 and page["total"] == 5
    assert client.get("/api/v1/units?per_page=100", headers=admin_headers).status_code == 200
    too_many = client.get("/api/v1/units?per_page=101", headers=admin_headers)
    assert too_many.status_code == 422 and "per_page" in too_many.get_json()["error"]["fields"]
    assert client.get("/api/v1/units?page=0", headers=admin_headers).status_code == 422
    beyond = client.get("/api/v1/units?page=99", headers=admin_headers).get_json()
    assert beyond["items"] == [] and beyond["total"] == 5


def test_unit_errors_name_their_fields(client, admin_headers) -> None:
    make_unit(code="DUP")
    response = client.post("/api/v1/units", json={"code": "dup", "name": "X"}, headers=admin_headers)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["code"]
    missing = client.post("/api/v1/units", json={"name": "X", "parent_id": 2**31 - 1}, headers=admin_headers)
    assert missing.status_code == 422 and "code" in missing.get_json()["error"]["fields"]
    unknown_parent = client.post(
        "/api/v1/units", json={"code": "X", "name": "X", "parent_id": 2**31 - 1}, headers=admin_headers
    )
    assert "parent_id" in unknown_parent.get_json()["error"]["fields"]
    extra = client.post(
        "/api/v1/units", json={"code": "X", "name": "X", "colour": "red"}, headers=admin_headers
    )
    assert extra.status_code == 422 and "colour" in extra.get_json()["error"]["fields"]


def test_hr_creates_units_only_inside_their_own(client, api_token) -> None:
    own, elsewhere = make_unit(), make_unit()
    headers = api_token(make_user(roles=["hr"], unit=own))
    ok = client.post(
        "/api/v1/units", json={"code": "SUB", "name": "Sub", "parent_id": own.id}, headers=headers
    )
    assert ok.status_code == 201
    refused = client.post(
        "/api/v1/units", json={"code": "OUT", "name": "Out", "parent_id": elsewhere.id}, headers=headers
    )
    assert refused.status_code == 403 and "parent_id" in refused.get_json()["error"]["fields"]


def test_positions_list_and_create(client, admin_headers, api_token) -> None:
    response = client.post(
        "/api/v1/positions",
        json={"code": "ASDM", "name": "Analis SDM", "tier": "ahli_muda"},
        headers=admin_headers,
    )
    assert response.status_code == 201 and response.get_json()["tier"] == "ahli_muda"
    bad = client.post(
        "/api/v1/positions", json={"code": "X", "name": "X", "tier": "raja"}, headers=admin_headers
    )
    assert bad.status_code == 422 and "tier" in bad.get_json()["error"]["fields"]
    employee = api_token(make_user())
    assert client.get("/api/v1/positions", headers=employee).get_json()["total"] == 1
    assert (
        client.post(
            "/api/v1/positions", json={"code": "Y", "name": "Y", "tier": "pelaksana"}, headers=employee
        ).status_code
        == 403
    )


def test_users_create_get_patch_and_never_the_password(client, admin_headers) -> None:
    unit, position = make_unit(), make_position()
    body = {
        "username": "dewi",
        "password": "lentera2026",
        "name": "Dewi",
        "email": "dewi@x.go.id",
        "nip": valid_nip(3, 2),
        "roles": ["employee", "evaluator"],
        "unit_id": unit.id,
        "position_id": position.id,
        "employment": "pppk",
        "appointed_on": "2015-03-01",
    }
    response = client.post("/api/v1/users", json=body, headers=admin_headers)
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert "password" not in created and "password_hash" not in created
    assert sorted(created["roles"]) == ["employee", "evaluator"] and created["employment"] == "pppk"
    fetched = client.get(f"/api/v1/users/{created['id']}", headers=admin_headers).get_json()
    assert fetched == created
    patched = client.patch(
        f"/api/v1/users/{created['id']}",
        json={"name": "Dewi Lestari", "active": False},
        headers=admin_headers,
    )
    assert patched.status_code == 200 and patched.get_json()["active"] is False
    listing = client.get("/api/v1/users?q=dewi", headers=admin_headers).get_data(as_text=True)
    assert "password" not in listing and "scrypt" not in listing and "pbkdf2" not in listing


def test_user_validation_errors_are_a_field_map(client, admin_headers) -> None:
    body = {"username": "X!", "name": "", "email": "nope", "nip": "199005172015033001", "roles": ["boss"]}
    response = client.post("/api/v1/users", json=body, headers=admin_headers)
    assert response.status_code == 422
    assert {"username", "name", "roles"} <= set(response.get_json()["error"]["fields"])  # shape
    body.update(username="dewi", name="Dewi", roles=["employee"])
    fields = client.post("/api/v1/users", json=body, headers=admin_headers).get_json()["error"]["fields"]
    assert set(fields) == {"email", "nip"}  # rules, from the same service as the pages
    assert "digit 15" in fields["nip"][0] or "Digit ke-15" in fields["nip"][0]
    assert db.session.scalar(select(User).where(User.email == "nope")) is None


def test_users_visibility(client, api_token) -> None:
    own, elsewhere = make_unit(), make_unit()
    hr = make_user(roles=["hr"], unit=own)
    inside, outside = make_user(unit=own), make_user(unit=elsewhere)
    admin_in_unit = make_user(roles=["admin"], unit=own)
    headers = api_token(hr)
    listed = {u["id"] for u in client.get("/api/v1/users?per_page=100", headers=headers).get_json()["items"]}
    assert inside.id in listed and outside.id not in listed
    assert client.get(f"/api/v1/users/{outside.id}", headers=headers).status_code == 404
    assert client.patch(f"/api/v1/users/{outside.id}", json={"name": "X"}, headers=headers).status_code == 404
    assert (
        client.patch(f"/api/v1/users/{admin_in_unit.id}", json={"name": "X"}, headers=headers).status_code
        == 403
    )
    grant = client.patch(f"/api/v1/users/{inside.id}", json={"roles": ["employee", "hr"]}, headers=headers)
    assert grant.status_code == 403 and "roles" in grant.get_json()["error"]["fields"]
    employee_headers = api_token(inside)
    assert client.get("/api/v1/users", headers=employee_headers).status_code == 403
    assert client.get(f"/api/v1/users/{inside.id}", headers=employee_headers).status_code == 200
    assert client.get(f"/api/v1/users/{hr.id}", headers=employee_headers).status_code == 404


def test_evaluators_list_their_unit_and_supervisees(client, api_token) -> None:
    unit, elsewhere = make_unit(), make_unit()
    evaluator = make_user(roles=["evaluator"], unit=unit)
    colleague = make_user(unit=unit)
    supervised = make_user(unit=elsewhere, supervisor=evaluator)
    stranger = make_user(unit=elsewhere)
    listed = {u["id"] for u in client.get("/api/v1/users", headers=api_token(evaluator)).get_json()["items"]}
    assert {colleague.id, supervised.id} <= listed and stranger.id not in listed


def test_huge_ids_are_404_not_a_server_error(client, admin_headers) -> None:
    assert client.get("/api/v1/users/99999999999999999999", headers=admin_headers).status_code == 404
    assert client.get(f"/api/v1/users/{2**31 - 1}", headers=admin_headers).status_code == 404


def test_the_openapi_document_is_public_and_lists_the_endpoints(client) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    for path in (
        "/api/v1/auth/token",
        "/api/v1/me",
        "/api/v1/units",
        "/api/v1/positions",
        "/api/v1/users",
        "/api/v1/users/{user_id}",
    ):
        assert path in spec["paths"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
