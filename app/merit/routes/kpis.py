"""KPI pages: definitions (with their data source), targets per period, entered values, unit results."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select

from app.errors import ServiceError
from app.extensions import db
from app.merit.enums import KpiLevel
from app.merit.forms import KpiForm, KpiTargetForm, KpiValueForm
from app.merit.kpi_sources import MANUAL_SOURCE, all_kpi_sources, kpi_source
from app.merit.models import KpiDefinition, KpiValue
from app.merit.routes.common import year_arg
from app.merit.rules import Period
from app.merit.services.kpis import record_value, save_definition, set_target, unit_kpis
from app.merit.services.people import unit_or_404
from app.merit.transactions import merit_commit
from app.org.models import Unit, User
from app.org.permissions import can_manage_unit, in_managed_scope
from app.security import Role, access
from app.ui.forms import apply_service_error
from app.ui.pagination import page_args

bp = Blueprint("merit_kpis", __name__, url_prefix="/merit/kpis", template_folder="../templates")

MANAGERS = (Role.HR, Role.ADMIN)


def _source_choices() -> list[tuple[str, str]]:
    return [
        (MANUAL_SOURCE, _("Entered by hand")),
        *((s.code, f"{s.label} ({s.code})") for s in all_kpi_sources()),
    ]


@bp.get("/")
@access(*MANAGERS)
def index():
    """Every KPI definition, with whether its data source is available."""
    definitions = list(
        db.session.scalars(select(KpiDefinition).order_by(KpiDefinition.level, KpiDefinition.code))
    )
    return render_template(
        "merit/kpis.html", definitions=definitions, kpi_source=kpi_source, manual=MANUAL_SOURCE
    )


def _definition_form(definition: KpiDefinition | None):
    form = KpiForm(obj=definition)
    form.source.choices = _source_choices()
    if definition is not None and definition.source not in {c for c, _l in form.source.choices}:
        form.source.choices.append((definition.source, _("%(code)s (not available)", code=definition.source)))
    if form.validate_on_submit():
        fields = (
            "code",
            "name",
            "description",
            "unit_of_measure",
            "direction",
            "level",
            "source",
            "default_target",
        )
        try:
            with merit_commit():
                saved = save_definition(current_user, {f: form[f].data for f in fields}, definition)
        except ServiceError as exc:
            apply_service_error(form, exc)
        else:
            flash(_("The KPI was saved."), "success")
            return redirect(url_for("merit_kpis.detail", kpi_id=saved.id))
    return render_template("merit/kpi_form.html", form=form, definition=definition)


@bp.route("/new", methods=["GET", "POST"])
@access(*MANAGERS)
def new():
    """Define a KPI."""
    return _definition_form(None)


@bp.route("/<int:kpi_id>/edit", methods=["GET", "POST"])
@access(*MANAGERS)
def edit(kpi_id: int):
    """Change a KPI definition."""
    return _definition_form(db.get_or_404(KpiDefinition, kpi_id))


@bp.get("/<int:kpi_id>")
@access(*MANAGERS)
def detail(kpi_id: int):
    """A KPI: its targets per period and the values entered (paginated)."""
    definition = db.get_or_404(KpiDefinition, kpi_id)
    page, per_page = page_args()
    values = db.paginate(
        select(KpiValue)
        .where(KpiValue.kpi_id == kpi_id)
        .order_by(KpiValue.period.desc(), KpiValue.subject_id),
        page=page,
        per_page=per_page,
        error_out=False,
    )
    ids = [v.subject_id for v in values.items]
    model = User if definition.level is KpiLevel.PERSON else Unit
    rows = db.session.execute(select(model.id, model.name).where(model.id.in_(ids))) if ids else []
    names = {ident: name for ident, name in rows}
    return render_template(
        "merit/kpi_detail.html",
        definition=definition,
        values=values,
        names=names,
        source=kpi_source(definition.source),
        target_form=KpiTargetForm(),
        value_form=KpiValueForm(),
    )


@bp.post("/<int:kpi_id>/targets")
@access(*MANAGERS)
def target(kpi_id: int):
    """Set the KPI's target for a period."""
    definition = db.get_or_404(KpiDefinition, kpi_id)
    try:
        with merit_commit():
            set_target(current_user, definition, request.form.get("period"), request.form.get("target"))
    except ServiceError as exc:
        flash(" ".join([exc.message, *(str(m) for ms in exc.fields.values() for m in ms)]), "danger")
    else:
        flash(_("The target was saved."), "success")
    return redirect(url_for("merit_kpis.detail", kpi_id=kpi_id))


def _subject_id(definition: KpiDefinition, text: str) -> int | None:
    """A person (username or NIP) or unit (code) the user manages, by the KPI's level."""
    key = text.strip()
    if definition.level is KpiLevel.PERSON:
        person = db.session.scalar(
            select(User).where(or_(func.lower(User.username) == key.lower(), User.nip == key))
        )
        return person.id if person is not None and in_managed_scope(current_user, person) else None
    unit = db.session.scalar(select(Unit).where(func.upper(Unit.code) == key.upper()))
    return unit.id if unit is not None and can_manage_unit(current_user, unit) else None


@bp.post("/<int:kpi_id>/values")
@access(*MANAGERS)
def value(kpi_id: int):
    """Enter an actual value for a person or unit you manage."""
    definition = db.get_or_404(KpiDefinition, kpi_id)
    subject_id = _subject_id(definition, request.form.get("subject", ""))
    if subject_id is None:
        flash(_("Unknown person or unit, or not one you manage."), "danger")
        return redirect(url_for("merit_kpis.detail", kpi_id=kpi_id))
    try:
        with merit_commit():
            record_value(
                current_user,
                definition,
                subject_id,
                request.form.get("period"),
                request.form.get("actual"),
                request.form.get("note", ""),
            )
    except ServiceError as exc:
        flash(" ".join([exc.message, *(str(m) for ms in exc.fields.values() for m in ms)]), "danger")
    else:
        flash(_("The value was saved."), "success")
    return redirect(url_for("merit_kpis.detail", kpi_id=kpi_id))


@bp.get("/units/<int:unit_id>")
@access(Role.HR, Role.EVALUATOR, Role.ADMIN)
def unit(unit_id: int):
    """A unit's KPIs for a year: target, actual and achievement."""
    unit = unit_or_404(current_user, unit_id)
    year = year_arg()
    return render_template(
        "merit/unit_kpis.html", unit=unit, year=year, rows=unit_kpis(unit.id, Period(year))
    )
