"""The individual evaluation report: page, PDF, the qualitative form, and a unit's reports as a ZIP."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.errors import ServiceError
from app.extensions import db
from app.jobs.services import start_job
from app.reports.documents import report_context, report_pdf
from app.reports.forms import NarrativeForm
from app.reports.permissions import can_write_narrative
from app.reports.routes.common import person_or_404, unit_or_404, year_arg
from app.reports.services.bulk import ZIP_JOB
from app.reports.services.evaluation import evaluation_report, narrative_of, report_filename
from app.reports.services.narratives import save_narrative
from app.security import AUTHENTICATED, Role, access
from app.ui.forms import apply_service_error

bp = Blueprint("reports_eval", __name__, url_prefix="/reports/evaluation", template_folder="../templates")


@bp.get("/me")
@access(AUTHENTICATED)
def me():
    """The signed-in person's own evaluation report."""
    return redirect(url_for("reports_eval.show", user_id=current_user.id, year=year_arg()))


@bp.get("/<int:user_id>")
@access(AUTHENTICATED)
def show(user_id: int):
    """A person's evaluation report for a year (employees: only their own)."""
    person = person_or_404(user_id)
    report = evaluation_report(person, year_arg())
    return render_template(
        "reports/evaluation.html",
        may_write=can_write_narrative(current_user, person),
        **report_context(report, pdf=False),
    )


@bp.get("/<int:user_id>/pdf")
@access(AUTHENTICATED)
def pdf(user_id: int):
    """The report as a PDF download."""
    person = person_or_404(user_id)
    year = year_arg()
    body = report_pdf(evaluation_report(person, year))
    return Response(
        body,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{report_filename(person, year, "pdf")}"'},
    )


@bp.route("/<int:user_id>/narrative", methods=["GET", "POST"])
@access(Role.EVALUATOR, Role.ADMIN)
def narrative(user_id: int):
    """The evaluator's narrative, strengths and areas to improve for a year."""
    person = person_or_404(user_id)
    year = year_arg()
    if not can_write_narrative(current_user, person):
        abort(404)
    form = NarrativeForm(obj=narrative_of(person, year))
    if form.validate_on_submit():
        try:
            save_narrative(current_user, person, year, form.data)
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("The qualitative assessment was saved."), "success")
            return redirect(url_for("reports_eval.show", user_id=person.id, year=year))
    return render_template("reports/narrative_form.html", form=form, person=person, year=year)


@bp.post("/units/<int:unit_id>/zip")
@access(Role.HR, Role.ADMIN)
def unit_zip(unit_id: int):
    """Start the background job that puts every report of a unit's subtree into one ZIP."""
    unit = unit_or_404(unit_id)
    year = year_arg(request.form.get("year", type=int))
    job = start_job(
        ZIP_JOB,
        {"unit_id": unit.id, "year": year, "locale": str(get_locale() or "id")},
        created_by_id=current_user.id,
    )
    return redirect(url_for("jobs.detail", job_id=job.id))
