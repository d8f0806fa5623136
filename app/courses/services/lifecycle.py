"""Retiring and restoring courses, cancelling classes: history stays, nobody new gets in."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from app.audit.services import record_audit
from app.courses.enums import ACTIVE_STATUSES, CourseStatus, EnrollmentStatus
from app.courses.models import Course, CourseClass, Enrollment
from app.courses.services.common import CourseConflictError, CourseError, clean_text
from app.courses.services.enrollment import lock_class
from app.db import utcnow
from app.extensions import db
from app.notifications.services import notify
from app.org.models import User
from app.validation import FieldErrors, raise_if_errors

REASON_MAX = 500


def audit_status_change(actor: Any, course: Course, before: CourseStatus) -> None:
    """Write a course's state change to the audit log (archived, restored or another change)."""
    if before == course.status:
        return
    if course.status == CourseStatus.ARCHIVED:
        action = "course.archived"
    elif before == CourseStatus.ARCHIVED:
        action = "course.unarchived"
    else:
        action = "course.status_changed"
    record_audit(
        action,
        actor_id=getattr(actor, "id", None),
        subject_type="course",
        subject_id=course.id,
        details={"code": course.code, "from": before.value, "to": course.status.value},
    )


def _set_status(actor: Any, course: Course, status: CourseStatus) -> Course:
    before = course.status
    course.status = status
    db.session.flush()
    audit_status_change(actor, course, before)
    return course


def archive_course(actor: Any, course: Course) -> Course:
    """Retire a course: out of the catalog and recommendations, no new people; history stays."""
    if course.archived:
        message = str(_l("This course is already archived."))
        raise CourseConflictError(message, {"status": [message]})
    return _set_status(actor, course, CourseStatus.ARCHIVED)


def unarchive_course(actor: Any, course: Course) -> Course:
    """Bring an archived course back as a draft (HR publishes it again when ready)."""
    if not course.archived:
        message = str(_l("Only an archived course can be restored."))
        raise CourseConflictError(message, {"status": [message]})
    return _set_status(actor, course, CourseStatus.DRAFT)


def active_count(course_class: CourseClass) -> int:
    """People a cancellation would withdraw (assigned, enrolled, waitlisted)."""
    return int(
        db.session.scalar(
            select(func.count(Enrollment.id)).where(
                Enrollment.class_id == course_class.id, Enrollment.status.in_(ACTIVE_STATUSES)
            )
        )
        or 0
    )


def cancel_class(actor: Any, course_class: CourseClass, reason: Any) -> int:
    """Cancel a class with a reason: its active enrollments are withdrawn in one UPDATE, each
    person is notified once; completed and failed ones stay. Returns how many were withdrawn.

    The class row is locked first, so a second (double) submit finds the class cancelled
    and is refused before it notifies anyone.
    """
    errors = FieldErrors()
    reason = clean_text(reason, errors, "reason", max_length=REASON_MAX, required=True)
    raise_if_errors(errors, CourseError)
    locked = lock_class(course_class.id)
    if locked.cancelled:
        message = str(_l("This class is already cancelled."))
        raise CourseConflictError(message, {"reason": [message]})
    now = utcnow()
    locked.cancelled_at, locked.cancel_reason = now, reason
    withdrawn = db.session.execute(
        update(Enrollment)
        .where(Enrollment.class_id == locked.id, Enrollment.status.in_(ACTIVE_STATUSES))
        .values(status=EnrollmentStatus.WITHDRAWN, status_note=reason, status_changed_at=now)
        .returning(Enrollment.id, Enrollment.user_id)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.expire_all()
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_([u for _, u in withdrawn])))}
    course = locked.course
    for enrollment_id, user_id in withdrawn:
        notify(
            people[user_id],
            _l("Class cancelled: %(course)s", course=course.title),
            _l(
                "Class %(name)s was cancelled, so your place in it was withdrawn. Reason: %(reason)s",
                name=locked.name,
                reason=reason,
            ),
            link=f"/learning/enrollments/{enrollment_id}",
            kind="course",
        )
    record_audit(
        "course.class_cancelled",
        actor_id=getattr(actor, "id", None),
        subject_type="course_class",
        subject_id=locked.id,
        details={"course": course.code, "class": locked.name, "reason": reason, "withdrawn": len(withdrawn)},
    )
    return len(withdrawn)
