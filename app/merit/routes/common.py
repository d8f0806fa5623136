"""Small helpers shared by the merit views."""

from __future__ import annotations

from datetime import date

from flask import request

from app.merit.rules import MAX_YEAR, MIN_YEAR


def year_arg(default: int | None = None) -> int:
    """`?year=` clamped to the supported range (never an error)."""
    year = request.args.get("year", type=int) or default or date.today().year
    return min(max(year, MIN_YEAR), MAX_YEAR)
