"""Staff pages of service quality: unit overview, survey results and export, poster, services, innovations."""

from __future__ import annotations

import segno
from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from app.charts import bar_chart
from app.errors import ServiceError
from app.extensions import db
from app.org.choices import unit_choices
from app.org.loaders import unit_to_manage
from app.org.models import Unit
from app.security import Role, access
from app.service_quality.enums import PROFILE_LABELS
from app.service_quality.forms import InnovationForm, NewElementForm, PublicServiceForm
from app.service_quality.loaders import period_form, period_from_request, unit_to_view
from app.service_quality.models import Innovation, PublicService
from app.service_quality.permissions import viewable_units_condition
from app.service_quality.services.catalog import (
    NewElement,
    active_and_added_elements,
    save_elements,
    save_innovation,
    save_public_service,
    set_public_service_active,
)
from app.service_quality.services.clock import local_today
from app.service_quality.services.export import survey_workbook
from app.service_quality.services.kpis import kpi_values
from app.service_quality.services.presentation import element_name
from app.service_quality.services.queries import open_counts_by_unit
from app.service_quality.services.survey import ikm_by_unit, profile_counts, suggestions_query
from app.ui.forms import apply_service_error
from app.ui.pagination import page_args

bp = Blueprint("service", __name__, url_prefix="/service", template_folder="templates")

VIEWERS = (Role.HR, Role.ADMIN, Role.EVALUATOR)
MANAGERS = (Role.HR, Role.ADMIN)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/")
@access(*VIEWERS)
def index():
    """Units whose service quality the user follows: this year's IKM, open and overdue complaints."""
    form, period = period_form()
    page, per_page = page_args()
    query = (
        select(Unit).where(Unit.active.is_(True), viewable_units_condition(current_user)).order_by(Unit.path)
    )
    pagination = db.paginate(query, page=page, per_page=per_page, error_out=False)
    ids = [unit.id for unit in pagination.items]
    return render_template(
        "service_quality/index.html",
        pagination=pagination,
        form=form,
        period=period,
        ikm=ikm_by_unit(ids, period.start, period.end),
        counts=open_counts_by_unit(ids, local_today()),
    )


@bp.get("/units/<int:unit_id>/survey")
@access(*VIEWERS)
def unit_survey(unit_id: int):
    """Survey results of a unit for a period: NRR per element, IKM, grade, chart, profile, suggestions."""
    unit = unit_to_view(unit_id)
    form, period = period_form()
    results = ikm_by_unit([unit.id], period.start, period.end)[unit.id]
    numbers = results.ikm.as_numbers()
    rows = [
        (element, element_name(element), nrr)
        for element, nrr in zip(results.elements, numbers["nrr"], strict=True)
    ]
    page, per_page = page_args(10)
    suggestions = db.paginate(
        suggestions_query(unit, period.start, period.end), page=page, per_page=per_page, error_out=False
    )
    return render_template(
        "service_quality/survey_results.html",
        unit=unit,
        form=form,
        period=period,
        numbers=numbers,
        rows=rows,
        chart=bar_chart(
            [(element.code, nrr) for element, _name, nrr in rows],
            title=_("NRR per element (scale 1–4)"),
            max_value=4,
        ),
        profile=profile_counts(unit, period.start, period.end),
        profile_labels=PROFILE_LABELS,
        suggestions=suggestions,
    )


@bp.get("/units/<int:unit_id>/survey.xlsx")
@access(*VIEWERS)
def unit_survey_export(unit_id: int):
    """The period's survey results as an XLSX workbook."""
    unit = unit_to_view(unit_id)
    period = period_from_request()
    filename = f"ikm-{unit.code}-{period.key}.xlsx".replace("/", "-")
    return Response(
        survey_workbook(unit, period),
        mimetype=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/units/<int:unit_id>/poster")
@access(*VIEWERS)
def poster(unit_id: int):
    """A printable poster inviting the public to the survey, with a QR code linking to it."""
    unit = unit_to_view(unit_id)
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    survey_url = base + url_for("public_service.survey", unit_id=unit.id)
    complaint_url = base + url_for("public_service.complaint", unit=unit.id)
    qr = segno.make_qr(survey_url, error="m")
    title = _("QR code to the survey of %(unit)s", unit=unit.name)
    svg = Markup(qr.svg_inline(scale=6, title=title, omitsize=True))  # noqa: S704 - segno escapes the title
    return render_template(
        "service_quality/poster.html",
        unit=unit,
        survey_url=survey_url,
        complaint_url=complaint_url,
        qr_svg=svg,
    )


@bp.get("/units/<int:unit_id>/kpis")
@access(*VIEWERS)
def unit_kpis(unit_id: int):
    """The unit's service KPIs for a period (the figures the merit profile uses)."""
    unit = unit_to_view(unit_id)
    form, period = period_form()
    return render_template(
        "service_quality/kpis.html",
        unit=unit,
        form=form,
        period=period,
        kpis=kpi_values(unit, period.start, period.end, period.key),
    )


@bp.route("/units/<int:unit_id>/services", methods=["GET", "POST"])
@access(*MANAGERS)
def unit_services(unit_id: int):
    """The public services a unit delivers; add one."""
    unit = unit_to_manage(unit_id)
    form = PublicServiceForm()
    if form.validate_on_submit():
        try:
            service = save_public_service(current_user, unit, form.data)
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("%(name)s was added.", name=service.name), "success")
            return redirect(url_for("service.unit_services", unit_id=unit.id))
    services = db.session.scalars(
        select(PublicService)
        .where(PublicService.unit_id == unit.id)
        .order_by(PublicService.active.desc(), PublicService.name)
    ).all()
    return render_template("service_quality/services.html", unit=unit, form=form, services=services)


