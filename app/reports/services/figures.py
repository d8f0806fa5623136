"""Set-wise figures of units: each a grouped query over people per unit path, rolled up into subtrees.

Every function takes the units to report on and answers for each unit's whole subtree
with a fixed number of queries, whatever the number of units or people, so a dashboard
comparing fifty units costs what a dashboard of one unit costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Float, and_, case, cast, func, select

from app.competency.enums import JpmBand
from app.competency.rules import band_for
from app.competency.services.common import band_thresholds
from app.competency.services.jp import earned_subquery, jp_target_for
from app.courses.enums import IN_PROGRESS_STATUSES
from app.courses.models import Enrollment
from app.extensions import db
from app.merit.enums import COUNTED_EVALUATION_STATUSES
from app.merit.models import PerformanceEvaluation
from app.org.enums import Employment
from app.org.models import Unit, User
from app.reports.services.gaps import active_people, shortfalls
from app.service_quality.services.rollup import roll_up, subtrees_condition


@dataclass
class UnitFigures:
    """A unit subtree's people, JP compliance, average JPM and predicate counts for a year."""

    unit: Unit
    people: int = 0
    jp_with_target: int = 0
    jp_reached: int = 0
    jpm_people: int = 0
    jpm_sum: float = 0.0
    predicates: dict[str, int] = field(default_factory=dict)
    overdue: int = 0  # assigned trainings past their due date, not finished
    bands: dict[JpmBand, int] = field(default_factory=lambda: dict.fromkeys(JpmBand, 0))
    average_band: JpmBand | None = None

    @property
    def jp_percent(self) -> float | None:
        return None if not self.jp_with_target else round(self.jp_reached * 100.0 / self.jp_with_target, 1)

    @property
    def average_jpm(self) -> float | None:
        return None if not self.jpm_people else round(self.jpm_sum / self.jpm_people, 1)

    @property
    def evaluated(self) -> int:
        return sum(self.predicates.values())


def _jpm_per_person(people, on: date):
    """Subquery `(user_id, jpm)` for the people with a standard: Σ current ÷ Σ required × 100."""
    gaps = shortfalls(people, on)
    return (
        select(
            gaps.c.user_id,
            (cast(func.sum(gaps.c.current), Float) * 100.0 / func.sum(gaps.c.required)).label("jpm"),
        )
        .group_by(gaps.c.user_id)
        .subquery("jpm")
    )


def jp_target_expression():
    """SQL: the yearly JP target of each person (PNS or PPPK, from the settings)."""
    return case(
        (User.employment == Employment.PPPK, jp_target_for(Employment.PPPK)),
        else_=jp_target_for(Employment.PNS),
    )


def unit_figures(units: Sequence[Unit], year: int, on: date, today: date) -> list[UnitFigures]:
    """Figures for each unit's subtree (five grouped queries); overdue counts as of `today`."""
    ids = [u.id for u in units]
    result = {u.id: UnitFigures(u) for u in units}
    if not ids:
        return []
    in_scope = and_(User.active.is_(True), subtrees_condition(ids))
    earned = earned_subquery(year)
    target = jp_target_expression()
    earned_value = cast(func.coalesce(earned.c.earned, 0.0), Float)
    people_rows = db.session.execute(
        select(
            Unit.path,
            func.count(User.id),
            func.sum(case((target > 0, 1), else_=0)),
            func.sum(case((and_(target > 0, earned_value >= target), 1), else_=0)),
        )
        .select_from(User)
        .join(Unit, Unit.id == User.unit_id)
        .outerjoin(earned, earned.c.user_id == User.id)
        .where(in_scope)
        .group_by(Unit.path)
    ).all()
    for unit_id, (people, with_target, reached) in roll_up(ids, people_rows).items():
        figures = result[unit_id]
        figures.people, figures.jp_with_target, figures.jp_reached = (
            int(people),
            int(with_target),
            int(reached),
        )
    t = band_thresholds()
    jpm = _jpm_per_person(active_people(ids), on).c.jpm
    jpm_rows = db.session.execute(
        select(
            Unit.path,
            func.count(jpm),
            func.sum(jpm),
            func.sum(case((jpm >= t.optimal, 1), else_=0)),
            func.sum(case((and_(jpm < t.optimal, jpm >= t.cukup_optimal), 1), else_=0)),
            func.sum(case((jpm < t.cukup_optimal, 1), else_=0)),
        )
        .select_from(User)
        .join(Unit, Unit.id == User.unit_id)
        .join(jpm.table, jpm.table.c.user_id == User.id)
        .where(in_scope)
        .group_by(Unit.path)
    ).all()
    for unit_id, (count, total, *bands) in roll_up(ids, jpm_rows).items():
        figures = result[unit_id]
        figures.jpm_people, figures.jpm_sum = int(count), float(total)
        figures.bands = dict(zip(JpmBand, (int(n) for n in bands), strict=True))
        figures.average_band = band_for(figures.average_jpm, t)
    predicate_rows = db.session.execute(
        select(Unit.path, PerformanceEvaluation.predicate, func.count())
        .select_from(PerformanceEvaluation)
        .join(User, User.id == PerformanceEvaluation.user_id)
        .join(Unit, Unit.id == User.unit_id)
        .where(
            in_scope,
            PerformanceEvaluation.period == str(year),
            PerformanceEvaluation.status.in_(COUNTED_EVALUATION_STATUSES),
        )
        .group_by(Unit.path, PerformanceEvaluation.predicate)
    ).all()
    for (unit_id, predicate), (count,) in roll_up(ids, predicate_rows, keyed=True).items():
        result[unit_id].predicates[predicate.value] = int(count)
    overdue_rows = db.session.execute(
        select(Unit.path, func.count(Enrollment.id))
        .select_from(Enrollment)
        .join(User, User.id == Enrollment.user_id)
        .join(Unit, Unit.id == User.unit_id)
        .where(in_scope, Enrollment.status.in_(IN_PROGRESS_STATUSES), Enrollment.due_on < today)
        .group_by(Unit.path)
    ).all()
    for unit_id, (count,) in roll_up(ids, overdue_rows).items():
        result[unit_id].overdue = int(count)
    return [result[u.id] for u in units]
