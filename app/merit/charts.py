"""Geometry for the server-side SVG charts (the templates only draw what this computes)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.merit.enums import Potential, Predicate, Rating
from app.merit.rules import NINE_BOX, TALENT_POOL_BOXES

CELL_W, CELL_H = 110, 78
LEFT, TOP = 78, 10
COLUMNS = (Rating.BELOW, Rating.MEETS, Rating.ABOVE)
ROWS = (Potential.TINGGI, Potential.MENENGAH, Potential.RENDAH)


@dataclass(frozen=True)
class BoxCell:
    """One box of the 9-box: where it is drawn and what it shows."""

    box: int
    x: int
    y: int
    width: int
    height: int
    count: int | None
    highlighted: bool
    talent_pool: bool
    href: str | None

    @property
    def center_x(self) -> int:
        return self.x + self.width // 2

    @property
    def center_y(self) -> int:
        return self.y + self.height // 2


@dataclass(frozen=True)
class NineBoxChart:
    cells: list[BoxCell]
    width: int
    height: int
    column_labels: list[tuple[int, Any]]  # (x, label)
    row_labels: list[tuple[int, Any]]  # (y, label)


def nine_box_chart(
    counts: dict[int, int] | None = None,
    *,
    highlight: int | None = None,
    href: Callable[[int], str] | None = None,
) -> NineBoxChart:
    """The 9-box: potential up, performance right; counts per box and/or one box highlighted."""
    cells = []
    for row, potential in enumerate(ROWS):
        for column, performance in enumerate(COLUMNS):
            box = NINE_BOX[(potential, performance)]
            count = counts.get(box, 0) if counts is not None else None
            cells.append(
                BoxCell(
                    box=box,
                    x=LEFT + column * CELL_W,
                    y=TOP + row * CELL_H,
                    width=CELL_W,
                    height=CELL_H,
                    count=count,
                    highlighted=box == highlight,
                    talent_pool=box in TALENT_POOL_BOXES,
                    href=href(box) if href is not None and (count or 0) > 0 else None,
                )
            )
    column_labels = [(LEFT + i * CELL_W + CELL_W // 2, r.label) for i, r in enumerate(COLUMNS)]
    row_labels = [(TOP + i * CELL_H + CELL_H // 2, p.label) for i, p in enumerate(ROWS)]
    return NineBoxChart(cells, LEFT + 3 * CELL_W + 10, TOP + 3 * CELL_H + 44, column_labels, row_labels)


# Predicates from best (top) to worst (bottom) on the trend chart.
TREND_LEVELS = (
    Predicate.SANGAT_BAIK,
    Predicate.BAIK,
    Predicate.BUTUH_PERBAIKAN,
    Predicate.KURANG,
    Predicate.SANGAT_KURANG,
)
TREND_LEFT, TREND_TOP, TREND_STEP_X, TREND_STEP_Y = 130, 14, 90, 34


@dataclass(frozen=True)
class TrendPoint:
    year: int
    x: int
    y: int | None
    predicate: Predicate | None
    box: int | None


@dataclass(frozen=True)
class TrendChart:
    points: list[TrendPoint]
    polyline: str
    width: int
    height: int
    level_labels: list[tuple[int, str]]


def trend_chart(rows: Sequence[tuple[int, Predicate | None, int | None]]) -> TrendChart:
    """Annual predicates over the years as a line (gaps where a year has none)."""
    points = []
    for index, (year, predicate, box) in enumerate(rows):
        y = TREND_TOP + TREND_LEVELS.index(Predicate(predicate)) * TREND_STEP_Y if predicate else None
        points.append(TrendPoint(year, TREND_LEFT + index * TREND_STEP_X, y, predicate, box))
    polyline = " ".join(f"{p.x},{p.y}" for p in points if p.y is not None)
    level_labels = [(TREND_TOP + i * TREND_STEP_Y, level.label) for i, level in enumerate(TREND_LEVELS)]
    width = TREND_LEFT + max(len(rows) - 1, 0) * TREND_STEP_X + 40
    height = TREND_TOP + (len(TREND_LEVELS) - 1) * TREND_STEP_Y + 40
    return TrendChart(points, polyline, width, height, level_labels)


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: float
    y: int
    width: int


def distribution_bars(rows: Sequence[tuple[Predicate, int, float]], *, scale: float = 3.0) -> list[Bar]:
    """Horizontal bars for a predicate distribution (share in percent × `scale` pixels)."""
    return [
        Bar(predicate.label, count, share, 10 + index * 34, round(share * scale))
        for index, (predicate, count, share) in enumerate(rows)
    ]
