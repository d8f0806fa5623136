"""Colour classes for gaps (heatmap cells and badges); the SVG charts come from `app.charts`."""

from __future__ import annotations


def gap_class(gap: int | None) -> str:
    """CSS class for a gap: far below, below, met or above the standard (none when not required)."""
    if gap is None:
        return "gap-none"
    if gap < 0:
        return "gap-below" if gap > -2 else "gap-far-below"
    return "gap-met" if gap == 0 else "gap-above"
