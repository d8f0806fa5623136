"""Who may manage a course's bank and quizzes, grade its essays, read its analysis and grant attempts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, select, true

from app.assessments.models import CourseInstructor, Quiz
from app.extensions import db
from app.org.models import User
from app.org.permissions import in_managed_scope
from app.security import Role


def is_instructor(actor: Any, course_id: int) -> bool:
    """True when HR made `actor` an instructor of the course."""
    if not getattr(actor, "is_authenticated", False):
        return False
    return db.session.get(CourseInstructor, (course_id, actor.id)) is not None


def can_manage_assessments(actor: Any, course_id: int) -> bool:
    """HR officers, admins and the course's instructors manage its question bank and quizzes."""
    if not getattr(actor, "is_authenticated", False):
        return False
    return actor.has_role(Role.HR, Role.ADMIN) or is_instructor(actor, course_id)


def can_grade(actor: Any, course_id: int) -> bool:
    """Instructors, evaluators, HR and admins grade essays by hand."""
    if not getattr(actor, "is_authenticated", False):
        return False
    return actor.has_role(Role.EVALUATOR) or can_manage_assessments(actor, course_id)


def can_assign_instructors(actor: Any) -> bool:
    """Only HR officers and admins give people the instructor role of a course."""
    return getattr(actor, "is_authenticated", False) and actor.has_role(Role.HR, Role.ADMIN)


def can_grant_attempt(actor: Any, person: User) -> bool:
    """HR (for people in their units) and admins grant an extra attempt."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_role(Role.HR, Role.ADMIN):
        return False
    return in_managed_scope(actor, person)


def gradable_courses_condition(actor: Any) -> ColumnElement[bool]:
    """SQL condition on `Quiz.course_id`: the quizzes whose essays `actor` may grade."""
    if actor.has_role(Role.HR, Role.ADMIN, Role.EVALUATOR):
        return true()
    return exists(
        select(CourseInstructor.course_id).where(
            CourseInstructor.course_id == Quiz.course_id, CourseInstructor.user_id == actor.id
        )
    )
