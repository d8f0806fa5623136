"""A unit's public-service figures for reports: IKM and complaint handling, many units at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from app.extensions import db
from app.org.models import Unit
from app.service_quality.models import Complaint
from app.service_quality.rules.workflow import NOT_RESOLVABLE
from app.service_quality.services.clock import utc_bounds
from app.service_quality.services.queries import open_counts_by_unit
from app.service_quality.services.rollup import roll_up, subtrees_condition
from app.service_quality.services.survey import ikm_by_unit

RESOLVED = ("resolved", "closed")


@dataclass(frozen=True)
class ServiceFigures:
    """IKM (converted, grade, respondents) and complaints (received, resolved, open, overdue)."""

    respondents: int
    ikm: float | None
    grade: str | None
    received: int
    resolved: int
    open: int
    overdue: int

    @property
    def resolved_percent(self) -> float | None:
        return None if not self.received else round(self.resolved * 100.0 / self.received, 1)

    @property
    def present(self) -> bool:
        """Whether there is anything to show (a unit without public services has nothing)."""
        return bool(self.respondents or self.received or self.open)


def service_figures(
    unit_ids: Sequence[int], start: date, end: date, today: date
) -> dict[int, ServiceFigures]:
    """Figures per unit (with its sub-units) for a period: four grouped queries for any number of units."""
    ids = sorted(set(unit_ids))
    if not ids:
        return {}
    ikm = ikm_by_unit(ids, start, end)
    low, high = utc_bounds(start, end)
    resolved = func.sum(case((Complaint.status.in_(RESOLVED), 1), else_=0))
    rows = db.session.execute(
        select(Unit.path, func.count(Complaint.id), resolved)
        .select_from(Complaint)
        .join(Unit, Unit.id == Complaint.unit_id)
        .where(
            subtrees_condition(ids),
            Complaint.received_at >= low,
            Complaint.received_at < high,
            Complaint.status.not_in(NOT_RESOLVABLE),
        )
        .group_by(Unit.path)
    ).all()
    complaints = roll_up(ids, rows)
    open_now = open_counts_by_unit(ids, today)
    result = {}
    for unit_id in ids:
        numbers = ikm[unit_id].ikm.as_numbers()
        received, done = (int(v or 0) for v in complaints.get(unit_id, [0, 0]))
        waiting, late = open_now.get(unit_id, (0, 0))
        result[unit_id] = ServiceFigures(
            numbers["respondents"], numbers["converted"], numbers["grade"], received, done, waiting, late
        )
    return result
