"""Where a certificate's score comes from: the final post-test score of the enrollment (assessments)."""

from __future__ import annotations

from sqlalchemy import select

from app.assessments.enums import QuizKind
from app.assessments.models import Quiz
from app.assessments.services.grading import enrollment_result
from app.courses.models import Enrollment
from app.extensions import db


def post_test_score(enrollment: Enrollment) -> float | None:
    """The enrollment's final post-test score (by the quiz's grading method), or None without a post-test."""
    quiz = db.session.scalar(
        select(Quiz).where(Quiz.course_id == enrollment.course_id, Quiz.kind == QuizKind.POST_TEST)
    )
    if quiz is None:
        return None
    final, _used, _pending = enrollment_result(quiz, enrollment.id)
    return final
