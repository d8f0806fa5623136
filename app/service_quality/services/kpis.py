"""Set-wise KPI computations for the merit KPI registry.

Each function has the registry's signature `compute(period_start, period_end,
subject_ids) -> {subject_id: value or None}` and runs a fixed number of grouped
queries whatever the number of subjects. Unit KPIs cover the unit and its
sub-units; officer KPIs count the complaints assigned to the officer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Float, and_, case, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.functions import FunctionElement

from app.extensions import db
from app.merit.enums import KpiLevel
from app.merit.kpi_sources import KpiSource
from app.merit.models import KpiDefinition
from app.merit.rules_kpi import achievement_percent
from app.merit.services.kpis import target_for
from app.org.models import Unit
from app.service_quality.models import Complaint, Innovation, PublicService
from app.service_quality.rules.workflow import NOT_RESOLVABLE
from app.service_quality.services.clock import utc_bounds
from app.service_quality.services.rollup import roll_up, subtrees_condition
from app.service_quality.services.survey import ikm_by_unit

Values = dict[int, float | None]


class hours_between(FunctionElement):  # noqa: N801 - reads like the SQL function it renders
    """`hours_between(start, end)`: hours from one timestamp to another, on SQLite and PostgreSQL."""

    type = Float()
    inherit_cache = True


@compiles(hours_between)
def _hours_default(element: Any, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    return f"(EXTRACT(EPOCH FROM ({compiler.process(end, **kw)} - {compiler.process(start, **kw)})) / 3600.0)"


@compiles(hours_between, "sqlite")
def _hours_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    return f"((julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)})) * 24.0)"


def _within_24h(start_col: Any) -> Any:
    """1 for a complaint resolved within 24 hours of `start_col`, else 0."""
    return case(
        (and_(Complaint.resolved_at.is_not(None), hours_between(start_col, Complaint.resolved_at) <= 24), 1),
        else_=0,
    )


def _ratio(part: float, whole: float, scale: float = 1.0) -> float | None:
    return None if not whole else round(part * scale / whole, 2)


def _unit_complaint_totals(
    unit_ids: Sequence[int], start: date, end: date, *columns: Any
) -> dict[int, list[float]]:
    """Per subject unit (with its sub-units): sums of `columns` over the complaints received in the period.

    Archived complaints and those outside the unit's authority are left out: they are
    not resolved by design.
    """
    low, high = utc_bounds(start, end)
    rows = db.session.execute(
        select(Unit.path, *columns)
        .select_from(Complaint)
        .join(Unit, Unit.id == Complaint.unit_id)
        .where(
            subtrees_condition(unit_ids),
            Complaint.received_at >= low,
            Complaint.received_at < high,
            Complaint.status.not_in(NOT_RESOLVABLE),
        )
        .group_by(Unit.path)
    ).all()
    return roll_up(unit_ids, rows)


def _officer_complaints(user_ids: Sequence[int], start: date, end: date, *columns: Any) -> list[Any]:
    """Rows `(officer id, *columns)` over the complaints assigned to each officer in the period."""
    low, high = utc_bounds(start, end)
    return db.session.execute(
        select(Complaint.officer_id, *columns)
        .where(
            Complaint.officer_id.in_(user_ids),
            Complaint.assigned_at >= low,
            Complaint.assigned_at < high,
            Complaint.status.not_in(NOT_RESOLVABLE),
        )
        .group_by(Complaint.officer_id)
    ).all()


def _per_subject(subject_ids: Sequence[int], totals: dict[Any, list[float]], value, default=None) -> Values:
    values: Values = dict.fromkeys(subject_ids, default)
    values.update({subject: value(*sums) for subject, sums in totals.items()})
    return values


def _officer_totals(rows: list[Any]) -> dict[Any, list[float]]:
    return {officer: [float(v or 0) for v in sums] for officer, *sums in rows}


def unit_resolved_within_24h(period_start: date, period_end: date, subject_ids: list[int]) -> Values:
    """% of the complaints received in the period (not archived or outside authority) resolved within 24 h."""
    totals = _unit_complaint_totals(
        subject_ids, period_start, period_end, func.sum(_within_24h(Complaint.received_at)), func.count()
    )
    return _per_subject(subject_ids, totals, lambda within, count: _ratio(within, count, 100))


def officer_resolved_within_24h(period_start: date, period_end: date, subject_ids: list[int]) -> Values:
    """% of the complaints assigned to the officer in the period resolved within 24 h of assignment."""
    rows = _officer_complaints(
        subject_ids, period_start, period_end, func.sum(_within_24h(Complaint.assigned_at)), func.count()
    )
    return _per_subject(subject_ids, _officer_totals(rows), lambda within, count: _ratio(within, count, 100))


def unit_first_response_hours(period_start: date, period_end: date, subject_ids: list[int]) -> Values:
    """Average hours from receipt to the first step anyone took, over complaints received in the period."""
    hours = func.sum(hours_between(Complaint.received_at, Complaint.first_response_at))
    totals = _unit_complaint_totals(
        subject_ids, period_start, period_end, hours, func.count(Complaint.first_response_at)
    )
    return _per_subject(subject_ids, totals, _ratio)


def officer_first_response_hours(period_start: date, period_end: date, subject_ids: list[int]) -> Values:
    """Average hours from assignment to the officer starting work, over complaints assigned in the period."""
    hours = func.sum(hours_between(Complaint.assigned_at, Complaint.started_at))
    rows = _officer_complaints(subject_ids, period_start, period_end, hours, func.count(Complaint.started_at))
    return _per_subject(subject_ids, _officer_totals(rows), _ratio)


def unit_ikm(period_start: date, period_end: date, subject_ids: list[int]) -> Values:
    """Converted IKM (25–100) of the unit's survey responses submitted in the period; None without any."""
    results = ikm_by_unit(subject_ids, period_start, period_end)
    return {
        unit_id: (None if r.ikm.converted is None else float(r.ikm.as_numbers()["converted"]))
        for unit_id, r in results.items()
    }


