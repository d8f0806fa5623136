"""Geometry of the predicate trend chart (the template only draws what this computes).

The 9-box and bar charts come from the shared `app.charts` module."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.merit.enums import Predicate

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
