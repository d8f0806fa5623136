"""Staff pages for complaints: the unit dashboard, entering one, its detail and steps, "my complaints"."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from app.db import utcnow
from app.errors import ServiceError
from app.extensions import db
from app.org.choices import unit_choices
from app.org.models import Unit, User
from app.reports.exports import Export, export_format, export_response
from app.security import AUTHENTICATED, Role, access
from app.service_quality.enums import ComplaintStatus
from app.service_quality.forms import StaffComplaintForm, TransitionForm
from app.service_quality.loaders import period_form, unit_to_view
from app.service_quality.models import ComplaintAttachment
from app.service_quality.permissions import (
    can_see_identity,
    is_complaint_manager,
    is_complaint_officer,
)
from app.service_quality.public_routes import complaint_data, max_mb, service_choices
from app.service_quality.rules import workflow
from app.service_quality.rules.workdays import is_overdue
from app.service_quality.services.clock import local_today
from app.service_quality.services.complaints import file_complaint, transition_complaint
from app.service_quality.services.kpis import kpi_values
from app.service_quality.services.queries import (
    complaint_for,
    complaints_query,
    my_complaints_query,
    status_counts,
)
from app.ui.forms import apply_service_error
from app.ui.pagination import page_args

bp = Blueprint("complaints", __name__, url_prefix="/service/complaints", template_folder="templates")

VIEWERS = (Role.HR, Role.ADMIN, Role.EVALUATOR)
MANAGERS = (Role.HR, Role.ADMIN)


def _status_arg() -> ComplaintStatus | None:
    try:
        return ComplaintStatus(request.args.get("status", ""))
    except ValueError:
        return None


@bp.get("/units/<int:unit_id>")
@access(*VIEWERS)
def unit_dashboard(unit_id: int):
    """A unit's complaints: counts per step in the period, overdue now, KPIs and the list."""
    unit = unit_to_view(unit_id)
    form, period = period_form()
    today = local_today()
    overdue_only = request.args.get("overdue") == "1"
    page, per_page = page_args()
    query = complaints_query(
        current_user, unit=unit, status=_status_arg(), overdue_on=today if overdue_only else None
    )
    fmt = export_format()
    if fmt:
        return export_response(_complaints_export(query, unit), fmt)
    return render_template(
        "service_quality/complaints_dashboard.html",
        unit=unit,
        form=form,
        period=period,
        counts=status_counts(unit, period.start, period.end, today),
        kpis=kpi_values(unit, period.start, period.end, period.key),
        pagination=db.paginate(query, page=page, per_page=per_page, error_out=False),
        statuses=list(ComplaintStatus),
        status=_status_arg(),
        overdue_only=overdue_only,
        today=today,
        is_overdue=is_overdue,
    )


def _complaints_export(query, unit) -> Export:
    """The filtered complaint list (every page) without the complainants' identities."""
    header = [_("Tracking code"), _("Received"), _("Channel"), _("Category"), _("Status"), _("Unit"),
              _("Officer"), _("Due on")]  # fmt: skip

    def rows():
        for complaint in db.session.scalars(query.execution_options(yield_per=500)):
            yield [
                complaint.tracking_code, complaint.received_at, complaint.channel.label,
                complaint.category.label, complaint.status.label, complaint.unit.name,
                complaint.officer.name if complaint.officer else None, complaint.due_on,
            ]  # fmt: skip

    return Export(header, rows(), f"complaints-{unit.code}", sheet=_("Complaints"))


@bp.get("/mine")
@access(AUTHENTICATED)
def mine():
    """Complaints assigned to me, open ones first by deadline."""
    page, per_page = page_args()
    pagination = db.paginate(my_complaints_query(current_user), page=page, per_page=per_page, error_out=False)
    return render_template(
        "service_quality/my_complaints.html",
        pagination=pagination,
        today=local_today(),
        is_overdue=is_overdue,
        open_statuses=workflow.OPEN_STATUSES,
    )


