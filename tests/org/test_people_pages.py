"""The people pages: list (search, filters, pagination), create, edit, deactivate."""

from __future__ import annotations

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.services import issue_token, user_for_token
from app.extensions import db
from app.org.models import User
from tests.conftest import login
from tests.factories import PASSWORD, make_position, make_unit, make_user, valid_nip


def _person_form(unit, **overrides) -> dict:
    data = {
        "username": "dewi.lestari",
        "name": "Dewi Lestari",
        "email": "dewi@nusantara.go.id",
        "nip": "19900517 201503 2 001",
        "unit_id": str(unit.id),
        "position_id": "0",
        "employment": "pns",
        "appointed_on": "2015-03-01",
        "roles": ["employee"],
        "password": "",
        "supervisor_username": "",
    }
    data.update(overrides)
    return data


def test_people_list_searches_filters_and_paginates(client) -> None:
    root = make_unit("Badan Kepegawaian")
    child = make_unit("Bidang Mutasi", parent=root)
    other = make_unit("Dinas Lain")
    admin = make_user(roles=["admin"], unit=root, name="Zed Admin")
    make_user(unit=child, name="Ratna Sari", nip=valid_nip(7))
    make_user(unit=other, name="Ratna Dewi")
    make_user(unit=child, name="Budi Santoso", active=False)
    for n in range(30):
        make_user(unit=other, name=f"Pegawai Massal {n:02d}")
    login(client, admin)

    text = client.get("/people?q=ratna").get_data(as_text=True)
    assert "Ratna Sari" in text and "Ratna Dewi" in text and "Budi Santoso" not in text

    text = client.get(f"/people?unit_id={root.id}").get_data(as_text=True)
    assert "Ratna Sari" in text and "Ratna Dewi" not in text  # sub-units included

    text = client.get("/people?status=inactive").get_data(as_text=True)
    assert "Budi Santoso" in text and "Ratna Sari" not in text

    text = client.get("/people?role=admin").get_data(as_text=True)
    assert "Zed Admin" in text and "Ratna Sari" not in text

    page1 = client.get("/people?q=massal&per_page=20").get_data(as_text=True)
    page2 = client.get("/people?q=massal&per_page=20&page=2").get_data(as_text=True)
    assert "Pegawai Massal 00" in page1 and "Pegawai Massal 25" not in page1
    assert "Pegawai Massal 25" in page2
    assert 'rel="next"' in page1 and "q=massal" in page1  # links keep the filters


def test_search_treats_wildcards_literally_and_finds_nip(client) -> None:
    admin = make_user(roles=["admin"])
    make_user(name="Ratna Sari", nip="199005172015032007")
    login(client, admin)
    assert "Ratna Sari" not in client.get("/people?q=%25").get_data(as_text=True)
    assert "Ratna Sari" in client.get("/people?q=20150320").get_data(as_text=True)


def test_hr_sees_only_their_units(client) -> None:
    own = make_unit()
    sub = make_unit(parent=own)
    elsewhere = make_unit()
    hr = make_user(roles=["hr"], unit=own)
    inside = make_user(unit=sub, name="Orang Dalam")
    outside = make_user(unit=elsewhere, name="Orang Luar")
    login(client, hr)
    text = client.get("/people").get_data(as_text=True)
    assert "Orang Dalam" in text and "Orang Luar" not in text
    assert client.get(f"/people/{inside.id}").status_code == 200
    assert client.get(f"/people/{outside.id}").status_code == 404
    assert client.get(f"/people/{outside.id}/edit").status_code == 404
    assert client.post(f"/people/{outside.id}/active", data={"active": "0"}).status_code == 404
    # Filtering by a unit outside their scope shows nobody.
    assert "Orang Luar" not in client.get(f"/people?unit_id={elsewhere.id}").get_data(as_text=True)


def test_admin_creates_a_person_and_the_creation_is_audited(client) -> None:
    unit = make_unit()
    position = make_position()
    login(client, make_user(roles=["admin"]))
    response = client.post(
        "/people/new", data=_person_form(unit, position_id=str(position.id), password="lentera2026")
    )
    assert response.status_code == 302
    person = db.session.scalar(select(User).where(User.username == "dewi.lestari"))
    assert person.nip == "199005172015032001"
    assert person.unit_id == unit.id and person.position_id == position.id
    assert person.role_set == {"employee"}
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.created"))
    assert entry.subject_user_id == person.id


