"""A unit's trend over the last years: JP compliance and the share of good predicates (two queries)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Float, and_, case, cast, func, select

from app.competency.models import JpCredit
from app.extensions import db
from app.merit.enums import COUNTED_EVALUATION_STATUSES, Predicate
from app.merit.models import PerformanceEvaluation
from app.org.models import Unit, User
from app.reports.services.figures import jp_target_expression
from app.reports.services.gaps import active_people

GOOD = (Predicate.SANGAT_BAIK, Predicate.BAIK)


@dataclass(frozen=True)
class TrendPoint:
    """One year: JP compliance (share of today's people who reached the target) and good predicates."""

    year: int
    jp_percent: float | None
    good_percent: float | None
    evaluated: int


def unit_trend(unit: Unit, year: int, years: int = 5) -> list[TrendPoint]:
    """The `years` years up to `year` for the unit's current active people."""
    span = list(range(year - years + 1, year + 1))
    people = active_people([unit.id])
    with_target = (
        db.session.scalar(select(func.count(User.id)).where(User.id.in_(people), jp_target_expression() > 0))
        or 0
    )
    earned = (
        select(JpCredit.user_id, JpCredit.year, func.sum(JpCredit.jp).label("jp"))
        .where(JpCredit.year.in_(span), JpCredit.user_id.in_(people))
        .group_by(JpCredit.user_id, JpCredit.year)
        .subquery("earned")
    )
    target = jp_target_expression()
    reached = dict(
        db.session.execute(
            select(earned.c.year, func.count())
            .join(User, User.id == earned.c.user_id)
            .where(and_(target > 0, cast(earned.c.jp, Float) >= target))
            .group_by(earned.c.year)
        ).all()
    )
    good = func.sum(case((PerformanceEvaluation.predicate.in_(GOOD), 1), else_=0))
    predicates = {
        y: (int(total), int(good_n or 0))
        for y, total, good_n in db.session.execute(
            select(PerformanceEvaluation.year, func.count(), good)
            .where(
                PerformanceEvaluation.user_id.in_(people),
                PerformanceEvaluation.period.in_([str(y) for y in span]),
                PerformanceEvaluation.status.in_(COUNTED_EVALUATION_STATUSES),
            )
            .group_by(PerformanceEvaluation.year)
        )
    }
    points = []
    for y in span:
        total, good_n = predicates.get(y, (0, 0))
        points.append(
            TrendPoint(
                y,
                round(int(reached.get(y, 0)) * 100.0 / with_target, 1) if with_target else None,
                round(good_n * 100.0 / total, 1) if total else None,
                total,
            )
        )
    return points