@bp.route("/new", methods=["GET", "POST"])
@access(*MANAGERS)
def new():
    """Record a complaint received by telephone, letter, in person or on social media."""
    form = StaffComplaintForm()
    form.unit_id.choices = unit_choices(current_user, blank=_("— choose a unit —"))
    form.service_id.choices = service_choices()
    form.limit_dates(local_today())
    if form.validate_on_submit():
        try:
            data, upload = complaint_data(form)
            filed = file_complaint(data, now=utcnow(), entered_by=current_user, upload=upload)
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
        else:
            db.session.commit()
            flash(
                _("Complaint recorded. Its tracking code is %(code)s.", code=filed.tracking_code), "success"
            )
            return redirect(url_for("complaints.detail", complaint_id=filed.id))
    page = render_template("service_quality/public/complaint.html", form=form, staff=True, max_mb=max_mb())
    return page, 422 if request.method == "POST" else 200


def _targets(complaint) -> list[ComplaintStatus]:
    """The next steps the current user may take on this complaint."""
    manager = is_complaint_manager(current_user, complaint)
    officer = is_complaint_officer(current_user, complaint)
    return [
        t
        for t in ComplaintStatus
        if workflow.is_allowed(complaint.status, t)
        and workflow.may_take_step(t, is_manager=manager, is_officer=officer)
    ]


def _officer_suggestions(complaint) -> list[tuple[str, str]]:
    """Active people of the complaint's unit subtree (username, name) for the officer field's list."""
    rows = db.session.execute(
        select(User.username, User.name)
        .join(Unit, Unit.id == User.unit_id)
        .where(User.active.is_(True), Unit.path.startswith(complaint.unit.path, autoescape=True))
        .order_by(User.name)
        .limit(200)
    ).all()
    return [(username, name) for username, name in rows]


@bp.route("/<int:complaint_id>", methods=["GET", "POST"])
@access(AUTHENTICATED)
def detail(complaint_id: int):
    """A complaint with its history, and the form to take the next step."""
    try:
        complaint = complaint_for(current_user, complaint_id)
    except ServiceError:
        abort(404)
    form = TransitionForm()
    form.set_targets(_targets(complaint))
    status = 200
    if form.validate_on_submit():
        data = {"to": form.to.data, "note": form.note.data, "answer": form.answer.data}
        officer = (form.officer.data or "").strip().lower()
        if officer:
            data["officer_id"] = (
                db.session.scalar(select(User.id).where(func.lower(User.username) == officer)) or -1
            )
        try:
            transition_complaint(current_user, complaint.id, data, now=utcnow())
        except ServiceError as exc:
            db.session.rollback()
            if "officer_id" in exc.fields:
                exc.fields["officer"] = exc.fields.pop("officer_id")
            apply_service_error(form, exc)
            status = exc.status
        else:
            db.session.commit()
            flash(_("The complaint moved on."), "success")
            return redirect(url_for("complaints.detail", complaint_id=complaint.id))
        complaint = complaint_for(current_user, complaint_id)
        form.set_targets(_targets(complaint))
    elif request.method == "POST":
        status = 422
    manager = is_complaint_manager(current_user, complaint)
    show_identity = can_see_identity(current_user, complaint)
    attachment = None
    if show_identity:
        attachment = db.session.execute(
            select(ComplaintAttachment.filename, ComplaintAttachment.size).where(
                ComplaintAttachment.complaint_id == complaint.id
            )
        ).first()
    return render_template(
        "service_quality/complaint_detail.html",
        complaint=complaint,
        form=form,
        show_identity=show_identity,
        manager=manager,
        attachment=attachment,
        officers=_officer_suggestions(complaint) if manager else [],
        overdue=is_overdue(complaint.due_on, local_today()) and complaint.status in workflow.OPEN_STATUSES,
    ), status


@bp.get("/<int:complaint_id>/attachment")
@access(AUTHENTICATED)
def attachment(complaint_id: int):
    """Download the attachment (hidden, like the identity, from non-managers when confidential)."""
    try:
        complaint = complaint_for(current_user, complaint_id)
    except ServiceError:
        abort(404)
    if not can_see_identity(current_user, complaint):
        abort(404)
    file = db.session.scalar(
        select(ComplaintAttachment).where(ComplaintAttachment.complaint_id == complaint.id)
    )
    if file is None:
        abort(404)
    return Response(
        file.data,
        mimetype=file.content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{file.filename}"',
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )
