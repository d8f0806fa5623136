"""HR pages: every certificate in scope with filters, a class's certificates (bulk issue, ZIP)
and the signing officials per agency."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from app.certificates.enums import CertificateStatus
from app.certificates.forms import BulkForm, ListFilterForm
from app.certificates.labels import STATUS_LABELS
from app.certificates.models import Certificate
from app.certificates.permissions import managed_certificates_condition
from app.certificates.services.bulk import ISSUE_JOB, ZIP_JOB
from app.certificates.services.common import local_today
from app.certificates.services.queries import ListFilters, managed_list_query
from app.courses.enums import EnrollmentStatus
from app.courses.models import Course, CourseClass, Enrollment
from app.extensions import db
from app.http import bounded_int_arg
from app.jobs.services import start_job
from app.org.choices import unit_choices
from app.security import Role, access
from app.ui.pagination import page_args

bp = Blueprint("certificates_hr", __name__, template_folder="templates")


def course_choices() -> list[tuple[int, str]]:
    """Every course as (id, "CODE — title"), for the filter."""
    rows = db.session.execute(select(Course.id, Course.code, Course.title).order_by(Course.code)).all()
    return [(0, _("— any course —"))] + [(cid, f"{code} — {title}") for cid, code, title in rows]


def _filters(form: ListFilterForm) -> ListFilters:
    status = request.args.get("status", "")
    return ListFilters(
        course_id=bounded_int_arg("course_id"),
        class_id=bounded_int_arg("class_id"),
        unit_id=bounded_int_arg("unit_id"),
        status=CertificateStatus(status) if status in {s.value for s in CertificateStatus} else None,
        text=(form.q.data or "") if form.q.validate(form) else "",
    )


@bp.get("/certificates")
@access(Role.HR, Role.ADMIN)
def index():
    """Certificates of the people in scope, filtered by course, class, unit, status or text."""
    form = ListFilterForm(request.args)
    form.course_id.choices = course_choices()
    form.unit_id.choices = unit_choices(current_user, blank=_("— any unit —"))
    form.status.choices = [("", _("— any status —"))] + [
        (s.value, str(STATUS_LABELS[s])) for s in CertificateStatus
    ]
    today = local_today()
    filters = _filters(form)
    page, per_page = page_args()
    pagination = db.paginate(managed_list_query(current_user, filters, today), page=page, per_page=per_page)
    rows = [(c, c.status_on(today)) for c in pagination.items]
    course_class = db.session.get(CourseClass, filters.class_id) if filters.class_id else None
    return render_template(
        "certificates/hr/index.html",
        form=form,
        pagination=pagination,
        rows=rows,
        status_labels=STATUS_LABELS,
        course_class=course_class,
    )


def _class_or_404(class_id: int) -> CourseClass:
    course_class = db.session.get(CourseClass, class_id)
    if course_class is None:
        abort(404)
    return course_class


@bp.get("/certificates/classes/<int:class_id>")
@access(Role.HR, Role.ADMIN)
def class_page(class_id: int):
    """A class's completions and certificates, with the bulk issue/render and ZIP buttons."""
    course_class = _class_or_404(class_id)
    completed = db.session.scalar(
        select(func.count())
        .select_from(Enrollment)
        .where(Enrollment.class_id == class_id, Enrollment.status == EnrollmentStatus.COMPLETED)
    )
    issued = db.session.scalar(
        select(func.count()).select_from(Certificate).where(Certificate.class_id == class_id)
    )
    in_scope = db.session.scalar(
        select(func.count())
        .select_from(Certificate)
        .where(Certificate.class_id == class_id, managed_certificates_condition(current_user))
    )
    return render_template(
        "certificates/hr/class.html",
        course_class=course_class,
        completed=completed,
        issued=issued,
        in_scope=in_scope,
        form=BulkForm(formdata=None),
    )


@bp.post("/certificates/classes/<int:class_id>/issue")
@access(Role.HR, Role.ADMIN)
def issue_class(class_id: int):
    """Issue missing certificates and render every PDF of the class, as a background job."""
    course_class = _class_or_404(class_id)
    form = BulkForm()
    if not form.validate_on_submit():
        abort(400)
    job = start_job(
        ISSUE_JOB,
        {"class_id": course_class.id, "force": bool(form.force.data)},
        created_by_id=current_user.id,
    )
    flash(_("Issuing and rendering the class's certificates."), "info")
    return redirect(url_for("jobs.detail", job_id=job.id))


@bp.post("/certificates/classes/<int:class_id>/zip")
@access(Role.HR, Role.ADMIN)
def zip_class(class_id: int):
    """Build a ZIP of every certificate PDF of the class (a job; download it from the job page)."""
    course_class = _class_or_404(class_id)
    if not BulkForm().validate_on_submit():
        abort(400)
    job = start_job(ZIP_JOB, {"class_id": course_class.id}, created_by_id=current_user.id)
    return redirect(url_for("jobs.detail", job_id=job.id))
