"""Material files leave the disk only after the database commit that stops using them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.courses.enums import MaterialKind
from app.courses.models import Course, Material
from app.courses.services.materials import add_material, delete_material, update_material
from app.extensions import db
from tests.conftest import login
from tests.courses.factories import make_course
from tests.factories import make_user

PDF = b"%PDF-1.4 modul"


def _on_disk(app: Flask, material: Material) -> Path:
    return Path(app.config["UPLOAD_FOLDER"]) / material.file_path


def _file_material(hr) -> Material:
    course = make_course()
    return add_material(hr, course, {"title": "Modul", "kind": "file"}, (PDF, "modul.pdf"))


def test_replacing_a_file_on_the_page_deletes_the_old_one(client, app):
    hr = make_user(roles=["hr"])
    material = _file_material(hr)
    db.session.commit()
    old = _on_disk(app, material)
    assert old.is_file()
    login(client, hr)
    data = {"title": "Modul baru", "kind": "file", "file": (io.BytesIO(PDF + b" v2"), "modul-2.pdf")}
    response = client.post(f"/materials/{material.id}/edit", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    path, name = db.session.execute(
        select(Material.file_path, Material.file_name).where(Material.id == material.id)
    ).one()
    assert not old.exists()
    assert (Path(app.config["UPLOAD_FOLDER"]) / path).read_bytes() == PDF + b" v2" and name == "modul-2.pdf"


def test_removing_a_material_deletes_its_file(client, app):
    hr = make_user(roles=["hr"])
    material = _file_material(hr)
    db.session.commit()
    path = _on_disk(app, material)
    login(client, hr)
    assert client.post(f"/materials/{material.id}/delete").status_code == 302
    assert not path.exists()


def test_the_old_file_stays_until_the_commit(app):
    hr = make_user(roles=["hr"])
    material = _file_material(hr)
    db.session.commit()
    old = _on_disk(app, material)
    update_material(hr, material, {}, (PDF + b" v2", "modul-2.pdf"))
    new = _on_disk(app, material)
    assert old.is_file() and new.is_file()  # flushed, not committed: both still there
    db.session.commit()
    assert not old.exists() and new.is_file()


def test_a_rolled_back_change_keeps_the_old_file_and_drops_the_new_one(app):
    hr = make_user(roles=["hr"])
    material = _file_material(hr)
    db.session.commit()
    old = _on_disk(app, material)
    update_material(hr, material, {}, (PDF + b" v2", "modul-2.pdf"))
    new = _on_disk(app, material)
    db.session.rollback()
    assert old.is_file() and not new.exists()
    db.session.commit()  # a later commit does not remember the rolled-back removal
    assert old.is_file()


def test_a_failed_commit_keeps_the_file(app):
    hr = make_user(roles=["hr"])
    material = _file_material(hr)
    other = make_course()
    db.session.commit()
    path = _on_disk(app, material)
    delete_material(hr, material)
    db.session.get(Course, other.id).code = material.course.code  # the commit will hit the unique code
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert path.is_file()
    assert db.session.scalar(select(Material.kind).where(Material.id == material.id)) == MaterialKind.FILE
