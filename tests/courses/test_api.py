"""Courses API: the contract of api-v1.md "Courses and enrollment", permissions and bad input."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from app.courses.enums import CourseStatus, EnrollmentStatus
from app.courses.models import Course, Enrollment
from app.extensions import db
from tests.competency.factories import fixed
from tests.courses.factories import make_class, make_course, make_enrollment, make_material
from tests.factories import make_unit, make_user


def test_hr_builds_a_course_class_and_material(client, api_token):
    hr = make_user(roles=["hr"], unit=make_unit())
    headers = api_token(hr)
    body = {
        "code": "LATSAR-01",
        "title": "Latsar CPNS",
        "jp": 40,
        "delivery": "KL04",
        "competencies": [{"competency_id": fixed("SK.1").id, "target_level": 2}],
        "status": "published",
    }
    response = client.post("/api/v1/courses", json=body, headers=headers)
    assert response.status_code == 201, response.json
    course = response.json
    assert course["delivery"] == "KL04" and course["competencies"] == [
        {"competency_id": fixed("SK.1").id, "target_level": 2}
    ]
    assert client.post("/api/v1/courses", json=body, headers=headers).status_code == 409
    start = date.today() + timedelta(days=7)
    bad = {
        "name": "Angkatan I",
        "capacity": 30,
        "starts_on": start.isoformat(),
        "ends_on": (start - timedelta(days=2)).isoformat(),
    }
    response = client.post(f"/api/v1/courses/{course['id']}/classes", json=bad, headers=headers)
    assert response.status_code == 422 and "ends_on" in response.json["error"]["fields"]
    bad["ends_on"] = (start + timedelta(days=2)).isoformat()
    assert (
        client.post(f"/api/v1/courses/{course['id']}/classes", json=bad, headers=headers).status_code == 201
    )
    material = {"title": "Modul 1", "kind": "text", "body": "Nilai dasar ASN", "required": True}
    assert (
        client.post(f"/api/v1/courses/{course['id']}/materials", json=material, headers=headers).status_code
        == 201
    )
    patched = client.patch(f"/api/v1/courses/{course['id']}", json={"jp": 41}, headers=headers)
    assert patched.status_code == 200 and patched.json["jp"] == 41


def test_employees_see_published_only_and_cannot_write(client, api_token):
    make_course(title="Terbit")
    draft = make_course(title="Draf", status=CourseStatus.DRAFT)
    headers = api_token(make_user())
    listing = client.get("/api/v1/courses", headers=headers).json
    assert [c["title"] for c in listing["items"]] == ["Terbit"] and listing["total"] == 1
    assert client.get(f"/api/v1/courses/{draft.id}", headers=headers).status_code == 404
    assert client.post("/api/v1/courses", json={}, headers=headers).status_code == 403


def test_self_enrolment_waitlist_progress_and_withdraw(client, api_token):
    course = make_course(jp=8)
    material = make_material(course)
    course_class = make_class(course, capacity=1)
    first, second = make_user(), make_user()
    one = client.post(f"/api/v1/classes/{course_class.id}/enrollments", json={}, headers=api_token(first))
    two = client.post(f"/api/v1/classes/{course_class.id}/enrollments", json={}, headers=api_token(second))
    assert (one.status_code, one.json["status"]) == (201, "enrolled")
    assert (two.status_code, two.json["status"]) == (201, "waitlisted")
    again = client.post(f"/api/v1/classes/{course_class.id}/enrollments", json={}, headers=api_token(first))
    assert again.status_code == 409
    blocked = client.post(
        f"/api/v1/enrollments/{two.json['id']}/progress",
        json={"material_id": material.id},
        headers=api_token(second),
    )
    assert blocked.status_code == 409
    withdrawn = client.post(f"/api/v1/enrollments/{one.json['id']}/withdraw", headers=api_token(first))
    assert withdrawn.json["status"] == "withdrawn"
    done = client.post(
        f"/api/v1/enrollments/{two.json['id']}/progress",
        json={"material_id": material.id},
        headers=api_token(second),
    )
    assert (
        done.status_code == 200
        and done.json["status"] == "completed"
        and done.json["progress_percent"] == 100
    )
    mine = client.get(f"/api/v1/users/{second.id}/enrollments", headers=api_token(second)).json
    assert mine["items"][0]["status"] == "completed"
    assert client.get(f"/api/v1/users/{second.id}/enrollments", headers=api_token(first)).status_code == 404


def test_prerequisite_missing_is_422_with_the_field(client, api_token):
    advanced = make_course(prerequisites=[make_course(title="Dasar")])
    response = client.post(
        f"/api/v1/classes/{make_class(advanced).id}/enrollments", json={}, headers=api_token(make_user())
    )
    assert response.status_code == 422 and "prerequisites" in response.json["error"]["fields"]


def test_bulk_assignment_is_idempotent(client, api_token):
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    for _ in range(4):
        make_user(unit=unit)
    course_class = make_class(make_course(), capacity=3)
    headers = api_token(hr)
    body = {
        "unit_id": unit.id,
        "include_subunits": True,
        "due_on": (date.today() + timedelta(days=30)).isoformat(),
    }
    preview = client.post(
        f"/api/v1/classes/{course_class.id}/assignments", json={**body, "dry_run": True}, headers=headers
    )
    assert preview.json == {"assigned": 3, "already_enrolled": 0, "waitlisted": 2, "targeted": 5}
    assert db.session.scalar(select(func.count(Enrollment.id))) == 0
    first = client.post(f"/api/v1/classes/{course_class.id}/assignments", json=body, headers=headers)
    assert first.json == {"assigned": 3, "already_enrolled": 0, "waitlisted": 2, "targeted": 5}
    second = client.post(f"/api/v1/classes/{course_class.id}/assignments", json=body, headers=headers)
    assert second.json == {"assigned": 0, "already_enrolled": 5, "waitlisted": 0, "targeted": 5}
    unknown = client.post(
        f"/api/v1/classes/{course_class.id}/assignments", json={"unit_id": 2**31 - 1}, headers=headers
    )
    assert unknown.status_code == 422 and "unit_id" in unknown.json["error"]["fields"]


def test_hr_assigns_one_person_with_a_due_date(client, api_token):
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    person = make_user(unit=unit)
    course_class = make_class(make_course())
    due = (date.today() + timedelta(days=20)).isoformat()
    response = client.post(
        f"/api/v1/classes/{course_class.id}/enrollments",
        json={"user_id": person.id, "due_on": due},
        headers=api_token(hr),
    )
    assert (
        response.status_code == 201
        and response.json["status"] == "assigned"
        and response.json["due_on"] == due
    )
    past = client.post(
        f"/api/v1/classes/{make_class(make_course()).id}/enrollments",
        json={"user_id": person.id, "due_on": "2001-01-01"},
        headers=api_token(hr),
    )
    assert past.status_code == 422 and "due_on" in past.json["error"]["fields"]
    assert db.session.scalar(select(func.count(Course.id))) == 2
    make_enrollment(make_user(), course_class, status=EnrollmentStatus.ENROLLED)
