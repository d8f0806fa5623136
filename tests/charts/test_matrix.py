"""The labelled matrix (predicate matrix) and the progress bar."""

from __future__ import annotations

from app.charts import label_grid, progress_bar
from tests.charts.test_charts import parse, texts

SVG = "{http://www.w3.org/2000/svg}"


def test_label_grid_marks_one_cell_and_describes_it() -> None:
    root = parse(
        label_grid(
            ["above", "meets", "below"],
            ["below", "meets", "above"],
            [["Kurang", "Baik", "Sangat Baik"], ["Kurang", "Baik", "Baik"], ["Sangat Kurang", "BP", "BP"]],
            title="Predicate",
            highlight=(0, 2),
            axis_labels=("Behaviour", "Results"),
        )
    )
    rects = list(root.iter(f"{SVG}rect"))
    assert len(rects) == 9
    marked = [r for r in rects if r.get("stroke") != "#d5dce3"]
    assert len(marked) == 1 and float(marked[0].get("x")) > float(rects[1].get("x"))
    assert "Sangat Baik" in texts(root)
    assert root.find(f"{SVG}desc").text == "above × above: Sangat Baik"


def test_label_grid_without_highlight_and_escaped() -> None:
    svg = str(label_grid(["<b>"], ["c"], [["x & y"]], title="t"))
    assert "<b>" not in svg and "x &amp; y" in svg
    assert parse(svg).find(f"{SVG}desc").text == "—"


def test_progress_bar_scales_value_against_target() -> None:
    root = parse(progress_bar(10, 20, title="JP", unit=" JP"))
    rects = list(root.iter(f"{SVG}rect"))
    background, bar = float(rects[0].get("width")), float(rects[1].get("width"))
    assert round(bar / background, 3) == round(10 / 22, 3)
    assert "10 JP" in texts(root) and "20 JP" in texts(root)


def test_progress_bar_caps_at_full_width() -> None:
    root = parse(progress_bar(None, 20, title="JP"))
    assert float(list(root.iter(f"{SVG}rect"))[1].get("width")) == 0
