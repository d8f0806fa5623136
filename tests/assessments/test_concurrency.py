"""Parallel starts and double submits never create extra scored attempts (PostgreSQL, real threads)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.assessments.enums import AttemptStatus
from app.assessments.models import Attempt, Quiz
from app.assessments.services.attempts import start_attempt, submit_attempt
from app.competency.models import Evidence
from app.courses.models import Enrollment
from app.extensions import db
from app.org.models import User
from tests.assessments.factories import choice_ids, make_learner, make_quiz, single
from tests.competency.factories import make_technical
from tests.concurrency import race
from tests.courses.factories import make_course


def _setup(max_attempts: int):
    course = make_course(competencies={make_technical(): 2})
    question = single(course)
    quiz = make_quiz(course, [question], max_attempts=max_attempts)
    person, enrollment = make_learner(course)
    db.session.commit()
    return quiz.id, person.id, enrollment.id, question.id, choice_ids(question)


@pytest.mark.committed
@pytest.mark.postgres_only
def test_parallel_starts_beyond_the_limit(app):
    quiz_id, person_id, enrollment_id, question_id, _right = _setup(max_attempts=2)

    def work():
        quiz = db.session.get(Quiz, quiz_id)
        person = db.session.get(User, person_id)
        attempt = start_attempt(person, quiz)
        db.session.commit()
        submit_attempt(attempt, [{"question_id": question_id, "choice_ids": []}])

    outcome = race(app, [work] * 8)
    # Latecomers are refused: 409 (no attempts left, or a start raced them), or 403 once the
    # second failed attempt has failed the enrollment itself.
    assert outcome.errors == [] and set(outcome.refused) <= {403, 409}, outcome
    attempts = db.session.scalars(select(Attempt).where(Attempt.enrollment_id == enrollment_id)).all()
    assert len(attempts) <= 2
    assert outcome.succeeded == sum(1 for a in attempts if a.status == AttemptStatus.GRADED)


@pytest.mark.committed
@pytest.mark.postgres_only
def test_double_submit_scores_once(app):
    quiz_id, person_id, enrollment_id, question_id, right = _setup(max_attempts=1)
    attempt_id = start_attempt(db.session.get(User, person_id), db.session.get(Quiz, quiz_id)).id
    db.session.commit()

    def work():
        submit_attempt(
            db.session.get(Attempt, attempt_id), [{"question_id": question_id, "choice_ids": right}]
        )

    outcome = race(app, [work] * 6)
    assert (outcome.succeeded, outcome.refused, outcome.errors) == (1, [409] * 5, [])
    attempt = db.session.get(Attempt, attempt_id)
    assert attempt.status == AttemptStatus.GRADED and attempt.score == 100.0
    assert (
        db.session.scalar(select(func.count(Attempt.id)).where(Attempt.enrollment_id == enrollment_id)) == 1
    )
    assert db.session.scalar(select(func.count(Evidence.id)).where(Evidence.user_id == person_id)) >= 1
    assert db.session.get(Enrollment, enrollment_id).status == "completed"
