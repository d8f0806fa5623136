"""The unit heatmap: people × competencies coloured by gap, with the unit's JPM, in a fixed number of queries.

Queries per page, whatever the unit's size: the columns (1), the page of people
with their JPM and the total (2), the requirements and current levels of the
page's people (2) and the unit summary (1).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, func, select

from app.competency.enums import JpmBand
from app.competency.models import Competency, PositionRequirement
from app.competency.queries import current_levels, jpm_totals, requirements_of
from app.competency.rules import band_for, gap
from app.competency.services.common import band_thresholds
from app.extensions import db
from app.org.models import User
from app.ui.pagination import paginate_rows

SORTS = ("name", "jpm", "-jpm")


@dataclass(frozen=True)
class Cell:
    """One person × competency: required level (None = not required), current level and gap."""

    required: int | None
    current: int | None

    @property
    def gap(self) -> int | None:
        return None if self.required is None else gap(self.current, self.required)


@dataclass(frozen=True)
class HeatmapRow:
    person: User
    jpm: float | None
    band: JpmBand | None
    cells: list[Cell]


@dataclass(frozen=True)
class UnitSummary:
    """Head count, people with a standard, average JPM and people per band."""

    people: int
    with_standard: int
    average_jpm: float | None
    bands: dict[JpmBand, int]

    @property
    def average_band(self) -> JpmBand | None:
        return band_for(self.average_jpm, band_thresholds())


def heatmap_columns(people: Select) -> list[Competency]:
    """The competencies any of these people's positions requires, in dictionary order."""
    required = (
        select(PositionRequirement.competency_id)
        .join(User, User.position_id == PositionRequirement.position_id)
        .where(User.id.in_(people))
    )
    return list(
        db.session.scalars(
            select(Competency)
            .where(Competency.id.in_(required))
            .order_by(Competency.kind, func.length(Competency.code), Competency.code)
        )
    )


def heatmap_people(people: Select, on: date, sort: str = "name", competency_id: int | None = None) -> Select:
    """Select of `(User, jpm)` rows, sorted by name, JPM or one competency's gap (worst first)."""
    totals = jpm_totals(people, on)
    query = (
        select(User, totals.c.jpm).outerjoin(totals, totals.c.user_id == User.id).where(User.id.in_(people))
    )
    if competency_id is not None:
        current = current_levels(on, people)
        query = query.outerjoin(
            PositionRequirement,
            and_(
                PositionRequirement.position_id == User.position_id,
                PositionRequirement.competency_id == competency_id,
            ),
        ).outerjoin(current, and_(current.c.user_id == User.id, current.c.competency_id == competency_id))
        gap_value = func.coalesce(current.c.level, 0) - PositionRequirement.level
        return query.order_by(
            case((PositionRequirement.level.is_(None), 1), else_=0), gap_value, User.name, User.id
        )
    if sort in ("jpm", "-jpm"):
        nulls_last = case((totals.c.jpm.is_(None), 1), else_=0)
        order = totals.c.jpm.desc() if sort == "-jpm" else totals.c.jpm.asc()
        return query.order_by(nulls_last, order, User.name, User.id)
    return query.order_by(User.name, User.id)


def heatmap_cells(user_ids: list[int], columns: list[Competency], on: date) -> dict[int, list[Cell]]:
    """Cells for the given people (two queries), in column order."""
    if not user_ids or not columns:
        return {uid: [] for uid in user_ids}
    required = requirements_of(user_ids)
    current = current_levels(on, user_ids)
    needed: dict[tuple[int, int], int] = {
        (u, c): lvl
        for u, c, lvl in db.session.execute(
            select(required.c.user_id, required.c.competency_id, required.c.required)
        )
    }
    held: dict[tuple[int, int], int] = {
        (u, c): lvl
        for u, c, lvl in db.session.execute(
            select(current.c.user_id, current.c.competency_id, current.c.level)
        )
    }
    return {uid: [Cell(needed.get((uid, c.id)), held.get((uid, c.id))) for c in columns] for uid in user_ids}


def unit_summary(people: Select, on: date) -> UnitSummary:
    """Average JPM and band counts over the people with a standard (one query)."""
    totals = jpm_totals(people, on)
    thresholds = band_thresholds()
    jpm = totals.c.jpm
    row = db.session.execute(
        select(
            func.count(User.id),
            func.count(jpm),
            func.avg(jpm),
            func.sum(case((jpm >= thresholds.optimal, 1), else_=0)),
            func.sum(case((and_(jpm < thresholds.optimal, jpm >= thresholds.cukup_optimal), 1), else_=0)),
            func.sum(case((jpm < thresholds.cukup_optimal, 1), else_=0)),
        )
        .select_from(User)
        .outerjoin(totals, totals.c.user_id == User.id)
        .where(User.id.in_(people))
    ).one()
    average = round(float(row[2]), 2) if row[2] is not None else None
    bands = {
        JpmBand.OPTIMAL: int(row[3] or 0),
        JpmBand.CUKUP_OPTIMAL: int(row[4] or 0),
        JpmBand.KURANG_OPTIMAL: int(row[5] or 0),
    }
    return UnitSummary(int(row[0] or 0), int(row[1] or 0), average, bands)


def heatmap_page(
    people: Select, on: date, *, sort: str, competency_id: int | None, page: int, per_page: int
) -> tuple[Any, list[Competency], list[HeatmapRow]]:
    """One page of the heatmap: the pagination, the columns and the rows with their cells."""
    columns = heatmap_columns(people)
    pagination = paginate_rows(heatmap_people(people, on, sort, competency_id), page, per_page)
    cells = heatmap_cells([person.id for person, _ in pagination.items], columns, on)
    thresholds = band_thresholds()
    rows = [
        HeatmapRow(
            person,
            None if value is None else round(float(value), 2),
            band_for(value, thresholds),
            cells[person.id],
        )
        for person, value in pagination.items
    ]
    return pagination, columns, rows


def heatmap_csv_rows(people: Select, on: date, batch: int = 500) -> Iterator[list[Any]]:
    """Every row of the heatmap for CSV export, a header first, in batches (bounded queries per batch)."""
    columns = heatmap_columns(people)
    yield ["nip", "name", "position", "jpm", "band", *(c.code for c in columns)]
    query = heatmap_people(people, on, "name")
    thresholds = band_thresholds()
    offset = 0
    while True:
        chunk = db.session.execute(query.limit(batch).offset(offset)).all()
        if not chunk:
            return
        cells = heatmap_cells([p.id for p, _ in chunk], columns, on)
        for person, value in chunk:
            jpm = None if value is None else round(float(value), 2)
            band = band_for(jpm, thresholds)
            yield [
                person.nip or "",
                person.name,
                person.position.name if person.position else "",
                "" if jpm is None else f"{jpm:.2f}",
                band.label if band else "",
                *(
                    ""
                    if c.required is None and c.current is None
                    else f"{c.current or 0}/{c.required or '-'}"
                    for c in cells[person.id]
                ),
            ]
        offset += batch
