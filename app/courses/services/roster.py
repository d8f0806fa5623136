"""HR views: a class's roster with statuses and progress, the overdue people of a unit, CSV rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, case, select
from sqlalchemy.orm import joinedload

from app.audit.services import record_audit
from app.courses.completion import complete_enrollment, fail_enrollment
from app.courses.enums import IN_PROGRESS_STATUSES, EnrollmentStatus
from app.courses.models import CourseClass, Enrollment
from app.courses.permissions import roster_people_condition
from app.courses.services.common import CourseConflictError, CourseError
from app.extensions import db
from app.org.models import Unit, User

STATUS_ORDER = {
    EnrollmentStatus.ASSIGNED: 0,
    EnrollmentStatus.ENROLLED: 1,
    EnrollmentStatus.WAITLISTED: 2,
    EnrollmentStatus.COMPLETED: 3,
    EnrollmentStatus.FAILED: 4,
    EnrollmentStatus.WITHDRAWN: 5,
}
CSV_BATCH = 1000


def roster_query(actor: Any, course_class: CourseClass, status: str = "") -> Select:
    """Select of the class's enrollments of people in the actor's scope, with each person loaded."""
    query = (
        select(Enrollment)
        .join(User, User.id == Enrollment.user_id)
        .where(Enrollment.class_id == course_class.id, roster_people_condition(actor))
        .options(joinedload(Enrollment.user))
    )
    if status in {s.value for s in EnrollmentStatus}:
        query = query.where(Enrollment.status == EnrollmentStatus(status))
    order = case(*((Enrollment.status == s.value, n) for s, n in STATUS_ORDER.items()), else_=9)
    return query.order_by(order, Enrollment.enrolled_at, Enrollment.id)


def record_result(actor: Any, enrollment: Enrollment, result: str, reason: str = "") -> None:
    """HR records a classical training's result, `completed` (JP and evidence) or `failed`; audited.

    Only in-progress people of a class that was not cancelled get a result.
    """
    if enrollment.course_class.cancelled:
        message = str(_l("This class was cancelled: no results can be recorded."))
        raise CourseConflictError(message, {"result": [message]})
    if enrollment.status not in IN_PROGRESS_STATUSES:
        message = str(_l("Only an assigned or enrolled person can get a result."))
        raise CourseConflictError(message, {"result": [message]})
    if result == "completed":
        complete_enrollment(enrollment, actor_id=actor.id)
    elif result == "failed":
        fail_enrollment(enrollment, actor_id=actor.id, reason=(reason or "")[:500])
    else:
        message = str(_l("Choose completed or failed."))
        raise CourseError(message, {"result": [message]})
    record_audit(
        f"course.enrollment_{enrollment.status.value}",
        actor_id=actor.id,
        subject_type="enrollment",
        subject_id=enrollment.id,
        subject_user_id=enrollment.user_id,
        details={"course": enrollment.course.code, "class": enrollment.course_class.name},
    )


def overdue_query(actor: Any, unit: Unit | None, today: date, *, include_subunits: bool = True) -> Select:
    """Select of in-progress enrollments past their due date, in the actor's scope (and the unit)."""
    query = (
        select(Enrollment)
        .join(User, User.id == Enrollment.user_id)
        .where(
            Enrollment.status.in_(IN_PROGRESS_STATUSES),
            Enrollment.due_on < today,
            User.active.is_(True),
            roster_people_condition(actor),
        )
        .options(
            joinedload(Enrollment.user), joinedload(Enrollment.course), joinedload(Enrollment.course_class)
        )
    )
    if unit is not None:
        units = (
            select(Unit.id).where(Unit.path.startswith(unit.path, autoescape=True))
            if include_subunits
            else select(Unit.id).where(Unit.id == unit.id)
        )
        query = query.where(User.unit_id.in_(units))
    return query.order_by(Enrollment.due_on, User.name, Enrollment.id)


def roster_csv_rows(query: Select, today: date) -> Iterator[list[Any]]:
    """Header and one row per enrollment, fetched in batches (constant memory per batch)."""
    yield [
        _("NIP"),
        _("Name"),
        _("Unit"),
        _("Course"),
        _("Class"),
        _("Status"),
        _("Overdue"),
        _("Due date"),
        _("Progress (%)"),
        _("Completed at"),
    ]
    rows = query.options(joinedload(Enrollment.course), joinedload(Enrollment.course_class))
    for enrollment in db.session.scalars(rows.execution_options(yield_per=CSV_BATCH)):
        person = enrollment.user
        yield [
            person.nip or "",
            person.name,
            person.unit.name if person.unit else "",
            enrollment.course.code,
            enrollment.course_class.name,
            enrollment.status.label,
            _("yes") if enrollment.is_overdue(today) else "",
            enrollment.due_on.isoformat() if enrollment.due_on else "",
            enrollment.progress_percent,
            enrollment.completed_at.date().isoformat() if enrollment.completed_at else "",
        ]
