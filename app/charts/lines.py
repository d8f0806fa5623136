"""Line chart for trends across periods (years, quarters)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from app.charts.svg import GRID, MUTED, PALETTE, document, fmt, line, nice_max, rect, text


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    y_max: float | None = None,
    unit: str = "",
    width: int = 640,
    height: int = 240,
) -> Markup:
    """One polyline per series over shared x labels; gaps where a value is missing."""
    values = [v for _n, vs in series for v in vs if v is not None]
    maximum = y_max or nice_max(max([*values, 0]))
    left, right, top, bottom = 44, width - 16, 30, height - 28
    step = (right - left) / max(len(labels) - 1, 1)
    body: list[str] = []
    for i in range(5):
        y = bottom - (bottom - top) * i / 4
        body.append(line(left, y, right, y, stroke=GRID))
        body.append(text(left - 4, y, f"{fmt(maximum * i / 4)}{unit}", size=10, anchor="end", fill=MUTED))
    for i, label in enumerate(labels):
        body.append(text(left + i * step, bottom + 14, label, size=10, anchor="middle", fill=MUTED))
    for k, (name, points) in enumerate(series):
        color = PALETTE[k % len(PALETTE)]
        body.append(rect(left + k * 140, 6, 12, 12, color))
        body.append(text(left + k * 140 + 16, 12, name, size=11))
        coords = [
            (left + i * step, bottom - (bottom - top) * min(v / maximum, 1)) if v is not None else None
            for i, v in enumerate(points)
        ]
        segment: list[str] = []
        for point in [*coords, None]:
            if point is None:
                if len(segment) > 1:
                    joined = " ".join(segment)
                    body.append(
                        f'<polyline fill="none" stroke="{color}" stroke-width="2.5" points="{joined}"/>'
                    )
                segment = []
            else:
                segment.append(f"{point[0]:.1f},{point[1]:.1f}")
        for i, point in enumerate(coords):
            if point is not None:
                tip = escape(f"{name} {labels[i]}: {fmt(points[i])}{unit}")
                cx, cy = point
                body.append(
                    f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{color}"><title>{tip}</title></circle>'
                )
    desc = "; ".join(
        f"{name}: " + ", ".join(f"{labels[i]} {fmt(v)}{unit}" for i, v in enumerate(points))
        for name, points in series
    )
    return document(width, height, title, desc, body)
