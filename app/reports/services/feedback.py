"""The participant evaluation of a completed course: offered at completion, kept once per enrollment."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.courses.enums import EnrollmentStatus
from app.courses.models import Enrollment
from app.errors import ConflictError, NotFoundError
from app.extensions import db
from app.reports.errors import ReportError
from app.reports.models import LIKERT_ITEMS, CourseFeedback
from app.validation import FieldErrors, raise_if_errors

MAX_COMMENT = 2000


def enrollment_for_feedback(actor: Any, enrollment_id: int) -> Enrollment:
    """The actor's own completed enrollment; 404 otherwise (nobody evaluates for someone else)."""
    enrollment = db.session.scalar(
        select(Enrollment)
        .where(Enrollment.id == enrollment_id)
        .options(joinedload(Enrollment.course), joinedload(Enrollment.course_class))
    )
    if (
        enrollment is None
        or enrollment.user_id != actor.id
        or enrollment.status != EnrollmentStatus.COMPLETED
    ):
        raise NotFoundError(str(_l("This course evaluation does not exist.")))
    return enrollment


def feedback_of(enrollment: Enrollment) -> CourseFeedback | None:
    return db.session.scalar(select(CourseFeedback).where(CourseFeedback.enrollment_id == enrollment.id))


def submit_feedback(actor: Any, enrollment: Enrollment, data: dict[str, Any]) -> CourseFeedback:
    """Record the five ratings (1–5) and the comment; a second submission is refused (409)."""
    if enrollment.user_id != actor.id or enrollment.status != EnrollmentStatus.COMPLETED:
        raise NotFoundError(str(_l("This course evaluation does not exist.")))
    errors = FieldErrors()
    scores: dict[str, int] = {}
    for item in LIKERT_ITEMS:
        try:
            value = int(data.get(item))
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            errors.add(item, _l("Choose a rating from 1 to 5."))
        scores[item] = value
    comment = str(data.get("comment") or "").strip()
    if len(comment) > MAX_COMMENT:
        errors.add("comment", _l("At most %(n)s characters.", n=MAX_COMMENT))
    raise_if_errors(errors, ReportError)
    already = str(_l("You have already evaluated this course."))
    if feedback_of(enrollment) is not None:
        raise ConflictError(already)
    row = CourseFeedback(
        enrollment_id=enrollment.id,
        user_id=actor.id,
        course_id=enrollment.course_id,
        class_id=enrollment.class_id,
        comment=comment,
        **scores,
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError as exc:  # a concurrent double submit
        raise ConflictError(already) from exc
    return row


def pending_query(actor: Any) -> Select:
    """The actor's completed enrollments without an evaluation, newest first."""
    answered = select(CourseFeedback.enrollment_id).where(CourseFeedback.user_id == actor.id)
    return (
        select(Enrollment)
        .where(
            Enrollment.user_id == actor.id,
            Enrollment.status == EnrollmentStatus.COMPLETED,
            Enrollment.id.not_in(answered),
        )
        .options(joinedload(Enrollment.course), joinedload(Enrollment.course_class))
        .order_by(Enrollment.completed_at.desc(), Enrollment.id.desc())
    )
