"""Bulk assignment: a class to a list of people, a unit (with sub-units), a position or a gap.

Set-wise: the target is one SELECT of user ids; applying it is a bounded number of
statements (lock the class, reactivate withdrawn rows, one INSERT … SELECT, promote
the waitlist) however many people it covers, and repeating it assigns nobody twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, case, false, func, insert, literal, or_, select, update

from app.audit.services import record_audit
from app.competency.queries import current_levels, requirements_of
from app.courses.enums import ACTIVE_STATUSES, CourseStatus, EnrollmentStatus
from app.courses.models import CourseClass, CourseCompetency, Enrollment
from app.courses.permissions import can_manage_courses, roster_people_condition
from app.courses.rules import seats_left
from app.courses.services.common import CourseError, check_not_past, valid_id
from app.courses.services.enrollment import ensure_takes_people, lock_class, promote_waitlist, seated_count
from app.db import utcnow
from app.errors import ForbiddenError
from app.extensions import db
from app.org.models import Position, Unit, User
from app.org.permissions import can_manage_unit
from app.validation import FieldErrors, clean_date, raise_if_errors

MAX_LISTED = 10_000
ALREADY_STATUSES = (*ACTIVE_STATUSES, EnrollmentStatus.COMPLETED)


@dataclass(frozen=True)
class AssignmentTarget:
    """Who to assign; the parts add up (a list, a unit, a position, everyone the course closes a gap for)."""

    user_ids: list[int] = field(default_factory=list)
    unit_id: int | None = None
    include_subunits: bool = False
    position_id: int | None = None
    gaps: bool = False


@dataclass(frozen=True)
class AssignmentPreview:
    """What applying would do: people targeted, already in the course, newly seated, waitlisted."""

    targeted: int
    already_enrolled: int
    assigned: int
    waitlisted: int

    def as_api(self) -> dict[str, int]:
        return {
            "assigned": self.assigned,
            "already_enrolled": self.already_enrolled,
            "waitlisted": self.waitlisted,
            "targeted": self.targeted,
        }


def clean_target(actor: Any, data: dict[str, Any]) -> AssignmentTarget:
    """Check the target's parts (unknown unit or position, ids, an empty target) → field errors."""
    errors = FieldErrors()
    raw_ids = data.get("user_ids") or []
    if not isinstance(raw_ids, list | tuple) or len(raw_ids) > MAX_LISTED:
        errors.add("user_ids", _l("Give at most %(n)s people.", n=MAX_LISTED))
        raw_ids = []
    ids = [valid_id(i) for i in raw_ids]
    if any(i is None for i in ids):
        errors.add("user_ids", _l("Unknown person."))
    unit_id = data.get("unit_id")
    unit = None
    if unit_id not in (None, "", 0):
        unit = db.session.get(Unit, valid_id(unit_id)) if valid_id(unit_id) else None
        if unit is None or not can_manage_unit(actor, unit):
            errors.add("unit_id", _l("Unknown unit."))
    position_id = data.get("position_id")
    if position_id not in (None, "", 0) and (
        not valid_id(position_id) or not db.session.get(Position, valid_id(position_id))
    ):
        errors.add("position_id", _l("Unknown position."))
    target = AssignmentTarget(
        user_ids=sorted({i for i in ids if i is not None}),
        unit_id=unit.id if unit is not None else None,
        include_subunits=bool(data.get("include_subunits")),
        position_id=valid_id(position_id) if position_id not in (None, "", 0) else None,
        gaps=bool(data.get("gaps")),
    )
    if not errors and not (target.user_ids or target.unit_id or target.position_id or target.gaps):
        errors.add("target", _l("Choose people, a unit, a position or the people with a gap."))
    if target.user_ids and not errors:
        visible = db.session.scalar(
            select(func.count(User.id)).where(User.id.in_(target.user_ids), roster_people_condition(actor))
        )
        if visible != len(target.user_ids):
            errors.add("user_ids", _l("Some of these people are unknown or outside your units."))
    raise_if_errors(errors, CourseError)
    return target


