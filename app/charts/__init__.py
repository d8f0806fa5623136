"""Server-side SVG charts: one small module, the same markup on pages and in PDFs.

Every function returns `Markup` holding an accessible `<svg role="img">` with a
`<title>` and `<desc>`; pair each chart with a table (see `_macros/charts.html`).
No `style` attributes (the CSP forbids them): presentation attributes only.
"""

from app.charts.bars import bar_chart, column_chart, compare_bars, stacked_bars
from app.charts.grids import heatmap, nine_box
from app.charts.lines import line_chart
from app.charts.matrix import label_grid, progress_bar

__all__ = [
    "bar_chart",
    "column_chart",
    "compare_bars",
    "heatmap",
    "label_grid",
    "line_chart",
    "nine_box",
    "progress_bar",
    "stacked_bars",
]
