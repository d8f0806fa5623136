"""Two saves at once: one narrative per person and year, one course evaluation per enrollment."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask

from app.courses.enums import EnrollmentStatus
from app.courses.models import Enrollment
from app.extensions import db
from app.org.models import User
from app.reports.models import CourseFeedback, EvaluationNarrative
from app.reports.services.feedback import submit_feedback
from app.reports.services.narratives import save_narrative
from tests.concurrency import race
from tests.courses.factories import make_class, make_course, make_enrollment
from tests.factories import make_unit, make_user

RATINGS = {"relevance": 5, "material": 4, "trainer": 5, "facilities": 3, "usefulness": 4}


@pytest.mark.committed
@pytest.mark.postgres_only
def test_two_first_narratives_at_once_leave_one_row(app: Flask) -> None:
    unit = make_unit()
    evaluator = make_user(roles=["evaluator"], unit=unit)
    person = make_user(unit=unit, supervisor=evaluator)
    db.session.commit()
    ids = (evaluator.id, person.id)

    def save(text: str):
        return lambda: save_narrative(
            db.session.get(User, ids[0]), db.session.get(User, ids[1]), 2026, {"narrative": text}
        )

    outcome = race(app, [save("first"), save("second")])
    assert (outcome.succeeded, outcome.errors) == (2, []), outcome
    rows = db.session.query(EvaluationNarrative).filter_by(user_id=person.id, year=2026).all()
    assert len(rows) == 1 and rows[0].narrative in ("first", "second")


@pytest.mark.committed
@pytest.mark.postgres_only
def test_a_double_submitted_course_evaluation_is_kept_once(app: Flask) -> None:
    person = make_user()
    course = make_course()
    enrollment = make_enrollment(
        person, make_class(course, starts_on=date(2026, 3, 1)), status=EnrollmentStatus.COMPLETED
    )
    db.session.commit()
    ids = (person.id, enrollment.id)

    def submit():
        return submit_feedback(db.session.get(User, ids[0]), db.session.get(Enrollment, ids[1]), RATINGS)

    outcome = race(app, [submit, submit])
    assert (outcome.succeeded, outcome.refused, outcome.errors) == (1, [409], []), outcome
    assert db.session.query(CourseFeedback).filter_by(enrollment_id=enrollment.id).count() == 1