def gap_people(course_id: int, people: Select, on: date) -> Select:
    """Ids among `people` whose position requires a competency the course develops to at least the
    required level while their current level is below it."""
    required = requirements_of(people)
    current = current_levels(on, people)
    return (
        select(required.c.user_id)
        .join(
            CourseCompetency,
            and_(
                CourseCompetency.competency_id == required.c.competency_id,
                CourseCompetency.course_id == course_id,
                CourseCompetency.target_level >= required.c.required,
            ),
        )
        .outerjoin(
            current,
            and_(
                current.c.user_id == required.c.user_id, current.c.competency_id == required.c.competency_id
            ),
        )
        .where(func.coalesce(current.c.level, 0) < required.c.required)
    )


def target_people(actor: Any, course_class: CourseClass, target: AssignmentTarget, on: date) -> Select:
    """One SELECT of the ids of the active people the target covers, within the actor's scope."""
    in_scope = select(User.id).where(User.active.is_(True), roster_people_condition(actor))
    parts: list[Any] = []
    if target.user_ids:
        parts.append(User.id.in_(target.user_ids))
    if target.unit_id is not None:
        unit = db.session.get(Unit, target.unit_id)
        units = (
            select(Unit.id).where(Unit.path.startswith(unit.path, autoescape=True))
            if target.include_subunits
            else select(literal(unit.id))
        )
        parts.append(User.unit_id.in_(units))
    if target.position_id is not None:
        parts.append(User.position_id == target.position_id)
    if target.gaps:
        parts.append(User.id.in_(gap_people(course_class.course_id, in_scope, on)))
    return in_scope.where(or_(*parts) if parts else false())


def _already(course_id: int) -> Select:
    return select(Enrollment.user_id).where(
        Enrollment.course_id == course_id, Enrollment.status.in_(ALREADY_STATUSES)
    )


def _check(actor: Any, course_class: CourseClass, today: date) -> None:
    if not can_manage_courses(actor):
        raise ForbiddenError(str(_l("Only HR officers assign training.")))
    ensure_takes_people(course_class)
    errors = FieldErrors()
    if course_class.course.status != CourseStatus.PUBLISHED:
        errors.add("class_id", _l("Publish the course before assigning people to it."))
    if course_class.ends_on < today:
        errors.add("class_id", _l("This class has already ended."))
    raise_if_errors(errors, CourseError)


def preview_assignment(
    actor: Any, course_class: CourseClass, target: AssignmentTarget, *, today: date | None = None
) -> AssignmentPreview:
    """Count what applying would do, changing nothing (three queries)."""
    today = today or date.today()
    _check(actor, course_class, today)
    people = target_people(actor, course_class, target, today).subquery()
    already = _already(course_class.course_id).subquery()
    targeted, taken = db.session.execute(
        select(func.count(people.c.id), func.count(already.c.user_id)).select_from(
            people.outerjoin(already, already.c.user_id == people.c.id)
        )
    ).one()
    waiting = db.session.scalar(
        select(func.count(Enrollment.id)).where(
            Enrollment.class_id == course_class.id, Enrollment.status == EnrollmentStatus.WAITLISTED
        )
    )
    new = int(targeted) - int(taken)
    free = max(0, seats_left(course_class.capacity, seated_count(course_class.id)) - int(waiting or 0))
    assigned = min(new, free)
    return AssignmentPreview(int(targeted), int(taken), assigned, new - assigned)


