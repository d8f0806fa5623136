"""Reports' registrations: navigation, person-page links, the bulk report job, the course evaluation offer."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.courses.signals import enrollment_completed
from app.extensions import db
from app.jobs.services import job_handler
from app.notifications.services import notify
from app.org.models import Unit
from app.reports.documents import report_pdf
from app.reports.lookups import register_certificates_lookup
from app.reports.services.bulk import ZIP_JOB, write_unit_zip
from app.reports.services.certificates import certificate_counts_of, certificates_of
from app.security import Role
from app.ui.nav import register_nav, register_person_link

register_certificates_lookup(certificates_of, certificate_counts_of)
register_nav(_l("My evaluation report"), "reports_eval.me", Role.EMPLOYEE, order=45)
register_nav(_l("Reports"), "reports_dash.unit", Role.HR, Role.ADMIN, order=5)
register_person_link(
    _l("Evaluation report"), "reports_eval.show", Role.HR, Role.EVALUATOR, Role.ADMIN, order=35
)


@enrollment_completed.connect
def offer_course_evaluation(sender, enrollment, **kwargs):
    """Offer the participant evaluation when a course is completed (in the same transaction)."""
    notify(
        enrollment.user,
        _l("How was %(course)s?", course=enrollment.course.title),
        _l("Please evaluate the course you completed: five questions and a comment."),
        link=f"/reports/course-evaluations/{enrollment.id}",
        email=False,
    )


@job_handler(ZIP_JOB)
def evaluation_zip_job(job, progress):
    """Every evaluation report of `params["unit_id"]`'s subtree for `params["year"]`, as one ZIP."""
    unit = db.session.get(Unit, job.params["unit_id"])
    if unit is None:
        raise ValueError("unknown unit")
    year = int(job.params["year"])
    target = (
        Path(current_app.config["UPLOAD_FOLDER"])
        / "reports"
        / f"laporan-evaluasi-{unit.code}-{year}-{job.id}.zip"
    )
    with current_app.test_request_context("/"), force_locale(job.params.get("locale") or "id"):
        count = write_unit_zip(unit, year, target, report_pdf, progress)
    job.result_path = str(target)
    db.session.commit()
    return {"reports": count, "unit": unit.name, "year": year}
