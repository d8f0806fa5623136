"""Course pages as people use them: catalog, course page, enrolment, my learning, materials, HR pages."""

from __future__ import annotations

import io
from datetime import date, timedelta

from sqlalchemy import func, select

from app.competency.models import JpCredit
from app.courses.enums import CourseStatus, EnrollmentStatus
from app.courses.models import Course, CourseClass, Enrollment, Material
from app.extensions import db
from tests.competency.factories import fixed, set_standard
from tests.conftest import login
from tests.courses.factories import make_class, make_course, make_enrollment, make_material
from tests.factories import make_position, make_unit, make_user


def test_catalog_shows_published_cards_and_filters(client):
    make_course(title="Pelayanan Publik Prima", jp=24, competencies={fixed("SK.1"): 2})
    make_course(title="Literasi Digital", jp=8)
    make_course(title="Rahasia Draf", status=CourseStatus.DRAFT)
    login(client, make_user())
    html = client.get("/courses").get_data(as_text=True)
    assert "Pelayanan Publik Prima" in html and "Literasi Digital" in html and "Rahasia Draf" not in html
    assert "SK.1" in html and "24 JP" in html
    html = client.get("/courses?q=digital").get_data(as_text=True)
    assert "Literasi Digital" in html and "Pelayanan Publik Prima" not in html
    html = client.get(f"/courses?competency_id={fixed('SK.1').id}&jp_min=10&sort=jp_desc").get_data(
        as_text=True
    )
    assert "Pelayanan Publik Prima" in html and "Literasi Digital" not in html


def test_closes_my_gaps_filter(client):
    position = make_position()
    set_standard(position, {"M.1": 3})
    person = make_user(position=position)
    make_course(title="Integritas Lanjut", competencies={fixed("M.1"): 3})
    make_course(title="Integritas Dasar", competencies={fixed("M.1"): 1})
    html = login(client, person).get("/courses?gaps=1").get_data(as_text=True)
    assert "Integritas Lanjut" in html and "Integritas Dasar" not in html
    html = client.get("/learning").get_data(as_text=True)
    assert "Integritas Lanjut" in html  # recommended from the gap


def test_draft_course_page_is_404_for_employees(client):
    draft = make_course(status=CourseStatus.DRAFT)
    assert login(client, make_user()).get(f"/courses/{draft.id}").status_code == 404
    assert login(client, make_user(roles=["hr"])).get(f"/courses/{draft.id}").status_code == 200


def test_enrol_then_learn_and_complete(client):
    course = make_course(title="Literasi Digital", jp=8, competencies={fixed("M.7"): 2})
    first, second = make_material(course, title="Pengantar"), make_material(course, title="Keamanan Data")
    course_class = make_class(course)
    person = make_user()
    login(client, person)
    response = client.post(f"/classes/{course_class.id}/enrol")
    enrollment = db.session.scalar(select(Enrollment).where(Enrollment.user_id == person.id))
    assert response.status_code == 302 and enrollment.status == EnrollmentStatus.ENROLLED
    again = client.post(f"/classes/{course_class.id}/enrol", follow_redirects=True)
    assert again.status_code == 200 and db.session.scalar(select(func.count(Enrollment.id))) == 1
    page = client.get(f"/learning/enrollments/{enrollment.id}").get_data(as_text=True)
    assert "Pengantar" in page and "Keamanan Data" in page
    assert client.get(f"/learning/enrollments/{enrollment.id}/materials/{first.id}").status_code == 200
    client.post(f"/learning/enrollments/{enrollment.id}/materials/{first.id}/done")
    db.session.refresh(enrollment)
    assert enrollment.progress_percent == 50
    client.post(f"/learning/enrollments/{enrollment.id}/materials/{second.id}/done")
    db.session.refresh(enrollment)
    assert enrollment.status == EnrollmentStatus.COMPLETED
    assert db.session.scalar(select(JpCredit.jp).where(JpCredit.user_id == person.id)) == 8
    assert "Literasi Digital" in client.get("/learning").get_data(as_text=True)


