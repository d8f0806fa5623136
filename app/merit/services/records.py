"""A person's other records: absences, unpaid leave, potential assessments, assigned evaluators."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record_audit
from app.extensions import db
from app.merit.enums import SanctionKind
from app.merit.errors import MeritError
from app.merit.models import AbsenceRecord, EvaluatorAssignment, PotentialAssessment, UnpaidLeave
from app.merit.rules import MAX_YEAR, MIN_YEAR
from app.merit.rules_discipline import sanction_for_absence
from app.merit.services.discipline import audit_record, clean_text, lock_person, required_date
from app.merit.services.snapshots import refresh_snapshots
from app.merit.settings import merit_settings
from app.org.models import User
from app.security import Role
from app.validation import FieldErrors, clean_date, raise_if_errors

# ---------------------------------------------------------------- absences, leave, assessments, evaluators


def _int(value: Any, errors: FieldErrors, field: str, minimum: int, maximum: int) -> int | None:
    if isinstance(value, bool):
        value = None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        errors.add(field, _l("Enter a whole number."))
        return None
    if not minimum <= number <= maximum:
        errors.add(field, _l("Enter a number from %(a)s to %(b)s.", a=minimum, b=maximum))
        return None
    return number


def record_absence(
    actor: Any, person: User, data: dict[str, Any]
) -> tuple[AbsenceRecord, bool, SanctionKind | None]:
    """Set a person's unexcused absence for a year: `(record, created?, proposed sanction)`."""
    errors = FieldErrors()
    year = _int(data.get("year"), errors, "year", MIN_YEAR, MAX_YEAR)
    days = _int(data.get("days"), errors, "days", 0, 366)
    run = _int(data.get("longest_consecutive", 0) or 0, errors, "longest_consecutive", 0, 366)
    if days is not None and run is not None and run > days:
        errors.add("longest_consecutive", _l("The longest run cannot exceed the total days."))
    raise_if_errors(errors, MeritError)
    lock_person(person)
    record = db.session.scalar(
        select(AbsenceRecord).where(AbsenceRecord.user_id == person.id, AbsenceRecord.year == year)
    )
    created = record is None
    before = None if created else {"days": record.days, "longest_consecutive": record.longest_consecutive}
    if created:
        record = AbsenceRecord(user_id=person.id, year=year, days=days)
        db.session.add(record)
    record.days, record.longest_consecutive, record.recorded_by_id = days, run, actor.id
    db.session.flush()
    settings = merit_settings()
    proposed = sanction_for_absence(
        days,
        run,
        thresholds=settings.absence_thresholds,
        consecutive_dismissal=settings.consecutive_dismissal,
    )
    audit_record(
        "absence.recorded",
        actor,
        "absence",
        record,
        person,
        year=year,
        days=days,
        longest_consecutive=run,
        before=before,
        recommended_sanction=proposed.value if proposed else None,
    )
    refresh_snapshots([person.id], [year])
    return record, created, proposed


def record_unpaid_leave(actor: Any, person: User, data: dict[str, Any]) -> UnpaidLeave:
    """Record a period of unpaid leave (it rules out the Satyalancana)."""
    errors = FieldErrors()
    starts_on = required_date(data.get("starts_on"), errors, "starts_on")
    ends_on = clean_date(data.get("ends_on"), errors, "ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        errors.add("ends_on", _l("The end cannot be before the start."))
    note = clean_text(data.get("note"), errors, "note")
    raise_if_errors(errors, MeritError)
    leave = UnpaidLeave(
        user_id=person.id, starts_on=starts_on, ends_on=ends_on, note=note, recorded_by_id=actor.id
    )
    db.session.add(leave)
    db.session.flush()
    audit_record(
        "unpaid_leave.recorded",
        actor,
        "unpaid_leave",
        leave,
        person,
        starts_on=starts_on.isoformat(),
        ends_on=ends_on.isoformat() if ends_on else None,
    )
    return leave


def record_assessment(actor: Any, person: User, data: dict[str, Any]) -> PotentialAssessment:
    """Record a potential assessment score (0–100); it sets the potential axis from then on."""
    errors = FieldErrors()
    assessed_on = required_date(data.get("assessed_on"), errors, "assessed_on")
    try:
        score = float(str(data.get("score")).replace(",", "."))
        if not 0 <= score <= 100:
            raise ValueError
    except (TypeError, ValueError):
        score = None
        errors.add("score", _l("Enter a score from 0 to 100."))
    note = clean_text(data.get("note"), errors, "note")
    raise_if_errors(errors, MeritError)
    assessment = PotentialAssessment(
        user_id=person.id, assessed_on=assessed_on, score=score, note=note, recorded_by_id=actor.id
    )
    db.session.add(assessment)
    db.session.flush()
    audit_record(
        "assessment.recorded",
        actor,
        "assessment",
        assessment,
        person,
        score=score,
        assessed_on=assessed_on.isoformat(),
    )
    refresh_snapshots([person.id], sorted({assessed_on.year, date.today().year}))
    return assessment


def assign_evaluator(actor: Any, person: User, evaluator_id: Any) -> EvaluatorAssignment | None:
    """HR assigns an evaluator to a person (None or empty removes the assignment)."""
    current = db.session.scalar(select(EvaluatorAssignment).where(EvaluatorAssignment.user_id == person.id))
    if evaluator_id in (None, "", 0, "0"):
        if current is not None:
            db.session.delete(current)
            db.session.flush()
            record_audit(
                "merit.evaluator.unassigned",
                actor_id=actor.id,
                subject_type="person",
                subject_id=person.id,
                subject_user_id=person.id,
            )
        return None
    try:
        evaluator = db.session.get(User, int(evaluator_id))
    except (TypeError, ValueError):
        evaluator = None
    if (
        evaluator is None
        or not evaluator.active
        or not evaluator.has_role(Role.EVALUATOR)
        or evaluator.id == person.id
    ):
        raise MeritError(
            str(_l("Some fields are not valid.")),
            {"evaluator_id": [str(_l("Choose an active evaluator other than the person."))]},
        )
    current = current or EvaluatorAssignment(user_id=person.id, evaluator_id=evaluator.id)
    current.evaluator_id, current.assigned_by_id = evaluator.id, actor.id
    db.session.add(current)
    db.session.flush()
    record_audit(
        "merit.evaluator.assigned",
        actor_id=actor.id,
        subject_type="person",
        subject_id=person.id,
        subject_user_id=person.id,
        details={"evaluator_id": evaluator.id},
    )
    return current
