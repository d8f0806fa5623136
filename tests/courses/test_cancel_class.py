"""Cancelling a class: active people are withdrawn and notified once, results stay, nobody new gets in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.courses.enums import EnrollmentStatus
from app.courses.models import CourseClass, Enrollment
from app.courses.services.common import CourseConflictError, CourseError
from app.courses.services.learning import open_classes_condition
from app.courses.services.lifecycle import cancel_class
from app.extensions import db
from app.notifications.models import Notification
from app.org.models import User
from tests.concurrency import race
from tests.conftest import login
from tests.courses.factories import make_class, make_course, make_enrollment
from tests.factories import make_unit, make_user

ACTIVE = (EnrollmentStatus.ASSIGNED, EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED)


def _statuses(class_id: int) -> dict[int, tuple[EnrollmentStatus, str]]:
    rows = db.session.execute(
        select(Enrollment.user_id, Enrollment.status, Enrollment.status_note).where(
            Enrollment.class_id == class_id
        )
    )
    return {user_id: (status, note) for user_id, status, note in rows}


def _notifications(user_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {i: [] for i in user_ids}
    for user_id, title in db.session.execute(
        select(Notification.user_id, Notification.title).where(Notification.user_id.in_(user_ids))
    ):
        found[user_id].append(title)
    return found


@pytest.fixture
def crowded_class():
    """A class with one person in every state; the first three are active."""
    course = make_course(title="Pelayanan Prima")
    course_class = make_class(course, capacity=4)
    people = {
        status: make_user(locale="en" if status == EnrollmentStatus.ASSIGNED else "id")
        for status in EnrollmentStatus
    }
    for status, person in people.items():
        make_enrollment(person, course_class, status=status)
    return course_class, people


def test_cancel_withdraws_actives_keeps_results_notifies_each_once(client, mail_outbox, crowded_class):
    course_class, people = crowded_class
    login(client, make_user(roles=["hr"], locale="en"))
    page = client.get(f"/classes/{course_class.id}/cancel")
    assert page.status_code == 200 and "3 people are assigned, enrolled or waitlisted" in page.get_data(
        as_text=True
    )
    response = client.post(f"/classes/{course_class.id}/cancel", data={"reason": "Narasumber berhalangan"})
    assert response.status_code == 302
    statuses = _statuses(course_class.id)
    for status, person in people.items():
        if status in ACTIVE:
            assert statuses[person.id] == (EnrollmentStatus.WITHDRAWN, "Narasumber berhalangan")
        else:
            assert statuses[person.id][0] == status  # completed, failed, withdrawn stay
    ids = [p.id for p in people.values()]
    notes = _notifications(ids)
    assert {uid: len(titles) for uid, titles in notes.items()} == {
        p.id: 1 if s in ACTIVE else 0 for s, p in people.items()
    }
    assert notes[people[EnrollmentStatus.ASSIGNED].id] == ["Class cancelled: Pelayanan Prima"]
    assert notes[people[EnrollmentStatus.ENROLLED].id] == ["Kelas dibatalkan: Pelayanan Prima"]
    assert sorted(m.to[0] for m in mail_outbox) == sorted(people[s].email for s in ACTIVE)
    assert "Narasumber berhalangan" in mail_outbox[0].body
    # A double submit changes nothing and notifies nobody again.
    again = client.post(f"/classes/{course_class.id}/cancel", data={"reason": "Lagi"}, follow_redirects=True)
    assert "This class is already cancelled." in again.get_data(as_text=True)
    assert sum(len(t) for t in _notifications(ids).values()) == 3 and len(mail_outbox) == 3
    audit = db.session.scalars(
        select(AuditEntry).where(
            AuditEntry.subject_type == "course_class", AuditEntry.subject_id == course_class.id
        )
    ).all()
    assert [(a.action, a.details["withdrawn"]) for a in audit] == [("course.class_cancelled", 3)]
    html = client.get(f"/courses/{course_class.course_id}").get_data(as_text=True)
    assert "Cancelled" in html and "Reason: Narasumber berhalangan" in html


def test_cancel_needs_a_reason(client, crowded_class):
    course_class, people = crowded_class
    login(client, make_user(roles=["hr"], locale="en"))
    response = client.post(f"/classes/{course_class.id}/cancel", data={"reason": "   "})
    assert response.status_code == 422 and "This field is required." in response.get_data(as_text=True)
    assert db.session.get(CourseClass, course_class.id).cancelled_at is None
    assert _statuses(course_class.id)[people[EnrollmentStatus.ENROLLED].id][0] == EnrollmentStatus.ENROLLED
    with pytest.raises(CourseError) as refused:
        cancel_class(make_user(roles=["hr"]), course_class, "")
    assert "reason" in refused.value.fields


def test_service_refuses_a_second_cancellation(crowded_class):
    course_class, _people = crowded_class
    hr = make_user(roles=["hr"])
    assert cancel_class(hr, course_class, "Ditunda") == 3
    with pytest.raises(CourseConflictError):
        cancel_class(hr, course_class, "Ditunda lagi")
    assert db.session.scalar(select(func.count(Notification.id))) == 3


def test_cancelled_class_takes_nobody_and_records_no_results(client, api_token):
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit, locale="en")
    person = make_user(unit=unit, locale="en")
    course = make_course()
    course_class = make_class(course)
    ongoing = make_enrollment(make_user(unit=unit), course_class)
    cancel_class(hr, course_class, "Ruang tidak tersedia")
    assert db.session.scalar(select(CourseClass.id).where(open_classes_condition(date.today()))) is None
    login(client, person)
    page = client.post(f"/classes/{course_class.id}/enrol", follow_redirects=True)
    assert "This class was cancelled: Ruang tidak tersedia" in page.get_data(as_text=True)
    api = client.post(f"/api/v1/classes/{course_class.id}/enrollments", json={}, headers=api_token(person))
    assert api.status_code == 409
    api = client.post(
        f"/api/v1/classes/{course_class.id}/assignments",
        json={"unit_id": unit.id, "dry_run": True},
        headers=api_token(hr),
    )
    assert api.status_code == 409
    login(client, hr)
    page = client.post(
        f"/classes/{course_class.id}/assign-person", data={"person": person.username}, follow_redirects=True
    )
    assert "This class was cancelled" in page.get_data(as_text=True)
    page = client.post(
        f"/enrollments/{ongoing.id}/result", data={"result": "completed"}, follow_redirects=True
    )
    assert "no results can be recorded" in page.get_data(as_text=True)
    start = date.today() + timedelta(days=3)
    edit = {"name": "X", "capacity": "9", "starts_on": start.isoformat(), "ends_on": start.isoformat()}
    assert client.post(f"/classes/{course_class.id}/edit", data=edit).status_code == 409
    roster = client.get(f"/classes/{course_class.id}/roster").get_data(as_text=True)
    assert "Ruang tidak tersedia" in roster and "Assign many people" not in roster
    assert db.session.scalar(select(Enrollment.id).where(Enrollment.user_id == person.id)) is None
    assert _statuses(course_class.id)[ongoing.user_id][0] == EnrollmentStatus.WITHDRAWN


@pytest.mark.committed
@pytest.mark.postgres_only
def test_simultaneous_cancellations_notify_once(app):
    course_class = make_class(make_course(), capacity=10)
    people = [make_user() for _ in range(4)]
    for person in people:
        make_enrollment(person, course_class)
    hr = make_user(roles=["hr"])
    db.session.commit()
    class_id, hr_id = course_class.id, hr.id

    def work():
        cancel_class(db.session.get(User, hr_id), db.session.get(CourseClass, class_id), "Bentrok jadwal")

    outcome = race(app, [work for _ in range(3)])
    assert (outcome.succeeded, outcome.refused, outcome.errors) == (1, [409, 409], [])
    assert db.session.scalar(select(func.count(Notification.id))) == 4
