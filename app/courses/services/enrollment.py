"""Enrolment: self-enrolment, HR assignment of one person, waitlists and withdrawal.

Every change that takes or frees a seat first locks the class row (`SELECT … FOR
UPDATE` on PostgreSQL), so concurrent requests queue up per class and the seat
count is never exceeded; the unique (user, class) constraint stops double-clicks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError

from app.courses.enums import ACTIVE_STATUSES, SEATED_STATUSES, CourseStatus, EnrollmentStatus
from app.courses.models import CourseClass, Enrollment
from app.courses.permissions import can_assign, can_view_enrollment
from app.courses.rules import seats_left
from app.courses.services.common import CourseConflictError, CourseError, check_not_past
from app.db import utcnow
from app.errors import ForbiddenError, NotFoundError
from app.extensions import db
from app.notifications.services import notify
from app.org.models import User
from app.validation import FieldErrors, clean_date, raise_if_errors

REACTIVATABLE = (EnrollmentStatus.WITHDRAWN, EnrollmentStatus.FAILED)


def lock_class(class_id: int) -> CourseClass:
    """The class row, locked for the rest of the transaction (PostgreSQL; SQLite serialises writes)."""
    locked = db.session.scalar(
        select(CourseClass)
        .where(CourseClass.id == class_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if locked is None:
        raise NotFoundError(str(_l("Unknown class.")))
    return locked


def seated_count(class_id: int) -> int:
    """People holding a seat in the class (assigned, enrolled, completed, failed)."""
    return db.session.scalar(
        select(func.count(Enrollment.id)).where(
            Enrollment.class_id == class_id, Enrollment.status.in_(SEATED_STATUSES)
        )
    )


def seat_counts(class_ids: list[int]) -> dict[int, tuple[int, int]]:
    """`{class_id: (seated, waitlisted)}` for many classes in one query."""
    if not class_ids:
        return {}
    seated = func.sum(case((Enrollment.status.in_(SEATED_STATUSES), 1), else_=0))
    waiting = func.sum(case((Enrollment.status == EnrollmentStatus.WAITLISTED, 1), else_=0))
    rows = db.session.execute(
        select(Enrollment.class_id, seated, waiting)
        .where(Enrollment.class_id.in_(class_ids))
        .group_by(Enrollment.class_id)
    )
    counts = {class_id: (int(s or 0), int(w or 0)) for class_id, s, w in rows}
    return {class_id: counts.get(class_id, (0, 0)) for class_id in class_ids}


def waitlist_position(enrollment: Enrollment) -> int | None:
    """1 for the first person on the class's waitlist; None when not waitlisted."""
    if enrollment.status != EnrollmentStatus.WAITLISTED:
        return None
    ahead = db.session.scalar(
        select(func.count(Enrollment.id)).where(
            Enrollment.class_id == enrollment.class_id,
            Enrollment.status == EnrollmentStatus.WAITLISTED,
            (Enrollment.enrolled_at < enrollment.enrolled_at)
            | ((Enrollment.enrolled_at == enrollment.enrolled_at) & (Enrollment.id < enrollment.id)),
        )
    )
    return int(ahead or 0) + 1


def active_in_course(user_id: int, course_id: int) -> Enrollment | None:
    """The person's active (assigned, enrolled, waitlisted) enrollment in any class of the course."""
    return db.session.scalar(
        select(Enrollment)
        .where(
            Enrollment.user_id == user_id,
            Enrollment.course_id == course_id,
            Enrollment.status.in_(ACTIVE_STATUSES),
        )
        .limit(1)
    )


def missing_prerequisites(user_id: int, course_class: CourseClass) -> list[Any]:
    """The course's prerequisite courses the person has not completed."""
    prerequisites = course_class.course.prerequisites
    if not prerequisites:
        return []
    done = set(
        db.session.scalars(
            select(Enrollment.course_id).where(
                Enrollment.user_id == user_id,
                Enrollment.status == EnrollmentStatus.COMPLETED,
                Enrollment.course_id.in_([p.id for p in prerequisites]),
            )
        )
    )
    return [p for p in prerequisites if p.id not in done]