def _service_to_manage(service_id: int) -> PublicService:
    service = db.get_or_404(PublicService, service_id)
    unit_to_manage(service.unit_id)
    return service


@bp.route("/public-services/<int:service_id>/edit", methods=["GET", "POST"])
@access(*MANAGERS)
def service_edit(service_id: int):
    """Edit a public service (name, description, digital or not)."""
    service = _service_to_manage(service_id)
    form = PublicServiceForm(obj=service)
    if form.validate_on_submit():
        try:
            save_public_service(current_user, service.unit, form.data, service)
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("service.unit_services", unit_id=service.unit_id))
    return render_template("service_quality/service_form.html", form=form, service=service)


@bp.post("/public-services/<int:service_id>/active")
@access(*MANAGERS)
def service_set_active(service_id: int):
    """Withdraw a service (`active=0`) or offer it again (`active=1`)."""
    service = _service_to_manage(service_id)
    set_public_service_active(current_user, service, request.form.get("active") == "1")
    db.session.commit()
    flash(_("Changes saved."), "success")
    return redirect(url_for("service.unit_services", unit_id=service.unit_id))


@bp.get("/innovations")
@access(*VIEWERS)
def innovations():
    """The innovation register of the units the user follows, newest first."""
    page, per_page = page_args()
    query = (
        select(Innovation)
        .join(Unit, Unit.id == Innovation.unit_id)
        .where(viewable_units_condition(current_user))
        .order_by(Innovation.implemented_on.desc(), Innovation.id.desc())
    )
    pagination = db.paginate(query, page=page, per_page=per_page, error_out=False)
    return render_template("service_quality/innovations.html", pagination=pagination)


def _innovation_page(innovation: Innovation | None):
    form = InnovationForm(obj=innovation)
    form.unit_id.choices = unit_choices(current_user, blank=_("— choose a unit —"))
    if form.validate_on_submit():
        try:
            saved = save_innovation(current_user, form.data, today=local_today(), innovation=innovation)
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("%(title)s was saved.", title=saved.title), "success")
            return redirect(url_for("service.innovations"))
    return render_template("service_quality/innovation_form.html", form=form, innovation=innovation)


@bp.route("/innovations/new", methods=["GET", "POST"])
@access(*MANAGERS)
def innovation_new():
    """Register an innovation put into practice."""
    return _innovation_page(None)


@bp.route("/innovations/<int:innovation_id>/edit", methods=["GET", "POST"])
@access(*MANAGERS)
def innovation_edit(innovation_id: int):
    """Edit a registered innovation of a unit the user manages."""
    innovation = db.get_or_404(Innovation, innovation_id)
    unit_to_manage(innovation.unit_id)
    return _innovation_page(innovation)


@bp.route("/survey-elements", methods=["GET", "POST"])
@access(Role.ADMIN)
def elements():
    """The survey's elements and their weights (exact fractions summing to 1); add one."""
    form = NewElementForm()
    current = active_and_added_elements()
    if form.validate_on_submit():
        weights = {e.id: request.form.get(f"weight_{e.id}", e.weight) for e in current}
        inactive = {e.id for e in current if not e.standard and request.form.get(f"active_{e.id}") != "1"}
        new = None
        if (form.new_name.data or "").strip():
            new = NewElement(
                form.new_name.data,
                form.new_question.data,
                (form.new_label_1.data, form.new_label_2.data, form.new_label_3.data, form.new_label_4.data),
                form.new_weight.data,
            )
        try:
            save_elements(current_user, weights, inactive, new)
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
            current = active_and_added_elements()
            return render_template(
                "service_quality/elements.html", form=form, elements=current, errors=exc.fields,
                submitted=request.form, name=element_name,
            ), 422  # fmt: skip
        db.session.commit()
        flash(_("The survey elements were saved."), "success")
        return redirect(url_for("service.elements"))
    return render_template(
        "service_quality/elements.html",
        form=form,
        elements=current,
        errors={},
        submitted=None,
        name=element_name,
    )
