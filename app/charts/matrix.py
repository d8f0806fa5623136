"""A labelled matrix (e.g. the predicate matrix) with one cell marked, and a progress bullet."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from app.charts.svg import GRID, MUTED, PALETTE, TEXT, document, fmt, line, rect, text

MARKED_FILL = "#cfead4"
PLAIN_FILL = "#f4f6f8"


def label_grid(
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    cells: Sequence[Sequence[str]],
    *,
    title: str,
    highlight: tuple[int, int] | None = None,
    axis_labels: tuple[str, str] = ("", ""),
    cell_w: int = 130,
    cell_h: int = 46,
    label_w: int = 130,
) -> Markup:
    """A grid of text cells (rows × columns) with the `highlight` (row, column) cell marked.

    `axis_labels` names the columns' and the rows' dimension (printed above and left).
    """
    top = 44 if axis_labels[0] else 28
    width = label_w + len(col_labels) * cell_w + 10
    height = top + len(row_labels) * cell_h + 10
    body: list[str] = []
    if axis_labels[0]:
        body.append(
            text(
                label_w + len(col_labels) * cell_w / 2,
                10,
                axis_labels[0],
                size=11,
                anchor="middle",
                weight="bold",
            )
        )
    if axis_labels[1]:
        body.append(text(8, 10, axis_labels[1], size=11, weight="bold"))
    for j, label in enumerate(col_labels):
        body.append(
            text(label_w + j * cell_w + cell_w / 2, top - 10, label, size=10, anchor="middle", fill=MUTED)
        )
    for i, label in enumerate(row_labels):
        y = top + i * cell_h
        body.append(text(label_w - 8, y + cell_h / 2, label, size=10, anchor="end", fill=MUTED))
        for j, value in enumerate(cells[i]):
            x = label_w + j * cell_w
            marked = highlight == (i, j)
            body.append(
                rect(x + 1, y + 1, cell_w - 2, cell_h - 2, MARKED_FILL if marked else PLAIN_FILL,
                     stroke=TEXT if marked else GRID, rx=3)
            )  # fmt: skip
            body.append(
                text(x + cell_w / 2, y + cell_h / 2, value, size=11, anchor="middle",
                     weight="bold" if marked else "normal", fill=TEXT)
            )  # fmt: skip
    if highlight is not None:
        r, c = highlight
        desc = f"{row_labels[r]} × {col_labels[c]}: {cells[r][c]}"
    else:
        desc = "—"
    return document(width, height, title, desc, body)


def progress_bar(
    value: float | None,
    target: float,
    *,
    title: str,
    unit: str = "",
    width: int = 480,
    color: str = PALETTE[0],
) -> Markup:
    """One bar of `value` against a `target` marker (e.g. JP earned of the 20 JP target)."""
    height, left, right, bar_y, bar_h = 56, 10, width - 10, 10, 22
    maximum = max(target, value or 0, 1) * 1.1
    plot_w = right - left
    body = [rect(left, bar_y, plot_w, bar_h, PLAIN_FILL, stroke=GRID)]
    w = plot_w * min((value or 0) / maximum, 1)
    body.append(rect(left, bar_y, w, bar_h, color, title=f"{fmt(value)}{unit}"))
    x = left + plot_w * target / maximum
    body.append(line(x, bar_y - 4, x, bar_y + bar_h + 4, stroke=PALETTE[3], width=2))
    body.append(text(x, bar_y + bar_h + 14, f"{fmt(target)}{unit}", size=10, anchor="middle", fill=MUTED))
    body.append(text(left, bar_y + bar_h + 14, f"{fmt(value)}{unit}", size=10, fill=TEXT, weight="bold"))
    return document(width, height, title, f"{fmt(value)}{unit} / {fmt(target)}{unit}", body)
