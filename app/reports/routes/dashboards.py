"""The HR unit dashboard and the admins' agency dashboard, with their comparison tables as downloads."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_login import current_user

from app.http import bounded_int_arg
from app.merit.enums import Predicate
from app.merit.routes.common import box_chart
from app.reports import charts
from app.reports.exports import Export, export_format, export_response
from app.reports.routes.common import chosen_unit, today, unit_or_404, year_arg
from app.reports.services.dashboard import agency_dashboard, scoped_units, unit_dashboard
from app.reports.services.figures import UnitFigures
from app.reports.services.service_quality import ServiceFigures
from app.security import Role, access

bp = Blueprint("reports_dash", __name__, url_prefix="/reports", template_folder="../templates")


def comparison_export(
    rows: list[UnitFigures], service: dict[int, ServiceFigures], year: int, name: str
) -> Export:
    """The unit comparison as a table: people, JP, JPM, predicates, IKM and complaints per unit."""
    header = [
        _("Unit code"), _("Unit"), _("People"), _("JP target applies"), _("JP target reached"),
        _("JP compliance (%)"), _("People with a standard"), _("Average JPM (%)"), _("Overdue assignments"),
        _("Evaluated"),
        *[p.label for p in Predicate],
        _("IKM (converted)"), _("IKM grade"), _("Respondents"), _("Complaints received"),
        _("Complaints resolved"), _("Open complaints"), _("Overdue complaints"),
    ]  # fmt: skip

    def lines() -> Iterator[list]:
        for r in rows:
            s = service.get(r.unit.id)
            yield [
                r.unit.code, r.unit.name, r.people, r.jp_with_target, r.jp_reached, r.jp_percent,
                r.jpm_people, r.average_jpm, r.overdue, r.evaluated,
                *[r.predicates.get(p.value, 0) for p in Predicate],
                s.ikm if s else None, s.grade if s else None, s.respondents if s else None,
                s.received if s else None, s.resolved if s else None, s.open if s else None,
                s.overdue if s else None,
            ]  # fmt: skip

    return Export(header, lines(), f"{name}-{year}", sheet=str(year))


@bp.get("/dashboard")
@access(Role.HR, Role.ADMIN)
def unit():
    """A unit's dashboard: JP compliance, competency gaps, predicates and calibration, 9-box, service."""
    units = scoped_units(current_user)
    chosen = chosen_unit(units)
    year = year_arg()
    if chosen is None:
        return render_template("reports/dashboard.html", units=units, unit=None, year=year)
    board = unit_dashboard(chosen, year, today=today())
    fmt = export_format()
    if fmt:
        return export_response(
            comparison_export(board.rows, board.service, year, f"dashboard-{chosen.code}"), fmt
        )
    figures = {
        "jp": charts.jp_compliance_chart(board.rows),
        "jpm": charts.jpm_chart(board.rows),
        "bands": charts.band_chart(board.total.bands),
        "predicates": charts.predicate_chart(board.rows),
        "gaps": charts.gap_heatmap(board),
        "ikm": charts.ikm_chart(board.rows, board.service),
        "box": box_chart(_("9-box counts"), counts=board.grid.boxes),
        "trend": charts.trend_chart(board.trend),
    }
    return render_template(
        "reports/dashboard.html", units=units, unit=chosen, year=year, board=board, charts=figures,
        tables=charts.dashboard_tables(board), predicates=list(Predicate),
    )  # fmt: skip


@bp.get("/agency")
@access(Role.ADMIN)
def agency():
    """Units compared: the top-level units, or the sub-units of `?unit_id=`."""
    units = scoped_units(current_user)
    unit_id = bounded_int_arg("unit_id")
    parent = unit_or_404(unit_id) if unit_id else None
    year = year_arg()
    board = agency_dashboard(year, parent, today=today())
    fmt = export_format()
    if fmt:
        return export_response(comparison_export(board.rows, board.service, year, "agency"), fmt)
    figures = {
        "jp": charts.jp_compliance_chart(board.rows),
        "jpm": charts.jpm_chart(board.rows),
        "predicates": charts.predicate_chart(board.rows),
        "ikm": charts.ikm_chart(board.rows, board.service),
    }
    return render_template(
        "reports/agency.html", units=units, parent=parent, year=year, board=board, charts=figures,
        tables=charts.comparison_tables(board.rows, board.service), predicates=list(Predicate),
    )  # fmt: skip
