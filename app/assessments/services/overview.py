"""A learner's tests across their courses, with attempts used, left and the result so far (three queries)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from app.assessments import rules
from app.assessments.enums import AttemptStatus
from app.assessments.models import Attempt, AttemptGrant, Quiz
from app.courses.enums import EnrollmentStatus
from app.courses.models import Course, Enrollment
from app.extensions import db

SHOWN_STATUSES = (
    EnrollmentStatus.ASSIGNED,
    EnrollmentStatus.ENROLLED,
    EnrollmentStatus.COMPLETED,
    EnrollmentStatus.FAILED,
)


@dataclass(frozen=True)
class TestRow:
    """One quiz of one of the learner's enrollments."""

    quiz: Quiz
    course: Course
    enrollment: Enrollment
    used: int
    left: int | None
    final_score: float | None
    passed: bool
    open_attempt: bool


def my_tests(user: Any) -> list[TestRow]:
    """The quizzes of the courses `user` is (or was) enrolled in, each with their standing."""
    rows = db.session.execute(
        select(Quiz, Course, Enrollment)
        .join(Course, Course.id == Quiz.course_id)
        .join(Enrollment, Enrollment.course_id == Course.id)
        .where(Enrollment.user_id == user.id, Enrollment.status.in_(SHOWN_STATUSES))
        .order_by(Course.title, Quiz.kind, Quiz.title)
    ).all()
    enrollment_ids = {e.id for _q, _c, e in rows}
    attempts: dict[tuple[int, int], list[Attempt]] = defaultdict(list)
    for attempt in db.session.scalars(
        select(Attempt).where(Attempt.enrollment_id.in_(enrollment_ids)).order_by(Attempt.number)
    ):
        attempts[(attempt.quiz_id, attempt.enrollment_id)].append(attempt)
    grants = {
        (quiz_id, enrollment_id): count
        for quiz_id, enrollment_id, count in db.session.execute(
            select(AttemptGrant.quiz_id, AttemptGrant.enrollment_id, func.count(AttemptGrant.id))
            .where(AttemptGrant.enrollment_id.in_(enrollment_ids))
            .group_by(AttemptGrant.quiz_id, AttemptGrant.enrollment_id)
        )
    }
    result = []
    for quiz, course, enrollment in rows:
        mine = attempts[(quiz.id, enrollment.id)]
        scores = [a.score for a in mine if a.status == AttemptStatus.GRADED and a.score is not None]
        final = rules.final_score(quiz.grading_method, scores)
        extra = grants.get((quiz.id, enrollment.id), 0)
        result.append(
            TestRow(
                quiz,
                course,
                enrollment,
                len(mine),
                rules.attempts_left(quiz.max_attempts, len(mine), extra),
                final,
                rules.has_passed(final, quiz.passing_score),
                any(a.open for a in mine),
            )
        )
    return result
