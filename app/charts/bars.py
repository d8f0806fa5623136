"""Bar charts: horizontal bars, required-vs-current pairs, columns (histograms), stacked bars."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from app.charts.svg import GRID, MUTED, PALETTE, document, fmt, line, nice_max, rect, text

LABEL_W = 180


def _axis(x0: float, width: float, top: float, bottom: float, maximum: float, unit: str) -> list[str]:
    parts = []
    ticks = int(maximum) if maximum <= 10 and float(maximum).is_integer() else 4
    for i in range(ticks + 1):
        value = maximum * i / ticks
        x = x0 + width * i / ticks
        parts.append(line(x, top, x, bottom, stroke=GRID))
        parts.append(text(x, bottom + 12, f"{fmt(value)}{unit}", size=10, anchor="middle", fill=MUTED))
    return parts


def bar_chart(
    items: Sequence[tuple[str, float | None]],
    *,
    title: str,
    unit: str = "",
    max_value: float | None = None,
    width: int = 640,
    bar_height: int = 22,
    color: str = PALETTE[0],
    target: float | None = None,
) -> Markup:
    """Horizontal bars, one per (label, value); an optional dashed target line."""
    maximum = max_value or nice_max(max([v or 0 for _l, v in items] + [target or 0, 0]))
    plot_w = width - LABEL_W - 60
    height = 20 + len(items) * (bar_height + 8) + 24
    body: list[str] = _axis(LABEL_W, plot_w, 10, height - 24, maximum, unit)
    for i, (label, value) in enumerate(items):
        y = 14 + i * (bar_height + 8)
        body.append(text(LABEL_W - 8, y + bar_height / 2, label, anchor="end"))
        w = plot_w * min((value or 0) / maximum, 1)
        body.append(rect(LABEL_W, y, w, bar_height, color, title=f"{label}: {fmt(value)}{unit}"))
        body.append(text(LABEL_W + w + 6, y + bar_height / 2, f"{fmt(value)}{unit}", size=11))
    if target is not None:
        x = LABEL_W + plot_w * min(target / maximum, 1)
        body.append(line(x, 8, x, height - 24, stroke=PALETTE[3], width=2, dash="5 3"))
    desc = "; ".join(f"{label}: {fmt(value)}{unit}" for label, value in items)
    return document(width, height, title, desc, body)


def compare_bars(
    items: Sequence[tuple[str, float | None, float | None]],
    *,
    title: str,
    series: tuple[str, str] = ("Required", "Current"),
    max_value: float = 5,
    width: int = 640,
) -> Markup:
    """Pairs of bars per label (e.g. required vs current level), with a legend."""
    plot_w = width - LABEL_W - 50
    row_h = 34
    height = 34 + len(items) * row_h + 24
    body: list[str] = _axis(LABEL_W, plot_w, 30, height - 24, max_value, "")
    for j, name in enumerate(series):
        body.append(rect(LABEL_W + j * 150, 6, 12, 12, PALETTE[j]))
        body.append(text(LABEL_W + j * 150 + 18, 12, name, size=11))
    for i, (label, first, second) in enumerate(items):
        y = 34 + i * row_h
        body.append(text(LABEL_W - 8, y + 13, label, anchor="end"))
        for j, value in enumerate((first, second)):
            w = plot_w * min((value or 0) / max_value, 1)
            yy = y + j * 13
            body.append(rect(LABEL_W, yy, w, 12, PALETTE[j], title=f"{label} – {series[j]}: {fmt(value)}"))
            body.append(text(LABEL_W + w + 4, yy + 6, fmt(value), size=10))
    desc = "; ".join(f"{label}: {series[0]} {fmt(a)}, {series[1]} {fmt(b)}" for label, a, b in items)
    return document(width, height, title, desc, body)


def column_chart(
    items: Sequence[tuple[str, float | None]],
    *,
    title: str,
    unit: str = "",
    width: int = 640,
    height: int = 240,
    color: str = PALETTE[0],
) -> Markup:
    """Vertical columns (a distribution or a histogram), labels under each column."""
    maximum = nice_max(max([v or 0 for _l, v in items] + [0]))
    left, bottom, top = 40, height - 30, 12
    plot_h = bottom - top
    slot = (width - left - 10) / max(len(items), 1)
    body: list[str] = []
    for i in range(5):
        y = bottom - plot_h * i / 4
        body.append(line(left, y, width - 10, y, stroke=GRID))
        body.append(text(left - 4, y, fmt(maximum * i / 4), size=10, anchor="end", fill=MUTED))
    for i, (label, value) in enumerate(items):
        h = plot_h * (value or 0) / maximum
        x = left + i * slot + slot * 0.15
        body.append(rect(x, bottom - h, slot * 0.7, h, color, title=f"{label}: {fmt(value)}{unit}"))
        body.append(text(x + slot * 0.35, bottom - h - 8, f"{fmt(value)}{unit}", size=10, anchor="middle"))
        body.append(text(x + slot * 0.35, bottom + 14, label, size=10, anchor="middle", fill=MUTED))
    desc = "; ".join(f"{label}: {fmt(value)}{unit}" for label, value in items)
    return document(width, height, title, desc, body)


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[float]]],
    *,
    series: Sequence[str],
    title: str,
    colors: Sequence[str] = PALETTE,
    width: int = 640,
    percent: bool = True,
) -> Markup:
    """One horizontal bar per row split into series (shares of 100% when `percent`)."""
    plot_w = width - LABEL_W - 20
    height = 36 + len(rows) * 30 + 10
    body: list[str] = []
    for j, name in enumerate(series):
        body.append(rect(LABEL_W + (j % 4) * 110, 6 + (j // 4) * 14, 10, 10, colors[j % len(colors)]))
        body.append(text(LABEL_W + (j % 4) * 110 + 14, 11 + (j // 4) * 14, name, size=10))
    top = 36 + (len(series) - 1) // 4 * 14
    for i, (label, values) in enumerate(rows):
        y = top + i * 30
        total = sum(values) if percent else max(sum(values), 1)
        body.append(text(LABEL_W - 8, y + 10, label, anchor="end"))
        x = float(LABEL_W)
        for j, value in enumerate(values):
            w = plot_w * (value / total) if total else 0
            share = f"{fmt(100 * value / total)}%" if percent and total else fmt(value)
            body.append(rect(x, y, w, 20, colors[j % len(colors)], title=f"{label} – {series[j]}: {share}"))
            x += w
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{series[j]} {fmt(v)}" for j, v in enumerate(values))
        for label, values in rows
    )
    return document(width, height + (len(series) - 1) // 4 * 14, title, desc, body)
