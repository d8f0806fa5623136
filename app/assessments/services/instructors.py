"""The per-course instructor role: HR gives and takes it (audited)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.assessments.models import CourseInstructor
from app.assessments.services.common import AssessmentError
from app.audit.services import record_audit
from app.extensions import db
from app.org.models import User


def course_instructors(course_id: int) -> list[CourseInstructor]:
    """The course's instructors by name."""
    return list(
        db.session.scalars(
            select(CourseInstructor)
            .join(User, User.id == CourseInstructor.user_id)
            .where(CourseInstructor.course_id == course_id)
            .order_by(User.name)
        )
    )


def _person(username: Any) -> User:
    name = str(username or "").strip() if not isinstance(username, (dict, list)) else ""
    person = db.session.scalar(select(User).where(User.username == name)) if name else None
    if person is None or not person.active:
        message = str(_l("No active person with this user name."))
        raise AssessmentError(message, {"username": [message]})
    return person


def assign_instructor(actor: Any, course_id: int, username: Any) -> CourseInstructor:
    """Make a person an instructor of the course (idempotent)."""
    person = _person(username)
    existing = db.session.get(CourseInstructor, (course_id, person.id))
    if existing is not None:
        return existing
    instructor = CourseInstructor(course_id=course_id, user_id=person.id, assigned_by_id=actor.id)
    db.session.add(instructor)
    db.session.flush()
    record_audit(
        "assessments.instructor_assigned",
        actor_id=actor.id,
        subject_type="course",
        subject_id=course_id,
        subject_user_id=person.id,
    )
    return instructor


def remove_instructor(actor: Any, course_id: int, user_id: int) -> None:
    """Take the instructor role of the course away from a person."""
    instructor = db.session.get(CourseInstructor, (course_id, user_id))
    if instructor is None:
        return
    db.session.delete(instructor)
    db.session.flush()
    record_audit(
        "assessments.instructor_removed",
        actor_id=actor.id,
        subject_type="course",
        subject_id=course_id,
        subject_user_id=user_id,
    )