def apply_assignment(
    actor: Any,
    course_class: CourseClass,
    target: AssignmentTarget,
    *,
    due_on: Any = None,
    today: date | None = None,
) -> AssignmentPreview:
    """Assign everyone the target covers who is not in the course yet; idempotent, set-wise."""
    today = today or date.today()
    errors = FieldErrors()
    due = clean_date(due_on, errors, "due_on")
    check_not_past(due, errors, "due_on", today)
    raise_if_errors(errors, CourseError)
    _check(actor, course_class, today)
    locked = lock_class(course_class.id)
    ensure_takes_people(locked)
    due = due or locked.ends_on
    now = utcnow()
    people = target_people(actor, locked, target, today)
    eligible = people.where(User.id.not_in(_already(locked.course_id)))
    waiting_before = db.session.scalar(
        select(func.count(Enrollment.id)).where(
            Enrollment.class_id == locked.id, Enrollment.status == EnrollmentStatus.WAITLISTED
        )
    )
    already = db.session.scalar(
        select(func.count()).select_from(people.where(User.id.in_(_already(locked.course_id))).subquery())
    )
    new = int(db.session.scalar(select(func.count()).select_from(eligible.subquery())) or 0)
    in_class = Enrollment.class_id == locked.id
    rejoining = int(
        db.session.scalar(select(func.count(Enrollment.id)).where(in_class, Enrollment.user_id.in_(eligible)))
        or 0
    )
    # Withdrawn or failed rows of this class start again, behind the people already waiting.
    db.session.execute(
        update(Enrollment)
        .where(in_class, Enrollment.user_id.in_(eligible))
        .values(
            status=EnrollmentStatus.WAITLISTED,
            due_on=due,
            assigned_by_id=actor.id,
            enrolled_at=now,
            status_changed_at=now,
            completed_at=None,
            progress_percent=0,
            status_note="",
        )
        .execution_options(synchronize_session=False)
    )
    rejoined_seated = 0
    if waiting_before or rejoining:
        rejoined_seated = max(0, promote_waitlist(locked, return_ids=False) - int(waiting_before or 0))
    # New rows: the first `free` (in name order) get a seat, the rest wait; one INSERT … SELECT.
    free = seats_left(locked.capacity, seated_count(locked.id))
    order = func.row_number().over(order_by=(User.name, User.id))
    status = case((order <= free, EnrollmentStatus.ASSIGNED.value), else_=EnrollmentStatus.WAITLISTED.value)
    rows = eligible.where(~select(Enrollment.id).where(Enrollment.user_id == User.id, in_class).exists())
    db.session.execute(
        insert(Enrollment).from_select(
            [
                "user_id",
                "class_id",
                "course_id",
                "status",
                "due_on",
                "assigned_by_id",
                "enrolled_at",
                "status_changed_at",
                "progress_percent",
                "status_note",
            ],
            rows.with_only_columns(
                User.id,
                literal(locked.id),
                literal(locked.course_id),
                status,
                literal(due),
                literal(actor.id),
                literal(now, Enrollment.enrolled_at.type),
                literal(now, Enrollment.status_changed_at.type),
                literal(0),
                literal(""),
            ).order_by(User.name, User.id),
        )
    )
    assigned = rejoined_seated + min(free, new - rejoining)
    db.session.flush()
    record_audit(
        "course.bulk_assigned",
        actor_id=actor.id,
        subject_type="course_class",
        subject_id=locked.id,
        details={"assigned": assigned, "waitlisted": new - assigned, "already_enrolled": int(already or 0)},
    )
    return AssignmentPreview(new + int(already or 0), int(already or 0), assigned, new - assigned)


def people_from_text(actor: Any, text: str) -> list[int]:
    """Ids of the people named one per line by NIP or user name (in the actor's scope).

    Unknown names are a field error on `people` quoting the first few.
    """
    names = sorted({line.strip() for line in (text or "").splitlines() if line.strip()})
    if not names:
        raise CourseError(
            str(_l("Some fields are not valid.")), {"people": [str(_l("This field is required."))]}
        )
    if len(names) > MAX_LISTED:
        message = str(_l("Give at most %(n)s people.", n=MAX_LISTED))
        raise CourseError(message, {"people": [message]})
    found: dict[str, int] = {}
    for start in range(0, len(names), 1000):
        chunk = names[start : start + 1000]
        rows = db.session.execute(
            select(User.id, User.nip, User.username).where(
                or_(User.nip.in_(chunk), User.username.in_(chunk)), roster_people_condition(actor)
            )
        )
        for user_id, nip, username in rows:
            found[nip or ""] = user_id
            found[username] = user_id
    unknown = [n for n in names if n not in found]
    if unknown:
        message = str(_l("Unknown or outside your units: %(names)s", names=", ".join(unknown[:5])))
        raise CourseError(message, {"people": [message]})
    return sorted({found[n] for n in names})
