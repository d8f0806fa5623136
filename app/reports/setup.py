"""Reports' registrations: navigation, person-page links and the bulk report job."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.jobs.services import job_handler
from app.org.models import Unit
from app.reports.documents import report_pdf
from app.reports.services.bulk import ZIP_JOB, write_unit_zip
from app.security import Role
from app.ui.nav import register_nav, register_person_link

register_nav(_l("My evaluation report"), "reports_eval.me", Role.EMPLOYEE, order=45)
register_nav(_l("Dashboard"), "reports_dash.unit", Role.HR, Role.ADMIN, order=5)
register_nav(_l("Agency"), "reports_dash.agency", Role.ADMIN, order=6)
register_person_link(
    _l("Evaluation report"), "reports_eval.show", Role.HR, Role.EVALUATOR, Role.ADMIN, order=35
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
