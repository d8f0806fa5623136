"""Unit views: the competency heatmap (people × competencies) and JP compliance, with CSV exports."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template, request
from flask_login import current_user
from sqlalchemy import select

from app.competency.charts import gap_class
from app.competency.permissions import can_view_unit, viewable_units_condition
from app.competency.routes.helpers import get_or_none, year_arg
from app.competency.services import unit_compliance, unit_people
from app.competency.services.heatmap import SORTS, heatmap_csv_rows, heatmap_page, unit_summary
from app.extensions import db
from app.org.models import Unit
from app.reports.exports import export_format, rows_download
from app.security import Role, access
from app.ui.pagination import page_args, paginate_rows

bp = Blueprint("competency_units", __name__, template_folder="../templates")

VIEWERS = (Role.HR, Role.ADMIN, Role.EVALUATOR)


def _units() -> list[Unit]:
    return list(
        db.session.scalars(
            select(Unit)
            .where(Unit.active.is_(True), viewable_units_condition(current_user))
            .order_by(Unit.path)
        )
    )


def _chosen_unit(units: list[Unit]) -> Unit | None:
    """The unit of `?unit_id=` if the user may see it (404 otherwise), else their own or the first."""
    unit_id = request.args.get("unit_id", type=int)
    if unit_id:
        unit = get_or_none(Unit, unit_id)
        if unit is None or not can_view_unit(current_user, unit):
            abort(404)
        return unit
    own = current_user.unit
    if own is not None and can_view_unit(current_user, own):
        return own
    return units[0] if units else None


def _people(unit: Unit):
    return unit_people(unit, include_subunits=request.args.get("subunits", "1") != "0")


@bp.get("/competency/units")
@access(*VIEWERS)
def heatmap():
    """People × competencies of a unit coloured by gap, with the average JPM; sortable, paginated."""
    units = _units()
    unit = _chosen_unit(units)
    sort = request.args.get("sort", "name")
    sort = sort if sort in SORTS else "name"
    competency_id = request.args.get("competency_id", type=int)
    context = {
        "units": units,
        "unit": unit,
        "sort": sort,
        "competency_id": competency_id,
        "gap_class": gap_class,
    }
    if unit is not None:
        page, per_page = page_args(25)
        people = _people(unit)
        today = date.today()
        pagination, columns, rows = heatmap_page(
            people, today, sort=sort, competency_id=competency_id, page=page, per_page=per_page
        )
        context.update(pagination=pagination, columns=columns, rows=rows, summary=unit_summary(people, today))
    return render_template("competency/heatmap.html", **context)


@bp.get("/competency/units/<int:unit_id>/heatmap.csv")
@access(*VIEWERS)
def heatmap_csv(unit_id: int):
    """The whole heatmap of a unit as CSV (current/required per competency)."""
    unit = get_or_none(Unit, unit_id)
    if unit is None or not can_view_unit(current_user, unit):
        abort(404)
    return rows_download(heatmap_csv_rows(_people(unit), date.today()), f"heatmap-{unit.code}.csv")


@bp.get("/competency/jp")
@access(Role.HR, Role.ADMIN)
def jp_compliance():
    """A unit's JP compliance for a year: share at or above target and the people below it."""
    units = _units()
    unit = _chosen_unit(units)
    year = year_arg()
    context = {"units": units, "unit": unit, "year": year}
    if unit is not None:
        if export_format():
            return jp_csv(unit.id)
        figures, below = unit_compliance(_people(unit), year)
        page, per_page = page_args(25)
        context.update(figures=figures, pagination=paginate_rows(below, page, per_page))
    return render_template("competency/jp_compliance.html", **context)


@bp.get("/competency/units/<int:unit_id>/jp.csv")
@access(Role.HR, Role.ADMIN)
def jp_csv(unit_id: int):
    """The people of a unit below their JP target in a year, as CSV."""
    unit = get_or_none(Unit, unit_id)
    if unit is None or not can_view_unit(current_user, unit):
        abort(404)
    year = year_arg()
    _figures, below = unit_compliance(_people(unit), year)

    def rows():
        yield ["nip", "name", "unit", "employment", "year", "earned_jp", "target_jp"]
        for person, earned, target in db.session.execute(below).yield_per(500):
            yield [
                person.nip or "",
                person.name,
                person.unit.name if person.unit else "",
                person.employment.value,
                year,
                f"{earned:.2f}",
                f"{target:.2f}",
            ]

    return rows_download(rows(), f"jp-{unit.code}-{year}.csv")