def ensure_takes_people(course_class: CourseClass) -> None:
    """Refuse (409 on `class_id`) a class of an archived course, or a cancelled class."""
    if course_class.course.archived:
        reason = _l("This course is archived and takes no new enrollments or assignments.")
    elif course_class.cancelled:
        reason = _l("This class was cancelled: %(reason)s", reason=course_class.cancel_reason)
    else:
        return
    raise CourseConflictError(str(_l("This class takes no new people.")), {"class_id": [str(reason)]})


def _check_not_taken(user_id: int, course_class: CourseClass, *, self_service: bool) -> None:
    active = active_in_course(user_id, course_class.course_id)
    if active is not None:
        message = (
            _l("You are already enrolled in this course.")
            if self_service
            else _l("This person is already enrolled in this course.")
        )
        raise CourseConflictError(str(message), {"class_id": [str(message)]})


def _place(
    user_id: int,
    course_class: CourseClass,
    *,
    assigned_by_id: int | None,
    due_on: date | None,
) -> Enrollment:
    """Lock the class, then insert (or reactivate) the person's row with a seat or on the waitlist."""
    locked = lock_class(course_class.id)
    ensure_takes_people(locked)  # checked again under the lock: a cancellation may have just committed
    _check_not_taken(user_id, locked, self_service=assigned_by_id is None)
    has_seat = seats_left(locked.capacity, seated_count(locked.id)) > 0
    if has_seat:
        status = EnrollmentStatus.ENROLLED if assigned_by_id is None else EnrollmentStatus.ASSIGNED
    else:
        status = EnrollmentStatus.WAITLISTED
    now = utcnow()
    existing = db.session.scalar(
        select(Enrollment).where(Enrollment.user_id == user_id, Enrollment.class_id == locked.id)
    )
    if existing is not None:  # withdrawn or failed before: the same row starts again
        existing.status, existing.due_on, existing.assigned_by_id = status, due_on, assigned_by_id
        existing.enrolled_at = existing.status_changed_at = now
        existing.completed_at, existing.progress_percent, existing.status_note = None, 0, ""
        db.session.flush()
        return existing
    enrollment = Enrollment(
        user_id=user_id,
        class_id=locked.id,
        course_id=locked.course_id,
        status=status,
        due_on=due_on,
        assigned_by_id=assigned_by_id,
        enrolled_at=now,
        status_changed_at=now,
    )
    try:
        with db.session.begin_nested():
            db.session.add(enrollment)
    except IntegrityError:  # a concurrent request (double-click) enrolled the same person first
        message = str(_l("This enrollment already exists."))
        raise CourseConflictError(message, {"class_id": [message]}) from None
    return enrollment


def self_enrol(actor: Any, course_class: CourseClass, *, today: date | None = None) -> Enrollment:
    """The signed-in person enrols in an open class of a published course (or joins its waitlist)."""
    today = today or date.today()
    course = course_class.course
    if course.status == CourseStatus.DRAFT:
        raise NotFoundError(str(_l("Unknown class.")))
    ensure_takes_people(course_class)
    errors = FieldErrors()
    if not course_class.open_on(today):
        errors.add(
            "class_id",
            _l(
                "Enrolment for this class closed on %(day)s.",
                day=format_date(course_class.enrol_deadline or course_class.ends_on),
            ),
        )
    missing = missing_prerequisites(actor.id, course_class)
    if missing:
        errors.add(
            "prerequisites",
            _l("Complete these courses first: %(titles)s.", titles=", ".join(c.title for c in missing)),
        )
    raise_if_errors(errors, CourseError)
    enrollment = _place(actor.id, course_class, assigned_by_id=None, due_on=None)
    return enrollment


