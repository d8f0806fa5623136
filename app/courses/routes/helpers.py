"""Loaders the course views share: each answers 404 when the object is absent or not visible."""

from __future__ import annotations

from flask import abort, flash
from flask_login import current_user

from app.courses.models import Course, CourseClass, Enrollment, Material
from app.courses.permissions import can_manage_courses, can_view_course, can_view_enrollment
from app.errors import ServiceError
from app.extensions import db

MAX_ID = 2**31 - 1


def get_or_404(model: type, object_id: int):
    """The object, or 404 (also for ids no column can hold)."""
    if not 0 < object_id <= MAX_ID:
        abort(404)
    found = db.session.get(model, object_id)
    if found is None:
        abort(404)
    return found


def visible_course(course_id: int) -> Course:
    """A course the current user may see (drafts only for catalog managers)."""
    course = get_or_404(Course, course_id)
    if not can_view_course(current_user, course):
        abort(404)
    return course


def managed_course(course_id: int) -> Course:
    """A course the current user may edit."""
    course = get_or_404(Course, course_id)
    if not can_manage_courses(current_user):
        abort(404)
    return course


def visible_class(class_id: int) -> CourseClass:
    """A class of a course the current user may see."""
    course_class = get_or_404(CourseClass, class_id)
    if not can_view_course(current_user, course_class.course):
        abort(404)
    return course_class


def managed_class(class_id: int) -> CourseClass:
    """A class the current user may edit and assign."""
    course_class = get_or_404(CourseClass, class_id)
    if not can_manage_courses(current_user):
        abort(404)
    return course_class


def managed_material(material_id: int) -> Material:
    """A material the current user may edit."""
    material = get_or_404(Material, material_id)
    if not can_manage_courses(current_user):
        abort(404)
    return material


def visible_enrollment(enrollment_id: int) -> Enrollment:
    """An enrollment of the current user, or of someone in an HR officer's scope."""
    enrollment = get_or_404(Enrollment, enrollment_id)
    if not can_view_enrollment(current_user, enrollment):
        abort(404)
    return enrollment


def own_enrollment(enrollment_id: int) -> Enrollment:
    """One of the current user's own enrollments."""
    enrollment = get_or_404(Enrollment, enrollment_id)
    if enrollment.user_id != current_user.id:
        abort(404)
    return enrollment


def flash_refusal(exc: ServiceError) -> None:
    """Roll the request back and flash a service's refusal with its field reasons (each once)."""
    db.session.rollback()
    reasons = [str(m) for messages in exc.fields.values() for m in messages if str(m) != exc.message]
    flash(" ".join([exc.message, *reasons]), "danger")
