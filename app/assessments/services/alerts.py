"""Grader alerts: a submitted attempt with essays waiting tells its graders once."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.assessments.enums import QuestionKind
from app.assessments.models import Attempt, CourseInstructor
from app.db import utcnow
from app.extensions import db
from app.notifications.services import notify
from app.org.models import User
from app.org.officers import hr_officers, responsible_hr


def _instructors(course_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(CourseInstructor, CourseInstructor.user_id == User.id)
            .where(CourseInstructor.course_id == course_id, User.active.is_(True))
            .order_by(User.id)
        )
    )


def _hr_in_scope(learner: User) -> list[User]:
    """The HR officers of the learner's nearest unit that has any (the learner's unit or a parent)."""
    ids = responsible_hr(learner.unit.path if learner.unit is not None else None, hr_officers())
    return list(db.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id))) if ids else []


def essays_waiting(attempt: Attempt) -> int:
    """How many of the attempt's essays wait for a grade."""
    return sum(1 for a in attempt.answers if a.awarded is None and a.question.kind == QuestionKind.ESSAY)


def alert_graders(attempt: Attempt) -> list[User]:
    """Tell the course's instructors (none: the learner's HR officers) that essays wait for a grade.

    Called with the attempt row locked (submit or close); `graders_alerted_at` makes it once
    per attempt. The learner is never told to grade their own essay. Returns who was told.
    """
    if attempt.graders_alerted_at is not None:
        return []
    waiting = essays_waiting(attempt)
    if not waiting:
        return []
    attempt.graders_alerted_at = utcnow()
    quiz = attempt.quiz
    recipients = [u for u in _instructors(quiz.course_id) if u.id != attempt.user_id]
    if not recipients:
        recipients = [u for u in _hr_in_scope(attempt.user) if u.id != attempt.user_id]
    for grader in recipients:
        notify(
            grader,
            _l("Essays to grade: %(quiz)s", quiz=quiz.title),
            _l(
                "%(name)s submitted %(quiz)s (%(course)s); %(n)s essays wait for a grade.",
                name=attempt.user.name,
                quiz=quiz.title,
                course=quiz.course.code,
                n=waiting,
            ),
            link="/grading/",
        )
    db.session.flush()
    return recipients
