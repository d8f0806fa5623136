"""Geometry for the server-side SVG charts (templates only draw what this computes)."""

from __future__ import annotations

from dataclasses import dataclass

from app.competency.enums import LEVELS

LEVEL_WIDTH = 48
LABEL_WIDTH = 70
ROW_HEIGHT = 34
BAR_HEIGHT = 11


@dataclass(frozen=True)
class BarRow:
    """One competency in the required-vs-current bar chart."""

    label: str
    title: str
    y: int
    required_width: int
    current_width: int
    gap_class: str


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: two bars per competency (required, current) on a 0–5 scale."""

    rows: list[BarRow]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    level_width: int = LEVEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def ticks(self) -> list[tuple[int, int]]:
        """(level, x) for the vertical grid lines."""
        return [(n, LABEL_WIDTH + n * LEVEL_WIDTH) for n in (0, *LEVELS)]


def gap_class(gap: int | None) -> str:
    """CSS class for a gap: below, met or above the standard (none when not required)."""
    if gap is None:
        return "gap-none"
    if gap < 0:
        return "gap-below" if gap > -2 else "gap-far-below"
    return "gap-met" if gap == 0 else "gap-above"


def profile_chart(lines) -> BarChart:
    """Bars for the required competencies of a profile (`ProfileLine`s)."""
    rows = [
        BarRow(
            label=line.competency.code,
            title=line.competency.name,
            y=10 + index * ROW_HEIGHT,
            required_width=(line.required_level or 0) * LEVEL_WIDTH,
            current_width=(line.current_level or 0) * LEVEL_WIDTH,
            gap_class=gap_class(line.gap),
        )
        for index, line in enumerate(lines)
    ]
    return BarChart(rows, LABEL_WIDTH + 5 * LEVEL_WIDTH + 20, 30 + len(rows) * ROW_HEIGHT)
