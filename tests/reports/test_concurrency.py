"""Two saves at once: one narrative per person and year, one course evaluation per enrollment."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask

from app.courses.enums import EnrollmentStatus
from app.courses.models import Enrollment
from app.errors import ConflictError
from app.extensions import db
from app.org.models import User
from app.reports.models import CourseFeedback, EvaluationNarrative
from app.reports.services.feedback import submit_feedback
from app.reports.services.narratives import save_narrative
from tests.courses.factories import make_class, make_course, make_enrollment
from tests.factories import make_unit, make_user

RATINGS = {"relevance": 5, "material": 4, "trainer": 5, "facilities": 3, "usefulness": 4}


def _race(app: Flask, actions: list[Callable[[], object]]) -> list[str]:
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = []

    def run(action) -> None:
        with app.test_request_context("/"):
            barrier.wait()
            try:
                action()
                db.session.commit()
                outcomes.append("ok")
            except ConflictError:
                db.session.rollback()
                outcomes.append("409")
            except Exception as exc:  # reported by the assertions, not lost in the thread
                db.session.rollback()
                outcomes.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


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

    outcomes = _race(app, [save("first"), save("second")])
    assert outcomes == ["ok", "ok"], outcomes
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

    outcomes = _race(app, [submit, submit])
    assert sorted(outcomes) == ["409", "ok"], outcomes
    assert db.session.query(CourseFeedback).filter_by(enrollment_id=enrollment.id).count() == 1