def test_invalid_input_is_shown_beside_each_field_and_kept(client) -> None:
    unit = make_unit()
    make_user(username="taken")
    login(client, make_user(roles=["admin"]))
    response = client.post(
        "/people/new",
        data=_person_form(
            unit, username="taken", email="not-an-email", nip="199005172015033001", password="short"
        ),
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nama pengguna ini sudah dipakai." in text
    assert "Masukkan alamat surel yang valid." in text
    assert "Digit ke-15" in text
    assert "Gunakan minimal 8 karakter." in text
    assert 'value="not-an-email"' in text and 'value="Dewi Lestari"' in text  # input kept
    assert db.session.scalar(select(User).where(User.email == "not-an-email")) is None


def test_unknown_supervisor_is_reported_on_its_field(client) -> None:
    unit = make_unit()
    login(client, make_user(roles=["admin"]))
    text = client.post("/people/new", data=_person_form(unit, supervisor_username="ghost")).get_data(
        as_text=True
    )
    assert "Atasan tidak ditemukan." in text


def test_hr_cannot_grant_hr_or_admin(client) -> None:
    unit = make_unit()
    login(client, make_user(roles=["hr"], unit=unit))
    response = client.post("/people/new", data=_person_form(unit, roles=["employee", "admin"]))
    assert "Hanya administrator yang dapat memberikan atau mencabut peran" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.username == "dewi.lestari")) is None
    ok = client.post("/people/new", data=_person_form(unit, roles=["employee", "evaluator"]))
    assert ok.status_code == 302


def test_hr_cannot_create_people_outside_their_units(client) -> None:
    own, elsewhere = make_unit(), make_unit()
    login(client, make_user(roles=["hr"], unit=own))
    response = client.post("/people/new", data=_person_form(elsewhere))
    assert response.status_code == 200
    assert db.session.scalar(select(User).where(User.username == "dewi.lestari")) is None


def test_hr_cannot_edit_an_administrator_of_their_unit(client) -> None:
    unit = make_unit()
    admin = make_user(roles=["admin", "employee"], unit=unit)
    login(client, make_user(roles=["hr"], unit=unit))
    assert client.get(f"/people/{admin.id}").status_code == 200  # may see
    assert client.get(f"/people/{admin.id}/edit").status_code == 403  # may not take over
    assert client.post(f"/people/{admin.id}/active", data={"active": "0"}).status_code == 403


def test_editing_roles_is_audited_with_before_and_after(client) -> None:
    unit = make_unit()
    person = make_user(unit=unit, username="budi")
    login(client, make_user(roles=["admin"]))
    data = _person_form(unit, username="budi", name="Budi", email="b@x.go.id", nip="")
    data["roles"] = ["employee", "evaluator"]
    assert client.post(f"/people/{person.id}/edit", data=data).status_code == 302
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.roles_changed"))
    assert entry.details["before"] == ["employee"]
    assert entry.details["after"] == ["employee", "evaluator"]
    assert entry.details["granted"] == ["evaluator"]


def test_deactivation_blocks_sign_in_ends_sessions_and_is_audited(app) -> None:
    unit = make_unit()
    person = make_user(unit=unit, username="budi")
    token, _ = issue_token(person, 1)
    their_session = login(app.test_client(), person)
    admin_client = login(app.test_client(), make_user(roles=["admin"]))
    response = admin_client.post(f"/people/{person.id}/active", data={"active": "0"})
    assert response.status_code == 302
    db.session.refresh(person)
    assert person.active is False
    assert their_session.get("/me").status_code == 302
    assert user_for_token(token) is None
    fresh = app.test_client().post("/login", data={"username": "budi", "password": PASSWORD})
    assert fresh.status_code == 200  # the form again, not a redirect
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "user.deactivated" in actions
    admin_client.post(f"/people/{person.id}/active", data={"active": "1"})
    db.session.refresh(person)
    assert person.active is True


def test_admin_cannot_deactivate_themselves(client) -> None:
    admin = make_user(roles=["admin"])
    login(client, admin)
    response = client.post(f"/people/{admin.id}/active", data={"active": "0"}, follow_redirects=True)
    assert "Anda tidak dapat menonaktifkan diri sendiri." in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.active


def test_people_list_query_count_does_not_grow_with_rows(client, count_queries) -> None:
    unit = make_unit()
    position = make_position()
    login(client, make_user(roles=["admin"], unit=unit))
    for _ in range(3):
        make_user(unit=unit, position=position, roles=["employee", "evaluator"])
    with count_queries:
        client.get("/people?per_page=50")
    few = count_queries.count
    for _ in range(25):
        make_user(unit=make_unit(), position=make_position(), roles=["employee", "evaluator"])
    with count_queries:
        client.get("/people?per_page=50")
    assert count_queries.count == few


def test_editing_someone_in_an_inactive_position_keeps_it(client) -> None:
    unit, old = make_unit(), make_position(name="Jabatan Lama")
    person = make_user(unit=unit, position=old, active=False)
    old.active = False
    db.session.flush()
    login(client, make_user(roles=["admin"]))
    form = client.get(f"/people/{person.id}/edit").get_data(as_text=True)
    assert f'<option selected value="{old.id}">Jabatan Lama' in form