def unit_digital_share(period_start: date, period_end: date, subject_ids: list[int]) -> Values:
    """% of the unit's active public services delivered digitally (the register as it stands)."""
    digital = func.sum(case((PublicService.digital.is_(True), 1), else_=0))
    rows = db.session.execute(
        select(Unit.path, digital, func.count())
        .select_from(PublicService)
        .join(Unit, Unit.id == PublicService.unit_id)
        .where(subtrees_condition(subject_ids), PublicService.active.is_(True))
        .group_by(Unit.path)
    ).all()
    return _per_subject(subject_ids, roll_up(subject_ids, rows), lambda part, whole: _ratio(part, whole, 100))


def unit_innovations(period_start: date, period_end: date, subject_ids: list[int]) -> Values:
    """Number of innovations the unit put into practice in the period."""
    rows = db.session.execute(
        select(Unit.path, func.count(Innovation.id))
        .select_from(Innovation)
        .join(Unit, Unit.id == Innovation.unit_id)
        .where(subtrees_condition(subject_ids), Innovation.implemented_on.between(period_start, period_end))
        .group_by(Unit.path)
    ).all()
    return _per_subject(subject_ids, roll_up(subject_ids, rows), float, default=0.0)


KPI_SOURCES: tuple[KpiSource, ...] = (
    # The codes the merit KPI definitions name as their `source`.
    KpiSource(
        "service.resolved_24h",
        _l("Complaints resolved within 24 hours"),
        "unit",
        "%",
        unit_resolved_within_24h,
    ),
    KpiSource(
        "service.officer_resolved_24h",
        _l("Assigned complaints resolved within 24 hours"),
        "person",
        "%",
        officer_resolved_within_24h,
    ),
    KpiSource(
        "service.first_response_hours",
        _l("Average time to first response to a complaint"),
        "unit",
        "hours",
        unit_first_response_hours,
    ),
    KpiSource(
        "service.officer_first_response_hours",
        _l("Average time to start work on an assigned complaint"),
        "person",
        "hours",
        officer_first_response_hours,
    ),
    KpiSource("service.ikm", _l("Public satisfaction index (IKM)"), "unit", "index", unit_ikm),
    KpiSource(
        "service.digital_share", _l("Share of services delivered digitally"), "unit", "%", unit_digital_share
    ),
    KpiSource(
        "service.innovations", _l("Service innovations implemented"), "unit", "count", unit_innovations
    ),
)


@dataclass(frozen=True)
class KpiRow:
    """One of this package's KPIs for a unit and period, with the merit target when one is defined."""

    source: KpiSource
    actual: float | None
    target: float | None = None
    achievement: float | None = None
    definition_code: str | None = None


def kpi_values(unit: Unit, start: date, end: date, period_key: str | None = None) -> list[KpiRow]:
    """Every unit-level KPI of this package for one unit and period (for the dashboards).

    Targets come from the merit KPI definitions that name the source (the period's own
    target, else the default); without a definition the actual value stands alone.
    """
    definitions = {
        d.source: d
        for d in db.session.scalars(
            select(KpiDefinition)
            .options(selectinload(KpiDefinition.targets))
            .where(KpiDefinition.active.is_(True), KpiDefinition.level == KpiLevel.UNIT)
        )
    }
    rows = []
    for source in KPI_SOURCES:
        if source.level != "unit":
            continue
        actual = source.compute(start, end, [unit.id])[unit.id]
        definition = definitions.get(source.code)
        if definition is None:
            rows.append(KpiRow(source, actual))
            continue
        target = target_for(definition, period_key or str(start.year))
        achievement = achievement_percent(actual, target, definition.direction)
        rows.append(KpiRow(source, actual, target, achievement, definition.code))
    return rows
