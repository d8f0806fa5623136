"""The HR unit dashboard and the agency comparison, each in a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.merit.rules import Period
from app.merit.services.talent import Calibration, GridCounts, calibration, grid_counts
from app.org.models import Unit
from app.org.permissions import unit_scope_condition
from app.reports.lookups import CertificateCounts, certificate_counts
from app.reports.services.figures import UnitFigures, unit_figures
from app.reports.services.gaps import GapTotal, active_people, gap_cells, ranked_gaps
from app.reports.services.service_quality import ServiceFigures, service_figures
from app.reports.services.trends import TrendPoint, unit_trend

TOP_GAPS = 8


@dataclass
class UnitDashboard:
    """Everything the HR dashboard shows for a unit's subtree and year."""

    unit: Unit
    year: int
    on: date
    total: UnitFigures
    children: list[UnitFigures]
    gaps: list[GapTotal]
    gap_matrix: dict[tuple[int, int], float]
    calibration: Calibration
    grid: GridCounts
    service: dict[int, ServiceFigures]
    certificates: CertificateCounts | None
    trend: list[TrendPoint]

    @property
    def rows(self) -> list[UnitFigures]:
        """The compared rows: the sub-units, or the unit itself when it has none."""
        return self.children or [self.total]


def child_units(unit: Unit) -> list[Unit]:
    """Active direct sub-units, by name."""
    return list(
        db.session.scalars(
            select(Unit).where(Unit.parent_id == unit.id, Unit.active.is_(True)).order_by(Unit.name, Unit.id)
        )
    )


def scoped_units(actor: Any) -> list[Unit]:
    """Active units the actor may report on, in tree order (for the unit filter)."""
    return list(
        db.session.scalars(
            select(Unit).where(Unit.active.is_(True), unit_scope_condition(actor)).order_by(Unit.path)
        )
    )


def unit_dashboard(unit: Unit, year: int, *, today: date | None = None) -> UnitDashboard:
    """Assemble the dashboard (about twenty queries whatever the unit's size)."""
    today = today or date.today()
    on = min(today, date(year, 12, 31))
    children = child_units(unit)
    figures = unit_figures([unit, *children], year, on, today)
    cells = gap_cells([unit, *children], on)
    gaps = ranked_gaps(cells, unit, TOP_GAPS)
    return UnitDashboard(
        unit=unit,
        year=year,
        on=on,
        total=figures[0],
        children=figures[1:],
        gaps=gaps,
        gap_matrix={key: cell.average_gap for key, cell in cells.items()},
        calibration=calibration(unit, Period(year)),
        grid=grid_counts(unit, year),
        service=service_figures(
            [u.id for u in [unit, *children]], date(year, 1, 1), date(year, 12, 31), today
        ),
        certificates=certificate_counts(active_people([unit.id]), year, today),
        trend=unit_trend(unit, year),
    )


def unit_comparison(unit: Unit, year: int, *, today: date | None = None) -> tuple[list[UnitFigures], dict]:
    """Only the comparison table of the dashboard (for its download): rows and service figures."""
    today = today or date.today()
    children = child_units(unit)
    rows = unit_figures(children or [unit], year, min(today, date(year, 12, 31)), today)
    service = service_figures([r.unit.id for r in rows], date(year, 1, 1), date(year, 12, 31), today)
    return rows, service


@dataclass
class AgencyDashboard:
    """Units compared side by side (top-level units, or the sub-units of a chosen one)."""

    parent: Unit | None
    year: int
    rows: list[UnitFigures]
    service: dict[int, ServiceFigures]


def agency_dashboard(year: int, parent: Unit | None = None, *, today: date | None = None) -> AgencyDashboard:
    """The comparison (about ten queries whatever the number of units or people)."""
    today = today or date.today()
    on = min(today, date(year, 12, 31))
    if parent is None:
        units = list(
            db.session.scalars(
                select(Unit)
                .where(Unit.parent_id.is_(None), Unit.active.is_(True))
                .order_by(Unit.name, Unit.id)
            )
        )
    else:
        units = child_units(parent) or [parent]
    return AgencyDashboard(
        parent,
        year,
        unit_figures(units, year, on, today),
        service_figures([u.id for u in units], date(year, 1, 1), date(year, 12, 31), today),
    )