def test_other_peoples_enrollments_are_404(client):
    enrollment = make_enrollment(make_user(), make_class(make_course()))
    login(client, make_user())
    assert client.get(f"/learning/enrollments/{enrollment.id}").status_code == 404
    assert client.post(f"/learning/enrollments/{enrollment.id}/withdraw").status_code == 404


def test_hr_creates_a_course_with_field_errors_first(client):
    hr = make_user(roles=["hr"], unit=make_unit())
    login(client, hr)
    data = {
        "code": "PPP-01",
        "title": "Pelayanan Publik Prima",
        "jp": "24",
        "delivery": "KL03",
        "status": "published",
        "competencies-0-competency_id": str(fixed("SK.1").id),
        "competencies-0-target_level": "0",
    }
    response = client.post("/courses/new", data=data)
    assert response.status_code == 422 and db.session.scalar(select(func.count(Course.id))) == 0
    data["competencies-0-target_level"] = "3"
    response = client.post("/courses/new", data=data)
    assert response.status_code == 302
    course = db.session.scalar(select(Course).where(Course.code == "PPP-01"))
    assert [(c.competency.code, c.target_level) for c in course.competencies] == [("SK.1", 3)]
    duplicate = client.post("/courses/new", data=data)
    assert duplicate.status_code == 409


def test_hr_class_form_refuses_end_before_start(client):
    course = make_course()
    login(client, make_user(roles=["hr"]))
    start = date.today() + timedelta(days=10)
    data = {
        "name": "Angkatan I",
        "capacity": "30",
        "starts_on": start.isoformat(),
        "ends_on": (start - timedelta(days=1)).isoformat(),
    }
    response = client.post(f"/courses/{course.id}/classes/new", data=data)
    assert response.status_code == 422
    assert db.session.scalar(select(func.count(CourseClass.id))) == 0
    data["ends_on"] = (start + timedelta(days=3)).isoformat()
    assert client.post(f"/courses/{course.id}/classes/new", data=data).status_code == 302


def test_material_upload_limits(client, app):
    course = make_course()
    login(client, make_user(roles=["hr"]))
    bad = {"title": "Skrip", "kind": "file", "required": "y", "file": (io.BytesIO(b"#!/bin/sh"), "run.sh")}
    response = client.post(f"/courses/{course.id}/materials", data=bad, content_type="multipart/form-data")
    assert response.status_code == 422
    fake = {"title": "Palsu", "kind": "file", "file": (io.BytesIO(b"not a pdf"), "modul.pdf")}
    assert (
        client.post(
            f"/courses/{course.id}/materials", data=fake, content_type="multipart/form-data"
        ).status_code
        == 422
    )
    from app.settings.services import set_setting

    set_setting("courses.material_max_mb", 1)
    big = {
        "title": "Besar",
        "kind": "file",
        "file": (io.BytesIO(b"%PDF-" + b"0" * (1024 * 1024 + 1)), "besar.pdf"),
    }
    assert (
        client.post(
            f"/courses/{course.id}/materials", data=big, content_type="multipart/form-data"
        ).status_code
        == 413
    )
    assert db.session.scalar(select(func.count(Material.id))) == 0
    good = {"title": "Modul", "kind": "file", "file": (io.BytesIO(b"%PDF-1.4 modul"), "modul.pdf")}
    assert (
        client.post(
            f"/courses/{course.id}/materials", data=good, content_type="multipart/form-data"
        ).status_code
        == 302
    )
    material = db.session.scalar(select(Material))
    assert material.file_name == "modul.pdf" and material.content_type == "application/pdf"
    text = {"title": "Bacaan", "kind": "text", "body": ""}
    assert client.post(f"/courses/{course.id}/materials", data=text).status_code == 422


