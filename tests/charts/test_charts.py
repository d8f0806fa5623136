"""The SVG chart module: valid, accessible, escaped, and drawing what it is given."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from app.charts import bar_chart, column_chart, compare_bars, heatmap, line_chart, nine_box, stacked_bars
from app.charts.grids import gap_fill
from app.charts.svg import fmt, nice_max

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(svg) -> ET.Element:
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"s:title[@id='{title_id}']", NS) is not None
    assert root.find(f"s:desc[@id='{desc_id}']", NS) is not None
    assert "style=" not in str(svg)  # the CSP forbids style attributes
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_bar_chart_draws_each_value_and_scales_to_the_maximum() -> None:
    root = parse(bar_chart([("JP", 10), ("Target", 20)], title="JP", max_value=20))
    rects = [r for r in root.iter("{http://www.w3.org/2000/svg}rect")]
    widths = [float(r.get("width")) for r in rects]
    assert widths[0] * 2 == widths[1]
    assert "10" in texts(root) and "20" in texts(root)


def test_labels_are_escaped() -> None:
    svg = str(bar_chart([("<script>alert(1)</script>", 1)], title="x & y"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    parse(svg)


def test_compare_bars_describe_both_series() -> None:
    root = parse(compare_bars([("M.1", 3, 2)], title="Profile", series=("Required", "Current")))
    desc = root.find("s:desc", NS).text
    assert desc == "M.1: Required 3, Current 2"


def test_column_chart_and_stacked_bars_and_lines_are_valid() -> None:
    parse(column_chart([("0–10", 2), ("10–20", 0), ("20–30", 5)], title="Scores"))
    root = parse(stacked_bars([("Unit A", [1, 1, 2])], series=["A", "B", "C"], title="Predicates"))
    assert "Unit A: A 1, B 1, C 2" in root.find("s:desc", NS).text
    root = parse(line_chart(["2025", "2026"], [("JPM", [80, None])], title="Trend", y_max=100))
    assert "2026 —" in root.find("s:desc", NS).text


def test_heatmap_colours_gaps() -> None:
    root = parse(heatmap(["Ani"], ["M.1", "M.2"], [[0, -2]], title="Gaps"))
    fills = [r.get("fill") for r in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert fills == [gap_fill(0), gap_fill(-2)]
    assert gap_fill(None) != gap_fill(0) and gap_fill(-7) == gap_fill(-3) and gap_fill(2) == gap_fill(0)


def test_nine_box_counts_and_highlight() -> None:
    root = parse(nine_box(title="Talent grid", counts={9: 4, 1: 2}))
    assert root.find("s:desc", NS).text.startswith("9: 4; 8: 0")
    root = parse(nine_box(title="Me", highlight=7))
    assert root.find("s:desc", NS).text == "7"


def test_number_helpers() -> None:
    assert fmt(3.0) == "3" and fmt(87.5) == "87.5" and fmt(None) == "—"
    assert nice_max(87) == 100 and nice_max(4) == 5 and nice_max(0) == 1 and nice_max(230) == 250
