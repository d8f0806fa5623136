"""Unit views: the talent grid, the talent pool and the calibration of predicates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from app.extensions import db
from app.merit.enums import OrgPredicate
from app.merit.models import PerformanceEvaluation, ProfileSnapshot
from app.merit.permissions import visible_merit_condition
from app.merit.rules import TALENT_POOL_BOXES, Period
from app.merit.rules_calibration import CalibrationWarning, Distribution, check_distribution, distribution
from app.org.models import Unit, User
from app.settings.services import get_setting


def in_subtree(unit: Unit) -> ColumnElement[bool]:
    """SQL condition on `User`: active people of the unit and its sub-units."""
    return User.active.is_(True) & User.unit_id.in_(
        select(Unit.id).where(Unit.path.startswith(unit.path, autoescape=True))
    )


@dataclass(frozen=True)
class GridCounts:
    """How many people sit in each box, and how many could not be placed."""

    boxes: dict[int, int]
    people: int
    computed_at: Any

    @property
    def placed(self) -> int:
        return sum(self.boxes.values())

    @property
    def unplaced(self) -> int:
        return self.people - self.placed


def grid_counts(unit: Unit, year: int) -> GridCounts:
    """Counts per box for a unit's subtree (two aggregate queries)."""
    rows = db.session.execute(
        select(ProfileSnapshot.box, func.count(), func.max(ProfileSnapshot.computed_at))
        .join(User, User.id == ProfileSnapshot.user_id)
        .where(in_subtree(unit), ProfileSnapshot.year == year, ProfileSnapshot.box.is_not(None))
        .group_by(ProfileSnapshot.box)
    ).all()
    people = db.session.scalar(select(func.count(User.id)).where(in_subtree(unit))) or 0
    boxes = {box: 0 for box in range(1, 10)}
    computed = [at for _box, _n, at in rows if at is not None]
    for box, count, _at in rows:
        boxes[box] = count
    return GridCounts(boxes, people, max(computed) if computed else None)


def grid_ids(unit: Unit, year: int) -> dict[str, list[int]]:
    """`{"1": [user ids], …, "9": [...]}` for a unit's subtree (one query)."""
    boxes: dict[str, list[int]] = {str(box): [] for box in range(1, 10)}
    rows = db.session.execute(
        select(ProfileSnapshot.box, ProfileSnapshot.user_id)
        .join(User, User.id == ProfileSnapshot.user_id)
        .where(in_subtree(unit), ProfileSnapshot.year == year, ProfileSnapshot.box.is_not(None))
        .order_by(ProfileSnapshot.box, ProfileSnapshot.user_id)
    )
    for box, user_id in rows:
        boxes[str(box)].append(user_id)
    return boxes


def box_people_query(unit: Unit, year: int, boxes: set[int] | frozenset[int]) -> Select:
    """People (with their snapshot) in the given boxes of a unit's subtree, by box then name."""
    return (
        select(User, ProfileSnapshot)
        .join(ProfileSnapshot, ProfileSnapshot.user_id == User.id)
        .where(in_subtree(unit), ProfileSnapshot.year == year, ProfileSnapshot.box.in_(sorted(boxes)))
        .order_by(ProfileSnapshot.box.desc(), User.name, User.id)
    )


def talent_pool_query(actor: Any, year: int, unit: Unit | None = None) -> Select:
    """The talent pool (boxes 7–9) among the people the actor may see, optionally one unit's."""
    query = (
        select(User, ProfileSnapshot)
        .join(ProfileSnapshot, ProfileSnapshot.user_id == User.id)
        .where(
            User.active.is_(True),
            visible_merit_condition(actor),
            ProfileSnapshot.year == year,
            ProfileSnapshot.box.in_(sorted(TALENT_POOL_BOXES)),
        )
        .order_by(ProfileSnapshot.box.desc(), User.name, User.id)
    )
    if unit is not None:
        query = query.where(in_subtree(unit))
    return query


@dataclass(frozen=True)
class Calibration:
    """A unit's predicate distribution for a period and the guidance rules it breaks."""

    period: Period
    org_predicate: OrgPredicate
    distribution: Distribution
    warnings: list[CalibrationWarning]
    drafts: int


def calibration(unit: Unit, period: Period, org_predicate: OrgPredicate | None = None) -> Calibration:
    """Predicates of every evaluation (drafts included) in a unit's subtree for a period."""
    org_predicate = org_predicate or OrgPredicate(get_setting("merit.organisation_predicate"))
    rows = db.session.execute(
        select(PerformanceEvaluation.predicate, PerformanceEvaluation.status, func.count())
        .join(User, User.id == PerformanceEvaluation.user_id)
        .where(in_subtree(unit), PerformanceEvaluation.period == period.code)
        .group_by(PerformanceEvaluation.predicate, PerformanceEvaluation.status)
    ).all()
    counts: dict[str, int] = {}
    drafts = 0
    for predicate, status, count in rows:
        counts[predicate.value] = counts.get(predicate.value, 0) + count
        if status.value == "draft":
            drafts += count
    dist = distribution(counts)
    guidance = get_setting("merit.distribution_guidance")
    return Calibration(period, org_predicate, dist, check_distribution(dist, org_predicate, guidance), drafts)
