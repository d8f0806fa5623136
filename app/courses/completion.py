"""Completing and failing enrollments: JP, competency evidence and the `enrollment_completed` signal.

Other packages add completion conditions with `register_completion_requirement`
(assessments: "the post-test is passed"). `try_complete` is called after each
progress step and by assessments after a passed post-test.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select

from app.competency.enums import EvidenceSource
from app.competency.services.evidence import record_evidence
from app.competency.services.jp import credit_jp
from app.courses import signals
from app.courses.enums import IN_PROGRESS_STATUSES, EnrollmentStatus
from app.courses.models import Enrollment, Material, MaterialProgress
from app.courses.rules import evidence_expiry
from app.db import utcnow
from app.extensions import db

Requirement = Callable[[Enrollment], bool]
_REQUIREMENTS: dict[str, Requirement] = {}


def register_completion_requirement(name: str, check: Requirement) -> Requirement:
    """Add (or replace, by name) a condition every completion must meet; returns `check`."""
    _REQUIREMENTS[name] = check
    return check


def unregister_completion_requirement(name: str) -> None:
    """Remove a condition (tests use it to clean up)."""
    _REQUIREMENTS.pop(name, None)


def completion_requirements() -> dict[str, Requirement]:
    """The registered conditions by name (a copy)."""
    return dict(_REQUIREMENTS)


def required_materials_done(enrollment: Enrollment) -> bool:
    """Every required material of the course is marked done in this enrollment (one query)."""
    missing = db.session.scalar(
        select(func.count(Material.id))
        .outerjoin(
            MaterialProgress,
            (MaterialProgress.material_id == Material.id)
            & (MaterialProgress.enrollment_id == enrollment.id)
            & MaterialProgress.completed_at.is_not(None),
        )
        .where(
            Material.course_id == enrollment.course_id,
            Material.required.is_(True),
            MaterialProgress.id.is_(None),
        )
    )
    return not missing


def unmet_requirements(enrollment: Enrollment) -> list[str]:
    """Names of what still stands between the enrollment and completion ("materials" first)."""
    unmet = [] if required_materials_done(enrollment) else ["materials"]
    unmet.extend(name for name, check in _REQUIREMENTS.items() if not check(enrollment))
    return unmet


def try_complete(enrollment: Enrollment, *, actor_id: int | None = None) -> bool:
    """Complete the enrollment if it is in progress and nothing is unmet; True when it is completed."""
    if enrollment.status == EnrollmentStatus.COMPLETED:
        return True
    if enrollment.status not in IN_PROGRESS_STATUSES or unmet_requirements(enrollment):
        return False
    complete_enrollment(enrollment, actor_id=actor_id)
    return True


def complete_enrollment(
    enrollment: Enrollment, *, actor_id: int | None = None, on: date | None = None
) -> None:
    """Mark completed in the current transaction: JP, evidence per target level, then the signal.

    Idempotent: an enrollment already completed is left as it is (no second credit or signal).
    """
    if enrollment.status == EnrollmentStatus.COMPLETED:
        return
    now = utcnow()
    # A back-dated completion (HR recording a past result, the demo) keeps its day; noon UTC
    # is the same calendar day in every Indonesian time zone.
    completed_at = now if on is None or on == date.today() else datetime.combine(on, time(12), tzinfo=UTC)
    on = on or date.today()
    course = enrollment.course
    enrollment.status = EnrollmentStatus.COMPLETED
    enrollment.completed_at = completed_at
    enrollment.status_changed_at = now
    enrollment.progress_percent = 100
    db.session.flush()
    reference = f"enrollment:{enrollment.id}"
    credit_jp(
        user_id=enrollment.user_id,
        jp=course.jp,
        on=on,
        source="course",
        source_ref=reference,
        recorded_by_id=actor_id,
    )
    expires_on = evidence_expiry(on, course.validity_months)
    for target in course.competencies:
        record_evidence(
            user_id=enrollment.user_id,
            competency_id=target.competency_id,
            level=target.target_level,
            source=EvidenceSource.COURSE,
            recorded_by_id=actor_id,
            note=course.title,
            expires_on=expires_on,
            source_ref=reference,
            effective_on=on,
        )
    db.session.flush()
    signals.enrollment_completed.send(signals, enrollment=enrollment)


def fail_enrollment(enrollment: Enrollment, *, actor_id: int | None = None, reason: str = "") -> None:
    """Mark the enrollment failed (e.g. no post-test attempts left); sends `enrollment_failed`."""
    if enrollment.status == EnrollmentStatus.FAILED:
        return
    enrollment.status = EnrollmentStatus.FAILED
    enrollment.status_changed_at = utcnow()
    enrollment.status_note = (reason or "")[:500]
    db.session.flush()
    signals.enrollment_failed.send(signals, enrollment=enrollment, actor_id=actor_id)