def test_bulk_assign_preview_then_apply_and_roster(client):
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    for _ in range(3):
        make_user(unit=unit)
    course_class = make_class(make_course(), capacity=2)
    login(client, hr)
    form = {"mode": "unit", "unit_id": str(unit.id), "include_subunits": "y", "action": "preview"}
    html = client.post(f"/classes/{course_class.id}/assign", data=form).get_data(as_text=True)
    assert 'data-testid="assign-preview"' in html
    assert db.session.scalar(select(func.count(Enrollment.id))) == 0
    form["action"] = "apply"
    assert client.post(f"/classes/{course_class.id}/assign", data=form).status_code == 302
    assert db.session.scalar(select(func.count(Enrollment.id))) == 4
    roster = client.get(f"/classes/{course_class.id}/roster").get_data(as_text=True)
    assert roster.count("overdue-row") == 0 and "badge text-bg-warning" in roster
    csv_text = client.get(f"/classes/{course_class.id}/roster.csv").get_data(as_text=True)
    assert len(csv_text.strip().splitlines()) == 5


def test_bulk_assign_unknown_unit_is_a_field_error(client):
    login(client, make_user(roles=["hr"], unit=make_unit()))
    course_class = make_class(make_course())
    form = {"mode": "unit", "unit_id": "999999", "action": "apply"}
    response = client.post(f"/classes/{course_class.id}/assign", data=form)
    assert response.status_code == 422 and db.session.scalar(select(func.count(Enrollment.id))) == 0


def test_overdue_page_and_csv(client):
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    late = make_user(unit=unit, username="terlambat")
    make_enrollment(
        late,
        make_class(make_course(title="Manajemen Pengaduan")),
        status=EnrollmentStatus.ASSIGNED,
        due_on=date.today() - timedelta(days=3),
    )
    login(client, hr)
    html = client.get(f"/courses/overdue?unit_id={unit.id}").get_data(as_text=True)
    assert "Manajemen Pengaduan" in html and late.name in html
    assert late.name in client.get("/courses/overdue.csv").get_data(as_text=True)


def test_catalog_and_roster_query_counts_do_not_grow(client, count_queries):
    hr = make_user(roles=["admin"])
    login(client, hr)
    course = make_course(competencies={fixed("M.1"): 2, fixed("M.2"): 3})
    course_class = make_class(course)
    for _ in range(2):
        make_enrollment(make_user(unit=make_unit()), course_class)
    with count_queries:
        client.get("/courses")
    small_catalog = count_queries.count
    with count_queries:
        client.get(f"/classes/{course_class.id}/roster")
    small_roster = count_queries.count
    for _ in range(15):
        make_course(competencies={fixed("M.3"): 2, fixed("SK.1"): 2})
    for _ in range(20):
        make_enrollment(make_user(unit=make_unit()), course_class)
    with count_queries:
        client.get("/courses")
    assert count_queries.count == small_catalog
    with count_queries:
        client.get(f"/classes/{course_class.id}/roster")
    assert count_queries.count == small_roster


def test_hr_sees_a_persons_training_and_records_a_result(client):
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    person = make_user(unit=unit, name="Sari Peserta")
    course = make_course(title="Penulisan Naskah Dinas", jp=12)
    enrollment = make_enrollment(person, make_class(course), status=EnrollmentStatus.ASSIGNED)
    login(client, hr)
    html = client.get(f"/learning/people/{person.id}").get_data(as_text=True)
    assert "Sari Peserta" in html and "Penulisan Naskah Dinas" in html
    assert client.get(f"/learning/people/{make_user(unit=make_unit()).id}").status_code == 404
    client.post(f"/enrollments/{enrollment.id}/result", data={"result": "completed"})
    db.session.refresh(enrollment)
    assert enrollment.status == EnrollmentStatus.COMPLETED
    assert db.session.scalar(select(JpCredit.jp).where(JpCredit.user_id == person.id)) == 12


def test_catalog_filters_classical_or_non_classical_delivery(client):
    from app.courses.enums import DeliveryForm

    make_course(title="Bimtek Arsip", delivery=DeliveryForm.KL10)
    make_course(title="E-learning Etika", delivery=DeliveryForm.NKL03)
    login(client, make_user())
    html = client.get("/courses?delivery=NKL").get_data(as_text=True)
    assert "E-learning Etika" in html and "Bimtek Arsip" not in html
    html = client.get("/courses?delivery=KL").get_data(as_text=True)
    assert "Bimtek Arsip" in html and "E-learning Etika" not in html
