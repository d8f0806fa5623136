"""Classes (angkatan): HR opens and edits a course's classes; capacity never drops below the seats taken."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from app.courses.models import Course, CourseClass
from app.courses.services.common import (
    MAX_CAPACITY,
    CourseConflictError,
    CourseError,
    clean_int,
    clean_text,
    clean_url,
)
from app.courses.services.enrollment import lock_class, notify_promoted, promote_waitlist, seated_count
from app.extensions import db
from app.validation import FieldErrors, clean_date, raise_if_errors

FIELDS = ("name", "capacity", "starts_on", "ends_on", "enrol_deadline", "location", "online_url")


def _clean_class(
    data: dict[str, Any], course_class: CourseClass | None, today: date
) -> tuple[dict[str, Any], FieldErrors]:
    errors = FieldErrors()

    def value(name: str) -> Any:
        return data.get(name, getattr(course_class, name) if course_class is not None else None)

    clean: dict[str, Any] = {
        "name": clean_text(value("name"), errors, "name", max_length=200, required=True),
        "capacity": clean_int(value("capacity"), errors, "capacity", minimum=1, maximum=MAX_CAPACITY),
        "starts_on": clean_date(value("starts_on"), errors, "starts_on"),
        "ends_on": clean_date(value("ends_on"), errors, "ends_on"),
        "enrol_deadline": clean_date(value("enrol_deadline"), errors, "enrol_deadline"),
        "location": clean_text(value("location"), errors, "location", max_length=200),
        "online_url": clean_url(value("online_url"), errors, "online_url"),
    }
    starts, ends, deadline = clean["starts_on"], clean["ends_on"], clean["enrol_deadline"]
    for name in ("starts_on", "ends_on"):
        if clean[name] is None and name not in errors:
            errors.add(name, _l("This field is required."))
    if starts and ends and ends < starts:
        errors.add("ends_on", _l("The class cannot end before it starts."))
    changed = course_class is None or ("enrol_deadline" in data and deadline != course_class.enrol_deadline)
    if deadline is not None and changed and deadline < today:
        errors.add("enrol_deadline", _l("The enrolment deadline cannot be in the past."))
    if deadline is not None and ends is not None and deadline > ends:
        errors.add("enrol_deadline", _l("The enrolment deadline must be on or before the last day."))
    if course_class is None and ends is not None and ends < today:
        errors.add("ends_on", _l("A new class cannot have ended already."))
    return clean, errors


def create_class(
    actor: Any, course: Course, data: dict[str, Any], *, today: date | None = None
) -> CourseClass:
    """Open a class of `course` (flushes); an archived course gets no new classes."""
    if course.archived:
        message = str(_l("This course is archived: restore it before adding classes."))
        raise CourseConflictError(message, {"course": [message]})
    clean, errors = _clean_class(data, None, today or date.today())
    raise_if_errors(errors, CourseError)
    course_class = CourseClass(course_id=course.id, **clean)
    db.session.add(course_class)
    db.session.flush()
    return course_class


def update_class(
    actor: Any, course_class: CourseClass, data: dict[str, Any], *, today: date | None = None
) -> CourseClass:
    """Change a class; more seats promote waitlisted people, fewer than those taken are refused."""
    locked = lock_class(course_class.id)
    if locked.cancelled:
        message = str(_l("This class was cancelled and can no longer be changed."))
        raise CourseConflictError(message, {"class": [message]})
    clean, errors = _clean_class(data, locked, today or date.today())
    taken = seated_count(locked.id)
    if clean["capacity"] is not None and clean["capacity"] < taken:
        errors.add(
            "capacity",
            _l("%(n)s people already hold a seat; the capacity cannot be lower.", n=taken),
        )
    raise_if_errors(errors, CourseError)
    for name, value in clean.items():
        setattr(locked, name, value)
    db.session.flush()
    notify_promoted(promote_waitlist(locked))
    return locked
