"""Small helpers shared by the merit views."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask import request
from flask_babel import gettext as _
from markupsafe import Markup

from app.charts import nine_box
from app.merit.enums import Potential, Rating
from app.merit.rules import MAX_YEAR, MIN_YEAR


def year_arg(default: int | None = None) -> int:
    """`?year=` clamped to the supported range (never an error)."""
    year = request.args.get("year", type=int) or default or date.today().year
    return min(max(year, MIN_YEAR), MAX_YEAR)


def box_chart(
    title: str,
    *,
    counts: Mapping[int, int] | None = None,
    highlight: int | None = None,
    links: Mapping[int, str] | None = None,
) -> Markup:
    """The shared 9-box chart with merit's axis names in the user's language."""
    return nine_box(
        title=title,
        counts=counts,
        highlight=highlight,
        links=links,
        axis_labels=(_("Performance (kinerja)"), _("Potential (potensi)")),
        column_labels=[str(r.label) for r in (Rating.BELOW, Rating.MEETS, Rating.ABOVE)],
        row_labels=[str(p.label) for p in (Potential.TINGGI, Potential.MENENGAH, Potential.RENDAH)],
    )
