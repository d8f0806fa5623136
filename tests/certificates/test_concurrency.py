"""Under concurrency (PostgreSQL): one certificate per enrollment, and numbers never repeat."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.certificates.models import Certificate
from app.certificates.services.issuing import issue_certificate
from app.courses.enums import EnrollmentStatus
from app.courses.models import Enrollment
from app.extensions import db
from tests.certificates.factories import make_course_with_outline, make_holder
from tests.concurrency import race
from tests.courses.factories import make_class, make_enrollment

pytestmark = [pytest.mark.committed, pytest.mark.postgres_only]


def _issue(enrollment_id: int):
    def work():
        issue_certificate(db.session.get(Enrollment, enrollment_id))

    return work


def test_concurrent_issues_of_one_enrollment_make_one_certificate(app):
    course_class = make_class(make_course_with_outline())
    enrollment = make_enrollment(make_holder(), course_class, status=EnrollmentStatus.COMPLETED)
    db.session.commit()
    outcome = race(app, [_issue(enrollment.id)] * 8)
    assert (outcome.succeeded, outcome.errors) == (8, [])
    count = db.session.scalar(
        select(func.count()).select_from(Certificate).where(Certificate.enrollment_id == enrollment.id)
    )
    assert count == 1


def test_concurrent_issues_for_many_enrollments_get_distinct_numbers(app):
    course_class = make_class(make_course_with_outline())
    ids = [
        make_enrollment(make_holder(), course_class, status=EnrollmentStatus.COMPLETED).id for _ in range(8)
    ]
    db.session.commit()
    outcome = race(app, [_issue(i) for i in ids])
    assert (outcome.succeeded, outcome.errors) == (8, [])
    numbers = db.session.scalars(select(Certificate.number)).all()
    assert len(numbers) == len(set(numbers)) == 8
