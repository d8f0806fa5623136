"""Units (a tree) and positions: pages and services, including moves and deactivation."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import ConflictError
from app.extensions import db
from app.org.models import Position, Unit
from app.org.services import OrgError, create_unit, set_position_active, set_unit_active, update_unit
from tests.conftest import login
from tests.factories import make_position, make_unit, make_user


def test_admin_adds_a_top_level_unit_and_a_child(client) -> None:
    login(client, make_user(roles=["admin"]))
    assert (
        client.post("/units/new", data={"code": "prov", "name": "Provinsi", "parent_id": "0"}).status_code
        == 302
    )
    prov = db.session.scalar(select(Unit).where(Unit.code == "PROV"))
    assert prov.parent_id is None and prov.path == f"/{prov.id}/"
    client.post("/units/new", data={"code": "BKD", "name": "BKD", "parent_id": str(prov.id)})
    bkd = db.session.scalar(select(Unit).where(Unit.code == "BKD"))
    assert bkd.path == f"/{prov.id}/{bkd.id}/"
    text = client.get("/units").get_data(as_text=True)
    assert text.index("Provinsi") < text.index(">BKD<")


def test_duplicate_or_bad_code_is_refused_beside_the_field(client) -> None:
    make_unit(code="BKD")
    login(client, make_user(roles=["admin"]))
    text = client.post("/units/new", data={"code": "bkd", "name": "Lagi", "parent_id": "0"}).get_data(
        as_text=True
    )
    assert "Unit lain sudah memakai kode ini." in text
    text = client.post("/units/new", data={"code": "a b", "name": "X", "parent_id": "0"}).get_data(
        as_text=True
    )
    assert 'value="a b"' in text


def test_moving_a_unit_rewrites_the_whole_subtree(client) -> None:
    a, b = make_unit("A"), make_unit("B")
    child = make_unit("Child", parent=a)
    grandchild = make_unit("Grandchild", parent=child)
    login(client, make_user(roles=["admin"]))
    response = client.post(
        f"/units/{child.id}/edit", data={"code": child.code, "name": "Child", "parent_id": str(b.id)}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert child.path == f"{b.path}{child.id}/"
    assert grandchild.path == f"{b.path}{child.id}/{grandchild.id}/"
    assert a.path == f"/{a.id}/"


def test_a_unit_cannot_move_under_its_own_subtree() -> None:
    a = make_unit()
    child = make_unit(parent=a)
    admin = make_user(roles=["admin"])
    with pytest.raises(OrgError) as caught:
        update_unit(admin, a, {"parent_id": child.id})
    assert "parent_id" in caught.value.fields


def test_hr_manages_units_only_inside_their_own() -> None:
    own, elsewhere = make_unit(), make_unit()
    sub = make_unit(parent=own)
    hr = make_user(roles=["hr"], unit=own)
    created = create_unit(hr, {"code": "NEW", "name": "Seksi Baru", "parent_id": sub.id})
    assert created.path.startswith(own.path)
    with pytest.raises(OrgError):
        create_unit(hr, {"code": "TOP", "name": "Atas", "parent_id": None})
    with pytest.raises(OrgError):
        create_unit(hr, {"code": "OUT", "name": "Luar", "parent_id": elsewhere.id})
    with pytest.raises(OrgError):
        update_unit(hr, own, {"parent_id": elsewhere.id})  # cannot leave their scope
    renamed = update_unit(hr, own, {"name": "Nama Baru"})  # but may rename their own unit
    assert renamed.name == "Nama Baru"


def test_hr_gets_404_for_units_outside_their_scope(client) -> None:
    own, elsewhere = make_unit(), make_unit("Unit Lain")
    login(client, make_user(roles=["hr"], unit=own))
    assert client.get(f"/units/{elsewhere.id}/edit").status_code == 404
    assert "Unit Lain" not in client.get("/units").get_data(as_text=True)
    # Their own unit's edit form keeps its (unmanaged) parent selectable.
    assert client.get(f"/units/{own.id}/edit").status_code == 200


def test_hr_can_rename_own_unit_through_the_form(client) -> None:
    top = make_unit("Provinsi")
    own = make_unit("BKD", parent=top)
    login(client, make_user(roles=["hr"], unit=own))
    form = client.get(f"/units/{own.id}/edit").get_data(as_text=True)
    assert f'<option selected value="{top.id}">' in form
    data = {"code": own.code, "name": "BKD Baru", "parent_id": str(top.id)}
    assert client.post(f"/units/{own.id}/edit", data=data).status_code == 302
    db.session.refresh(own)
    assert own.name == "BKD Baru" and own.parent_id == top.id


def test_unit_deactivation_is_refused_while_people_or_sub_units_are_active() -> None:
    admin = make_user(roles=["admin"])
    unit = make_unit()
    child = make_unit(parent=unit)
    person = make_user(unit=child)
    with pytest.raises(ConflictError):
        set_unit_active(admin, child, False)
    person.active = False
    set_unit_active(admin, child, False)
    set_unit_active(admin, unit, False)
    assert not unit.active and not child.active


def test_units_page_shows_inactive_only_on_request(client) -> None:
    login(client, make_user(roles=["admin"]))
    unit = make_unit("Unit Lama")
    unit.active = False
    db.session.flush()
    assert "Unit Lama" not in client.get("/units").get_data(as_text=True)
    assert "Unit Lama" in client.get("/units?inactive=1").get_data(as_text=True)


def test_positions_create_edit_filter_and_deactivate(client) -> None:
    login(client, make_user(roles=["hr"], unit=make_unit()))
    response = client.post("/positions/new", data={"code": "ASDM", "name": "Analis SDM", "tier": "ahli_muda"})
    assert response.status_code == 302
    position = db.session.scalar(select(Position).where(Position.code == "ASDM"))
    assert position.tier == "ahli_muda"
    client.post(
        f"/positions/{position.id}/edit", data={"code": "ASDM", "name": "Analis SDM", "tier": "ahli_madya"}
    )
    db.session.refresh(position)
    assert position.tier == "ahli_madya"
    assert "Analis SDM" in client.get("/positions?tier=ahli_madya").get_data(as_text=True)
    assert "Analis SDM" not in client.get("/positions?tier=pelaksana").get_data(as_text=True)
    client.post(f"/positions/{position.id}/active", data={"active": "0"})
    db.session.refresh(position)
    assert position.active is False


def test_position_with_bad_tier_or_duplicate_code_is_refused(client) -> None:
    make_position(code="DUP")
    login(client, make_user(roles=["admin"]))
    text = client.post("/positions/new", data={"code": "dup", "name": "X", "tier": "pelaksana"}).get_data(
        as_text=True
    )
    assert "Jabatan lain sudah memakai kode ini." in text
    assert client.post("/positions/new", data={"code": "Z", "name": "X", "tier": "raja"}).status_code == 200


def test_a_held_position_cannot_be_deactivated() -> None:
    position = make_position()
    make_user(position=position)
    with pytest.raises(ConflictError):
        set_position_active(make_user(roles=["admin"]), position, False)


def test_units_page_query_count_is_constant(client, count_queries) -> None:
    login(client, make_user(roles=["admin"]))
    make_unit()
    with count_queries:
        client.get("/units")
    few = count_queries.count
    for _ in range(20):
        make_user(unit=make_unit())
    with count_queries:
        client.get("/units")
    assert count_queries.count == few
