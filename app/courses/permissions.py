"""Who may see courses, manage the catalog, assign people and see rosters (object-level rules)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select

from app.courses.enums import CourseStatus
from app.courses.models import Course, Enrollment
from app.extensions import db
from app.org.models import User
from app.org.permissions import in_managed_scope, people_scope_condition
from app.security import Role

MANAGERS = (Role.HR, Role.ADMIN)


def can_manage_courses(actor: Any) -> bool:
    """HR officers and admins build the agency's catalog, classes and materials."""
    return bool(actor.has_role(*MANAGERS))


def can_view_course(actor: Any, course: Course) -> bool:
    """Published courses are visible to everyone signed in; drafts only to catalog managers;
    archived ones to catalog managers and to the people who hold an enrollment in them."""
    if course.status == CourseStatus.PUBLISHED or can_manage_courses(actor):
        return True
    return course.status == CourseStatus.ARCHIVED and holds_enrollment(actor, course)


def holds_enrollment(actor: Any, course: Course) -> bool:
    """The actor has an enrollment (in any state) in some class of the course."""
    found = db.session.scalar(
        select(Enrollment.id)
        .where(Enrollment.user_id == actor.id, Enrollment.course_id == course.id)
        .limit(1)
    )
    return found is not None


def can_assign(actor: Any, person: User) -> bool:
    """HR officers assign people in their unit's subtree; admins anyone (never themselves by HR rules)."""
    return can_manage_courses(actor) and in_managed_scope(actor, person)


def can_view_enrollment(actor: Any, enrollment: Enrollment) -> bool:
    """The learner, and HR/admin in whose scope the learner is."""
    if actor.id == enrollment.user_id:
        return True
    return can_manage_courses(actor) and in_managed_scope(actor, enrollment.user)


def roster_people_condition(actor: Any) -> ColumnElement[bool]:
    """SQL condition on `User`: the people whose enrollments the actor sees on rosters."""
    return people_scope_condition(actor)
