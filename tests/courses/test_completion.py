"""Completion: required materials and registered requirements, JP and evidence once, the signal."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from app.competency.enums import EvidenceSource
from app.competency.models import Evidence, JpCredit
from app.courses import signals
from app.courses.completion import (
    complete_enrollment,
    fail_enrollment,
    register_completion_requirement,
    try_complete,
    unmet_requirements,
    unregister_completion_requirement,
)
from app.courses.enums import EnrollmentStatus
from app.courses.models import MaterialProgress
from app.extensions import db
from tests.competency.factories import fixed
from tests.courses.factories import make_class, make_course, make_enrollment, make_material
from tests.factories import make_user


def _done(enrollment, material) -> None:
    db.session.add(
        MaterialProgress(enrollment_id=enrollment.id, material_id=material.id, completed_at=datetime.now(UTC))
    )
    db.session.flush()


def test_completes_only_when_every_required_material_is_done():
    course = make_course(jp=16, competencies={fixed("M.1"): 3})
    first, second = make_material(course), make_material(course)
    make_material(course, required=False)
    enrollment = make_enrollment(make_user(), make_class(course))
    assert not try_complete(enrollment)
    _done(enrollment, first)
    assert unmet_requirements(enrollment) == ["materials"]
    assert not try_complete(enrollment)
    _done(enrollment, second)
    assert try_complete(enrollment)
    assert enrollment.status == EnrollmentStatus.COMPLETED
    assert enrollment.completed_at is not None and enrollment.progress_percent == 100


def test_completion_credits_jp_and_records_evidence_with_expiry_once():
    course = make_course(jp=24, competencies={fixed("M.1"): 3, fixed("SK.1"): 2}, validity_months=24)
    person = make_user()
    enrollment = make_enrollment(person, make_class(course))
    complete_enrollment(enrollment, on=date(2026, 8, 31))
    complete_enrollment(enrollment, on=date(2026, 9, 1))  # no second credit
    assert enrollment.completed_at.date() == date(2026, 8, 31)  # the day it was completed, not today
    credits = db.session.scalars(select(JpCredit).where(JpCredit.user_id == person.id)).all()
    assert [(c.jp, c.year, c.source, c.source_ref) for c in credits] == [
        (24.0, 2026, "course", f"enrollment:{enrollment.id}")
    ]
    evidence = db.session.scalars(select(Evidence).where(Evidence.user_id == person.id)).all()
    assert {(e.competency.code, e.level) for e in evidence} == {("M.1", 3), ("SK.1", 2)}
    assert all(e.source == EvidenceSource.COURSE for e in evidence)
    assert {e.expires_on for e in evidence} == {date(2028, 8, 31)}


def test_registered_requirement_blocks_until_it_holds():
    course = make_course()
    enrollment = make_enrollment(make_user(), make_class(course))
    passed: set[int] = set()
    register_completion_requirement("post_test", lambda e: e.id in passed)
    try:
        assert unmet_requirements(enrollment) == ["post_test"]
        assert not try_complete(enrollment)
        passed.add(enrollment.id)
        assert try_complete(enrollment)
    finally:
        unregister_completion_requirement("post_test")


def test_waitlisted_and_withdrawn_never_complete():
    course = make_course()
    course_class = make_class(course)
    for status in (EnrollmentStatus.WAITLISTED, EnrollmentStatus.WITHDRAWN):
        enrollment = make_enrollment(make_user(), course_class, status=status)
        assert not try_complete(enrollment)
        assert enrollment.status == status


def test_signal_sent_once_with_the_enrollment():
    received = []

    def receiver(sender, enrollment):
        received.append((sender, enrollment.id))

    signals.enrollment_completed.connect(receiver)
    try:
        enrollment = make_enrollment(make_user(), make_class(make_course()))
        complete_enrollment(enrollment)
        complete_enrollment(enrollment)
    finally:
        signals.enrollment_completed.disconnect(receiver)
    assert received == [(signals, enrollment.id)]


def test_fail_records_the_reason():
    enrollment = make_enrollment(make_user(), make_class(make_course()))
    fail_enrollment(enrollment, reason="No attempts left")
    assert enrollment.status == EnrollmentStatus.FAILED and enrollment.status_note == "No attempts left"
