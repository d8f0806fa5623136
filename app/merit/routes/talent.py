"""Talent pages: the unit talent grid with click-through, the talent pool, calibration, recompute."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import false, or_, select

from app.charts import bar_chart
from app.extensions import db
from app.http import bounded_int_arg
from app.jobs.services import start_job
from app.merit.enums import OrgPredicate
from app.merit.forms import RecomputeForm
from app.merit.routes.common import box_chart, year_arg
from app.merit.rules import BOX_ACTIONS, BOX_AXES, TALENT_POOL_BOXES, parse_period
from app.merit.services.people import unit_or_404
from app.merit.services.talent import (
    box_people_query,
    grid_counts,
    talent_pool_query,
)
from app.merit.services.talent import (
    calibration as unit_calibration,
)
from app.org.models import Unit
from app.org.permissions import unit_scope_condition
from app.reports.exports import Export, export_format, export_response
from app.security import Role, access
from app.ui.pagination import page_args, paginate_rows

bp = Blueprint("talent", __name__, url_prefix="/merit/talent", template_folder="../templates")

VIEWERS = (Role.HR, Role.EVALUATOR, Role.ADMIN)


def visible_units_query():
    """Units whose talent figures the user may see, in tree order."""
    conditions = [unit_scope_condition(current_user)]
    if current_user.has_role(Role.EVALUATOR) and current_user.unit is not None:
        conditions.append(Unit.path.startswith(current_user.unit.path, autoescape=True))
    return select(Unit).where(Unit.active.is_(True), or_(false(), *conditions)).order_by(Unit.path)


@bp.get("/")
@access(*VIEWERS)
def index():
    """Choose a unit; recompute the grid for a year."""
    page, per_page = page_args(50)
    units = db.paginate(visible_units_query(), page=page, per_page=per_page, error_out=False)
    return render_template(
        "merit/talent_index.html", units=units, year=year_arg(), form=RecomputeForm(year=year_arg())
    )


@bp.get("/units/<int:unit_id>")
@access(*VIEWERS)
def grid(unit_id: int):
    """The unit's 9-box with counts; each box links to its people."""
    unit = unit_or_404(current_user, unit_id)
    year = year_arg()
    counts = grid_counts(unit, year)
    links = {
        box: url_for("talent.box", unit_id=unit.id, box=box, year=year)
        for box, n in counts.boxes.items()
        if n
    }
    chart = box_chart(
        _("Talent grid of %(unit)s: people per box", unit=unit.name), counts=counts.boxes, links=links
    )
    return render_template(
        "merit/talent_grid.html",
        unit=unit,
        year=year,
        counts=counts,
        chart=chart,
        actions=BOX_ACTIONS,
        axes=BOX_AXES,
    )


@bp.get("/units/<int:unit_id>/boxes/<int:box>")
@access(*VIEWERS)
def box(unit_id: int, box: int):
    """The people in one box of a unit's grid."""
    if box not in BOX_ACTIONS:
        abort(404)
    unit = unit_or_404(current_user, unit_id)
    year = year_arg()
    page, per_page = page_args()
    rows = paginate_rows(box_people_query(unit, year, {box}), page, per_page)
    return render_template(
        "merit/talent_box.html",
        unit=unit,
        year=year,
        box=box,
        rows=rows,
        action=BOX_ACTIONS[box],
        axes=BOX_AXES[box],
    )


@bp.get("/pool")
@access(*VIEWERS)
def pool():
    """The talent pool: boxes 7–9 among the people the user may see (optionally one unit's)."""
    year = year_arg()
    unit_id = bounded_int_arg("unit_id")
    unit = unit_or_404(current_user, unit_id) if unit_id else None
    fmt = export_format()
    if fmt:
        return export_response(_pool_export(talent_pool_query(current_user, year, unit), year), fmt)
    page, per_page = page_args()
    rows = paginate_rows(talent_pool_query(current_user, year, unit), page, per_page)
    return render_template(
        "merit/talent_pool.html", year=year, unit=unit, rows=rows, boxes=sorted(TALENT_POOL_BOXES)
    )


def _pool_export(query, year: int) -> Export:
    """The talent pool (every page) as a table."""
    header = ["NIP", _("Name"), _("Unit"), _("Position"), _("Box"), _("Performance"), _("Potential"),
              _("Predicate"), "JPM"]  # fmt: skip

    def rows():
        for person, snapshot in db.session.execute(query.execution_options(yield_per=500)):
            yield [
                person.nip, person.name, person.unit.name if person.unit else None,
                person.position.name if person.position else None, snapshot.box,
                snapshot.performance.label if snapshot.performance else None,
                snapshot.potential.label if snapshot.potential else None,
                snapshot.predicate.label if snapshot.predicate else None, snapshot.jpm,
            ]  # fmt: skip

    return Export(header, rows(), f"talent-pool-{year}", sheet=str(year))


@bp.get("/units/<int:unit_id>/calibration")
@access(*VIEWERS)
def calibration(unit_id: int):
    """The unit's predicate distribution against the guidance; broken rules are warnings."""
    unit = unit_or_404(current_user, unit_id)
    try:
        period = parse_period(request.args.get("period") or str(year_arg()))
    except ValueError:
        period = parse_period(str(year_arg()))
    org = request.args.get("org_predicate")
    org_predicate = OrgPredicate(org) if org in {o.value for o in OrgPredicate} else None
    result = unit_calibration(unit, period, org_predicate)
    return render_template(
        "merit/calibration.html",
        unit=unit,
        result=result,
        org_predicates=list(OrgPredicate),
        chart=bar_chart(
            [(p.label, share) for p, _count, share in result.distribution.rows()],
            title=_("Predicate distribution"),
            unit="%",
            max_value=100,
        ),
    )


@bp.post("/recompute")
@access(Role.HR, Role.ADMIN)
def recompute():
    """Recompute every person's 9-box position for a year (a background job with progress)."""
    form = RecomputeForm()
    if not form.validate_on_submit():
        flash(_("Choose a year between 2000 and 2100."), "danger")
        return redirect(url_for("talent.index"))
    unit_id = None if current_user.has_role(Role.ADMIN) else current_user.unit_id
    if unit_id is None and not current_user.has_role(Role.ADMIN):
        abort(403)
    job = start_job(
        "merit.recompute", {"year": form.year.data, "unit_id": unit_id}, created_by_id=current_user.id
    )
    return redirect(url_for("jobs.detail", job_id=job.id))
