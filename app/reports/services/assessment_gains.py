"""Pre-test → post-test scores per course class, from the assessments package (registered in setup)."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from app.assessments.enums import AttemptStatus, QuizKind
from app.assessments.models import Attempt, Quiz
from app.courses.models import Enrollment
from app.extensions import db


def assessment_gains(enrollments: Select) -> dict[tuple[int, int], tuple[float | None, float | None]]:
    """`{(course id, class id): (average pre-test, average post-test)}` over the given enrollments.

    Pre-test: the first graded attempt (a diagnostic); post-test: the best graded attempt.
    Only enrollments with both count, so the two averages compare the same people.
    """
    pre = (
        select(Attempt.enrollment_id, Attempt.score.label("score"))
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(
            Quiz.kind == QuizKind.PRE_TEST,
            Attempt.number == 1,
            Attempt.status == AttemptStatus.GRADED,
            Attempt.enrollment_id.in_(enrollments),
        )
        .subquery("pre")
    )
    post = (
        select(Attempt.enrollment_id, func.max(Attempt.score).label("score"))
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(
            Quiz.kind == QuizKind.POST_TEST,
            Attempt.status == AttemptStatus.GRADED,
            Attempt.enrollment_id.in_(enrollments),
        )
        .group_by(Attempt.enrollment_id)
        .subquery("post")
    )
    rows = db.session.execute(
        select(Enrollment.course_id, Enrollment.class_id, func.avg(pre.c.score), func.avg(post.c.score))
        .join(pre, pre.c.enrollment_id == Enrollment.id)
        .join(post, post.c.enrollment_id == Enrollment.id)
        .group_by(Enrollment.course_id, Enrollment.class_id)
    )
    return {
        (course, klass): (
            round(float(a), 1) if a is not None else None,
            round(float(b), 1) if b is not None else None,
        )
        for course, klass, a, b in rows
    }
