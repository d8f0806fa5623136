"""Attempts: frozen questions, autosave, one submit, deadlines and grace, limits, outcomes on the course."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.assessments.enums import AttemptStatus, QuizKind
from app.assessments.models import Attempt, QuestionCategory
from app.assessments.services.attempts import (
    close_expired_attempts,
    quiz_state,
    save_answers,
    start_attempt,
    submit_attempt,
)
from app.assessments.services.grading import grade_essay, grant_extra_attempt, post_test_passed
from app.assessments.services.quizzes import set_draw
from app.audit.models import AuditEntry
from app.competency.models import Evidence
from app.courses.enums import EnrollmentStatus
from app.db import utcnow
from app.errors import ConflictError, ForbiddenError, ServiceError
from app.extensions import db
from app.notifications.models import Notification
from tests.assessments.factories import choice_ids, essay, make_learner, make_quiz, multiple, short, single
from tests.competency.factories import make_technical
from tests.courses.factories import make_course


@pytest.fixture
def course():
    return make_course(competencies={make_technical(): 2})


def _answers(attempt, right=True):
    answers = []
    for slot in attempt.answers:
        q = slot.question
        if q.kind.has_choices:
            answers.append(
                {
                    "question_id": q.id,
                    "choice_ids": choice_ids(q, correct=right)[:1]
                    if q.kind != "multiple"
                    else choice_ids(q, correct=right),
                }
            )
        else:
            answers.append({"question_id": q.id, "text": "pancasila" if right else "lain"})
    return answers


def test_start_freezes_questions_and_choice_order(course):
    questions = [single(course, f"Soal {i}") for i in range(4)]
    quiz = make_quiz(course, questions, shuffle_questions=True, shuffle_choices=True)
    person, _enrollment = make_learner(course)
    attempt = start_attempt(person, quiz, rng=random.Random(3))
    assert attempt.number == 1 and attempt.deadline_at is None
    assert sorted(a.question_id for a in attempt.answers) == sorted(q.id for q in questions)
    frozen = [(a.question_id, list(a.choice_order)) for a in attempt.answers]
    # Resuming gives back the same attempt with the same order, even after the bank changes.
    questions[0].choices[0].text = "Jakarta Raya"
    again = start_attempt(person, quiz, rng=random.Random(99))
    assert again.id == attempt.id
    assert [(a.question_id, list(a.choice_order)) for a in again.answers] == frozen


def test_random_draw_from_category(course):
    fixed = single(course, "Tetap")
    for i in range(6):
        single(course, f"Acak {i}", category="Bank acak")
    quiz = make_quiz(course, [fixed])
    category = db.session.scalar(select(QuestionCategory).where(QuestionCategory.name == "Bank acak"))
    set_draw(quiz, category.id, 3)
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz)
    assert len(attempt.answers) == 4
    assert fixed.id in {a.question_id for a in attempt.answers}


def test_perfect_post_test_records_evidence_and_completes(course):
    questions = [single(course), multiple(course), short(course)]
    quiz = make_quiz(course, questions)
    person, enrollment = make_learner(course)
    attempt = start_attempt(person, quiz)
    outcome = submit_attempt(attempt, _answers(attempt))
    assert not outcome.late
    assert attempt.status == AttemptStatus.GRADED and attempt.score == 100.0 and attempt.passed
    evidence = db.session.scalars(select(Evidence).where(Evidence.user_id == person.id)).all()
    assert [(e.source.value, e.level, e.source_ref) for e in evidence if e.source.value == "assessment"] == [
        ("assessment", 2, f"attempt:{attempt.id}")
    ]
    assert enrollment.status == EnrollmentStatus.COMPLETED  # no required materials, post-test passed
    assert post_test_passed(enrollment)


def test_ninety_percent_awards_a_level_above_when_allowed(course):
    course.allow_level_above_target = True
    quiz = make_quiz(course, [single(course, f"S{i}") for i in range(10)])
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz)
    answers = _answers(attempt)
    answers[0]["choice_ids"] = choice_ids(attempt.answers[0].question, correct=False)[:1]  # 9 of 10
    submit_attempt(attempt, answers)
    levels = db.session.scalars(
        select(Evidence.level).where(Evidence.user_id == person.id, Evidence.source == "assessment")
    ).all()
    assert attempt.score == 90.0 and levels == [3]


def test_second_submit_is_refused(course):
    quiz = make_quiz(course, [single(course)])
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz)
    submit_attempt(attempt, [])
    with pytest.raises(ConflictError):
        submit_attempt(attempt, _answers(attempt))
    with pytest.raises(ConflictError):
        save_answers(attempt, [])
    assert attempt.score == 0.0


def test_autosave_then_submit_grades_what_was_saved(course):
    q = single(course)
    quiz = make_quiz(course, [q, short(course)])
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz)
    assert save_answers(attempt, [{"question_id": q.id, "choice_ids": choice_ids(q)}])
    submit_attempt(attempt)
    assert attempt.earned == 1.0 and attempt.score == 50.0 and attempt.passed is False


@pytest.mark.parametrize(
    "bad",
    [
        [{"question_id": 999999, "choice_ids": []}],
        [{"question_id": "x"}],
        "not a list",
        [{"question_id": None, "choice_ids": [1]}],
    ],
)
def test_answers_for_questions_outside_the_attempt_are_refused(course, bad):
    quiz = make_quiz(course, [single(course)])
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz)
    with pytest.raises(ServiceError) as error:
        submit_attempt(attempt, bad)
    assert error.value.status == 422
    assert attempt.status == AttemptStatus.IN_PROGRESS and attempt.score is None


def test_choice_of_another_question_is_refused(course):
    first, second = single(course, "Satu"), single(course, "Dua")
    quiz = make_quiz(course, [first, second])
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz)
    with pytest.raises(ServiceError) as error:
        save_answers(attempt, [{"question_id": first.id, "choice_ids": choice_ids(second)}])
    assert "answers.0" in error.value.fields
    with pytest.raises(ServiceError):
        save_answers(attempt, [{"question_id": first.id, "choice_ids": [c.id for c in first.choices]}])


def test_late_submit_closes_on_saved_answers(course):
    q = single(course)
    quiz = make_quiz(course, [q, single(course, "Dua")], time_limit_minutes=10)
    person, _e = make_learner(course)
    start = utcnow() - timedelta(minutes=30)
    attempt = start_attempt(person, quiz, now=start)
    assert attempt.deadline_at == start + timedelta(minutes=10)
    save_answers(
        attempt, [{"question_id": q.id, "choice_ids": choice_ids(q)}], now=start + timedelta(minutes=5)
    )
    # Within the grace period the submit still counts.
    outcome = submit_attempt(attempt, _answers(attempt), now=start + timedelta(minutes=10, seconds=59))
    assert not outcome.late and attempt.score == 100.0


def test_expired_attempt_is_closed_and_graded_on_saved(course):
    q = single(course)
    quiz = make_quiz(course, [q, single(course, "Dua")], time_limit_minutes=10)
    person, _e = make_learner(course)
    start = utcnow() - timedelta(minutes=30)
    attempt = start_attempt(person, quiz, now=start)
    save_answers(
        attempt, [{"question_id": q.id, "choice_ids": choice_ids(q)}], now=start + timedelta(minutes=5)
    )
    outcome = submit_attempt(attempt, _answers(attempt))
    assert outcome.late and attempt.closed_automatically
    assert attempt.score == 50.0 and attempt.status == AttemptStatus.GRADED
    assert not save_answers_allowed(attempt)


def save_answers_allowed(attempt) -> bool:
    try:
        save_answers(attempt, [])
    except ConflictError:
        return False
    return True


def test_cron_closes_expired_attempts(course):
    quiz = make_quiz(course, [single(course)], time_limit_minutes=5)
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz, now=utcnow() - timedelta(hours=1))
    assert close_expired_attempts() == 1
    assert attempt.status == AttemptStatus.GRADED and attempt.score == 0.0


def test_attempt_limit_then_failed_enrollment_then_hr_grant(course, hr_user):
    quiz = make_quiz(course, [single(course)], max_attempts=2)
    person, enrollment = make_learner(course)
    for _ in range(2):
        submit_attempt(start_attempt(person, quiz), [])
    assert enrollment.status == EnrollmentStatus.FAILED
    with pytest.raises(ForbiddenError):  # a failed enrollment takes no more tests
        start_attempt(person, quiz)
    grant_extra_attempt(hr_user, quiz, enrollment, "Sakit saat ujian")
    assert enrollment.status == EnrollmentStatus.ENROLLED
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "assessments.attempt_granted"))
    third = start_attempt(person, quiz)
    assert third.number == 3
    submit_attempt(third, _answers(third))
    assert enrollment.status == EnrollmentStatus.COMPLETED


def test_no_more_attempts_than_the_limit(course):
    quiz = make_quiz(course, [single(course)], kind=QuizKind.PRE_TEST, max_attempts=1)
    person, enrollment = make_learner(course)
    submit_attempt(start_attempt(person, quiz), [])
    with pytest.raises(ConflictError):
        start_attempt(person, quiz)
    assert enrollment.status == EnrollmentStatus.ENROLLED  # a pre-test never fails the course
    assert quiz_state(person, quiz).left == 0


def test_grading_methods_across_attempts(course):
    quiz = make_quiz(
        course, [single(course), single(course, "Dua")], max_attempts=3, grading_method="average"
    )
    person, enrollment = make_learner(course)
    submit_attempt(start_attempt(person, quiz), [])  # 0
    second = start_attempt(person, quiz)
    submit_attempt(second, _answers(second))  # 100 → average 50: not passed
    assert quiz_state(person, quiz).final_score == 50.0
    assert enrollment.status == EnrollmentStatus.ENROLLED


def test_essays_wait_for_a_grader(course, evaluator):
    q, e = single(course), essay(course, points=4)
    quiz = make_quiz(course, [q, e])
    person, enrollment = make_learner(course)
    attempt = start_attempt(person, quiz)
    submit_attempt(
        attempt,
        [{"question_id": q.id, "choice_ids": choice_ids(q)}, {"question_id": e.id, "text": "Jawaban"}],
    )
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.score is None
    assert enrollment.status == EnrollmentStatus.ENROLLED
    slot = next(a for a in attempt.answers if a.question_id == e.id)
    with pytest.raises(ServiceError):
        grade_essay(evaluator, slot, 5, "")
    grade_essay(evaluator, slot, 3, "Cukup lengkap; tambahkan contoh.")
    assert attempt.status == AttemptStatus.GRADED and attempt.score == 80.0 and attempt.passed
    assert slot.comment.startswith("Cukup") and enrollment.status == EnrollmentStatus.COMPLETED
    note = db.session.scalar(
        select(Notification).where(
            Notification.user_id == person.id, Notification.link == f"/attempts/{attempt.id}/result"
        )
    )
    assert "80" in note.body


def test_not_enrolled_cannot_start(course, employee):
    quiz = make_quiz(course, [single(course)])
    with pytest.raises(ForbiddenError):
        start_attempt(employee, quiz)


def test_closed_and_empty_quizzes_refuse_to_start(course):
    person, _e = make_learner(course)
    empty = make_quiz(course, [], kind=QuizKind.QUIZ)
    with pytest.raises(ConflictError):
        start_attempt(person, empty)
    closed = make_quiz(
        course,
        [single(course)],
        kind=QuizKind.PRE_TEST,
        opens_at=(utcnow() - timedelta(days=2)).isoformat(),
        closes_at=(utcnow() - timedelta(days=1)).isoformat(),
    )
    with pytest.raises(ConflictError):
        start_attempt(person, closed)
    assert db.session.scalar(select(Attempt.id).where(Attempt.user_id == person.id)) is None
