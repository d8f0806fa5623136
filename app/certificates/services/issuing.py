"""Issuing: one certificate per completed enrollment, with a yearly number and a frozen snapshot.

`issue_certificate` is called when an enrollment completes (the `enrollment_completed`
signal, see `setup.py`) and by the bulk job. It is idempotent: the unique enrollment id
makes a second issue (a double click, a concurrent request, a re-run job) return the first.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.audit.services import record_audit
from app.certificates.models import Certificate, CertificateCounter
from app.certificates.rules import format_number, new_verification_code, qualification_for
from app.certificates.services.common import CertificateError, local_date, local_today, verify_url
from app.certificates.services.signers import signer_for
from app.certificates.snapshot import CourseFacts, Holder, Issue, build_snapshot, seal
from app.courses.enums import EnrollmentStatus
from app.courses.models import Course, CourseClass, CourseCompetency, Enrollment
from app.courses.rules import evidence_expiry
from app.errors import ConflictError
from app.extensions import db
from app.org.models import User
from app.settings.services import get_setting

ResultSource = Callable[[Enrollment], float | None]
_RESULT_SOURCES: list[ResultSource] = []
ATTEMPTS = 3


def register_result_source(source: ResultSource) -> ResultSource:
    """Register a function giving an enrollment's final score (0–100) or None.

    The assessments area registers the post-test score; the first source with a score wins.
    """
    if source not in _RESULT_SOURCES:
        _RESULT_SOURCES.append(source)
    return source


def final_score(enrollment: Enrollment) -> float | None:
    """The enrollment's final score from the registered sources, or None."""
    for source in _RESULT_SOURCES:
        score = source(enrollment)
        if score is not None:
            return float(score)
    return None


def next_sequence(year: int) -> int:
    """Take the next number of `year`: one atomic UPDATE … RETURNING (the row stays locked until commit)."""
    bump = (
        update(CertificateCounter)
        .where(CertificateCounter.year == year)
        .values(last=CertificateCounter.last + 1)
        .returning(CertificateCounter.last)
        .execution_options(synchronize_session=False)
    )
    value = db.session.execute(bump).scalar_one_or_none()
    if value is None:
        # A concurrent first issue of the year may create the row first: then use theirs.
        with suppress(IntegrityError), db.session.begin_nested():
            db.session.add(CertificateCounter(year=year, last=0))
        value = db.session.execute(bump).scalar_one()
    return int(value)


def _course_facts(enrollment: Enrollment) -> CourseFacts:
    course: Course = enrollment.course
    course_class: CourseClass = enrollment.course_class
    links = db.session.scalars(
        select(CourseCompetency)
        .where(CourseCompetency.course_id == course.id)
        .options(selectinload(CourseCompetency.competency))
    ).all()
    competencies = sorted(
        (link.competency.code, link.competency.name, link.target_level, link.competency.case_identifier)
        for link in links
    )
    return CourseFacts(
        code=course.code,
        title=course.title,
        jp=float(course.jp),
        delivery=str(course.delivery.value) if course.delivery is not None else "",
        class_name=course_class.name,
        starts_on=course_class.starts_on,
        ends_on=course_class.ends_on,
        location=course_class.location or "",
        competencies=tuple(competencies),
        outline=tuple(material_titles(course)),
    )


def material_titles(course: Course) -> list[str]:
    """The course's materials in order: the outline printed on the certificate's annex."""
    return [material.title for material in course.materials]


def _snapshot(enrollment: Enrollment, number: str, code: str) -> dict[str, Any]:
    holder: User = enrollment.user
    completed_on = local_date(enrollment.completed_at) if enrollment.completed_at else local_today()
    score = final_score(enrollment)
    issue = Issue(
        number=number,
        code=code,
        verify_url=verify_url(code),
        issued_on=local_today(),
        completed_on=completed_on,
        expires_on=evidence_expiry(completed_on, enrollment.course.validity_months),
        score=score,
        qualification=qualification_for(score),
        language="en" if holder.locale == "en" else "id",
        annex=bool(get_setting("certificates.annex_page")),
    )
    person = Holder(
        name=holder.name,
        nip=holder.nip,
        position=holder.position.name if holder.position else None,
        unit=holder.unit.name if holder.unit else None,
    )
    return build_snapshot(issue, person, _course_facts(enrollment), signer_for(holder.unit))


def certificate_of(enrollment_id: int) -> Certificate | None:
    """The certificate issued for an enrollment, if any."""
    return db.session.scalar(select(Certificate).where(Certificate.enrollment_id == enrollment_id))


def issue_certificate(enrollment: Enrollment, *, actor_id: int | None = None) -> Certificate:
    """Issue the certificate of a completed enrollment, or return the one it already has.

    Takes the next number of the year, draws a verification code and freezes the snapshot
    (holder, course, competencies, dates, score, signer) with its SHA-256. Flushes.
    Raises `ConflictError` when the enrollment is not completed.
    """
    existing = certificate_of(enrollment.id)
    if existing is not None:
        return existing
    if enrollment.status != EnrollmentStatus.COMPLETED:
        raise ConflictError(str(_l("Only a completed enrollment earns a certificate.")))
    pattern = get_setting("certificates.number_format")
    for _attempt in range(ATTEMPTS):
        try:
            with db.session.begin_nested():
                today = local_today()
                number = format_number(
                    pattern, year=today.year, month=today.month, seq=next_sequence(today.year)
                )
                code = new_verification_code()
                snapshot = _snapshot(enrollment, number, code)
                text, digest = seal(snapshot)
                certificate = Certificate(
                    enrollment_id=enrollment.id,
                    user_id=enrollment.user_id,
                    course_id=enrollment.course_id,
                    class_id=enrollment.class_id,
                    number=number,
                    code=code,
                    snapshot_json=text,
                    sha256=digest,
                    expires_on=date.fromisoformat(snapshot["expires_on"]) if snapshot["expires_on"] else None,
                )
                db.session.add(certificate)
        except IntegrityError:
            # Another transaction issued this enrollment's certificate first (or, against all
            # odds, drew the same code, or a number is taken after a format change): look again.
            existing = certificate_of(enrollment.id)
            if existing is not None:
                return existing
            continue
        record_audit(
            "certificates.issued",
            actor_id=actor_id,
            subject_type="certificate",
            subject_id=certificate.id,
            subject_user_id=certificate.user_id,
            details={"number": certificate.number, "sha256": certificate.sha256},
        )
        return certificate
    raise CertificateError(str(_l("The certificate could not be issued; please try again.")))