def assign_person(
    actor: Any, course_class: CourseClass, person: User, *, due_on: Any = None, today: date | None = None
) -> Enrollment:
    """HR assigns one person (in their scope) to a class with a due date (default: the class's end)."""
    today = today or date.today()
    if not can_assign(actor, person):
        raise NotFoundError(str(_l("Unknown person.")), {"user_id": [str(_l("Unknown person."))]})
    ensure_takes_people(course_class)
    errors = FieldErrors()
    due = clean_date(due_on, errors, "due_on")
    check_not_past(due, errors, "due_on", today)
    if course_class.course.status != CourseStatus.PUBLISHED:
        errors.add("class_id", _l("Publish the course before assigning people to it."))
    if course_class.ends_on < today:
        errors.add("class_id", _l("This class has already ended."))
    if not person.active:
        errors.add("user_id", _l("This account is deactivated."))
    raise_if_errors(errors, CourseError)
    enrollment = _place(person.id, course_class, assigned_by_id=actor.id, due_on=due or course_class.ends_on)
    if person.id != actor.id:
        notify(
            person,
            _l("You were assigned to %(course)s", course=course_class.course.title),
            _l(
                "Class %(name)s starts on %(day)s.",
                name=course_class.name,
                day=format_date(course_class.starts_on),
            ),
            link=f"/learning/enrollments/{enrollment.id}",
        )
    return enrollment


def promote_waitlist(course_class: CourseClass, *, return_ids: bool = True) -> Any:
    """Give free seats to the first waitlisted people (in order); call with the class row locked.

    One set-wise UPDATE; HR-assigned people become `assigned`, self-enrolled ones
    `enrolled`. Returns the promoted enrollment ids, or only their number when
    `return_ids` is False (bulk assignment, where thousands may move).
    """
    free = seats_left(course_class.capacity, seated_count(course_class.id))
    if free <= 0:
        return [] if return_ids else 0
    first = (
        select(Enrollment.id)
        .where(Enrollment.class_id == course_class.id, Enrollment.status == EnrollmentStatus.WAITLISTED)
        .order_by(Enrollment.enrolled_at, Enrollment.id)
        .limit(free)
    )
    ids = list(db.session.scalars(first)) if return_ids else None
    if return_ids and not ids:
        return []
    chosen = Enrollment.id.in_(ids) if ids is not None else Enrollment.id.in_(first.scalar_subquery())
    result = db.session.execute(
        update(Enrollment)
        .where(chosen)
        .values(
            status=case(
                (Enrollment.assigned_by_id.is_(None), EnrollmentStatus.ENROLLED.value),
                else_=EnrollmentStatus.ASSIGNED.value,
            ),
            status_changed_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    db.session.expire_all()
    return ids if return_ids else int(result.rowcount or 0)


def notify_promoted(enrollment_ids: list[int]) -> None:
    """Tell promoted people that a seat became free (a handful at a time, after a withdrawal)."""
    if not enrollment_ids:
        return
    rows = db.session.scalars(select(Enrollment).where(Enrollment.id.in_(enrollment_ids)))
    for enrollment in rows:
        notify(
            enrollment.user,
            _l("A seat is free for you in %(course)s", course=enrollment.course.title),
            _l("You moved from the waitlist into class %(name)s.", name=enrollment.course_class.name),
            link=f"/learning/enrollments/{enrollment.id}",
        )


def withdraw(actor: Any, enrollment: Enrollment) -> Enrollment:
    """The learner (or HR in scope) withdraws; a freed seat goes to the first waitlisted person."""
    if not can_view_enrollment(actor, enrollment):
        raise NotFoundError(str(_l("Unknown enrollment.")))
    if actor.id != enrollment.user_id and not can_assign(actor, enrollment.user):
        raise ForbiddenError(str(_l("You may not change this enrollment.")))
    locked = lock_class(enrollment.class_id)
    db.session.refresh(enrollment)
    if enrollment.status not in ACTIVE_STATUSES:
        message = str(_l("Only an active enrollment can be withdrawn."))
        raise CourseConflictError(message, {"status": [message]})
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.status_changed_at = utcnow()
    db.session.flush()
    notify_promoted(promote_waitlist(locked))
    db.session.refresh(enrollment)
    return enrollment
