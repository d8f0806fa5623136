"""Grader alerts: instructors (else the learner's HR officers) hear once about essays waiting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.assessments.services.attempts import close_expired_attempts, start_attempt, submit_attempt
from app.assessments.services.instructors import assign_instructor
from app.db import utcnow
from app.errors import ConflictError
from app.extensions import db
from app.notifications.models import Notification
from tests.assessments.factories import essay, make_learner, make_quiz, single
from tests.courses.factories import make_course
from tests.factories import make_unit, make_user


@pytest.fixture
def course():
    return make_course(competencies={})


def _notes(user):
    return db.session.scalars(select(Notification).where(Notification.user_id == user.id)).all()


def _essay_quiz(course, **settings):
    return make_quiz(course, [single(course), essay(course)], kind="quiz", max_attempts=None, **settings)


def test_instructors_are_told_once_in_their_language(course, mail_outbox):
    quiz = _essay_quiz(course)
    hr = make_user(roles=["hr"])
    teacher = make_user(roles=["employee"], email="guru@nusantara.go.id")
    english = make_user(roles=["employee"], email="teacher@nusantara.go.id", locale="en")
    for person in (teacher, english):
        assign_instructor(hr, course.id, person.username)
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz)
    outcome = submit_attempt(attempt, [{"question_id": attempt.answers[-1].question_id, "text": "Esai saya"}])
    assert outcome.attempt.graders_alerted_at is not None
    db.session.commit()
    (note,) = _notes(teacher)
    assert note.title == f"Esai untuk dinilai: {quiz.title}" and note.link == "/grading/"
    assert person.name in note.body and "1 esai menunggu nilai" in note.body
    (note,) = _notes(english)
    assert note.title == f"Essays to grade: {quiz.title}"
    assert sorted(m.to[0] for m in mail_outbox) == ["guru@nusantara.go.id", "teacher@nusantara.go.id"]
    with pytest.raises(ConflictError):  # a second submit changes nothing and tells nobody again
        submit_attempt(attempt, [])
    db.session.commit()
    assert len(_notes(teacher)) == 1 and len(mail_outbox) == 2
    assert _notes(hr) == []


def test_without_instructors_the_learners_hr_officers_are_told(course):
    quiz = _essay_quiz(course)
    parent = make_unit()
    unit = make_unit(parent=parent)
    local_hr, parent_hr = make_user(roles=["hr"], unit=unit), make_user(roles=["hr"], unit=parent)
    elsewhere_hr = make_user(roles=["hr"], unit=make_unit())
    person, _e = make_learner(course, unit=unit)
    submit_attempt(start_attempt(person, quiz), [])
    assert len(_notes(local_hr)) == 1
    assert _notes(parent_hr) == [] and _notes(elsewhere_hr) == [] and _notes(person) == []


def test_no_alert_without_essays_waiting(course):
    quiz = make_quiz(course, [single(course)], kind="quiz", max_attempts=None)
    hr = make_user(roles=["hr"])
    teacher = make_user(roles=["employee"])
    assign_instructor(hr, course.id, teacher.username)
    person, _e = make_learner(course)
    attempt = submit_attempt(start_attempt(person, quiz), []).attempt
    assert attempt.graders_alerted_at is None and _notes(teacher) == []


def test_an_attempt_closed_at_its_deadline_alerts_too(course):
    quiz = _essay_quiz(course, time_limit_minutes=10)
    teacher = make_user(roles=["employee"])
    assign_instructor(make_user(roles=["hr"]), course.id, teacher.username)
    person, _e = make_learner(course)
    start_attempt(person, quiz, now=utcnow() - timedelta(hours=1))
    assert close_expired_attempts() == 1
    assert close_expired_attempts() == 0
    assert len(_notes(teacher)) == 1
