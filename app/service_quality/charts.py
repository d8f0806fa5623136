"""Geometry of the server-side SVG bar chart of NRR per element (the template draws it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    """One horizontal bar: its label, value text and coordinates in the chart's viewBox."""

    label: str
    value_text: str
    y: float
    width: float


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: bars, gridlines (x, label) and the viewBox size."""

    bars: list[Bar]
    grid: list[tuple[float, str]]
    width: int
    height: int
    plot_left: int
    plot_width: int
    bar_height: int


def nrr_chart(rows: list[tuple[str, float | None]], *, maximum: int = 4, width: int = 640) -> BarChart:
    """Bars for `(label, value)` rows on a 0–`maximum` scale; a missing value draws no bar."""
    plot_left, right_margin, row_height, bar_height, top = 40, 56, 30, 18, 10
    plot_width = width - plot_left - right_margin
    bars = [
        Bar(
            label=label,
            value_text="—" if value is None else f"{value:.2f}",
            y=top + index * row_height,
            width=0.0 if value is None else round(plot_width * min(max(value, 0), maximum) / maximum, 2),
        )
        for index, (label, value) in enumerate(rows)
    ]
    grid = [(plot_left + plot_width * step / maximum, str(step)) for step in range(maximum + 1)]
    height = top + len(rows) * row_height + 20
    return BarChart(bars, grid, width, height, plot_left, plot_width, bar_height)
