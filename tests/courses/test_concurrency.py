"""Fifty people enrolling at once into ten seats: exactly ten seated, forty waitlisted (PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.courses.enums import EnrollmentStatus
from app.courses.models import CourseClass, Enrollment
from app.courses.services.enrollment import self_enrol
from app.extensions import db
from app.org.models import User
from tests.concurrency import race
from tests.courses.factories import make_class, make_course
from tests.factories import make_user


def _enrol(user_id: int, class_id: int):
    def work():
        self_enrol(db.session.get(User, user_id), db.session.get(CourseClass, class_id))

    return work


@pytest.mark.committed
@pytest.mark.postgres_only
def test_fifty_concurrent_enrolments_into_ten_seats(app):
    course_class = make_class(make_course(), capacity=10)
    people = [make_user() for _ in range(50)]
    db.session.commit()
    class_id, ids = course_class.id, [p.id for p in people]
    outcome = race(app, [_enrol(i, class_id) for i in ids])
    assert (outcome.succeeded, outcome.refused, outcome.errors) == (50, [], [])
    rows = dict(
        db.session.execute(
            select(Enrollment.status, func.count())
            .where(Enrollment.class_id == class_id)
            .group_by(Enrollment.status)
        ).all()
    )
    assert rows == {EnrollmentStatus.ENROLLED: 10, EnrollmentStatus.WAITLISTED: 40}


@pytest.mark.committed
@pytest.mark.postgres_only
def test_double_click_creates_one_enrollment(app):
    course_class = make_class(make_course(), capacity=10)
    person = make_user()
    db.session.commit()
    outcome = race(app, [_enrol(person.id, course_class.id) for _ in range(5)])
    assert (outcome.succeeded, outcome.refused, outcome.errors) == (1, [409] * 4, [])
    count = db.session.scalar(select(func.count(Enrollment.id)).where(Enrollment.user_id == person.id))
    assert count == 1
