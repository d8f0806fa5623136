"""The report charts, labelled in the user's language (drawn by `app.charts`)."""

from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup

from app.charts import (
    bar_chart,
    column_chart,
    compare_bars,
    heatmap,
    label_grid,
    line_chart,
    progress_bar,
    stacked_bars,
)
from app.merit.enums import Predicate, Rating
from app.reports.services.dashboard import UnitDashboard
from app.reports.services.evaluation import MATRIX_COLUMNS, MATRIX_ROWS, EvaluationReport, matrix_cells
from app.reports.services.figures import UnitFigures

# Chart labels longer than this are cut (the table alternative keeps the full name).
LABEL_CHARS = 26

# Sangat Baik … Sangat Kurang: green to red.
PREDICATE_COLORS = ("#2e7d32", "#0b3d5c", "#e09f00", "#b3261e", "#6a4c93")


def predicate_matrix(report: EvaluationReport) -> Markup:
    """The predicate matrix with the person's cell marked."""
    return label_grid(
        [str(Rating(r).label) for r in MATRIX_ROWS],
        [str(Rating(c).label) for c in MATRIX_COLUMNS],
        matrix_cells(),
        title=_("Predicate matrix"),
        highlight=report.matrix_cell,
        axis_labels=(_("Work behaviour (perilaku kerja)"), _("Work results (hasil kerja)")),
    )


def jp_chart(report: EvaluationReport) -> Markup | None:
    """JP earned against the yearly target."""
    if report.jp_target is None:
        return None
    return progress_bar(
        report.jp_earned, report.jp_target, title=_("JP earned against the target"), unit=" JP"
    )


def competency_chart(report: EvaluationReport) -> Markup | None:
    """Required against current level per competency of the position's standard."""
    if not report.competencies:
        return None
    return compare_bars(
        [
            (line.competency.code, line.required_level, line.current_level or 0)
            for line in report.competencies
        ],
        title=_("Required and current competency levels"),
        series=(_("Required"), _("Current")),
    )


def short(name: str) -> str:
    """A unit name that fits the label column of the bar charts."""
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def jp_compliance_chart(rows: list[UnitFigures]) -> Markup:
    """Share of people at or above the JP target, per unit."""
    return bar_chart(
        [(short(r.unit.name), r.jp_percent) for r in rows],
        title=_("JP compliance per unit"),
        unit="%",
        max_value=100,
    )


def jpm_chart(rows: list[UnitFigures]) -> Markup:
    """Average job-person match per unit."""
    return bar_chart(
        [(short(r.unit.name), r.average_jpm) for r in rows],
        title=_("Average JPM per unit"),
        unit="%",
        max_value=max([100.0, *(r.average_jpm or 0 for r in rows)]),  # JPM may pass 100
    )


def predicate_chart(rows: list[UnitFigures]) -> Markup:
    """Predicate shares per unit (stacked)."""
    return stacked_bars(
        [(short(r.unit.name), [r.predicates.get(p.value, 0) for p in Predicate]) for r in rows],
        series=[p.label for p in Predicate],
        title=_("Predicate distribution per unit"),
        colors=PREDICATE_COLORS,
    )


def band_chart(bands: dict) -> Markup:
    """People per JPM band."""
    return column_chart(
        [(band.label, count) for band, count in bands.items()], title=_("People per JPM band")
    )


def gap_heatmap(dashboard: UnitDashboard) -> Markup | None:
    """Average gap per (sub-)unit and competency, for the competencies with the largest total gap."""
    if not dashboard.gaps:
        return None
    rows = dashboard.children or [dashboard.total]
    return heatmap(
        [short(r.unit.name) for r in rows],
        [g.competency.code for g in dashboard.gaps],
        [[dashboard.gap_matrix.get((r.unit.id, g.competency.id)) for g in dashboard.gaps] for r in rows],
        title=_("Average gap per unit and competency"),
    )


def ikm_chart(rows: list[UnitFigures], service: dict) -> Markup:
    """Converted IKM per unit."""
    return bar_chart(
        [(short(r.unit.name), service[r.unit.id].ikm if r.unit.id in service else None) for r in rows],
        title=_("Public satisfaction index (IKM) per unit"),
        max_value=100,
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def comparison_tables(rows: list[UnitFigures], service: dict) -> dict[str, list[list]]:
    """The table alternatives of the per-unit charts."""
    return {
        "jp": [[r.unit.name, _pct(r.jp_percent), r.jp_reached, r.jp_with_target] for r in rows],
        "jpm": [[r.unit.name, _pct(r.average_jpm), r.jpm_people] for r in rows],
        "predicates": [[r.unit.name, *[r.predicates.get(p.value, 0) for p in Predicate]] for r in rows],
        "ikm": [
            [
                r.unit.name,
                service[r.unit.id].ikm,
                service[r.unit.id].grade or "—",
                service[r.unit.id].respondents,
            ]
            for r in rows
            if r.unit.id in service
        ],
    }


def dashboard_tables(board: UnitDashboard) -> dict[str, list[list]]:
    """Every table alternative of the unit dashboard."""
    tables = comparison_tables(board.rows, board.service)
    tables["bands"] = [[band.label, count] for band, count in board.total.bands.items()]
    tables["gaps"] = [
        [f"{g.competency.code} {g.competency.name}", g.people_below, g.levels_missing, g.people_required]
        for g in board.gaps
    ]
    tables["box"] = [[box, board.grid.boxes.get(box, 0)] for box in range(9, 0, -1)]
    tables["trend"] = trend_table(board.trend)
    return tables


def trend_chart(points: list) -> Markup:
    """JP compliance and the share of Sangat Baik / Baik over the years."""
    return line_chart(
        [str(p.year) for p in points],
        [
            (_("JP compliance"), [p.jp_percent for p in points]),
            (_("Sangat Baik or Baik"), [p.good_percent for p in points]),
        ],
        title=_("Trend over five years"),
        y_max=100,
        unit="%",
    )


def trend_table(points: list) -> list[list]:
    return [[p.year, _pct(p.jp_percent), _pct(p.good_percent), p.evaluated] for p in points]
