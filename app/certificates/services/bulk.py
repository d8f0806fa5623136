"""Background work on a whole class: issue missing certificates and (re)render every PDF, or build a ZIP.

Handlers run through `app.jobs` (inline in tests, a thread in development, RQ with Redis);
the jobs page shows their progress. `progress()` commits, so finished certificates are
kept even if a later one fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from app.certificates.models import Certificate
from app.certificates.pdf import cache_path
from app.certificates.services.documents import certificate_pdf, write_zip
from app.certificates.services.issuing import issue_certificate
from app.certificates.services.queries import class_certificates
from app.courses.enums import EnrollmentStatus
from app.courses.models import CourseClass, Enrollment
from app.extensions import db
from app.jobs.models import Job
from app.jobs.services import Progress, job_handler
from app.org.models import User

ISSUE_JOB = "certificates.issue_class"
ZIP_JOB = "certificates.zip_class"


def _class_or_fail(job: Job) -> CourseClass:
    course_class = db.session.get(CourseClass, int(job.params.get("class_id") or 0))
    if course_class is None:
        raise ValueError("the class no longer exists")
    return course_class


@job_handler(ISSUE_JOB)
def issue_and_render_class(job: Job, progress: Progress) -> dict[str, Any]:
    """Issue a certificate to every completed enrollment of the class that lacks one, then render
    every certificate of the class (`force`: render again even when cached)."""
    course_class = _class_or_fail(job)
    force = bool(job.params.get("force"))
    missing = list(
        db.session.scalars(
            select(Enrollment)
            .outerjoin(Certificate, Certificate.enrollment_id == Enrollment.id)
            .where(
                Enrollment.class_id == course_class.id,
                Enrollment.status == EnrollmentStatus.COMPLETED,
                Certificate.id.is_(None),
            )
            .order_by(Enrollment.id)
        )
    )
    # Each missing one is issued, then rendered with the others.
    total = len(class_certificates(course_class.id)) + 2 * len(missing)
    done = 0
    for enrollment in missing:
        issue_certificate(enrollment, actor_id=job.created_by_id)
        done += 1
        progress(done, total, "")
    certificates = class_certificates(course_class.id)
    for certificate in certificates:
        if force:
            cache_path(certificate.sha256).unlink(missing_ok=True)
        certificate_pdf(certificate)
        done += 1
        progress(done, total, certificate.number)
    return {"issued": len(missing), "rendered": len(certificates)}


@job_handler(ZIP_JOB)
def zip_class(job: Job, progress: Progress) -> dict[str, Any]:
    """Every PDF of the class in one ZIP file, offered for download on the job page."""
    course_class = _class_or_fail(job)
    starter = db.session.get(User, job.created_by_id) if job.created_by_id else None
    if starter is None:
        raise ValueError("a ZIP needs the person who asked for it (it holds only their people)")
    certificates = class_certificates(course_class.id, starter)
    slug = "".join(c if c.isalnum() else "-" for c in course_class.course.code)
    name = f"sertifikat-{slug}-kelas{course_class.id}-{job.id}.zip"
    target = Path(current_app.config["UPLOAD_FOLDER"]) / "certificates" / "zips" / name
    count = write_zip(certificates, target, lambda done, total: progress(done, total, ""))
    job.result_path = str(target)
    return {"certificates": count}
