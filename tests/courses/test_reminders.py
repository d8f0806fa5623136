"""Reminders: due soon and overdue assignments notify the learner; overdue ones a digest for HR."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.courses.enums import EnrollmentStatus
from app.courses.reminders import assignment_reminders
from app.extensions import db
from app.notifications.models import Notification
from app.notifications.reminders import send_reminders
from app.org.officers import responsible_hr
from tests.courses.factories import make_class, make_course, make_enrollment
from tests.factories import make_unit, make_user


def test_due_soon_overdue_and_hr_digest_sent_once_a_day():
    parent = make_unit()
    unit = make_unit(parent=parent)
    hr = make_user(roles=["hr"], unit=parent)
    today = date.today()
    soon, late, far = make_user(unit=unit), make_user(unit=unit), make_user(unit=unit)
    course_class = make_class(make_course(title="Manajemen Pengaduan"))
    make_enrollment(soon, course_class, status=EnrollmentStatus.ASSIGNED, due_on=today + timedelta(days=3))
    make_enrollment(late, course_class, status=EnrollmentStatus.ENROLLED, due_on=today - timedelta(days=2))
    make_enrollment(far, course_class, status=EnrollmentStatus.ASSIGNED, due_on=today + timedelta(days=30))
    done = make_user(unit=unit)
    make_enrollment(done, course_class, status=EnrollmentStatus.COMPLETED, due_on=today - timedelta(days=2))
    reminders = assignment_reminders(today)
    assert sorted(r.user_id for r in reminders) == sorted([soon.id, late.id, hr.id])
    assert send_reminders(today, ["courses.assignments"]) == {"courses.assignments": 3}
    assert send_reminders(today, ["courses.assignments"]) == {"courses.assignments": 0}
    titles = db.session.scalars(select(Notification.title).where(Notification.user_id == hr.id)).all()
    assert len(titles) == 1 and "1" in titles[0]


def test_nearest_unit_with_an_hr_officer_is_responsible():
    officers = [(1, "/1/"), (2, "/1/5/"), (3, "/1/5/")]
    assert responsible_hr("/1/5/9/", officers) == [2, 3]
    assert responsible_hr("/1/6/", officers) == [1]
    assert responsible_hr("/7/", officers) == []
