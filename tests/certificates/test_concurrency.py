"""Under concurrency (PostgreSQL): one certificate per enrollment, and numbers never repeat."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from app.certificates.models import Certificate
from app.certificates.services.issuing import issue_certificate
from app.courses.enums import EnrollmentStatus
from app.courses.models import Enrollment
from app.extensions import db
from tests.certificates.factories import make_course_with_outline, make_holder
from tests.courses.factories import make_class, make_enrollment

pytestmark = [pytest.mark.committed, pytest.mark.postgres_only]


def _race(app, enrollment_ids: list[int]) -> list[BaseException]:
    barrier = threading.Barrier(len(enrollment_ids))
    errors: list[BaseException] = []

    def worker(enrollment_id: int) -> None:
        with app.app_context():
            try:
                enrollment = db.session.get(Enrollment, enrollment_id)
                barrier.wait()
                issue_certificate(enrollment)
                db.session.commit()
            except BaseException as exc:  # collected and reported by the test
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(eid,)) for eid in enrollment_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_issues_of_one_enrollment_make_one_certificate(app):
    course_class = make_class(make_course_with_outline())
    enrollment = make_enrollment(make_holder(), course_class, status=EnrollmentStatus.COMPLETED)
    db.session.commit()
    errors = _race(app, [enrollment.id] * 8)
    assert errors == []
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
    assert _race(app, ids) == []
    numbers = db.session.scalars(select(Certificate.number)).all()
    assert len(numbers) == len(set(numbers)) == 8
