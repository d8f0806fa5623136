"""Grid charts: a heatmap (people × competencies) and the 9-box talent grid."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup, escape

from app.charts.svg import MUTED, TEXT, document, fmt, rect, text

# Light fills keep dark text readable (WCAG AA) in every cell.
GAP_FILLS = {0: "#cfead4", -1: "#fff0b8", -2: "#ffd6a8", -3: "#f6b8b8"}
MISSING_FILL = "#eceff2"


def gap_fill(value: float | None) -> str:
    """Cell colour for a competency gap (0 or above: green … −3 or below: red)."""
    if value is None:
        return MISSING_FILL
    return GAP_FILLS[max(min(int(value), 0), -3)]


def heatmap(
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    title: str,
    fill: Callable[[float | None], str] = gap_fill,
    cell: int = 34,
    label_w: int = 190,
) -> Markup:
    """A matrix of coloured cells with the value printed in each."""
    width = label_w + len(col_labels) * cell + 10
    height = 60 + len(row_labels) * cell + 10
    body: list[str] = []
    for j, label in enumerate(col_labels):
        body.append(text(label_w + j * cell + cell / 2, 50, label, size=10, anchor="middle", fill=MUTED))
    for i, label in enumerate(row_labels):
        y = 60 + i * cell
        body.append(text(label_w - 8, y + cell / 2, label, anchor="end", size=11))
        for j, value in enumerate(values[i]):
            x = label_w + j * cell
            body.append(
                rect(
                    x + 1,
                    y + 1,
                    cell - 2,
                    cell - 2,
                    fill(value),
                    title=f"{label} – {col_labels[j]}: {fmt(value)}",
                )
            )
            body.append(text(x + cell / 2, y + cell / 2, fmt(value), size=11, anchor="middle", fill=TEXT))
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{col_labels[j]} {fmt(v)}" for j, v in enumerate(values[i]))
        for i, label in enumerate(row_labels)
    )
    return document(width, height, title, desc, body)


# Box numbers laid out as in domain.md §4: rows potential high→low, columns performance low→high.
NINE_BOX_LAYOUT = ((6, 8, 9), (3, 5, 7), (1, 2, 4))
BOX_FILLS = {
    1: "#f6b8b8",
    2: "#ffd6a8",
    3: "#ffd6a8",
    4: "#fff0b8",
    5: "#fff0b8",
    6: "#fff0b8",
    7: "#cfead4",
    8: "#cfead4",
    9: "#a9dbb3",
}


def nine_box(
    *,
    title: str,
    counts: Mapping[int, int] | None = None,
    highlight: int | None = None,
    axis_labels: tuple[str, str] = ("Performance", "Potential"),
    column_labels: Sequence[str] = ("below", "meets", "above"),
    row_labels: Sequence[str] = ("high", "medium", "low"),
    box_labels: Mapping[int, str] | None = None,
    links: Mapping[int, str] | None = None,
    size: int = 110,
) -> Markup:
    """The 9-box grid with a count per box and/or one box highlighted (a person's place).

    `links` makes boxes clickable (box → URL, e.g. the list of the people in it).
    """
    left, top = 100, 10
    width, height = left + 3 * size + 10, top + 3 * size + 50
    body: list[str] = []
    for r, row in enumerate(NINE_BOX_LAYOUT):
        body.append(text(left - 8, top + r * size + size / 2, row_labels[r], anchor="end", size=11))
        for c, box in enumerate(row):
            x, y = left + c * size, top + r * size
            marked = highlight == box
            href = (links or {}).get(box)
            if href:
                label = f"{box}: {counts.get(box, 0)}" if counts is not None else str(box)
                body.append(f'<a href="{escape(href)}" aria-label="{escape(label)}">')
            body.append(
                rect(
                    x + 2,
                    y + 2,
                    size - 4,
                    size - 4,
                    BOX_FILLS[box],
                    stroke=TEXT if marked else "#ffffff",
                    rx=4,
                )
            )
            if marked:
                body.append(rect(x + 5, y + 5, size - 10, size - 10, "none", stroke=TEXT, rx=3))
            body.append(text(x + 10, y + 16, box, size=12, weight="bold"))
            if box_labels and box in box_labels:
                body.append(
                    text(x + size / 2, y + size - 16, box_labels[box], size=9, anchor="middle", fill=MUTED)
                )
            if counts is not None:
                body.append(
                    text(
                        x + size / 2,
                        y + size / 2,
                        counts.get(box, 0),
                        size=22,
                        anchor="middle",
                        weight="bold",
                    )
                )
            elif marked:
                body.append(text(x + size / 2, y + size / 2, "●", size=26, anchor="middle"))
            if href:
                body.append("</a>")
    for c, label in enumerate(column_labels):
        body.append(text(left + c * size + size / 2, top + 3 * size + 14, label, anchor="middle", size=11))
    body.append(
        text(left + 1.5 * size, top + 3 * size + 36, axis_labels[0], anchor="middle", size=12, weight="bold")
    )
    body.append(
        text(16, top + 1.5 * size, axis_labels[1], anchor="middle", size=12, weight="bold", rotate=-90)
    )
    if counts is not None:
        desc = "; ".join(f"{box}: {counts.get(box, 0)}" for box in range(9, 0, -1))
    else:
        desc = f"{highlight}" if highlight else "—"
    return document(width, height, title, desc, body)
