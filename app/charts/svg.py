"""Low-level SVG helpers shared by the chart functions."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from markupsafe import Markup, escape

FONT = "DejaVu Sans, Arial, sans-serif"
TEXT = "#1b2733"
MUTED = "#4a5866"
GRID = "#d5dce3"
# Series colours, chosen for contrast against white and against each other.
PALETTE = ("#0b3d5c", "#e09f00", "#2e7d32", "#b3261e", "#6a4c93", "#00838f", "#8d6e63")


def fmt(value: float | None, digits: int = 1) -> str:
    """A number as chart text: no trailing `.0`, a dash for missing values."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def chart_id(*parts: object) -> str:
    """A stable id for `<title>`/`<desc>` references (same input, same id)."""
    return "c" + hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:10]  # noqa: S324


def text(
    x: float,
    y: float,
    content: object,
    *,
    size: int = 12,
    anchor: str = "start",
    fill: str = TEXT,
    weight: str = "normal",
    baseline: str = "middle",
    rotate: int = 0,
) -> str:
    """An escaped `<text>` element (optionally rotated about its anchor point)."""
    turn = f' transform="rotate({rotate} {x:.1f} {y:.1f})"' if rotate else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}"{turn} font-size="{size}" font-family="{FONT}" fill="{fill}" '
        f'text-anchor="{anchor}" dominant-baseline="{baseline}" font-weight="{weight}">'
        f"{escape(str(content))}</text>"
    )


def rect(
    x: float,
    y: float,
    w: float,
    h: float,
    fill: str,
    *,
    stroke: str = "none",
    title: object | None = None,
    rx: float = 0,
) -> str:
    """A `<rect>`, optionally with a tooltip `<title>`."""
    tip = f"<title>{escape(str(title))}</title>" if title is not None else ""
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
        f'fill="{fill}" stroke="{stroke}" rx="{rx}">{tip}</rect>'
    )


def line(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    *,
    stroke: str = GRID,
    width: float = 1,
    dash: str | None = None,
) -> str:
    """A `<line>`."""
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{stroke}" stroke-width="{width}"{dashed}/>'
    )


def document(width: float, height: float, title: str, desc: str, body: Iterable[str]) -> Markup:
    """Wrap chart elements in an accessible, scalable `<svg>`."""
    ident = chart_id(title, desc, width, height)
    return Markup(  # noqa: S704 - every piece of text inside is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'aria-labelledby="{ident}-t {ident}-d">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def nice_max(value: float) -> float:
    """A round upper bound for an axis (1, 2, 2.5, 5 × 10ⁿ)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** len(str(int(value))) / 10 if value >= 1 else 1.0
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude
