"""Archiving a course: it leaves the catalog, takes nobody new, keeps its history; HR restores it."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.competency.models import JpCredit
from app.courses.completion import complete_enrollment
from app.courses.enums import CourseStatus, EnrollmentStatus
from app.courses.models import Course, Enrollment
from app.extensions import db
from tests.competency.factories import fixed, set_standard
from tests.conftest import login
from tests.courses.factories import make_class, make_course, make_enrollment
from tests.factories import make_position, make_unit, make_user


def _audit_actions(subject_type: str, subject_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.subject_type == subject_type, AuditEntry.subject_id == subject_id)
            .order_by(AuditEntry.id)
        )
    )


def _status(course: Course) -> CourseStatus:
    return db.session.scalar(select(Course.status).where(Course.id == course.id))


def test_archived_course_leaves_catalog_gaps_and_recommendations(client, api_token):
    position = make_position()
    set_standard(position, {"M.1": 3})
    person = make_user(position=position, locale="en")
    course = make_course(title="Integritas Lanjut", competencies={fixed("M.1"): 3})
    hr = make_user(roles=["hr"], locale="en")
    login(client, hr)
    page = client.get(f"/courses/{course.id}/archive")
    assert page.status_code == 200 and "Archive the course" in page.get_data(as_text=True)
    response = client.post(f"/courses/{course.id}/archive")
    assert response.status_code == 302 and _status(course) == CourseStatus.ARCHIVED
    assert _audit_actions("course", course.id)[-1] == "course.archived"
    assert "Integritas Lanjut" not in client.get("/courses").get_data(as_text=True)  # HR default
    assert "Integritas Lanjut" in client.get("/courses?status=archived").get_data(as_text=True)
    login(client, person)
    for url in ("/courses", "/courses?gaps=1", "/learning"):
        assert "Integritas Lanjut" not in client.get(url).get_data(as_text=True), url
    assert client.get(f"/courses/{course.id}").status_code == 404  # no enrollment: not visible
    listed = client.get("/api/v1/courses", headers=api_token(person)).get_json()
    assert course.id not in [c["id"] for c in listed["items"]]
    profile = client.get(f"/api/v1/users/{person.id}/competency-profile", headers=api_token(person))
    assert course.id not in [r["course_id"] for r in profile.get_json()["recommendations"]]
    hr_list = client.get("/api/v1/courses?status=archived", headers=api_token(hr)).get_json()
    assert [c["status"] for c in hr_list["items"]] == ["archived"]


def test_archiving_keeps_history_visible_to_learners_and_hr(client):
    course = make_course(title="Keamanan Informasi", jp=10, competencies={fixed("M.7"): 2})
    course_class = make_class(course)
    learner = make_user(locale="en")
    done = make_enrollment(learner, course_class)
    complete_enrollment(done)
    ongoing = make_enrollment(make_user(), course_class)
    login(client, make_user(roles=["hr"], locale="en")).post(f"/courses/{course.id}/archive")
    statuses = dict(db.session.execute(select(Enrollment.id, Enrollment.status)).all())
    assert statuses == {done.id: EnrollmentStatus.COMPLETED, ongoing.id: EnrollmentStatus.ENROLLED}
    assert db.session.scalar(select(JpCredit).where(JpCredit.source_ref == f"enrollment:{done.id}"))
    html = client.get(f"/courses/{course.id}").get_data(as_text=True)
    assert "Archived" in html and "Restore as draft" in html and "Add a class" not in html
    html = login(client, learner).get(f"/courses/{course.id}").get_data(as_text=True)
    assert "Archived" in html and "Keamanan Informasi" in html and "/enrol" not in html
    assert "Keamanan Informasi" in client.get("/learning").get_data(as_text=True)
    assert client.get(f"/learning/enrollments/{done.id}").status_code == 200


def test_archived_course_refuses_enrolment_and_assignment_everywhere(client, api_token):
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit, locale="en")
    person = make_user(unit=unit, locale="en")
    course = make_course(status=CourseStatus.ARCHIVED)
    course_class = make_class(course)
    make_enrollment(person, make_class(course), status=EnrollmentStatus.WITHDRAWN)  # may see the course
    login(client, person)
    response = client.post(f"/classes/{course_class.id}/enrol", follow_redirects=True)
    assert "archived and takes no new enrollments" in response.get_data(as_text=True)
    api = client.post(f"/api/v1/classes/{course_class.id}/enrollments", json={}, headers=api_token(person))
    assert api.status_code == 409 and "class_id" in api.get_json()["error"]["fields"]
    headers = api_token(hr)
    api = client.post(
        f"/api/v1/classes/{course_class.id}/enrollments", json={"user_id": person.id}, headers=headers
    )
    assert api.status_code == 409
    for dry_run in (True, False):
        api = client.post(
            f"/api/v1/classes/{course_class.id}/assignments",
            json={"unit_id": unit.id, "dry_run": dry_run},
            headers=headers,
        )
        assert api.status_code == 409, dry_run
    login(client, hr)
    for action in ("preview", "apply"):
        form = {"mode": "unit", "unit_id": str(unit.id), "action": action}
        page = client.post(f"/classes/{course_class.id}/assign", data=form)
        assert page.status_code == 409 and "archived" in page.get_data(as_text=True)
    page = client.post(
        f"/classes/{course_class.id}/assign-person", data={"person": person.username}, follow_redirects=True
    )
    assert "archived" in page.get_data(as_text=True)
    start = date.today() + timedelta(days=3)
    data = {"name": "Baru", "capacity": "5", "starts_on": start.isoformat(), "ends_on": start.isoformat()}
    new_class = client.post(f"/courses/{course.id}/classes/new", data=data)
    assert new_class.status_code == 409
    assert db.session.scalar(select(Enrollment).where(Enrollment.class_id == course_class.id)) is None


def test_archive_twice_is_refused_and_restore_goes_back_to_draft(client):
    course = make_course()
    login(client, make_user(roles=["hr"], locale="en"))
    client.post(f"/courses/{course.id}/archive")
    again = client.post(f"/courses/{course.id}/archive", follow_redirects=True)
    assert again.status_code == 200 and "already archived" in again.get_data(as_text=True)
    edit = {"code": course.code, "title": course.title, "jp": "12", "delivery": "KL03", "status": "published"}
    assert client.post(f"/courses/{course.id}/edit", data=edit).status_code == 422  # restore first
    assert _status(course) == CourseStatus.ARCHIVED
    assert client.post(f"/courses/{course.id}/unarchive").status_code == 302
    assert _status(course) == CourseStatus.DRAFT
    twice = client.post(f"/courses/{course.id}/unarchive", follow_redirects=True)
    assert "Only an archived course can be restored." in twice.get_data(as_text=True)
    assert _audit_actions("course", course.id) == ["course.archived", "course.unarchived"]


def test_api_patch_archives_and_new_courses_cannot_start_archived(client, api_token):
    course = make_course()
    headers = api_token(make_user(roles=["hr"]))
    response = client.patch(f"/api/v1/courses/{course.id}", json={"status": "archived"}, headers=headers)
    assert response.status_code == 200 and response.get_json()["status"] == "archived"
    assert _audit_actions("course", course.id) == ["course.archived"]
    response = client.patch(f"/api/v1/courses/{course.id}", json={"status": "published"}, headers=headers)
    assert response.status_code == 422 and "status" in response.get_json()["error"]["fields"]
    new = {"code": "ARSIP-1", "title": "Arsip", "jp": 2, "delivery": "KL03", "status": "archived"}
    response = client.post("/api/v1/courses", json=new, headers=headers)
    assert response.status_code == 422 and "status" in response.get_json()["error"]["fields"]
