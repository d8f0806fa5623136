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

from app.competency.models import Competency
from app.competency.queries import current_levels, jpm_totals, requirements_of
from app.competency.services.jp import earned_subquery, jp_target_for
from app.courses.enums import IN_PROGRESS_STATUSES
from app.courses.models import Enrollment
from app.extensions import db
from app.merit.enums import COUNTED_EVALUATION_STATUSES
from app.merit.models import PerformanceEvaluation
from app.org.enums import Employment
from app.org.models import Unit, User
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

    @property
    def jp_percent(self) -> float | None:
        return None if not self.jp_with_target else round(self.jp_reached * 100.0 / self.jp_with_target, 1)

    @property
    def average_jpm(self) -> float | None:
        return None if not self.jpm_people else round(self.jpm_sum / self.jpm_people, 1)

    @property
    def evaluated(self) -> int:
        return sum(self.predicates.values())


def active_people(unit_ids: Sequence[int]):
    """Select of the ids of the active people in these units' subtrees."""
    return (
        select(User.id)
        .join(Unit, Unit.id == User.unit_id)
        .where(User.active.is_(True), subtrees_condition(unit_ids))
    )


def _target_expression():
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
    target = _target_expression()
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
    people = active_people(ids)
    totals = jpm_totals(people, on)
    jpm_rows = db.session.execute(
        select(Unit.path, func.count(totals.c.jpm), func.sum(totals.c.jpm))
        .select_from(User)
        .join(Unit, Unit.id == User.unit_id)
        .join(totals, totals.c.user_id == User.id)
        .where(in_scope)
        .group_by(Unit.path)
    ).all()
    for unit_id, (count, total) in roll_up(ids, jpm_rows).items():
        result[unit_id].jpm_people, result[unit_id].jpm_sum = int(count), float(total)
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


@dataclass(frozen=True)
class GapTotal:
    """A competency's shortfall in a set of people: who is below standard and by how many levels."""

    competency: Competency
    people_below: int
    levels_missing: int
    people_required: int


def shortfalls(people, on: date):
    """Subquery `(user_id, competency_id, required, current, missing)` over the standards of `people`.

    `missing` is how many levels a person lacks (0 at or above standard; no evidence is level 0).
    """
    required = requirements_of(people)
    current = current_levels(on, people)
    level = func.coalesce(current.c.level, 0)
    shortfall = required.c.required - level
    return (
        select(
            required.c.user_id,
            required.c.competency_id,
            required.c.required,
            level.label("current"),
            case((shortfall > 0, shortfall), else_=0).label("missing"),
        )
        .select_from(required)
        .outerjoin(
            current,
            and_(
                current.c.user_id == required.c.user_id, current.c.competency_id == required.c.competency_id
            ),
        )
        .subquery("shortfalls")
    )


def gap_totals(people, on: date, *, limit: int | None = None) -> list[GapTotal]:
    """Competencies ranked by total gap (levels missing over the people below standard); one query.

    `people` is a select of user ids. Only competencies some position requires appear.
    """
    gaps = shortfalls(people, on)
    query = (
        select(
            gaps.c.competency_id,
            func.sum(case((gaps.c.missing > 0, 1), else_=0)).label("people_below"),
            func.sum(gaps.c.missing).label("levels_missing"),
            func.count().label("people_required"),
        )
        .group_by(gaps.c.competency_id)
        .subquery("gaps")
    )
    statement = (
        select(Competency, query.c.people_below, query.c.levels_missing, query.c.people_required)
        .join(query, query.c.competency_id == Competency.id)
        .where(query.c.levels_missing > 0)
        .order_by(query.c.levels_missing.desc(), query.c.people_below.desc(), Competency.code)
    )
    if limit is not None:
        statement = statement.limit(limit)
    return [
        GapTotal(competency, int(below_n), int(missing_n), int(required_n))
        for competency, below_n, missing_n, required_n in db.session.execute(statement)
    ]


def average_gaps(
    units: Sequence[Unit], competency_ids: Sequence[int], on: date
) -> dict[tuple[int, int], float]:
    """`{(unit id, competency id): average gap}` over the people whose position requires it (one query).

    The gap is `current − required` (0 when at or above standard), so values are ≤ 0.
    """
    ids = [u.id for u in units]
    if not ids or not competency_ids:
        return {}
    gaps = shortfalls(active_people(ids), on)
    rows = db.session.execute(
        select(Unit.path, gaps.c.competency_id, func.sum(gaps.c.missing), func.count())
        .select_from(gaps)
        .join(User, User.id == gaps.c.user_id)
        .join(Unit, Unit.id == User.unit_id)
        .where(gaps.c.competency_id.in_(list(competency_ids)))
        .group_by(Unit.path, gaps.c.competency_id)
    ).all()
    return {
        key: round(-missing_sum / count, 1) if count else 0.0
        for key, (missing_sum, count) in roll_up(ids, rows, keyed=True).items()
    }
