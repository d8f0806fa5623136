"""Competency gaps of groups of people: per person and competency, ranked totals, and per unit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, select

from app.competency.models import Competency
from app.competency.queries import current_levels, requirements_of
from app.extensions import db
from app.org.models import Unit, User
from app.service_quality.services.rollup import roll_up, subtrees_condition


def active_people(unit_ids: Sequence[int]):
    """Select of the ids of the active people in these units' subtrees."""
    return (
        select(User.id)
        .join(Unit, Unit.id == User.unit_id)
        .where(User.active.is_(True), subtrees_condition(unit_ids))
    )


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


@dataclass(frozen=True)
class GapCell:
    """A unit subtree's shortfall in one competency."""

    people_below: int
    levels_missing: int
    people_required: int

    @property
    def average_gap(self) -> float:
        """The average of `current − required` (0 at or above standard) over who needs it."""
        return round(-self.levels_missing / self.people_required, 1) if self.people_required else 0.0


def gap_cells(units: Sequence[Unit], on: date) -> dict[tuple[int, int], GapCell]:
    """`{(unit id, competency id): GapCell}` over each unit's active people (one grouped query)."""
    ids = [u.id for u in units]
    if not ids:
        return {}
    gaps = shortfalls(active_people(ids), on)
    rows = db.session.execute(
        select(
            Unit.path,
            gaps.c.competency_id,
            func.sum(case((gaps.c.missing > 0, 1), else_=0)),
            func.sum(gaps.c.missing),
            func.count(),
        )
        .select_from(gaps)
        .join(User, User.id == gaps.c.user_id)
        .join(Unit, Unit.id == User.unit_id)
        .group_by(Unit.path, gaps.c.competency_id)
    ).all()
    return {
        key: GapCell(int(below), int(missing), int(required))
        for key, (below, missing, required) in roll_up(ids, rows, keyed=True).items()
    }


def ranked_gaps(cells: dict[tuple[int, int], GapCell], unit: Unit, limit: int) -> list[GapTotal]:
    """The unit's competencies with the largest total gap, from `gap_cells` (one query for their names)."""
    own = {cid: cell for (uid, cid), cell in cells.items() if uid == unit.id and cell.levels_missing > 0}
    names = {c.id: c for c in db.session.scalars(select(Competency).where(Competency.id.in_(list(own))))}
    ranked = sorted(
        own.items(), key=lambda kv: (-kv[1].levels_missing, -kv[1].people_below, names[kv[0]].code)
    )
    return [
        GapTotal(names[cid], cell.people_below, cell.levels_missing, cell.people_required)
        for cid, cell in ranked[:limit]
    ]
